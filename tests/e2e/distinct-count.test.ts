/**
 * A distinct count (去重计数) in the dashboard designer, in Chromium (issue 22): the designer picks
 * 去重计数 as a key figure's 统计方式 and 客户 as its field, and the live preview shows how many
 * different customers the tickets have, not how many tickets; a bar chart per channel does the
 * same per bar. The panel offers it from the widget type's property list, in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const CHANNEL = [
  { value: 'web', label: { en: 'Web', zh: '网站' } },
  { value: 'phone', label: { en: 'Phone', zh: '电话' } },
];

const app = {
  format: 'flowcase/app@1',
  key: 'uniq',
  name: { en: 'Distinct', zh: '去重' },
  version: 1,
  roles: [{ key: 'staff', name: { en: 'Staff', zh: '员工' }, design: true }],
  forms: [
    {
      key: 'ticket',
      name: { en: 'Ticket', zh: '工单' },
      fields: [
        { key: 'customer', type: 'text', label: { en: 'Customer', zh: '客户' } },
        { key: 'channel', type: 'select', label: { en: 'Channel', zh: '渠道' }, options: CHANNEL },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

// Nine tickets of four customers: 王 and 李 call and write, 张 only writes, 赵 only calls.
const TICKETS = [
  ['王', 'web'],
  ['王', 'web'],
  ['王', 'phone'],
  ['李', 'web'],
  ['李', 'phone'],
  ['李', 'phone'],
  ['张', 'web'],
  ['张', 'web'],
  ['赵', 'phone'],
].map(([customer, channel]) => ({ customer: customer!, channel: channel! }));

const customersOf = (channel?: string) =>
  new Set(TICKETS.filter((t) => channel === undefined || t.channel === channel).map((t) => t.customer)).size;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: app });
  for (const data of TICKETS)
    await e2e.api('admin', 'POST', '/api/v1/apps/uniq/forms/ticket/records', { data });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

describe('a distinct count in the dashboard designer', () => {
  it('counts the different customers in a key figure and per bar', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1400, height: 1000 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/uniq/versions');
    await page.fill('[data-testid=new-dashboard-key]', 'uniq');
    await page.click('[data-testid=new-dashboard]');
    await page.locator('[data-testid=dashboard-designer]').waitFor();

    await page.click('[data-testid=palette-kpi]');
    await page.locator('[data-testid=grid-kpi_1]').waitFor();
    const kpi = page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-value]');
    await poll(() => text(kpi)).toBe(String(TICKETS.length));
    const op = page.locator('[data-testid=prop-measures-0-op]');
    expect(await op.locator('option[value=distinct]').textContent()).toBe('去重计数');
    await op.selectOption('distinct');
    await page.selectOption('[data-testid=prop-measures-0-field]', 'customer');
    await poll(() => text(kpi)).toBe(String(customersOf()));

    await page.click('[data-testid=palette-bar]');
    await page.locator('[data-testid=grid-bar_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'channel');
    await page.selectOption('[data-testid=prop-measures-0-op]', 'distinct');
    await page.selectOption('[data-testid=prop-measures-0-field]', 'customer');
    const rows = page.locator('[data-testid=widget-bar_1] [data-testid=chart-data] tbody tr');
    const table = () =>
      rows.evaluateAll((trs) =>
        trs.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
      );
    await poll(async () => JSON.stringify((await table()).sort())).toBe(
      JSON.stringify(
        [
          ['电话', String(customersOf('phone'))],
          ['网站', String(customersOf('web'))],
        ].sort(),
      ),
    );
    // The bars' figure is named after its field and operation.
    expect(await text(page.locator('[data-testid=widget-bar_1] [data-testid=chart-data] thead'))).toContain(
      '客户去重计数',
    );
    await screenshot(page, 'distinct-count-designer-zh');
    expect(errors).toEqual([]);
  }, 300_000);
});
