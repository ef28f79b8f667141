/**
 * Staff work as people read it (issue 18): a case that waits for a timer or an outside event says
 * what it waits for and until when, in the server's time zone and the reader's language, for staff
 * and for the case's customer; pages show no raw ids, keys or UTC times, in Chinese and English,
 * at 375 px and at desktop width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleErrors,
  openTask,
  poll,
  rawTextProblems,
  sampleIds,
  screenshot,
  startE2E,
  text,
  type E2E,
} from './e2e-kit.js';

const SERVER_ZONE = 'Asia/Shanghai';
const HOUR = 3_600_000;
let e2e: E2E;
let ids: Awaited<ReturnType<typeof sampleIds>>;

beforeAll(async () => {
  e2e = await startE2E();
  ids = await sampleIds(e2e);
}, 120_000);

afterAll(async () => {
  await e2e?.close();
});

/** "12月9日 10:00" / "9 Dec 10:00" in the server's zone, as the case page words an instant this year. */
function when(ms: number, lang: 'zh-CN' | 'en'): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : 'zh-CN', {
      month: lang === 'en' ? 'short' : 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: SERVER_ZONE,
    })
      .formatToParts(new Date(ms))
      .map((p) => [p.type, p.value]),
  );
  return lang === 'en'
    ? `${parts.day} ${parts.month} ${parts.hour}:${parts.minute}`
    : `${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}`;
}

type OpenTask = { id: string; recordId: string; node: string };
async function taskAt(user: string, recordId: string, node: string): Promise<OpenTask> {
  const { items } = await e2e.api<{ items: OpenTask[] }>(user, 'GET', '/api/v1/tasks?status=open&limit=200');
  const task = items.find((t) => t.recordId === recordId && t.node === node);
  expect(task, `${user} has no open ${node}`).toBeDefined();
  return task!;
}

async function complete(user: string, recordId: string, node: string, body: object): Promise<void> {
  const task = await taskAt(user, recordId, node);
  await e2e.api(user, 'POST', `/api/v1/tasks/${task.id}/complete`, body);
}

/** The customer's repair request, quoted and accepted with WeChat Pay: it waits for the payment. */
async function awaitingPayment(): Promise<{ recordId: string; instanceId: string; at: number }> {
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
        description: 'No picture',
      },
    },
  );
  const recordId = created.record.id;
  await complete('desk', recordId, 'intake', { action: 'approve', data: { technician: ids.user('tech') } });
  await complete('tech', recordId, 'quote', { action: 'submit', data: { quote_fee: 300, quote_days: 3 } });
  const at = e2e.clock.now().getTime();
  await complete('customer', recordId, 'customer_decision', {
    action: 'approve',
    data: { payment_method: 'wechat_pay' },
  });
  const view = await e2e.api<{ instance: { id: string; activeNodes: string[] } }>(
    'admin',
    'GET',
    `/api/v1/records/${recordId}`,
  );
  expect(view.instance.activeNodes).toEqual(['await_payment']);
  return { recordId, instanceId: view.instance.id, at };
}

async function openCase(page: Page, recordId: string): Promise<void> {
  // Leaving a page while its requests are under way would log their aborts.
  await page.waitForLoadState('networkidle');
  await page.goto(`/cases/${recordId}`);
  await page.waitForSelector('[data-testid=timeline]');
}

describe('a case that waits says for what and until when', () => {
  it('names the payment it waits for (with the by-hand fallback for staff), then the survey in three days', async () => {
    const { recordId, instanceId, at } = await awaitingPayment();

    // The desk, in Chinese at desktop width: the event, its timeout and when the cashier may confirm by hand.
    const desk = await e2e.signIn('desk', { lang: 'zh-CN', width: 1280 });
    const deskErrors = consoleErrors(desk);
    await openCase(desk, recordId);
    const waiting = desk.getByTestId('waiting-step');
    await poll(() => text(waiting)).toBe(
      `等待：线上付款，至 ${when(at + 24 * HOUR, 'zh-CN')} · 若仍未收到，${when(at + 2 * HOUR, 'zh-CN')} 起转人工处理`,
    );
    expect(await rawTextProblems(desk)).toEqual([]);
    await screenshot(desk, 'case-waiting-payment-zh');

    // The customer, in English on a phone: where the case is, without the internal deadlines.
    const customer = await e2e.signIn('customer', { lang: 'en', width: 375, height: 800 });
    const customerErrors = consoleErrors(customer);
    await openCase(customer, recordId);
    await poll(() => text(customer.getByTestId('waiting-step'))).toBe('Waiting: Online payment');
    expect(await rawTextProblems(customer)).toEqual([]);
    await screenshot(customer, 'case-waiting-payment-customer-en');

    // The payment arrives; the repair, QA and shipping are done: the case waits three days for the survey.
    await e2e.api('admin', 'POST', `/api/v1/instances/${instanceId}/events`, {
      name: 'payment.confirmed',
      payload: { payment_amount: 300, payment_method: 'wechat_pay', payment_reference: 'WX-1' },
    });
    await complete('tech', recordId, 'repair', {
      action: 'submit',
      data: { diagnosis: 'Cable', labour_fee: 50 },
    });
    await complete('qa', recordId, 'qa', { action: 'approve', data: { qa_result: 'pass' } });
    const shipped = e2e.clock.now().getTime();
    await complete('shipper', recordId, 'ship', {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF123456' },
    });

    await openCase(customer, recordId);
    await poll(() => text(customer.getByTestId('waiting-step'))).toBe(
      `Waiting: Satisfaction survey in three days, until ${when(shipped + 72 * HOUR, 'en')}`,
    );
    expect(await rawTextProblems(customer)).toEqual([]);
    await screenshot(customer, 'case-waiting-survey-customer-en');

    await openCase(desk, recordId);
    await poll(() => text(desk.getByTestId('waiting-step'))).toBe(
      `等待：三天后满意度评价，至 ${when(shipped + 72 * HOUR, 'zh-CN')}`,
    );
    // The timeline names the payment step by its title, not the event's key.
    expect(await text(desk.getByTestId('timeline'))).toContain('线上付款');
    expect(await rawTextProblems(desk)).toEqual([]);
    await screenshot(desk, 'case-waiting-survey-zh');
    expect(deskErrors, deskErrors.join('\n')).toEqual([]);
    expect(customerErrors, customerErrors.join('\n')).toEqual([]);
  }, 120_000);
});

