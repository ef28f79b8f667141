/**
 * A small service team's week in the after-sales template, played in Chromium by each of its
 * people (issue 18's "Done when"): the customer files a repair request from the portal and finds
 * it under 我的服务单; the desk works its inbox (customer and product on each row, a customer found
 * by name) and may transfer only to a colleague or the supervisor, never the cashier; the
 * technician quotes; the customer accepts and pays (online in Chinese, at the counter with the
 * cashier in English); the technician repairs; QA returns the job, which needs a reason that the
 * reopened task then shows; QA passes it and the shipper ships; the customer's notices name the
 * case in local time and open it; the supervisor reads the dashboard and the lists (search, a
 * column filter, chosen columns); the admin exports the list with local times.
 *
 * The whole walk runs once per language, Chinese at desktop width and English at 375 px; the key
 * pages are then revisited at the other width. Every page is checked for console errors and for
 * raw ids, keys and UTC times. With FLOWCASE_SCREENSHOTS=1 the run rewrites the README's
 * screenshots in docs/images (the desk's inbox on a phone in English, a case in Chinese waiting
 * for its online payment, the service dashboard in English).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  consoleErrors,
  openTask,
  pickRelation,
  poll,
  rawTextProblems,
  sampleIds,
  screenshot,
  startE2E,
  text,
  type E2E,
} from './e2e-kit.js';

type Lang = 'zh-CN' | 'en';
const WALKS = [
  { lang: 'zh-CN', width: 1280, other: 375 },
  { lang: 'en', width: 375, other: 1280 },
] as const;
const HOUR = 3_600_000;
const MINUTE = 60_000;

let e2e: E2E;
let ids: Awaited<ReturnType<typeof sampleIds>>;
/** The product the customer reports, by name as the picker finds it. */
let productName = '';
/** Cases each walk filed, by language. */
const walked = new Map<Lang, { id: string; rma: string }>();

/** The README's pictures, rewritten only when asked (normal runs leave the tree clean). */
async function readmeShot(page: Page, name: string): Promise<void> {
  if (process.env.FLOWCASE_SCREENSHOTS !== '1') return;
  const dir = path.resolve('docs/images');
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

/** A page signed in as `user`, with its console watched from the sign-in on. */
async function as(user: string, lang: Lang, width: number): Promise<{ page: Page; errors: string[] }> {
  const page = await e2e.signIn(user, { lang, width, height: width < 500 ? 800 : 900 });
  const errors = consoleErrors(page);
  return { page, errors };
}

/**
 * What every page must pass once its requests are done: no console errors (nor failed requests)
 * so far, and no raw ids, keys, UTC times or ASCII colons after Chinese on screen.
 */
async function checked(page: Page, errors: string[], where: string, words: readonly string[] = []) {
  await page.waitForLoadState('networkidle');
  expect(await rawTextProblems(page, words), `${where}: raw text`).toEqual([]);
  expect(errors, `${where}: console errors\n${errors.join('\n')}`).toEqual([]);
}

/** Clicks an action, confirms it when asked, and waits for the case page's done notice. */
async function act(page: Page, action: string): Promise<void> {
  await page.click(`[data-testid=action-${action}]`);
  const confirm = page.locator(`[data-testid=confirm-${action}]`);
  if (await confirm.count()) await confirm.click();
  await page.waitForSelector('[data-testid=done-notice]');
}

async function openCase(page: Page, recordId: string): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.goto(`/cases/${recordId}`);
  await page.waitForSelector('[data-testid=timeline]');
}

type View = { record: { data: Record<string, unknown> }; instance: { activeNodes: string[] } };
const viewOf = (recordId: string) => e2e.api<View>('admin', 'GET', `/api/v1/records/${recordId}`);

