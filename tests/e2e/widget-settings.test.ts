/**
 * A widget's settings in the dashboard designer, in Chromium (issue 22): the designer groups a bar
 * chart by quarter, keeps the top 3 by their count, gives the figure a unit and one decimal and the
 * chart a colour of their own; a pie keeps its top group and sums the rest into "Other"; a key
 * figure reads with its unit in the chosen colour; a table's rows stop opening records when
 * click-through is turned off. Each live preview answers with the figures this test computes from
 * the records it created, and shows them as set; published, the web app shows them in Chinese and a
 * quarter's bar opens that quarter's records.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const CHANNEL = [
  { value: 'web', label: { en: 'Web', zh: '网站' } },
  { value: 'phone', label: { en: 'Phone', zh: '电话' } },
  { value: 'shop', label: { en: 'Shop', zh: '门店' } },
];

const app = {
  format: 'flowcase/app@1',
  key: 'knobs',
  name: { en: 'Knobs', zh: '组件设置' },
  version: 1,
  roles: [{ key: 'staff', name: { en: 'Staff', zh: '员工' }, design: true }],
  forms: [
    {
      key: 'ticket',
      name: { en: 'Ticket', zh: '工单' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'channel', type: 'select', label: { en: 'Channel', zh: '渠道' }, options: CHANNEL },
        { key: 'opened', type: 'date', label: { en: 'Opened', zh: '受理日期' } },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

interface Ticket {
  title: string;
  channel: string;
  opened: string;
}

// Five quarters of 2025–2026, unevenly: Q1 2025 has 1, Q2 2, Q3 3, Q4 4, Q1 2026 5.
const QUARTERS = ['2025-02-10', '2025-05-10', '2025-08-10', '2025-11-10', '2026-02-10'];
const TICKETS: Ticket[] = QUARTERS.flatMap((day, q) =>
  Array.from({ length: q + 1 }, (_, i) => ({
    title: `Ticket ${q}-${i}`,
    channel: CHANNEL[(q + i) % 3 === 0 ? 0 : i % 2 === 0 ? 1 : 2]!.value,
    opened: day,
  })),
);

const quarterOf = (day: string) => `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) + 2) / 3)}`;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: app });
  for (const data of TICKETS)
    await e2e.api('admin', 'POST', '/api/v1/apps/knobs/forms/ticket/records', { data });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- preview answers are read loosely
type Preview = any;

/** Waits for a preview of `key` whose answer and posted widget satisfy `ready`. */
async function previewWhere(
  page: Page,
  key: string,
  ready: (p: Preview, widget: Preview) => boolean,
): Promise<Preview> {
  const r = await page.waitForResponse(
    (res: Response) => {
      if (!res.url().includes('/api/v1/apps/knobs/widgets/preview') || res.request().method() !== 'POST')
        return false;
      const widget = (JSON.parse(res.request().postData() ?? '{}') as { widget?: Preview }).widget;
      return widget?.key === key && res.status() === 200;
    },
    { timeout: 30_000 },
  );
  const answer = (await r.json()) as Preview;
  const widget = (JSON.parse(r.request().postData() ?? '{}') as { widget?: Preview }).widget;
  return ready(answer, widget) ? answer : previewWhere(page, key, ready);
}

