/**
 * Dashboards and process analytics in Chromium, over three dozen repair requests spread over the
 * last year (the server's ManualClock set back for each): a manager opens the after-sales
 * dashboard from the header, sees the charts drawn and the KPI cards filled, clicks the tallest
 * bar and lands on the record list of exactly that many records, narrows the period and sees the
 * figures change, then opens the repair flow's analytics and finds the intake step marked as the
 * bottleneck with its figures.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
const DAY = 86_400_000;
const HOUR = 3_600_000;
const N = 36;
const CATEGORIES = ['phone', 'laptop', 'tablet', 'wearable'];
const CHANNELS = ['online_shop', 'hotline', 'wechat'];

interface View {
  record: { id: string };
  instance: { tasks: { id: string; node: string; status: string }[] };
}

/** What was seeded: intake approved, rejected and left open, one third each. */
const seeded = { approved: 0, rejected: 0, open: 0, notRejectedLast30: 0, phoneNotRejectedLast30: 0 };

beforeAll(async () => {
  e2e = await startE2E();
  const ids = await sampleIds(e2e);
  // Tokens first, at the real time (they stay valid while the clock is set back).
  await e2e.token('customer');
  await e2e.token('desk');
  const now = Date.now();
  for (let i = 0; i < N; i++) {
    const at = now - i * 10 * DAY - 2 * HOUR;
    e2e.clock.set(new Date(at));
    const view = await e2e.api<View>(
      'customer',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: ids.customer,
          product: ids.product(1),
          purchase_date: '2020-01-15',
          intake_channel: CHANNELS[i % CHANNELS.length],
          service_type: 'carry_in',
          fault_category: CATEGORIES[i % CATEGORIES.length],
          description: `Seeded request ${i}`,
        },
      },
    );
    const intake = view.instance.tasks.find((t) => t.node === 'intake' && t.status === 'open')!;
    if (i % 3 === 0) {
      // Accepted after 1–4 hours (the intake SLA is one hour).
      e2e.clock.set(new Date(at + ((i % 4) + 1) * HOUR));
      await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
        action: 'approve',
        data: { technician: ids.user('tech') },
      });
      seeded.approved++;
    } else if (i % 3 === 1) {
      e2e.clock.set(new Date(at + 30 * 60_000));
      await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
        action: 'reject',
        comment: 'Not our product',
      });
      seeded.rejected++;
    } else {
      seeded.open++;
    }
    if (i % 3 !== 1 && i * 10 < 29) {
      seeded.notRejectedLast30++;
      if (CATEGORIES[i % CATEGORIES.length] === 'phone') seeded.phoneNotRejectedLast30++;
    }
  }
  e2e.clock.set(new Date());
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

/** Pixels drawn (alpha > 0) on each chart canvas of the page. */
function drawnPixels(page: Page): Promise<number[]> {
  return page.$$eval('[data-testid=chart-canvas]', (canvases) =>
    (canvases as HTMLCanvasElement[]).map((c) => {
      const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    }),
  );
}

async function kpi(page: Page, widget: string): Promise<string> {
  return text(page.locator(`[data-testid=widget-${widget}] [data-testid=kpi-value]`));
}