beforeAll(async () => {
  e2e = await startE2E();
  ids = await sampleIds(e2e);
  const products = await e2e.api<{ items: { id: string; data: { name: string } }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  productName = products.items.find((p) => p.id === ids.product(1))!.data.name;
  // The week so far: hotline requests the desk filed for other customers, one already accepted.
  const customers = await e2e.api<{ items: { id: string; data: { name: string } }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records?limit=50',
  );
  const start = Date.now() - 26 * HOUR;
  for (const [i, name] of ['李晓梅', '张伟', '王建国'].entries()) {
    e2e.clock.set(new Date(start + i * 37 * MINUTE));
    const filed = await e2e.api<{ record: { id: string } }>(
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: customers.items.find((c) => c.data.name === name)!.id,
          product: ids.product(1),
          purchase_date: '2021-03-08',
          intake_channel: 'hotline',
          service_type: 'carry_in',
          fault_category: 'phone',
          description: `${name}的手机无法开机`,
        },
      },
    );
    if (i === 2) {
      const tasks = await e2e.api<{ items: { id: string; recordId: string; node: string }[] }>(
        'desk',
        'GET',
        '/api/v1/tasks?status=open&limit=200',
      );
      const intake = tasks.items.find((x) => x.recordId === filed.record.id && x.node === 'intake')!;
      await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
        action: 'approve',
        data: { technician: ids.user('tech') },
      });
    }
  }
  e2e.clock.set(new Date());
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe("a small team's week, by each role, in the browser", () => {
  for (const { lang, width, other } of WALKS) {
    const zh = lang === 'zh-CN';

    it(`${lang} at ${width} px: customer, desk, technician, cashier, QA, shipper, supervisor and admin walk a repair`, async () => {
      // ── The customer files a repair request from the portal.
      const customer = await as('customer', lang, width);
      await customer.page.click('a[href="/new/after_sales/repair_request"]');
      await customer.page.waitForSelector('[data-testid=new-record-form]');
      await poll(() =>
        text(customer.page.locator('[data-testid=new-repair_request-customer-selected]')),
      ).toBe('王小明');
      await pickRelation(customer.page, 'new-repair_request-product', productName);
      await customer.page.fill('#new-repair_request-purchase_date', '2020-01-15');
      await customer.page.selectOption('#new-repair_request-fault_category', { index: 1 });
      await customer.page.fill(
        '#new-repair_request-description',
        zh ? '屏幕闪烁，偶尔黑屏' : 'The screen flickers and goes dark',
      );
      await checked(customer.page, customer.errors, 'customer: new request');
      await customer.page.click('[data-testid=submit-record]');
      await customer.page.waitForSelector('[data-testid=created-notice]');
      const id = new URL(customer.page.url()).pathname.split('/').pop()!;
      const rma = (await viewOf(id)).record.data.rma_no as string;
      expect(rma).toMatch(/^RMA-\d{8}-\d{4}$/);
      walked.set(lang, { id, rma });
      await checked(customer.page, customer.errors, 'customer: case filed');

      // …and finds it under 我的服务单 / My repair requests, one click from home.
      await customer.page.goto('/');
      const mine = customer.page.getByTestId('my-records-repair_request');
      await poll(() => text(mine)).toBe(zh ? '我的售后服务单' : 'My submissions');
      await mine.click();
      await customer.page.waitForSelector(`[data-testid=record-row][data-record="${id}"]`);
      await checked(customer.page, customer.errors, 'customer: my requests');

      // ── The desk works its inbox: customer and product on the row, a customer found by name.
      const desk = await as('desk', lang, width);
      await desk.page.click('[data-testid=nav-inbox]');
      const row = desk.page.locator(`[data-testid=task-row][data-record="${id}"][data-node=intake]`);
      await row.waitFor();
      expect(await text(row.getByTestId('task-names'))).toBe(`王小明 · ${productName}`);
      await checked(desk.page, desk.errors, 'desk: inbox');
      if (lang === 'en' && width === 375) await readmeShot(desk.page, 'inbox-phone-en');
      await desk.page.fill('[data-testid=inbox-search]', '李晓梅');
      await poll(() => desk.page.locator('[data-testid=task-row]').count()).toBe(1);
      expect(await text(desk.page.locator('[data-testid=task-row] [data-testid=task-names]'))).toContain(
        '李晓梅',
      );
      await desk.page.fill('[data-testid=inbox-search]', '王小明');
      await row.waitFor();
      for (const names of await desk.page.getByTestId('task-names').allInnerTexts())
        expect(names).toContain('王小明');
      await checked(desk.page, desk.errors, 'desk: inbox search');

      // The intake may go to the supervisor, never the cashier (陈出纳).
      await openTask(desk.page, id, 'intake');
      await desk.page.click('[data-testid=action-transfer]');
      await desk.page.fill('#task-transfer-to', '周');
      const offered = desk.page.locator('#task-transfer-to-list [role=option]');
      await poll(() => offered.allInnerTexts()).toEqual([zh ? '周主管 · 客服主管' : '周主管 · Supervisor']);
      await desk.page.fill('#task-transfer-to', '陈');
      await poll(() => offered.count()).toBe(0);
      await checked(desk.page, desk.errors, 'desk: transfer picker');
      await desk.page.press('#task-transfer-to', 'Escape');
      await desk.page.click(zh ? 'button:has-text("取消")' : 'button:has-text("Cancel")');
      // The desk assigns the technician and accepts.
      await desk.page.fill('#task-technician', '张');
      await desk.page.locator('#task-technician-list [role=option]').first().click();
      await poll(() => text(desk.page.getByTestId('task-technician-selected'))).toBe('张工');
      await act(desk.page, 'approve');
      await checked(desk.page, desk.errors, 'desk: intake accepted');

      // ── The technician quotes.
      const tech = await as('tech', lang, width);
      await openTask(tech.page, id, 'quote');
      await tech.page.fill('#task-quote_fee', '300');
      await tech.page.fill('#task-quote_days', '3');
      await checked(tech.page, tech.errors, 'technician: quote');
      await act(tech.page, 'submit');

      // ── The customer accepts the quote: online in Chinese, at the counter in English.
      await openTask(customer.page, id, 'customer_decision');
      await poll(() => text(customer.page.getByTestId('value-quote_fee'))).toContain('300');
      await customer.page.selectOption('#task-payment_method', zh ? 'wechat_pay' : 'cash');
      await checked(customer.page, customer.errors, 'customer: quote');
      await act(customer.page, 'approve');

      if (zh) {
        // The case waits for the online payment; the desk reads what for and until when.
        await openCase(desk.page, id);
        await poll(() => text(desk.page.getByTestId('waiting-step'))).toMatch(/^等待：线上付款，至 /);
        await checked(desk.page, desk.errors, 'desk: case awaiting payment');
        await readmeShot(desk.page, 'case-zh');
        const { instance } = await e2e.api<{ instance: { id: string } }>(
          'admin',
          'GET',
          `/api/v1/records/${id}`,
        );
        await e2e.api('admin', 'POST', `/api/v1/instances/${instance.id}/events`, {
          name: 'payment.confirmed',
          payload: { payment_amount: 300, payment_method: 'wechat_pay', payment_reference: 'WX-7001' },
        });
      } else {
        // ── The cashier takes the payment at the counter.
        const cashier = await as('cashier', lang, width);
        await openTask(cashier.page, id, 'payment');
        await cashier.page.fill('#task-payment_amount', '300');
        await cashier.page.fill('#task-payment_reference', 'R-7001');
        await checked(cashier.page, cashier.errors, 'cashier: payment');
        await act(cashier.page, 'submit');
        await checked(cashier.page, cashier.errors, 'cashier: paid');
      }
      expect((await viewOf(id)).instance.activeNodes).toEqual(['repair']);

      // ── The technician repairs.
      await openTask(tech.page, id, 'repair');
      await tech.page.fill('#task-diagnosis', zh ? '屏幕排线松动' : 'Loose display cable');
      await tech.page.fill('#task-labour_fee', '80');
      await act(tech.page, 'submit');

      // ── QA returns the job: not without a reason, which the reopened task then shows.
      const qa = await as('qa', lang, width);
      await openTask(qa.page, id, 'qa');
      await qa.page.click('[data-testid=action-return]');
      await qa.page.click('[data-testid=confirm-return]');
      await poll(() => text(qa.page.getByTestId('task-message'))).toBe(
        zh ? '请填写质检说明。' : 'QA note is required.',
      );
      const reason = zh
        ? '开机后仍有闪烁，请重新检查排线'
        : 'Still flickers after power-on; recheck the cable';
      await qa.page.fill('#task-action-comment', reason);
      await checked(qa.page, qa.errors, 'QA: return with a reason');
      await qa.page.click('[data-testid=confirm-return]');
      await qa.page.waitForSelector('[data-testid=done-notice]');

      await openTask(tech.page, id, 'repair');
      await poll(() => text(tech.page.getByTestId('returned-note'))).toBe(
        zh ? `“质检”退回了此步骤：${reason}` : `Returned by “Quality check”: ${reason}`,
      );
      expect(await text(tech.page.getByTestId('value-qa_note'))).toBe(reason);
      await checked(tech.page, tech.errors, 'technician: reopened repair');
      await screenshot(tech.page, `team-week-reopened-${lang}-${width}`);
      await tech.page.fill('#task-diagnosis', zh ? '更换屏幕排线' : 'Replaced the display cable');
      await act(tech.page, 'submit');

      await openTask(qa.page, id, 'qa');
      await qa.page.selectOption('#task-qa_result', 'pass');
      await act(qa.page, 'approve');
      await checked(qa.page, qa.errors, 'QA: passed');

      // ── The shipper ships.
      const shipper = await as('shipper', lang, width);
      await openTask(shipper.page, id, 'ship');
      await shipper.page.selectOption('#task-courier', 'sf');
      await shipper.page.fill('#task-tracking_number', `SF${zh ? '1' : '2'}0000007001`);
      await checked(shipper.page, shipper.errors, 'shipper: ship');
      await act(shipper.page, 'submit');
      await checked(shipper.page, shipper.errors, 'shipper: shipped');

      // ── The customer's notices name the case in local time and open it.
      await e2e.server.jobs.outbox.runOnce();
      await customer.page.goto('/notifications');
      const notice = customer.page.locator('.notifications li', { hasText: rma }).first();
      await notice.waitFor();
      // The title names the case once: the subject already carries its number.
      const title = await text(notice.locator('.row-title'));
      expect(title.split(rma).length - 1, title).toBe(1);
      await checked(customer.page, customer.errors, 'customer: notifications');
      await screenshot(customer.page, `team-week-notices-${lang}-${width}`);
      await notice.locator('button').click();
      await customer.page.waitForSelector('[data-testid=timeline]');
      expect(new URL(customer.page.url()).pathname).toBe(`/cases/${id}`);
      await checked(customer.page, customer.errors, 'customer: case from a notice');

      // ── The supervisor: the dashboard, then the requests list searched, filtered and with a column chosen.
      const supervisor = await as('supervisor', lang, width);
      await supervisor.page.goto('/apps/after_sales/dashboards/service_overview');
      await supervisor.page.waitForSelector('[data-testid=widget-revenue_total] [data-testid=kpi-value]');
      await checked(supervisor.page, supervisor.errors, 'supervisor: dashboard');
      await supervisor.page.click('[data-testid=nav-reports]');
      await supervisor.page.click('[data-testid=open-records-repair_request]');
      await supervisor.page.waitForSelector('[data-testid=records-table]');
      const ours = supervisor.page.locator(`[data-testid=record-row][data-record="${id}"]`);
      await supervisor.page.fill('[data-testid=records-search]', rma);
      await poll(() => supervisor.page.locator('[data-testid=record-row]').count()).toBe(1);
      await ours.waitFor();
      await supervisor.page.fill('[data-testid=records-search]', '');
      await supervisor.page.click('[data-testid=records-filters-toggle]');
      await supervisor.page.selectOption('[data-testid=filter-status]', 'awaiting_survey');
      await ours.waitFor();
      await supervisor.page.click('[data-testid=column-chooser] summary');
      await supervisor.page.check('[data-testid=column-resolution_hours]');
      await supervisor.page.click('[data-testid=column-chooser] summary');
      await poll(() => text(ours.locator('[data-column=resolution_hours]'))).not.toBe('');
      await checked(supervisor.page, supervisor.errors, 'supervisor: requests list');
      await screenshot(supervisor.page, `team-week-list-${lang}-${width}`);

      // ── The admin exports the list: local times with their zone, never UTC.
      const admin = await as('admin', lang, width);
      await admin.page.goto('/apps/after_sales/forms/repair_request/records');
      await admin.page.waitForSelector('[data-testid=records-table]');
      await checked(admin.page, admin.errors, 'admin: requests list');
      const [download] = await Promise.all([
        admin.page.waitForEvent('download'),
        admin.page.click('[data-testid=export-csv]'),
      ]);
      const csv = readFileSync((await download.path())!, 'utf8');
      const line = csv.split(/\r?\n/).find((l) => l.includes(rma));
      expect(line, csv.slice(0, 500)).toBeDefined();
      expect(line).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} \+08:00/);
      expect(csv).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
      expect(admin.errors).toEqual([]);
      await screenshot(desk.page, `team-week-${lang}-${width}`);
    }, 400_000);

    it(`${lang} at ${other} px: the key pages revisited`, async () => {
      const done = walked.get(lang);
      expect(done, 'the walk ran first').toBeDefined();
      const { id, rma } = done!;

      const customer = await as('customer', lang, other);
      await customer.page.getByTestId('my-records-repair_request').click();
      await customer.page.waitForSelector(`[data-testid=record-row][data-record="${id}"]`);
      await checked(customer.page, customer.errors, 'customer: my requests');
      await customer.page.goto('/notifications');
      await customer.page.locator('.notifications li', { hasText: rma }).first().waitFor();
      await checked(customer.page, customer.errors, 'customer: notifications');
      await openCase(customer.page, id);
      await checked(customer.page, customer.errors, 'customer: case');

      const desk = await as('desk', lang, other);
      await desk.page.click('[data-testid=nav-inbox]');
      await desk.page.locator('[data-testid=task-row]').first().waitFor();
      await checked(desk.page, desk.errors, 'desk: inbox');
      await openCase(desk.page, id);
      await poll(() => text(desk.page.getByTestId('case-title'))).toBe(rma);
      await checked(desk.page, desk.errors, 'desk: case');

      const supervisor = await as('supervisor', lang, other);
      await supervisor.page.goto('/apps/after_sales/dashboards/service_overview');
      await supervisor.page.waitForSelector('[data-testid=widget-revenue_total] [data-testid=kpi-value]');
      await supervisor.page.waitForSelector(
        '[data-testid=widget-technician_performance] [data-testid=pivot]',
      );
      await checked(supervisor.page, supervisor.errors, 'supervisor: dashboard');
      if (lang === 'en' && other === 1280) await readmeShot(supervisor.page, 'dashboard-en');
      await supervisor.page.goto('/apps/after_sales/forms/repair_request/records');
      await supervisor.page.waitForSelector('[data-testid=records-table]');
      await supervisor.page.click('[data-testid=records-filters-toggle]');
      await supervisor.page.fill('[data-testid=records-search]', '王小明');
      await supervisor.page.locator(`[data-testid=record-row][data-record="${id}"]`).waitFor();
      await checked(supervisor.page, supervisor.errors, 'supervisor: requests list');
      if (other === 375)
        expect(
          await supervisor.page.evaluate(() => document.documentElement.scrollWidth),
        ).toBeLessThanOrEqual(375);
    }, 200_000);
  }
});