describe('widget settings in the designer', () => {
  it('sets quarter buckets, a top 3, a unit and a colour, and the preview shows them', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1100 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/knobs/versions');
    await page.fill('[data-testid=new-dashboard-key]', 'knobs');
    await page.click('[data-testid=new-dashboard]');
    await page.locator('[data-testid=dashboard-designer]').waitFor();

    // A bar chart by quarter of opening: one bar per quarter, labelled as people say it.
    await page.click('[data-testid=palette-bar]');
    await page.locator('[data-testid=grid-bar_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'opened');
    const quarters = previewWhere(page, 'bar_1', (_, w) => w.dimensions?.[0]?.bucket === 'quarter');
    await page.selectOption('[data-testid=prop-dimensions-0-bucket]', 'quarter');
    const byQuarter = await quarters;
    const want = new Map<string, number>();
    for (const t of TICKETS) want.set(quarterOf(t.opened), (want.get(quarterOf(t.opened)) ?? 0) + 1);
    expect(byQuarter.keys).toEqual([...want.keys()].sort());
    expect(byQuarter.labels).toEqual(['2025 Q1', '2025 Q2', '2025 Q3', '2025 Q4', '2026 Q1']);
    expect(byQuarter.series[0].data).toEqual((byQuarter.keys as string[]).map((k) => want.get(k)));

    // Top 3 by count, largest first.
    const top = previewWhere(page, 'bar_1', (_, w) => w.limit === 3 && w.sort?.by === 'value');
    await page.selectOption('[data-testid=prop-sort-by]', 'value');
    await page.fill('[data-testid=prop-limit]', '3');
    const top3 = await top;
    const ranked = [...want.entries()].sort((a, b) => b[1] - a[1]).slice(0, 3);
    expect(top3.keys).toEqual(ranked.map(([k]) => k));
    expect(top3.series[0].data).toEqual(ranked.map(([, n]) => n));

    // The figure in pieces with one decimal; the chart in a colour of the designer's.
    await page.fill('[data-testid=prop-measures-0-format-decimals]', '1');
    await page.fill('[data-testid=prop-measures-0-format-unit-zh]', '件');
    await page.fill('[data-testid=prop-measures-0-format-unit-en]', 'pcs');
    await page.click('[data-testid=prop-colors-add]');
    const coloured = previewWhere(page, 'bar_1', (_, w) => w.colors?.[0] === '#e11d48');
    await page.fill('[data-testid=prop-colors-0]', '#e11d48');
    await coloured;
    const barCard = page.locator('[data-testid=widget-bar_1]');
    await poll(() => text(barCard.locator('[data-testid=chart-data] tbody tr').first())).toContain(
      `${ranked[0]![1]}.0 pcs`,
    );
    // The bars are drawn in that colour: the pixel at the first bar's centre, once the chart has
    // painted (it draws on the frame after its figures reach the table).
    const firstBarPixel = () =>
      barCard.locator('[data-testid=chart-canvas]').evaluate((canvas: HTMLCanvasElement) => {
        const [first] = JSON.parse(canvas.dataset.points ?? '[]') as { x: number; y: number }[];
        if (first === undefined) return [];
        const ratio = canvas.width / canvas.getBoundingClientRect().width;
        const ctx = canvas.getContext('2d')!;
        const x = Math.round(first.x * ratio);
        const y = Math.round((first.y + 4) * ratio);
        return Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3));
      });
    await poll(firstBarPixel).toEqual([0xe1, 0x1d, 0x48]);

    // A pie by channel: its top group, then the rest as one grey "Other" slice.
    await page.click('[data-testid=palette-pie]');
    await page.locator('[data-testid=grid-pie_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    const pie = previewWhere(
      page,
      'pie_1',
      (_, w) => w.limit === 1 && w.dimensions?.[0]?.field === 'channel',
    );
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'channel');
    await page.fill('[data-testid=prop-limit]', '1');
    const shares = await pie;
    const byChannel = new Map<string, number>();
    for (const t of TICKETS) byChannel.set(t.channel, (byChannel.get(t.channel) ?? 0) + 1);
    const biggest = [...byChannel.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]!;
    expect(shares.keys).toEqual([biggest[0]]);
    expect(shares.labels[1]).toBe('Other');
    expect(shares.series[0].data).toEqual([biggest[1], TICKETS.length - biggest[1]]);
    const swatches = page.locator('[data-testid=widget-pie_1] .chart-legend .swatch');
    await poll(() => swatches.count()).toBe(2);
    expect(await swatches.nth(1).evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(154, 163, 173)',
    );

    // A key figure in its unit, two decimals, in the designer's colour.
    await page.click('[data-testid=palette-kpi]');
    await page.locator('[data-testid=grid-kpi_1]').waitFor();
    await page.fill('[data-testid=prop-measures-0-format-decimals]', '2');
    await page.fill('[data-testid=prop-measures-0-format-unit-en]', 'pcs');
    await page.click('[data-testid=prop-colors-add]');
    await page.fill('[data-testid=prop-colors-0]', '#16a34a');
    const kpi = page.locator('[data-testid=widget-kpi_1] [data-testid=kpi-value]');
    await poll(() => text(kpi)).toBe(`${TICKETS.length}.00 pcs`);
    expect(await kpi.evaluate((el) => getComputedStyle(el).color)).toBe('rgb(22, 163, 74)');

    // A table whose rows open their records, until click-through is turned off.
    await page.click('[data-testid=palette-table]');
    const table = page.locator('[data-testid=widget-table_1]');
    await table.locator('[data-testid=table-row]').first().waitFor();
    expect(await table.locator('[data-testid=table-row].clickable').count()).toBeGreaterThan(0);
    await page.uncheck('[data-testid=prop-clickThrough]');
    await poll(() => table.locator('[data-testid=table-row].clickable').count()).toBe(0);
    expect(await table.getByRole('link').count()).toBe(0);

    // Back on the bar chart, the panel shows what was set.
    await page.click('[data-testid=grid-bar_1] [data-testid=handle-bar_1]');
    expect(await page.inputValue('[data-testid=prop-dimensions-0-bucket]')).toBe('quarter');
    expect(await page.inputValue('[data-testid=prop-limit]')).toBe('3');
    expect(await page.inputValue('[data-testid=prop-colors-0]')).toBe('#e11d48');
    await screenshot(page, 'widget-settings-en');
    expect(errors).toEqual([]);
  }, 300_000);

  it('shows them in the web app once published, in Chinese, and a quarter’s bar opens its records', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    await page.goto('/design/apps/knobs/versions');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published as version \d+\./).waitFor({ timeout: 60_000 });

    const zh = await e2e.signIn('admin', { lang: 'zh-CN', width: 1400, height: 1100 });
    // The panel's new settings in Chinese.
    await zh.goto('/design/apps/knobs/dashboards/knobs');
    await zh.click('[data-testid=grid-bar_1] [data-testid=handle-bar_1]');
    const panel = zh.locator('[data-testid=widget-panel]');
    expect(await zh.inputValue('[data-testid=prop-dimensions-0-bucket]')).toBe('quarter');
    for (const words of [
      '日期分组',
      '排序依据',
      '仅显示前 N 项',
      '小数位数',
      '单位',
      '配色',
      '点击柱子查看对应数据',
    ])
      await panel.getByText(words, { exact: false }).first().waitFor();
    await screenshot(zh, 'widget-settings-panel-zh');

    await zh.goto('/apps/knobs/dashboards/knobs');
    await zh.locator('[data-testid=dashboard][data-key=knobs]').waitFor();
    const bar = zh.locator('[data-testid=widget-bar_1]');
    await poll(() => bar.locator('canvas').getAttribute('data-points')).toMatch(/^\[\{/);
    const rows = await bar
      .locator('[data-testid=chart-data] tbody tr')
      .evaluateAll((trs) =>
        trs.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent]),
      );
    // The top 3 quarters, the largest first, each "N.0件".
    expect(rows).toEqual([
      ['2026年第1季度', '5.0件'],
      ['2025年第4季度', '4.0件'],
      ['2025年第3季度', '3.0件'],
    ]);
    // The key figure's unit has only English words: they stand in for the missing Chinese.
    await poll(() => text(zh.locator('[data-testid=widget-kpi_1] [data-testid=kpi-value]'))).toBe(
      `${TICKETS.length}.00 pcs`,
    );
    await poll(() => text(zh.locator('[data-testid=widget-pie_1] .chart-legend'))).toContain('其他');
    await screenshot(zh, 'widget-settings-web-zh');

    const points = JSON.parse((await bar.locator('canvas').getAttribute('data-points'))!) as {
      x: number;
      y: number;
    }[];
    await bar.locator('canvas').click({ position: points[1]! });
    await zh.waitForSelector('[data-testid=records-page]');
    await poll(() => zh.locator('[data-testid=record-count]').getAttribute('data-count')).toBe('4');
    expect(await text(zh.locator('h1'))).toContain('2025年第4季度');
  }, 300_000);
});