describe('dashboards and process analytics in the browser', () => {
  it('a manager reads the after-sales dashboard and clicks through a bar to its records', async () => {
    // A browser whose date is not the server's right now (20 hours behind Asia/Shanghai, or 6
    // ahead late in its day): the page must count periods in the server's days.
    const { timeZone } = await e2e.api<{ timeZone: string }>('supervisor', 'GET', '/api/v1/apps/after_sales');
    const serverHour = Number(
      new Intl.DateTimeFormat('en-GB', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(new Date()),
    );
    const timezoneId = serverHour >= 18 ? 'Etc/GMT-14' : 'Etc/GMT+12';
    const page = await e2e.signIn('supervisor', { width: 1280, height: 900, timezoneId });
    const serverToday = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
    expect(await page.evaluate(() => new Intl.DateTimeFormat('en-CA').format(new Date()))).not.toBe(
      serverToday,
    );
    const periods: (string | null)[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/dashboards/service_overview/data'))
        periods.push(new URL(r.url()).searchParams.get('to'));
    });
    await page.click('[data-testid=nav-reports]');
    await page.click('[data-testid=open-dashboard-service_overview]');
    await page.waitForSelector('[data-testid=dashboard][data-key=service_overview]');

    // KPI cards show numbers; open requests are those not rejected (approved or still at intake).
    await poll(() => kpi(page, 'open_requests')).toMatch(/^\d+$/);
    const openYear = Number(await kpi(page, 'open_requests'));
    expect(openYear).toBeGreaterThan(seeded.notRejectedLast30);
    expect(openYear).toBeLessThanOrEqual(seeded.open + seeded.approved);
    // A span of time in words: accepted 1–4 hours after filing.
    await poll(() => kpi(page, 'avg_first_response')).toMatch(/^\d+ h( \d+ min)?$/);
    expect(await text(page.locator('[data-testid=widget-open_requests] [data-testid=kpi-change]'))).toMatch(
      /^(▲|▼|■) [\d.,]+%$|^—$/,
    );

    // The last 12 months end on the server's today, from the first request on.
    expect(periods).toEqual([serverToday]);

    // The bar and line charts drew; widgets without data say so.
    await poll(async () => (await drawnPixels(page)).length).toBeGreaterThanOrEqual(4);
    await poll(async () => Math.min(...(await drawnPixels(page)))).toBeGreaterThan(500);
    await poll(() => text(page.locator('[data-testid=widget-technician_performance]'))).toContain(
      'No data for this period.',
    );
    await screenshot(page, 'dashboard-year');

    // The tallest bar of "Requests by status", read from the chart's table, then clicked on the canvas.
    const chart = page.locator('[data-testid=widget-by_status]');
    await poll(() => chart.locator('canvas').getAttribute('data-points')).toMatch(/^\[\{/);
    const bars = await chart.locator('[data-testid=chart-data] tbody tr').evaluateAll((rows) =>
      rows.map((r) => ({
        label: r.querySelector('th')!.textContent!,
        value: Number(r.querySelector('td')!.getAttribute('data-value')),
      })),
    );
    expect(bars.length).toBeGreaterThanOrEqual(2);
    const tallest = bars.reduce((best, b, i) => (b.value > bars[best]!.value ? i : best), 0);
    const points = JSON.parse((await chart.locator('canvas').getAttribute('data-points'))!) as {
      x: number;
      y: number;
    }[];
    await chart.locator('canvas').click({ position: points[tallest]! });
    await page.waitForSelector('[data-testid=records-page]');
    await poll(() => page.locator('[data-testid=record-count]').getAttribute('data-count')).toBe(
      String(bars[tallest]!.value),
    );
    expect(await page.locator('[data-testid=record-count]').getAttribute('data-more')).toBe('false');
    expect(await page.locator('[data-testid=record-row]').count()).toBe(bars[tallest]!.value);
    expect(await text(page.locator('h1'))).toContain(bars[tallest]!.label);
    // Each row opens its case; the export links carry the same filter.
    expect(await page.locator('[data-testid=record-row] a[href^="/cases/"]').count()).toBe(
      bars[tallest]!.value,
    );
    const csv = await page.locator('[data-testid=export-csv]').getAttribute('href');
    expect(csv).toMatch(/^\/api\/v1\/apps\/after_sales\/forms\/repair_request\/export\?format=csv&filter=/);
    const exported = await page.evaluate(async (href) => (await fetch(href)).text(), csv!);
    // A BOM, a header line, one line per record (descriptions have no line breaks).
    expect(exported.trimEnd().split('\r\n').length).toBe(bars[tallest]!.value + 1);
    await screenshot(page, 'dashboard-records');

    // Back on the dashboard, the last 30 days: fewer open requests, another chart.
    await page.goBack();
    await page.waitForSelector('[data-testid=dashboard]');
    await poll(() => kpi(page, 'open_requests')).toBe(String(openYear));
    await page.click('[data-testid=pick-last30]');
    await poll(() => kpi(page, 'open_requests')).toBe(String(seeded.notRejectedLast30));
    expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await poll(async () => {
      const rows = await chart
        .locator('[data-testid=chart-data] td')
        .evaluateAll((tds) => tds.map((td) => Number(td.getAttribute('data-value'))));
      return rows.reduce((a, b) => a + b, 0);
    }).toBe(3);
    // A select filter applies to every widget.
    await page.selectOption('[data-testid=filter-fault_category]', 'phone');
    await poll(() => kpi(page, 'open_requests')).toBe(String(seeded.phoneNotRejectedLast30));
    await screenshot(page, 'dashboard-last30-phone');

    // The other dashboard keeps the period.
    await page.click('[data-testid=dashboard-tab-complaint_overview]');
    await page.waitForSelector('[data-testid=dashboard][data-key=complaint_overview]');
    await poll(() => kpi(page, 'open_complaints')).toBe('0');
    expect(new URL(page.url()).searchParams.get('from')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('process analytics shows each step with its figures and marks the bottleneck', async () => {
    const page = await e2e.signIn('admin', { width: 1280, height: 900 });
    await page.click('[data-testid=nav-reports]');
    await page.click('[data-testid=open-analytics-repair]');
    await page.waitForSelector('[data-testid=flow-node][data-node=intake]');
    await page.click('[data-testid=pick-all]');
    const intake = page.locator('[data-testid=flow-node][data-node=intake]');
    await poll(() => text(intake.locator('[data-testid=node-completed]'))).toBe(
      String(seeded.approved + seeded.rejected),
    );
    expect(await text(intake.locator('[data-testid=node-open]'))).toMatch(new RegExp(`^${seeded.open}\\b`));
    expect(await text(intake.locator('[data-testid=node-avg]'))).toMatch(/\d/);
    // p90 is the middle of its histogram bucket (hours, and minutes unless the middle is whole).
    expect(await text(intake.locator('[data-testid=node-p90]'))).toMatch(/^\d+ h( \d+ min)?$/);
    // Accepted after 1–4 hours against a one-hour SLA: some breached.
    expect(await text(intake.locator('[data-testid=node-breach]'))).toMatch(/^\d+% \(\d+\/\d+\)$/);
    // The quote step holds as many open tasks but no finished one: intake is the bottleneck.
    const quote = page.locator('[data-testid=flow-node][data-node=quote]');
    expect(await text(quote.locator('[data-testid=node-open]'))).toMatch(
      new RegExp(`^${seeded.approved}\\b`),
    );
    expect(await intake.getAttribute('class')).toContain('bottleneck');
    expect(await page.locator('[data-testid=bottleneck]').count()).toBe(1);
    // Steps are drawn in the order work moves: intake first, the survey last.
    const order = await page
      .locator('[data-testid=flow-node]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(order[0]).toBe('intake');
    expect(order.indexOf('quote')).toBeLessThan(order.indexOf('repair'));
    expect(order.indexOf('qa')).toBeLessThan(order.indexOf('survey'));
    expect(await text(page.locator('[data-testid=flow-started] .kpi-value'))).toBe(String(N));
    expect(await text(page.locator('[data-testid=flow-finished] .kpi-value'))).toBe(String(seeded.rejected));
    await poll(async () => Math.min(...(await drawnPixels(page)))).toBeGreaterThan(200);
    await screenshot(page, 'process-analytics');

    // The same page in Chinese.
    await page.selectOption('[data-testid=lang]', 'zh-CN');
    await poll(() => text(page.locator('h1'))).toContain('流程分析');
    expect(await text(intake.locator('h3'))).toContain('受理');
    expect(await text(page.locator('[data-testid=bottleneck]'))).toBe('瓶颈');
  });

  it('a data table pages and sorts through the one-widget route', async () => {
    await e2e.api('admin', 'POST', '/api/v1/apps', { template: 'repair_order' });
    for (let i = 0; i < 25; i++)
      await e2e.api('admin', 'POST', '/api/v1/apps/repair_order/forms/repair_order/records', {
        data: {
          customer_name: `Customer ${i}`,
          customer_phone: '13800138000',
          device: `Device ${i}`,
          fault_description: 'Does not start',
        },
      });
    const page = await e2e.signIn('admin', { width: 1280, height: 900 });
    await page.goto('/apps/repair_order/dashboards/shop_overview?range=all');
    const table = page.locator('[data-testid=widget-by_technician]');
    await poll(() => table.locator('[data-testid=table-row]').count()).toBe(20);
    expect(await text(table.locator('[data-testid=table-total]'))).toBe('Total: 25');
    expect(await table.locator('[data-testid=table-prev]').isDisabled()).toBe(true);
    await table.locator('[data-testid=table-next]').click();
    await poll(() => table.locator('[data-testid=table-row]').count()).toBe(5);
    expect(await text(table.locator('[data-testid=table-page]'))).toBe('Page 2');
    expect(await table.locator('[data-testid=table-next]').isDisabled()).toBe(true);
    await table.locator('[data-testid=table-prev]').click();
    await poll(() => table.locator('[data-testid=table-row]').count()).toBe(20);
    await table.locator('[data-testid=sort-technician]').click();
    await poll(() => table.locator('th[aria-sort=ascending]').count()).toBe(1);
    expect(await text(table.locator('[data-testid=table-page]'))).toBe('Page 1');
    expect(await table.locator('[data-testid=table-row] a[href^="/cases/"]').count()).toBe(20);
    await screenshot(page, 'dashboard-table');
  });

  it('customers see no reports link', async () => {
    const page = await e2e.signIn('customer');
    await page.waitForSelector('[data-testid=nav-inbox]');
    await poll(() => page.locator('.form-links a').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=nav-reports]').count()).toBe(0);
  });
});