/** The customer's repair request of a product still in warranty, accepted by the desk: the technician's repair is open. */
async function atRepair(): Promise<string> {
  const own = await e2e.api<{ items: { id: string }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records',
  );
  const bought = new Date(e2e.clock.now().getTime() - 10 * 24 * HOUR).toISOString().slice(0, 10);
  const created = await e2e.api<{ record: { id: string } }>(
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: own.items[0]!.id,
        product: ids.product(12),
        purchase_date: bought,
        fault_category: 'phone',
        description: 'Cracked screen',
      },
    },
  );
  await complete('desk', created.record.id, 'intake', {
    action: 'approve',
    data: { technician: ids.user('tech') },
  });
  await taskAt('tech', created.record.id, 'repair');
  return created.record.id;
}

describe('table rows on a task', () => {
  for (const [lang, width] of [
    ['zh-CN', 375],
    ['en', 1280],
  ] as const)
    it(`computes a line's subtotal as it is typed and flags a new row only once touched or submitted (${lang}, ${width} px)`, async () => {
      const recordId = await atRepair();
      const page = await e2e.signIn('tech', { lang, width, height: 900 });
      const errors = consoleErrors(page);
      await openTask(page, recordId, 'repair');
      const parts = page.locator('#task-parts');
      const required = lang === 'en' ? 'Required' : '必填';

      // A new row shows no errors before anyone typed in it.
      await parts.getByRole('button', { name: lang === 'en' ? '+ Add row' : '+ 添加一行' }).click();
      await page.waitForSelector('#task-parts-0-part_name');
      expect(await parts.locator('.field-error').count()).toBe(0);
      expect(await text(parts)).not.toContain(required);

      // The subtotal and the parts total follow each keystroke, before any save.
      await page.fill('#task-parts-0-part_name', 'Screen');
      await page.fill('#task-parts-0-unit_price', '150');
      await poll(() => text(page.locator('#task-parts-0-line_total'))).toContain('150.00');
      await page.fill('#task-parts-0-qty', '2');
      await poll(() => text(page.locator('#task-parts-0-line_total'))).toContain('300.00');
      await poll(() => text(page.getByTestId('value-parts_total'))).toContain('300.00');
      expect(await parts.locator('.field-error').count()).toBe(0);

      // A second row, left empty: quiet until the technician tries to submit, then its cells say what is missing.
      await parts.getByRole('button', { name: lang === 'en' ? '+ Add row' : '+ 添加一行' }).click();
      await page.waitForSelector('#task-parts-1-part_name');
      expect(await parts.locator('.field-error').count()).toBe(0);
      await page.fill('#task-diagnosis', lang === 'en' ? 'Broken glass' : '屏幕碎裂');
      await page.click('[data-testid=action-submit]');
      await poll(() => text(page.locator('#task-parts-1-part_name-err'))).toBe(required);
      expect(await page.locator('#task-parts-0-part_name-err').count()).toBe(0);
      expect(await rawTextProblems(page)).toEqual([]);
      await screenshot(page, `task-table-rows-${lang}-${width}`);

      // Removing the empty row lets the repair go through.
      await parts.getByRole('button', { name: lang === 'en' ? 'Remove row 2' : '删除第 2 行' }).click();
      await page.click('[data-testid=action-submit]');
      await page.waitForSelector('[data-testid=done-notice]');
      const saved = await e2e.api<{ record: { data: { parts: unknown[]; parts_total: number } } }>(
        'admin',
        'GET',
        `/api/v1/records/${recordId}`,
      );
      expect(saved.record.data.parts).toEqual([
        { part_name: 'Screen', qty: 2, unit_price: 150, line_total: 300 },
      ]);
      expect(saved.record.data.parts_total).toBe(300);
      expect(errors, errors.join('\n')).toEqual([]);
    }, 120_000);
});

