/**
 * A dashboard never freezes on a stored number. Values saved before numbers had limits (a paid
 * amount of 1.7e308, written here straight to the store) once made chart.js's axis loop forever
 * and the staff dashboard hang the browser; now the chart draws them at its plot limit and the
 * figures read in scientific notation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { poll, sampleIds, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
const DAY = 86_400_000;

beforeAll(async () => {
  e2e = await startE2E();
  const ids = await sampleIds(e2e);
  const store = e2e.server.services.store;
  const huge = [
    { payment_amount: 1.7e308, paid_at: new Date().toISOString(), quote_fee: 1.7e308, parts_total: 1e308 },
    {
      payment_amount: -1.7e308,
      paid_at: new Date(Date.now() - 40 * DAY).toISOString(),
      quote_fee: 1e308,
      labour_fee: -1e308,
      // Another slice of the revenue pie (by category): one category's sum would cancel out to 0.
      fault_category: 'laptop',
    },
  ];
  for (const values of huge) {
    const view = await e2e.api<{ record: { id: string } }>(
      'desk',
      'POST',
      '/api/v1/apps/after_sales/forms/repair_request/records',
      {
        data: {
          customer: ids.customer,
          product: ids.product(1),
          purchase_date: '2020-01-15',
          intake_channel: 'hotline',
          service_type: 'carry_in',
          fault_category: 'phone',
          description: 'Stored before numbers had limits',
        },
      },
    );
    const row = (await store.getRecord(view.record.id))!;
    await store.write((tx) =>
      tx.updateRecord(row.id, { data: { ...row.data, ...values, in_warranty: false } }),
    );
  }
}, 180_000);

afterAll(async () => {
  await e2e?.close();
});

describe('a dashboard over huge stored values', () => {
  it('draws every chart within seconds and shows the real figures in scientific notation', async () => {
    const page = await e2e.signIn('supervisor', { width: 1280, height: 900 });
    const started = Date.now();
    await page.goto('/apps/after_sales/dashboards/service_overview');
    const revenue = page.locator('[data-testid=widget-revenue_by_month]');
    await revenue.locator('canvas[data-points]').waitFor({ timeout: 10_000 });
    await page.locator('[data-testid=widget-revenue_share] canvas[data-points]').waitFor({ timeout: 10_000 });
    expect(Date.now() - started).toBeLessThan(10_000);
    // The page still answers, and the chart's table holds the stored values as they are.
    await poll(() => text(revenue.locator('[data-testid=chart-data]'))).toContain('1.7E308');
    expect(await text(revenue.locator('[data-testid=chart-data]'))).toContain('-1.7E308');
    await poll(() =>
      text(page.locator('[data-testid=widget-open_requests] [data-testid=kpi-value]')),
    ).toMatch(/^\d+$/);
    await screenshot(page, 'dashboard-huge-values');
  });
});
