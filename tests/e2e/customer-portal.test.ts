/**
 * The customer's portal, as a customer uses it: their requests one click from home, a quote they
 * accept in their own words, no internal deadlines, staff named as staff (never by raw id), and no
 * console errors on the way.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTask, poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
let ids: Awaited<ReturnType<typeof sampleIds>>;

beforeAll(async () => {
  e2e = await startE2E();
  ids = await sampleIds(e2e);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

/** Console errors a page logs (a 403 the page asked for shows here too). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return errors;
}

describe('the customer portal', () => {
  it('lists their requests from home and lets them accept a quote, with no staff internals in sight', async () => {
    const own = await e2e.api<{ items: { id: string }[] }>(
      'customer',
      'GET',
      '/api/v1/apps/after_sales/forms/customers/records',
    );
    const created = await e2e.api<{ record: { id: string } }>(
      'customer',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: own.items[0]!.id,
          product: ids.product(1),
          purchase_date: '2020-01-15',
          fault_category: 'phone',
          description: 'Screen flickers',
        },
      },
    );
    const id = created.record.id;
    const tasks = async (user: string) =>
      (
        await e2e.api<{ items: { id: string; recordId: string; node: string }[] }>(
          user,
          'GET',
          '/api/v1/tasks?status=open',
        )
      ).items;
    const intake = (await tasks('desk')).find((t) => t.recordId === id && t.node === 'intake')!;
    await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
      action: 'approve',
      data: { technician: ids.user('tech') },
      comment: 'internal: check stock first',
    });
    const quote = (await tasks('tech')).find((t) => t.recordId === id && t.node === 'quote')!;
    await e2e.api('tech', 'POST', `/api/v1/tasks/${quote.id}/complete`, {
      action: 'submit',
      data: { quote_fee: 300, quote_days: 3 },
    });

    const page = await e2e.signIn('customer', { lang: 'zh-CN' });
    const errors = consoleErrors(page);
    await page.click('[data-testid=my-records-repair_request]');
    await page.waitForSelector(`a[href*="${id}"]`);
    await screenshot(page, 'customer-my-requests');
    await page.click(`a[href*="${id}"]`);
    await page.waitForSelector('[data-testid=timeline]');
    const timeline = await text(page.getByTestId('timeline'));
    expect(timeline).toContain('工作人员');
    // No raw ids (hex with a letter; dates and case numbers are digits).
    expect(timeline, timeline).not.toMatch(/\b(?=[0-9a-f]*[a-f])[0-9a-f]{8}\b/);
    expect(timeline).not.toContain('internal: check stock first');
    expect(await page.locator('.sla').count()).toBe(0);
    await screenshot(page, 'customer-case');

    await openTask(page, id, 'customer_decision');
    expect(await text(page.getByTestId('action-approve'))).toBe('接受报价');
    expect(await text(page.getByTestId('action-reject'))).toBe('拒绝报价');
    expect(await page.locator('.sla').count()).toBe(0);
    await screenshot(page, 'customer-quote');
    await page.selectOption('#task-payment_method', 'cash').catch(() => undefined);
    await page.click('[data-testid=action-approve]');
    await poll(() => Promise.resolve(page.url())).toContain(id);
    expect(errors).toEqual([]);
  }, 120_000);
});

describe('a follow-up survey started from the case', () => {
  it('the desk starts it from the repair case, the case fields are filled and kept, and the survey links back', async () => {
    await e2e.api('admin', 'POST', '/api/v1/apps', { template: 'satisfaction', sampleData: false });
    const own = await e2e.api<{ items: { id: string }[] }>(
      'customer',
      'GET',
      '/api/v1/apps/after_sales/forms/customers/records',
    );
    const created = await e2e.api<{ record: { id: string; data: { rma_no: string } } }>(
      'customer',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: own.items[0]!.id,
          product: ids.product(1),
          purchase_date: '2020-01-15',
          fault_category: 'phone',
          description: 'Follow me up',
        },
      },
    );
    const page = await e2e.signIn('desk', { lang: 'zh-CN' });
    await page.goto(`/cases/${created.record.id}`);
    await page.click('[data-testid=start-survey]');
    await page.waitForSelector('[data-testid=submit-record]:not([disabled])');
    // The source case is filled in and cannot be typed over.
    await poll(() => page.locator('[data-field=reference]').innerText()).toContain(
      created.record.data.rma_no,
    );
    expect(await page.locator('#new-survey-source_record').count()).toBe(0);
    await screenshot(page, 'follow-up-survey-new');
    await page.fill('#new-survey-customer_name', '王小明');
    await page.fill('#new-survey-customer_phone', '+86 138-0000-0001');
    await page.click('[data-testid=submit-record]');
    await page.waitForSelector('[data-testid=source-link]');
    expect(await text(page.getByTestId('source-link'))).toContain(created.record.data.rma_no);
    await page.click('[data-testid=source-link] a');
    await poll(() => Promise.resolve(page.url())).toContain(created.record.id);
  }, 120_000);
});
