/**
 * Issue 22's Done-when, in Chromium through the UI only: a designer builds a dashboard over orders
 * made through the API with known dates and amounts across two periods (the last 30 days, the 30
 * before, and older ones): a key figure compared with the previous period, a bar by month, a pie by
 * a select field, a pivot of two dimensions and a data table; designs the dashboard's filters (the
 * period on the order date, opening on the last 30 days, a region and a seller filter), shares it
 * with a role and publishes. A supervisor holding that role opens it in the web app: the filter bar
 * is the designed one, and every figure is the one this test computes from the orders it made; the
 * region filter narrows every widget; a bar opens the matching record list, a table row its order.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const REGION = [
  { value: 'north', label: { en: 'North', zh: '华北' } },
  { value: 'south', label: { en: 'South', zh: '华南' } },
  { value: 'east', label: { en: 'East', zh: '华东' } },
];
const PRODUCT = [
  { value: 'phone', label: { en: 'Phone', zh: '手机' } },
  { value: 'laptop', label: { en: 'Laptop', zh: '笔记本' } },
];

const shop = {
  format: 'flowcase/app@1',
  key: 'shop',
  name: { en: 'Shop', zh: '门店' },
  version: 1,
  roles: [
    { key: 'staff', name: { en: 'Staff', zh: '员工' }, design: true },
    // The demo users `supervisor` and `tech` hold these: one the dashboard is shared with, one not.
    { key: 'supervisor', name: { en: 'Supervisor', zh: '主管' } },
    { key: 'technician', name: { en: 'Technician', zh: '技术员' } },
  ],
  forms: [
    {
      key: 'order',
      name: { en: 'Order', zh: '订单' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'region', type: 'select', label: { en: 'Region', zh: '区域' }, options: REGION },
        { key: 'product', type: 'select', label: { en: 'Product', zh: '产品' }, options: PRODUCT },
        { key: 'amount', type: 'money', label: { en: 'Amount', zh: '金额' } },
        { key: 'ordered', type: 'date', label: { en: 'Ordered on', zh: '下单日期' } },
        { key: 'seller', type: 'user', label: { en: 'Seller', zh: '销售员' } },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

interface Order {
  title: string;
  region: string;
  product: string;
  amount: number;
  ordered: string;
}

/** Days before the server's today: the last 30 days, the 30 before them, and older orders. */
const CURRENT = [0, 1, 3, 7, 12, 18, 25, 29];
const PREVIOUS = [30, 33, 41, 50, 59];
const OLDER = [60, 75, 200];

let today = '';
let orders: Order[] = [];

function daysBefore(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/** Orders of the period `[from, to]` (inclusive local dates), optionally of one region. */
function within(from: string, to: string, region?: string): Order[] {
  return orders.filter((o) => o.ordered >= from && o.ordered <= to && (!region || o.region === region));
}
const current = (region?: string) => within(daysBefore(today, 29), today, region);
const previous = () => within(daysBefore(today, 59), daysBefore(today, 30));
const sum = (list: Order[]) => list.reduce((a, o) => a + o.amount, 0);

/** Month keys from the first to the last day of the current period. */
function monthsOfPeriod(): string[] {
  const out: string[] = [];
  let m = daysBefore(today, 29).slice(0, 7);
  while (m <= today.slice(0, 7)) {
    out.push(m);
    const d = new Date(`${m}-01T00:00:00.000Z`);
    d.setUTCMonth(d.getUTCMonth() + 1);
    m = d.toISOString().slice(0, 7);
  }
  return out;
}

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: shop });
  const { timeZone } = await e2e.api<{ timeZone: string }>('admin', 'GET', '/api/v1/apps/shop');
  today = new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
  orders = [...CURRENT, ...PREVIOUS, ...OLDER].map((days, i) => ({
    title: `Order ${i}`,
    region: REGION[i % 3]!.value,
    product: PRODUCT[i % 2]!.value,
    amount: 100 + 37 * i,
    ordered: daysBefore(today, days),
  }));
  for (const data of orders)
    await e2e.api('admin', 'POST', '/api/v1/apps/shop/forms/order/records', { data });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- preview answers are read loosely
type Preview = any;