describe('pages in one language', () => {
  for (const [lang, width] of [
    ['zh-CN', 375],
    ['en', 1280],
  ] as const)
    it(`server messages, punctuation, people and notices read in ${lang} at ${width} px`, async () => {
      const zh = lang === 'zh-CN';
      // The created notice names the form the customer filed, not always a repair request.
      const own = await e2e.api<{ items: { id: string }[] }>(
        'customer',
        'GET',
        '/api/v1/apps/after_sales/forms/customers/records',
      );
      const change = await e2e.api<{ record: { id: string; data: { request_no: string } } }>(
        'customer',
        'POST',
        '/api/v1/apps/after_sales/forms/customer_change/records',
        {
          data: {
            customer: own.items[0]!.id,
            new_phone: '+86 139-0000-7777',
            reason: zh ? '换了手机号' : 'New phone number',
          },
        },
      );
      const customer = await e2e.signIn('customer', { lang, width, height: 800 });
      const customerErrors = consoleErrors(customer);
      await customer.waitForLoadState('networkidle');
      await customer.goto(`/cases/${change.record.id}?created=1`);
      await poll(() => text(customer.getByTestId('created-notice'))).toBe(
        zh
          ? `已提交。您的客户资料修改申请：${change.record.data.request_no}`
          : `Submitted: Customer data change request ${change.record.data.request_no}`,
      );
      expect(await rawTextProblems(customer)).toEqual([]);
      await screenshot(customer, `created-notice-${lang}`);
      expect(customerErrors, customerErrors.join('\n')).toEqual([]);

      // The desk picks the technician: a name and the role's name, once.
      const recordId = await atRepair();
      const desk = await e2e.signIn('desk', { lang, width, height: 900 });
      const deskErrors = consoleErrors(desk);
      await openCase(desk, recordId);
      // A backfill with nothing changed: the server's refusal comes in the page's language.
      await desk.locator('details.backfill summary').first().click();
      await desk
        .locator('details.backfill button', { hasText: zh ? '保存补录' : 'Save backfill' })
        .first()
        .click();
      await poll(() => text(desk.locator('details.backfill .notice'))).toBe(
        zh ? '请至少修改一个字段再补录。' : 'Send at least one field to backfill.',
      );
      // Assignees are named apart, with the locale's colon.
      const step = await text(desk.getByTestId('current-step'));
      expect(step).toMatch(zh ? /处理人：张工/ : /Assigned to: 张工/);
      expect(await rawTextProblems(desk)).toEqual([]);
      await screenshot(desk, `case-backfill-message-${lang}`);

      // QA returns the repair: the confirmation reads "确认：退回" / "Confirm: Return".
      await complete('tech', recordId, 'repair', { action: 'submit', data: { diagnosis: 'Cable' } });
      const qa = await e2e.signIn('qa', { lang, width, height: 900 });
      const qaErrors = consoleErrors(qa);
      await openTask(qa, recordId, 'qa');
      await qa.click('[data-testid=action-return]');
      expect(await text(qa.getByTestId('confirm-return'))).toBe(zh ? '确认：退回' : 'Confirm: Return');
      expect(await rawTextProblems(qa)).toEqual([]);
      await screenshot(qa, `qa-return-confirm-${lang}`);
      await qa.click(zh ? 'text=取消' : 'text=Cancel');

      // The case page lists the QA role as a role, apart from anyone else.
      await openCase(qa, recordId);
      expect(await qa.getByTestId('assignee').allInnerTexts()).toEqual([
        zh ? '质检员（角色）' : 'Quality inspector (role)',
      ]);
      expect(await rawTextProblems(qa)).toEqual([]);
      expect(deskErrors.filter((e) => !/ 422 /.test(e))).toEqual([]);
      expect(qaErrors, qaErrors.join('\n')).toEqual([]);
    }, 120_000);
});

describe('the people picker', () => {
  it('offers a person by name and role, once, in Chinese', async () => {
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
          description: 'No sound',
        },
      },
    );
    const desk = await e2e.signIn('desk', { lang: 'zh-CN', width: 1280 });
    await openTask(desk, created.record.id, 'intake');
    await desk.fill('#task-technician', '张');
    await poll(() => desk.locator('#task-technician-list [role=option]').allInnerTexts()).toEqual([
      '张工 · 维修工程师',
    ]);
    await screenshot(desk, 'picker-name-and-role-zh');
  }, 60_000);
});
