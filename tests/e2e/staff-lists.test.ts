/**
 * A service team's lists and figures in Chromium, in Chinese and English, on a 375 px phone and a
 * desktop: the desk's inbox names each task's customer and product and finds a customer by name;
 * the record lists search, filter by column (an option, text, a range of days), sort by a header,
 * remember the chosen columns, and head their first column with the form's own title field; spans
 * of time read "2 小时 5 分" / "2 h 5 min"; the dashboard's revenue is what was paid and every label,
 * series and pivot header is in the language on screen, as are the analytics' outcomes. No page
 * logs an error to the console.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
const HOUR = 3_600_000;
const MINUTE = 60_000;

interface View {
  record: { id: string; data: Record<string, unknown> };
  instance: { tasks: { id: string; node: string; status: string }[] };
}

/** The requests seeded, by the name of their customer. */
const requests = new Map<string, string>();
/** The server's day they were filed on. */
let seededDay = '';

/** The console errors and failed requests of `page` from now on. */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.request().method()} ${r.status()} ${r.url()}`);
  });
  return errors;
}

async function complete(
  user: string,
  recordId: string,
  node: string,
  body: Record<string, unknown>,
): Promise<View> {
  const view = await e2e.api<View>('admin', 'GET', `/api/v1/records/${recordId}`);
  const task = view.instance.tasks.find((t) => t.node === node && t.status === 'open');
  expect(task, `${node} open for ${recordId}`).toBeDefined();
  return e2e.api<View>(user, 'POST', `/api/v1/tasks/${task!.id}/complete`, body);
}

beforeAll(async () => {
  e2e = await startE2E();
  const ids = await sampleIds(e2e);
  const customers = await e2e.api<{ items: { id: string; data: { name: string } }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records?limit=50',
  );
  for (const u of ['desk', 'tech', 'cashier', 'qa', 'shipper']) await e2e.token(u);
  const start = Date.now() - 3 * HOUR;
  seededDay = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(start));
  // Four hotline requests the desk files; the first is repaired and paid, 2 h 5 min from filing to
  // done; the last is not accepted.
  for (const [i, name] of ['王建国', '李晓梅', '张伟', '刘芳'].entries()) {
    e2e.clock.set(new Date(start + i * MINUTE));
    const view = await e2e.api<View>(
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: customers.items.find((c) => c.data.name === name)!.id,
          product: ids.product(1),
          purchase_date: '2020-01-15',
          intake_channel: 'hotline',
          service_type: 'carry_in',
          fault_category: 'phone',
          description: `${name}的手机无法充电`,
        },
      },
    );
    requests.set(name, view.record.id);
  }
  const first = requests.get('王建国')!;
  e2e.clock.set(new Date(start + 20 * MINUTE));
  await complete('desk', first, 'intake', { action: 'approve', data: { technician: ids.user('tech') } });
  await complete('tech', first, 'quote', { action: 'submit', data: { quote_fee: 450, quote_days: 2 } });
  await complete('desk', first, 'customer_decision', { action: 'approve', data: { payment_method: 'cash' } });
  await complete('cashier', first, 'payment', {
    action: 'submit',
    data: { payment_amount: 450, payment_method: 'cash' },
  });
  await complete('tech', first, 'repair', {
    action: 'submit',
    data: {
      diagnosis: '充电口损坏',
      parts: [{ part_name: '充电口', qty: 1, unit_price: 300 }],
      labour_fee: 150,
    },
  });
  await complete('qa', first, 'qa', { action: 'approve', data: { qa_result: 'pass' } });
  e2e.clock.set(new Date(start + 2 * HOUR + 5 * MINUTE));
  await complete('shipper', first, 'ship', {
    action: 'submit',
    data: { courier: 'sf', tracking_number: 'SF3000000003' },
  });
  await complete('desk', requests.get('刘芳')!, 'intake', {
    action: 'reject',
    comment: '非本店售出',
  });
  e2e.clock.set(new Date());
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('lists and figures for the team', () => {
  for (const [lang, width] of [
    ['zh-CN', 375],
    ['en', 1280],
  ] as const) {
    it(`the desk's inbox names customers and products and finds a customer by name (${lang}, ${width} px)`, async () => {
      const page = await e2e.signIn('desk', { lang, width, height: 900 });
      const errors = consoleErrors(page);
      await page.click('[data-testid=nav-inbox]');
      const row = (name: string) =>
        page.locator(`[data-testid=task-row][data-record="${requests.get(name)}"]`);
      await row('李晓梅').waitFor();
      expect(await text(row('李晓梅').getByTestId('task-names'))).toMatch(/^李晓梅 · .+/);
      expect(await text(row('张伟').getByTestId('task-names'))).toContain('张伟');
      // The server finds the customer by name (a name the row's data holds only as an id).
      const searched = page.waitForResponse(
        (r) => r.url().includes('/api/v1/tasks') && r.url().includes('q='),
      );
      await page.fill('[data-testid=inbox-search]', '晓梅');
      expect(new URL((await searched).url()).searchParams.get('q')).toBe('晓梅');
      await poll(() => page.locator('[data-testid=task-row]').count()).toBe(1);
      expect(await row('李晓梅').count()).toBe(1);
      await screenshot(page, `inbox-names-${lang}-${width}`);
      await page.fill('[data-testid=inbox-search]', '');
      await poll(() => row('王建国').count()).toBe(0); // its intake is done
      await poll(() => row('张伟').count()).toBe(1);
      expect(errors).toEqual([]);
    }, 90_000);
  }

  it('a supervisor searches, filters, sorts and picks the columns of the requests list (en, desktop)', async () => {
    const page = await e2e.signIn('supervisor', { lang: 'en', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.click('[data-testid=nav-reports]');
    await page.click('[data-testid=open-records-repair_request]');
    await page.waitForSelector('[data-testid=records-table]');
    const headers = () => page.locator('[data-testid=records-table] thead th').allInnerTexts();
    // The first column is the form's own number, not "Case".
    expect((await headers())[0]).toMatch(/^RMA number/);
    // Linked records by name, not id.
    const rowOf = (name: string) =>
      page.locator(`[data-testid=record-row][data-record="${requests.get(name)}"]`);
    await poll(() => text(rowOf('李晓梅').locator('[data-column=customer]'))).toBe('李晓梅');

    // Search: the customer's name.
    await page.fill('[data-testid=records-search]', '张伟');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(1);
    expect(await rowOf('张伟').count()).toBe(1);
    expect(new URL(page.url()).searchParams.get('q')).toBe('张伟');
    await page.fill('[data-testid=records-search]', '');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(4);

    // A column filter: the status, then text contained in the serial… here the number.
    await page.click('[data-testid=records-filters-toggle]');
    await page.selectOption('[data-testid=filter-status]', 'awaiting_survey');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(1);
    expect(await rowOf('王建国').count()).toBe(1);
    await page.click('[data-testid=records-filters-clear]');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(4);
    // Text a column contains.
    await page.fill('[data-testid=filter-rma_no]', (await text(rowOf('张伟').locator('th'))).slice(-4));
    await page.press('[data-testid=filter-rma_no]', 'Enter');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(1);
    await page.click('[data-testid=records-filters-clear]');
    // Created on the day they were filed (the server's day): all four; from the next day: none.
    const next = new Date(Date.parse(`${seededDay}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const created = page.locator('[data-testid=filter-createdAt] input[type=date]');
    await created.first().fill(next);
    await poll(() => page.locator('[data-testid=records-empty]').count()).toBe(1);
    await created.first().fill(seededDay);
    await created.last().fill(seededDay);
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(4);
    await page.click('[data-testid=records-filters-clear]');

    // Sorting by a header: ascending, then descending. Each click reloads the list (its rows are
    // emptied meanwhile), so the order to expect is taken from the settled list before the click,
    // and each step waits for the URL to carry the sort and the rows to stand in that order.
    const rmas = () => page.locator('[data-testid=record-row] th').allInnerTexts();
    const sortParam = () => new URL(page.url()).searchParams.get('sort');
    const ariaSort = () => page.getAttribute('[data-testid=sort-rma_no] >> xpath=..', 'aria-sort');
    await poll(sortParam).toBe(null);
    // Rows read while a reload has emptied them are none: read them once all four stand.
    let settled: string[] = [];
    await poll(async () => (settled = await rmas()).length).toBe(4);
    const ascending = [...settled].sort();
    await page.click('[data-testid=sort-rma_no]');
    await poll(sortParam).toBe('rma_no');
    await poll(rmas).toEqual(ascending);
    expect(await ariaSort()).toBe('ascending');
    await page.click('[data-testid=sort-rma_no]');
    await poll(sortParam).toBe('-rma_no');
    await poll(rmas).toEqual([...ascending].reverse());
    expect(await ariaSort()).toBe('descending');

    // Columns: add the resolution time (a span of time in words), drop the serial number; kept after a reload.
    await page.click('[data-testid=column-chooser] summary');
    await page.check('[data-testid=column-resolution_hours]');
    await page.uncheck('[data-testid=column-serial_number]');
    await page.click('[data-testid=column-chooser] summary');
    await poll(() => text(rowOf('王建国').locator('[data-column=resolution_hours]'))).toBe('2 h 5 min');
    await page.reload();
    await page.waitForSelector('[data-testid=records-table]');
    expect(await headers()).toContain('Resolution time');
    expect(await headers()).not.toContain('Serial number');
    await screenshot(page, 'records-list-en');

    // The customers list is headed by the customer's name.
    await page.goto('/apps/after_sales/forms/customers/records');
    await page.waitForSelector('[data-testid=records-table]');
    expect((await headers())[0]).toMatch(/^Name/);
    expect(errors).toEqual([]);
  }, 120_000);

  it('the same list on a phone, in Chinese', async () => {
    const page = await e2e.signIn('supervisor', { lang: 'zh-CN', width: 375, height: 800 });
    const errors = consoleErrors(page);
    await page.goto('/apps/after_sales/forms/repair_request/records');
    await page.waitForSelector('[data-testid=records-table]');
    expect((await page.locator('[data-testid=records-table] thead th').allInnerTexts())[0]).toMatch(
      /^服务单号/,
    );
    await page.click('[data-testid=records-filters-toggle]');
    await page.fill('[data-testid=records-search]', '王建国');
    await poll(() => page.locator('[data-testid=record-row]').count()).toBe(1);
    // The page is no wider than the phone (the table scrolls inside its card).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'records-list-zh-375');
    expect(errors).toEqual([]);
  }, 90_000);

  for (const lang of ['en', 'zh-CN'] as const) {
    it(`the dashboard shows what was paid, spans in words and every label in the page's language (${lang})`, async () => {
      const page = await e2e.signIn('supervisor', { lang, width: 1280, height: 1000 });
      const errors = consoleErrors(page);
      await page.goto('/apps/after_sales/dashboards/service_overview');
      await page.waitForSelector('[data-testid=dashboard][data-key=service_overview]');
      const kpi = (key: string) => text(page.locator(`[data-testid=widget-${key}] [data-testid=kpi-value]`));
      // ¥450 was collected, though quote, parts and labour add up to ¥900.
      await poll(() => kpi('revenue_total')).toMatch(/^(CN)?¥450\.00$/);
      const pie = page.locator('[data-testid=widget-revenue_share] [data-testid=chart-data]');
      await poll(() => pie.locator('td').first().getAttribute('data-value')).toBe('450');
      const first = await kpi('avg_first_response');
      expect(first).toMatch(lang === 'en' ? /^\d+ (min|h)/ : /^\d+ (分|小时)/);
      const pivot = page.locator('[data-testid=widget-technician_performance] [data-testid=pivot]');
      await pivot.waitFor();
      const heads = await pivot.locator('thead th').allInnerTexts();
      expect(heads).toEqual(
        lang === 'en'
          ? ['Technician', 'Jobs done', 'Average resolution time', 'Average satisfaction']
          : ['维修工程师', '完工单数', '平均处理时长', '平均满意度'],
      );
      expect(await pivot.locator('tbody td').nth(1).innerText()).toBe(
        lang === 'en' ? '2 h 5 min' : '2 小时 5 分',
      );
      // No series, category or header in the other language (names of records and people aside).
      const words = await page
        .locator('[data-testid=chart-data] th, [data-testid=pivot] thead th, .widget-title')
        .allInnerTexts();
      expect(words.length).toBeGreaterThan(20);
      expect(
        words.filter((w) =>
          lang === 'en' ? /[\u4e00-\u9fff]/.test(w) : /\b(Count|Sum|Average|rejected|declined)\b/.test(w),
        ),
      ).toEqual([]);
      await screenshot(page, `dashboard-figures-${lang}`);

      // Process analytics names outcomes by their end steps.
      await page.goto('/apps/after_sales/flows/repair/analytics');
      await page.waitForSelector('[data-testid=flow-figures]');
      const series = page.locator('[data-testid=outcomes-by-week] [data-testid=chart-data] thead th');
      await poll(() => series.allInnerTexts()).toContain(lang === 'en' ? 'Rejected' : '不予受理');
      for (const s of await series.allInnerTexts())
        expect(s).not.toMatch(/^(done:|rejected$|declined$|completed$)/);
      expect(errors).toEqual([]);
    }, 90_000);
  }
});