/** The next preview answer for widget `key` whose answer satisfies `ready`. */
async function previewWhere(page: Page, key: string, ready: (p: Preview) => boolean): Promise<Preview> {
  for (;;) {
    const p = (await page
      .waitForResponse(
        (r: Response) =>
          r.url().includes('/api/v1/apps/shop/widgets/preview') &&
          r.request().method() === 'POST' &&
          (JSON.parse(r.request().postData() ?? '{}') as { widget?: { key?: string } }).widget?.key === key &&
          r.status() === 200,
        { timeout: 30_000 },
      )
      .then((r) => r.json())) as Preview;
    if (ready(p)) return p;
  }
}

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

/** A chart's figures as drawn, from its accessible table: label → value. */
async function chartData(page: Page, widget: string): Promise<Record<string, number>> {
  const rows = await page
    .locator(`[data-testid=widget-${widget}] [data-testid=chart-data] tbody tr`)
    .evaluateAll((trs) =>
      trs.map((r) => [
        r.querySelector('th')!.textContent!,
        Number(r.querySelector('td')!.getAttribute('data-value')),
      ]),
    );
  return Object.fromEntries(rows) as Record<string, number>;
}

const kpiValue = (page: Page) =>
  page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-value]').getAttribute('data-value');
const kpiPrevious = (page: Page) =>
  page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-previous]').getAttribute('data-value');

