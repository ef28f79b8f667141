/**
 * 抄送 and 催办 in Chromium. On the flagship template: the customer urges their open intake from
 * the case page (an optional message; then the time until the next urge shows, for the supervisor
 * too) and the desk is reminded; an intake past its hour is copied to the supervisor, whose
 * 抄送我的 tab lists it until they open it. On a small app: someone outside it, copied on a case,
 * opens it read-only with the copy's fields. Screenshots in Chinese and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

/** A repair request filed by the demo customer for their own customer record. */
async function repairRequest(description: string): Promise<string> {
  const own = await e2e.api<{ items: { id: string }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records',
  );
  const products = await e2e.api<{ items: { id: string; data: { category: string } }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  const product = products.items[0]!;
  const created = await e2e.api<{ record: { id: string } }>(
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: own.items[0]!.id,
        product: product.id,
        purchase_date: '2024-01-10',
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: product.data.category,
        description,
      },
    },
  );
  return created.record.id;
}

beforeAll(async () => {
  e2e = await startE2E();
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('催办 on the case page', () => {
  it('the customer urges the intake with a message; the desk is reminded; the supervisor sees when it may be urged again', async () => {
    const recordId = await repairRequest('The screen stays black');
    const customer = await e2e.signIn('customer', { lang: 'en', width: 390, height: 844 });
    await customer.goto(`/cases/${recordId}`);
    const urge = customer.locator('[data-testid=current-step] [data-testid=urge]');
    await urge.waitFor();
    expect(await text(urge)).toBe('Urge');
    await urge.click();
    await customer
      .locator('[data-testid=urge-form] textarea')
      .fill('I need the phone for work, please hurry');
    await screenshot(customer, 'urge-form-en');
    await customer.click('[data-testid=urge-send]');
    await poll(() => text(customer.locator('[data-testid=urge-wait]'))).toMatch(
      /Urged · again in (59|60) min|1 h/,
    );
    expect(await customer.locator('[data-testid=urge]').count()).toBe(0);
    await poll(() => text(customer.locator('[data-testid=timeline]'))).toContain('urged');
    await screenshot(customer, 'urge-sent-en');

    // The desk gets the reminder with the message.
    await e2e.server.jobs.outbox.runOnce();
    const notes = await e2e.api<{ title: string; body: string; recordId: string | null }[]>(
      'desk',
      'GET',
      '/api/v1/notifications',
    );
    expect(notes.find((n) => n.recordId === recordId)).toMatchObject({
      title: expect.stringContaining('催办：受理'),
      body: expect.stringContaining('I need the phone for work'),
    });

    // The supervisor may urge too, but not within the hour: the page says when (Chinese).
    const supervisor = await e2e.signIn('supervisor', { lang: 'zh-CN' });
    await supervisor.goto(`/cases/${recordId}`);
    await poll(() =>
      text(supervisor.locator('[data-testid=current-step] [data-testid=urge-wait]')),
    ).toContain('后可再次催办');
    await screenshot(supervisor, 'urge-wait-zh');
    // Staff who are neither the submitter nor supervising have no button.
    const tech = await e2e.signIn('tech', { lang: 'zh-CN' });
    await tech.goto(`/cases/${recordId}`);
    await tech.waitForSelector('[data-testid=current-step]');
    expect(await tech.locator('[data-testid=urge], [data-testid=urge-wait]').count()).toBe(0);
  });
});

describe('抄送我的', () => {
  it("lists the supervisor's copy of an escalated intake, opens the case and marks it read", async () => {
    const recordId = await repairRequest('Battery swells');
    e2e.clock.advance(61 * 60_000);
    await e2e.server.jobs.timers.runOnce();
    const page = await e2e.signIn('supervisor', { lang: 'zh-CN' });
    await page.goto('/inbox?tab=copied');
    const row = page.locator(`[data-testid=copy-row][data-record="${recordId}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-reason')).toBe('sla.breach');
    expect(await text(row)).toContain('「受理」已超时');
    expect(await text(row)).toContain('未读');
    expect(await page.getAttribute('[data-testid=tab-copied]', 'aria-disabled')).toBeNull();
    await screenshot(page, 'copies-tab-zh');
    await row.locator('a').click();
    await page.waitForSelector('[data-testid=timeline]');
    expect(page.url()).toContain(`/cases/${recordId}`);
    await poll(() => text(page.locator('[data-testid=timeline]'))).toContain('抄送了');
    // Read now: the unread list no longer has it, "all" still does.
    await page.goto('/inbox?tab=copied');
    await page.waitForSelector('[data-testid=copies]');
    await poll(() => page.locator(`[data-testid=copy-row][data-record="${recordId}"]`).count()).toBe(0);
    await page.click('[data-testid=copies-all]');
    await page.locator(`[data-testid=copy-row][data-record="${recordId}"]`).waitFor();

    const en = await e2e.signIn('supervisor', { lang: 'en' });
    await en.goto('/inbox?tab=copied');
    await en.click('[data-testid=copies-all]');
    await en.locator(`[data-testid=copy-row][data-record="${recordId}"]`).waitFor();
    expect(await text(en.locator(`[data-testid=copy-row][data-record="${recordId}"]`))).toContain(
      '“Intake” ran past its deadline',
    );
    await screenshot(en, 'copies-tab-en');
  });

  it('someone outside the app opens a copied case read-only, with the copy’s fields only', async () => {
    const users = await e2e.api<{ id: string; username: string }[]>('admin', 'GET', '/api/v1/users');
    const ops = users.find((u) => u.username === 'ops')!.id;
    await e2e.api('admin', 'POST', '/api/v1/apps', {
      bundle: {
        format: 'flowcase/app@1',
        key: 'claims_cc',
        name: { en: 'Claims', zh: '理赔' },
        version: '1.0.0',
        roles: [{ key: 'cc_desk', name: { en: 'Claims desk', zh: '理赔受理' } }],
        forms: [
          {
            key: 'claim',
            name: { en: 'Claim', zh: '理赔单' },
            fields: [
              { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
              { key: 'amount', type: 'money', label: { en: 'Amount', zh: '金额' } },
              { key: 'secret_note', type: 'textarea', label: { en: 'Internal note', zh: '内部备注' } },
            ],
          },
        ],
        flows: [
          {
            key: 'handle',
            name: { en: 'Handle a claim', zh: '理赔处理' },
            form: 'claim',
            trigger: { on: 'record.created' },
            start: 'review',
            nodes: {
              review: {
                type: 'task',
                name: { en: 'Review the claim', zh: '理赔审核' },
                assignee: { role: 'cc_desk' },
                cc: [{ user: ops }],
                fields: { visible: ['title', 'amount'] },
                next: 'done',
              },
              done: { type: 'end' },
            },
          },
        ],
        dashboards: [],
      },
    });
    await e2e.api('admin', 'POST', '/api/v1/users', {
      username: 'cc_desk1',
      displayName: '刘受理',
      roles: ['cc_desk'],
      password: PASSWORD,
      language: 'zh-CN',
    });
    const created = await e2e.api<{ record: { id: string } }>(
      'cc_desk1',
      'POST',
      '/api/v1/apps/claims_cc/forms/claim/records',
      {
        data: { title: 'Cracked screen claim', amount: 1200, secret_note: 'Check for fraud' },
      },
    );
    const page = await e2e.signIn('ops', { lang: 'zh-CN' });
    await page.goto('/inbox?tab=copied');
    const row = page.locator(`[data-testid=copy-row][data-record="${created.record.id}"]`);
    await row.waitFor();
    expect(await text(row)).toContain('抄送节点：「理赔审核」');
    await row.locator('a').click();
    await page.waitForSelector('[data-testid=via-copy]');
    const details = await text(page.locator('.case-grid'));
    expect(details).toContain('Cracked screen claim');
    expect(details).toContain('1,200');
    expect(details).not.toContain('Check for fraud');
    expect(await page.locator('[data-testid=current-step] a.button').count()).toBe(0);
    await screenshot(page, 'copy-read-only-zh');
  });
});
