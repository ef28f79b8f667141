/**
 * The flagship repair flow out of warranty, played in Chromium by the people who work it: the
 * customer submits, the desk accepts and assigns the technician, the technician quotes, the
 * customer accepts, the cashier takes the payment, the technician repairs, QA passes, the shipper
 * ships, and three days later the customer rates the service. Each checks what they see and what
 * they cannot see.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTask, pickRelation, poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
const XSS = '<img src=x onerror=alert(1)>';
const dialogs: string[] = [];

beforeAll(async () => {
  e2e = await startE2E();
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

function watchDialogs(page: Page): Page {
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  return page;
}

function fieldInput(page: Page, key: string) {
  return page
    .locator(`[data-field="${key}"] input, [data-field="${key}"] select, [data-field="${key}"] textarea`)
    .first();
}

async function act(page: Page, action: string, comment?: string): Promise<void> {
  if (comment) await page.fill('#task-action-comment', comment);
  await page.click(`[data-testid=action-${action}]`);
  await page.waitForSelector('[data-testid=done-notice]');
}

describe('the flagship repair flow in the browser', () => {
  it('out of warranty, by eight people in their own sessions', async () => {
    const ids = await sampleIds(e2e);

    // ── The customer fills the repair request.
    const customer = watchDialogs(await e2e.signIn('customer'));
    await poll(() => customer.locator('.form-links a').allInnerTexts()).toContain('+ Repair request');
    await screenshot(customer, 'home-customer');
    await customer.click('text=+ Repair request');
    await customer.waitForSelector('[data-testid=new-record-form]');
    // Step fields (quote, payment, repair, QA, shipping, rating) are not on the submission form.
    for (const hidden of [
      'quote_fee',
      'payment_amount',
      'diagnosis',
      'qa_result',
      'courier',
      'rating',
      'technician',
    ]) {
      expect(await customer.locator(`[data-field="${hidden}"]`).count()).toBe(0);
    }
    // Their own customer record (linked to their account) is chosen for them; the picker offers
    // only it, never another customer's.
    await poll(() => text(customer.locator('[data-testid=new-repair_request-customer-selected]'))).toBe(
      '王小明',
    );
    await customer.locator('#new-repair_request-customer').fill('王');
    await poll(() =>
      customer.locator('#new-repair_request-customer-list [role=option]').allInnerTexts(),
    ).toEqual(['王小明']);
    await customer.locator('#new-repair_request-customer').fill('');
    await pickRelation(customer, 'new-repair_request-product', ids.product(1));
    await customer.fill('#new-repair_request-serial_number', 'SN-0001');
    await customer.fill('#new-repair_request-purchase_date', '2020-01-15');
    await customer.selectOption('#new-repair_request-fault_category', { index: 1 });
    await customer.fill('#new-repair_request-description', `Screen flickers ${XSS}`);
    // The formula runs in the browser as the user types: bought in 2020, so out of warranty.
    await poll(() => text(customer.locator('[data-testid=value-in_warranty]'))).toBe('No');
    await screenshot(customer, 'new-repair-request');
    await customer.click('[data-testid=submit-record]');
    await customer.waitForSelector('[data-testid=created-notice]');
    const recordId = new URL(customer.url()).pathname.split('/').pop()!;
    await poll(() => text(customer.locator('[data-testid=case-title]'))).toMatch(/^RMA-\d{8}-\d{4}$/);
    await poll(() => text(customer.locator('[data-testid=current-step]'))).toContain('Intake');
    await poll(() => text(customer.locator('[data-testid=value-description]'))).toBe(
      `Screen flickers ${XSS}`,
    );
    await screenshot(customer, 'case-submitted');

    // ── The desk accepts it and assigns the technician.
    const desk = watchDialogs(await e2e.signIn('desk'));
    await openTask(desk, recordId, 'intake');
    expect(await desk.inputValue('#task-description')).toBe(`Screen flickers ${XSS}`);
    expect(await desk.locator('img[src="x"]').count()).toBe(0);
    expect(await desk.locator('[data-field=quote_fee]').count()).toBe(0);
    // The desk finds the technician by typing part of the name and picks them with the keyboard;
    // the field stores the user id.
    const technician = desk.getByRole('combobox', { name: 'Technician' });
    expect(await technician.getAttribute('id')).toBe('task-technician');
    await technician.fill('张工');
    const options = desk.locator('#task-technician-list [role=option]');
    // A person reads as their name and their role in the app, once (not the username and role key).
    await poll(() => options.allInnerTexts()).toEqual(['张工 · Technician']);
    await technician.press('ArrowDown');
    expect(await technician.getAttribute('aria-activedescendant')).toBe('task-technician-list-0');
    await technician.press('Enter');
    await poll(() => text(desk.getByTestId('task-technician-selected'))).toBe('张工');
    expect(await fieldInput(desk, 'technician').inputValue()).toBe('');
    await screenshot(desk, 'task-intake');
    await act(desk, 'approve', 'Accepted, tech assigned');
    const assigned = await e2e.api<{ record: { data: { technician?: string } } }>(
      'admin',
      'GET',
      `/api/v1/records/${recordId}`,
    );
    expect(assigned.record.data.technician).toBe(ids.user('tech'));

    // ── The technician quotes; they do not see payment fields at this step.
    const tech = watchDialogs(await e2e.signIn('tech'));
    await openTask(tech, recordId, 'quote');
    expect(await tech.locator('[data-field=payment_amount]').count()).toBe(0);
    // Beside the form, the knowledge base's known faults of the request's fault category.
    const { record } = await e2e.api<{ record: { data: { fault_category: string } } }>(
      'admin',
      'GET',
      `/api/v1/records/${recordId}`,
    );
    const faults = (
      await e2e.api<{ items: unknown[] }>(
        'admin',
        'GET',
        `/api/v1/apps/after_sales/forms/known_faults/records?limit=100&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'product_category' }, record.data.fault_category] }))}`,
      )
    ).items.length;
    expect(faults).toBeGreaterThan(0);
    const known = tech.locator('[data-testid=related-matching_faults]');
    await poll(() => known.locator('[data-testid=related-item]').count()).toBe(Math.min(faults, 20));
    expect(await text(known.locator('h2'))).toBe('Known faults for this category');
    expect(await known.locator('[data-testid=related-item] [data-field=fix]').count()).toBe(
      Math.min(faults, 20),
    );
    await screenshot(tech, 'task-related-faults');
    await tech.fill('#task-quote_fee', '300');
    await tech.fill('#task-quote_days', '3');
    await act(tech, 'submit');

    // ── The customer gets the quote (bell), accepts it and chooses cash.
    await e2e.server.jobs.outbox.runOnce();
    await customer.goto('/');
    await poll(() => text(customer.locator('[data-testid=unread-count]'))).toMatch(/^[1-9]/);
    await openTask(customer, recordId, 'customer_decision');
    await poll(() => text(customer.locator('[data-testid=value-quote_fee]'))).toContain('300');
    expect(await customer.locator('[data-field=technician]').count()).toBe(0);
    await customer.selectOption('#task-payment_method', 'cash');
    await act(customer, 'approve');

    // ── The cashier takes the payment; no diagnosis or description on their screen.
    const cashier = watchDialogs(await e2e.signIn('cashier'));
    await openTask(cashier, recordId, 'payment');
    expect(await cashier.locator('[data-field=diagnosis]').count()).toBe(0);
    expect(await cashier.locator('[data-field=description]').count()).toBe(0);
    await cashier.fill('#task-payment_amount', '300');
    await cashier.fill('#task-payment_reference', 'R-1');
    await screenshot(cashier, 'task-payment');
    await act(cashier, 'submit');

    // ── The technician repairs: table rows and live formulas.
    await openTask(tech, recordId, 'repair');
    await tech.fill('#task-diagnosis', 'Loose display cable');
    await tech.click('text=+ Add row');
    await tech.fill('#task-parts-0-part_name', 'Cable');
    await tech.fill('#task-parts-0-qty', '2');
    await tech.fill('#task-parts-0-unit_price', '15');
    await tech.fill('#task-labour_fee', '50');
    await poll(() => text(tech.locator('[data-testid=value-parts_total]'))).toContain('30.00');
    await poll(() => text(tech.locator('[data-testid=value-repair_total]'))).toContain('80.00');
    await screenshot(tech, 'task-repair');
    await act(tech, 'submit');

    // ── QA passes it.
    const qa = watchDialogs(await e2e.signIn('qa'));
    await openTask(qa, recordId, 'qa');
    await qa.selectOption('#task-qa_result', 'pass');
    await act(qa, 'approve');

    // ── The shipper ships; they see only shipping fields.
    const shipper = watchDialogs(await e2e.signIn('shipper'));
    await openTask(shipper, recordId, 'ship');
    expect(await shipper.locator('[data-field=quote_fee]').count()).toBe(0);
    expect(await shipper.locator('[data-field=payment_amount]').count()).toBe(0);
    await shipper.selectOption('#task-courier', 'sf');
    await shipper.fill('#task-tracking_number', 'SF123456');
    await act(shipper, 'submit');

    // ── The customer is told (bell → notification → case) and rates after three days.
    await e2e.server.jobs.outbox.runOnce();
    await customer.goto('/notifications');
    const note = customer.locator('.notifications li', { hasText: 'SF123456' }).first();
    await note.waitFor();
    await screenshot(customer, 'notifications');
    await note.locator('button').click();
    await customer.waitForSelector('[data-testid=timeline]');
    expect(new URL(customer.url()).pathname).toBe(`/cases/${recordId}`);

    e2e.clock.advance(3 * 86_400_000 + 1000);
    await e2e.server.jobs.timers.runOnce();
    await openTask(customer, recordId, 'survey');
    await customer.click('[data-field=rating] label:nth-child(5)');
    await customer.fill('#task-comment', '很好');
    await act(customer, 'submit');
    await customer.locator('.badge.status-done').waitFor();

    // ── The case page tells the story: who did what, which fields changed from what to what.
    await desk.goto(`/cases/${recordId}`);
    const timeline = desk.locator('[data-testid=timeline]');
    await poll(() => text(timeline)).toContain('Accepted, tech assigned');
    await poll(() => text(timeline)).toContain('Quoted fee');
    await poll(() => text(timeline)).toContain('SF123456');
    // People show by display name (the app's user directory), not by a short id.
    await poll(() => text(timeline)).toContain('张工');
    await poll(() => text(desk.getByTestId('value-technician'))).toBe('张工');
    await poll(() => text(desk.locator('[data-testid=value-repair_total]'))).toContain('80.00');
    await screenshot(desk, 'case-timeline');

    // The cashier backfills (补录) the payment reference; the timeline records from → to.
    await cashier.goto(`/cases/${recordId}`);
    await cashier.click('.backfill summary');
    await cashier.locator('.backfill [data-field=payment_reference] input').fill('R-2');
    await cashier.click('.backfill button:has-text("Save backfill")');
    await poll(() => text(cashier.getByTestId('value-payment_reference'))).toBe('R-2');
    await poll(() => text(cashier.getByTestId('timeline'))).toContain('backfilled');

    // A customer's case page never shows staff-only fields.
    await customer.goto(`/cases/${recordId}`);
    await customer.waitForSelector('[data-testid=timeline]');
    for (const staffOnly of ['diagnosis', 'qa_result', 'technician', 'parts'])
      expect(await customer.locator(`[data-field="${staffOnly}"]`).count()).toBe(0);

    expect(dialogs).toEqual([]);
  }, 240_000);
});
