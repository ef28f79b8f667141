/**
 * The web app for two flow semantics of issue 17. Rejecting at the after-sales intake asks for the
 * reason under the name of the field it is written to (不予受理原因 / Reason for rejection),
 * refuses a blank one, and the case's timeline then shows the reason landing in that field. A case
 * ended by a rejection inside a parallel branch says in its timeline which branch ended it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
let ids: Awaited<ReturnType<typeof sampleIds>>;

beforeAll(async () => {
  e2e = await startE2E();
  ids = await sampleIds(e2e);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

async function repairRequest(): Promise<string> {
  const view = await e2e.api<{ record: { id: string } }>(
    'desk',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: ids.customer,
        product: ids.product(1),
        purchase_date: '2020-01-15',
        fault_category: 'phone',
        description: 'Screen cracked after a fall',
      },
    },
  );
  return view.record.id;
}

describe('reasons into fields, in the web app', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`rejecting at intake asks for the 不予受理原因 by name and writes it to the case (${lang})`, async () => {
      const zh = lang === 'zh-CN';
      const id = await repairRequest();
      const page = await e2e.signIn('desk', { lang });
      await page.goto('/inbox');
      await page.locator(`[data-testid=task-row][data-record="${id}"][data-node=intake] a`).click();
      await page.waitForSelector('[data-testid=action-reject]:not([disabled])');
      // The intake no longer offers the reason as a form field: it comes from the rejection.
      expect(await page.locator('[data-testid=task-form] [data-field=reject_reason]').count()).toBe(0);
      await page.click('[data-testid=action-reject]');
      const label = page.locator('label[for=task-action-comment]');
      await poll(() => text(label)).toBe(zh ? '不予受理原因 *' : 'Reason for rejection *');
      await poll(() => text(page.getByTestId('reason-note'))).toBe(
        zh ? '将写入本单的“不予受理原因”。' : 'Saved on the case as “Reason for rejection”.',
      );
      await page.click('[data-testid=confirm-reject]');
      await poll(() => text(page.getByTestId('task-message'))).toBe(
        zh ? '请填写不予受理原因。' : 'Reason for rejection is required.',
      );
      await page.fill(
        '#task-action-comment',
        zh ? '人为损坏，不在保修范围内' : 'Physical damage is not covered',
      );
      await screenshot(page, `reject-reason-${lang}`);
      await page.click('[data-testid=confirm-reject]');
      await page.waitForSelector('[data-testid=done-notice]');
      const timeline = page.getByTestId('timeline');
      await poll(() => text(timeline)).toContain(
        zh
          ? '不予受理原因：人为损坏，不在保修范围内'
          : 'Reason for rejection: Physical damage is not covered',
      );
      await screenshot(page, `reject-reason-timeline-${lang}`);
    }, 90_000);
  }
});

describe('an end inside a parallel branch, in the web app', () => {
  it('the timeline says which branch ended the case', async () => {
    const bundle: unknown = JSON.parse(
      readFileSync(new URL('../golden/order-review.bundle.json', import.meta.url), 'utf8'),
    );
    await e2e.api('admin', 'POST', '/api/v1/apps', { bundle, sampleData: false });
    const order = await e2e.api<{ record: { id: string } }>(
      'admin',
      'POST',
      '/api/v1/apps/replacement_orders/forms/replacement_order/records',
      { data: { customer_name: 'Ada Brown', product: 'Blender B7', value: 420 } },
    );
    const tasks = await e2e.api<{ instance: { tasks: { id: string; node: string; status: string }[] } }>(
      'admin',
      'GET',
      `/api/v1/records/${order.record.id}`,
    );
    const logistics = tasks.instance.tasks.find((x) => x.node === 'logistics_check' && x.status === 'open')!;
    await e2e.api('shipper', 'POST', `/api/v1/tasks/${logistics.id}/complete`, {
      action: 'reject',
      comment: 'No carrier serves the address',
    });
    for (const lang of ['zh-CN', 'en'] as const) {
      const page = await e2e.signIn('admin', { lang });
      await page.goto(`/cases/${order.record.id}`);
      // Compared trimmed: whether the separator's leading space shows depends on what precedes it.
      await poll(async () => (await text(page.getByTestId('ended-in-branch'))).trim()).toBe(
        lang === 'en' ? '· in the branch “Logistics check”' : '· 由分支“物流审核”结束',
      );
      expect(await page.locator('[data-testid=timeline]').innerText()).toContain(
        'No carrier serves the address',
      );
      await screenshot(page, `parallel-end-timeline-${lang}`);
    }
  }, 90_000);
});