describe("issue 22's dashboard, built in the browser and read by a role", () => {
  it('builds the dashboard and its filters through the designer, shares it and publishes', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/shop/versions');
    await page.fill('[data-testid=new-dashboard-key]', 'sales');
    await page.click('[data-testid=new-dashboard]');
    await page.locator('[data-testid=dashboard-designer]').waitFor();
    await page.fill('[data-testid=dashboard-name-en]', 'Sales');
    await page.fill('[data-testid=dashboard-name-zh]', '销售');

    // A key figure: the sum of amounts, compared with the previous period.
    await page.click('[data-testid=palette-kpi]');
    await page.locator('[data-testid=grid-kpi_1]').waitFor();
    await page.fill('[data-testid=prop-title-en]', 'Sales');
    await page.fill('[data-testid=prop-title-zh]', '销售额');
    await page.selectOption('[data-testid=prop-measures-0-op]', 'sum');
    await page.selectOption('[data-testid=prop-measures-0-field]', 'amount');
    await page.selectOption('[data-testid=prop-compare]', 'previous_period');

    // The dashboard's filters: the period on the order date, opening on the last 30 days; the
    // preview follows that range and shows the previous period.
    await page.check('[data-testid=dashboard-filters-on]');
    const kpi = previewWhere(page, 'kpi_1', (p) => p.total === sum(current()));
    await page.selectOption('[data-testid=dashboard-filter-date-field]', 'ordered');
    await page.selectOption('[data-testid=dashboard-filter-date-default]', '30d');
    const figure = await kpi;
    expect(figure.previous).toBe(sum(previous()));
    await page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-previous]').waitFor();

    // A bar chart of orders by month of the order date.
    await page.click('[data-testid=palette-bar]');
    await page.locator('[data-testid=grid-bar_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    const bar = previewWhere(page, 'bar_1', (p) => Array.isArray(p.keys) && /^\d{4}-\d{2}$/.test(p.keys[0]));
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'ordered');
    await page.selectOption('[data-testid=prop-dimensions-0-bucket]', 'month');
    const byMonth = await bar;
    expect(byMonth.keys).toEqual(monthsOfPeriod());
    expect(byMonth.series[0].data).toEqual(
      monthsOfPeriod().map((m) => current().filter((o) => o.ordered.startsWith(m)).length),
    );

    // A pie by product.
    await page.click('[data-testid=palette-pie]');
    await page.locator('[data-testid=grid-pie_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    const pie = previewWhere(page, 'pie_1', (p) => p.keys?.includes('phone') === true);
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'product');
    const byProduct = await pie;
    expect(
      Object.fromEntries((byProduct.keys as string[]).map((k, i) => [k, byProduct.series[0].data[i]])),
    ).toEqual(
      Object.fromEntries(
        PRODUCT.map((p) => [p.value, current().filter((o) => o.product === p.value).length]),
      ),
    );

    // A pivot of region × product.
    await page.click('[data-testid=palette-pivot]');
    await page.locator('[data-testid=grid-pivot_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'region');
    await page.click('[data-testid=prop-dimensions-add]');
    const pivot = previewWhere(page, 'pivot_1', (p) => (p.columns?.length ?? 0) > 2);
    await page.selectOption('[data-testid=prop-dimensions-1-field]', 'product');
    const cross = await pivot;
    expect(cross.totals).toEqual([current().length]);

    // A data table of the orders.
    const table = previewWhere(page, 'table_1', () => true);
    await page.click('[data-testid=palette-table]');
    expect((await table).rows.length).toBe(current().length);

    // A region filter for every widget; undo takes it away and redo brings it back.
    await page.selectOption('[data-testid=dashboard-filter-add]', 'region');
    await page.locator('[data-testid=dashboard-filter-region]').waitFor();
    await page.getByRole('button', { name: 'Undo' }).click();
    await poll(() => page.locator('[data-testid=dashboard-filter-region]').count()).toBe(0);
    await page.getByRole('button', { name: 'Redo' }).click();
    await page.locator('[data-testid=dashboard-filter-region]').waitFor();
    // A user field is a filter too (a person picker in the web app).
    await page.selectOption('[data-testid=dashboard-filter-add]', 'seller');
    await page.locator('[data-testid=dashboard-filter-seller]').waitFor();

    // Shared with supervisors.
    await page.check('[data-testid=dashboard-role-supervisor]');
    await savedNow(page);
    await page.locator('[data-testid=no-problems]').waitFor();
    await screenshot(page, 'dashboard-build-designer');
    const draft = await e2e.api<{
      draft: {
        dashboards: {
          key: string;
          roles?: string[];
          filters?: unknown;
          widgets: { key: string; compare?: string }[];
        }[];
      };
    }>('admin', 'GET', '/api/v1/apps/shop/draft');
    const sales = draft.draft.dashboards.find((d) => d.key === 'sales')!;
    expect(sales.roles).toEqual(['supervisor']);
    expect(sales.filters).toEqual({
      date: { field: 'ordered', default: '30d' },
      fields: ['region', 'seller'],
    });
    expect(sales.widgets.map((w) => w.key)).toEqual(['kpi_1', 'bar_1', 'pie_1', 'pivot_1', 'table_1']);
    expect(sales.widgets[0]!.compare).toBe('previous_period');

    // The section reads in Chinese too.
    const zh = await e2e.signIn('admin', { lang: 'zh-CN', width: 1400, height: 1000 });
    await zh.goto('/design/apps/shop/dashboards/sales');
    await zh.locator('[data-testid=dashboard-filters] legend').getByText('筛选条件').waitFor();
    await zh.getByText('组件的表单没有该字段时忽略它').waitFor();
    expect(await zh.locator('[data-testid=dashboard-filter-date-default] option:checked').textContent()).toBe(
      '近 30 天',
    );
    await zh
      .locator('[data-testid=dashboard-filters]')
      .screenshot({ path: 'test-results/e2e-dashboard-build-filters-zh.png' });

    // Published from the app's page.
    await page.click('text=Back to the app');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published as version \d+\./).waitFor({ timeout: 60_000 });
    expect(errors).toEqual([]);
  }, 300_000);

  it('a supervisor reads the figures computed here, filters by region and clicks through a bar', async () => {
    const page = await e2e.signIn('supervisor', { lang: 'zh-CN', width: 1400, height: 1100 });
    await page.goto('/reports');
    await page.click('[data-testid=open-dashboard-sales]');
    await page.locator('[data-testid=dashboard][data-key=sales]').waitFor();

    // The designed filter bar: the period on the order date, the region and nothing else.
    await page.locator('[data-testid=period-field]').getByText('下单日期').waitFor();
    await page.locator('[data-testid=filter-region]').waitFor();
    await page.locator('[data-testid=filter-seller] input').waitFor();
    expect(await page.locator('[data-testid=filter-product]').count()).toBe(0);
    expect(await page.locator('[data-testid=date-field]').count()).toBe(0);
    expect(await page.locator('[data-testid=range-from]').inputValue()).toBe(daysBefore(today, 29));
    expect(await page.locator('[data-testid=range-to]').inputValue()).toBe(today);
    // The last 30 days are one of the usual quick picks, shown as chosen.
    expect(await page.locator('[data-testid=pick-last30]').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid=pick-designed]').count()).toBe(0);

    // The key figure and the previous period.
    await poll(() => kpiValue(page)).toBe(String(sum(current())));
    expect(await kpiPrevious(page)).toBe(String(sum(previous())));
    const change = (sum(current()) - sum(previous())) / sum(previous());
    expect(await text(page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-change]'))).toContain(
      change > 0 ? '▲' : '▼',
    );
    // Orders by month, by product, region × product and the table.
    await poll(async () => Object.values(await chartData(page, 'bar_1'))).toEqual(
      monthsOfPeriod().map((m) => current().filter((o) => o.ordered.startsWith(m)).length),
    );
    await poll(() => chartData(page, 'pie_1')).toEqual(
      Object.fromEntries(
        PRODUCT.map((p) => [p.label.zh, current().filter((o) => o.product === p.value).length]),
      ),
    );
    // The pivot's totals row: one cell per product, then every order of the period in the totals
    // column; each region's row ends with its own orders.
    const productTotals = page.locator('[data-testid=widget-pivot_1] [data-testid=pivot-totals] td');
    await poll(async () => {
      const cells = (await productTotals.allTextContents()).map(Number);
      return [cells.slice(0, -1).sort(), cells.at(-1)];
    }).toEqual([
      PRODUCT.map((p) => current().filter((o) => o.product === p.value).length).sort(),
      current().length,
    ]);
    const regionTotals = page.locator('[data-testid=widget-pivot_1] [data-testid=pivot-row-total]');
    await poll(async () => (await regionTotals.allTextContents()).map(Number).sort()).toEqual(
      REGION.map((r) => current(r.value).length)
        .filter((n) => n > 0)
        .sort(),
    );
    await poll(() => page.locator('[data-testid=widget-table_1] [data-testid=table-row]').count()).toBe(
      current().length,
    );
    await screenshot(page, 'dashboard-build-supervisor-zh');

    // The table clicks through to each order's record.
    const tableRows = page.locator('[data-testid=widget-table_1] [data-testid=table-row]');
    expect(await tableRows.locator('a[href^="/cases/"]').count()).toBe(current().length);
    const firstTitle = (await tableRows.first().locator('td').first().textContent())!;
    expect(orders.map((o) => o.title)).toContain(firstTitle);
    await tableRows.first().locator('a[href^="/cases/"]').click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    await page.getByText(firstTitle).first().waitFor();
    await screenshot(page, 'dashboard-build-table-record');
    // The link navigated once: Back is the dashboard again.
    await page.goBack();
    await page.waitForURL(/\/apps\/shop\/dashboards\/sales/);
    await page.locator('[data-testid=dashboard][data-key=sales]').waitFor();
    // A click elsewhere on the row opens the same record, once too.
    await poll(() => tableRows.count()).toBe(current().length);
    await tableRows.first().locator('td').first().click();
    await page.waitForURL(/\/cases\/[^/]+$/);
    await page.getByText(firstTitle).first().waitFor();
    await page.goBack();
    await page.waitForURL(/\/apps\/shop\/dashboards\/sales/);
    await page.locator('[data-testid=dashboard][data-key=sales]').waitFor();

    // The region filter narrows every widget.
    await page.selectOption('[data-testid=filter-region]', 'north');
    await poll(() => kpiValue(page)).toBe(String(sum(current('north'))));
    await poll(() => page.locator('[data-testid=widget-table_1] [data-testid=table-row]').count()).toBe(
      current('north').length,
    );
    await screenshot(page, 'dashboard-build-north');
    await page.selectOption('[data-testid=filter-region]', '');
    await poll(() => kpiValue(page)).toBe(String(sum(current())));

    // The tallest bar opens the list of its orders.
    const chart = page.locator('[data-testid=widget-bar_1]');
    await poll(() => chart.locator('canvas').getAttribute('data-points')).toMatch(/^\[\{/);
    const bars = Object.values(await chartData(page, 'bar_1'));
    const tallest = bars.reduce((best, v, i) => (v > bars[best]! ? i : best), 0);
    const points = JSON.parse((await chart.locator('canvas').getAttribute('data-points'))!) as {
      x: number;
      y: number;
    }[];
    await chart.locator('canvas').click({ position: points[tallest]! });
    await page.waitForSelector('[data-testid=records-page]');
    const month = monthsOfPeriod()[tallest]!;
    await poll(() => page.locator('[data-testid=record-count]').getAttribute('data-count')).toBe(
      String(current().filter((o) => o.ordered.startsWith(month)).length),
    );
    await screenshot(page, 'dashboard-build-records');

    // A user of the app without the role neither sees nor reads it.
    const denied = await e2e.server.app.inject({
      method: 'GET',
      url: '/api/v1/apps/shop/dashboards/sales/data',
      headers: { authorization: `Bearer ${await e2e.token('tech')}` },
    });
    expect(denied.statusCode).toBe(404);
  }, 300_000);
});
