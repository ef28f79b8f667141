/**
 * The dashboard designer in Chromium (issue 22): a designer opens the app's page, starts a new
 * dashboard, adds a key figure, a bar chart by month, a pie by a select field, a pivot of two
 * dimensions and a data table from the palette, sets each one's fields in the panel generated from
 * its type's property list (a filter in the visual rule builder), and sees each live preview
 * answer with the figures this test computes from the records it created; moves and resizes a
 * widget on the grid; finds everything in the draft, grid included, after a reload; the page reads
 * in Chinese too. Then shares the dashboard with one role and publishes: a user holding it finds it
 * under Reports with the figures computed here, a user of the app without it neither sees nor reads it.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, type E2E } from './e2e-kit.js';

let e2e: E2E;

const STATUS = [
  { value: 'open', label: { en: 'Open', zh: '处理中' } },
  { value: 'closed', label: { en: 'Closed', zh: '已关闭' } },
];
const CHANNEL = [
  { value: 'web', label: { en: 'Web', zh: '网站' } },
  { value: 'phone', label: { en: 'Phone', zh: '电话' } },
];

const board = {
  format: 'flowcase/app@1',
  key: 'board',
  name: { en: 'Board', zh: '看板演示' },
  version: 1,
  roles: [
    { key: 'staff', name: { en: 'Staff', zh: '员工' }, design: true },
    // The demo users `supervisor` and `tech` hold these: one the dashboard is shared with, one not.
    { key: 'supervisor', name: { en: 'Supervisor', zh: '主管' } },
    { key: 'technician', name: { en: 'Technician', zh: '技术员' } },
  ],
  forms: [
    {
      key: 'ticket',
      name: { en: 'Ticket', zh: '工单' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'status', type: 'select', label: { en: 'Status', zh: '状态' }, options: STATUS },
        { key: 'channel', type: 'select', label: { en: 'Channel', zh: '渠道' }, options: CHANNEL },
        { key: 'amount', type: 'money', label: { en: 'Amount', zh: '金额' } },
        { key: 'opened', type: 'date', label: { en: 'Opened', zh: '受理日期' } },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

interface Ticket {
  title: string;
  status: string;
  channel: string;
  amount: number;
  opened: string;
}

const TICKETS: Ticket[] = Array.from({ length: 14 }, (_, i) => ({
  title: `Ticket ${i}`,
  status: STATUS[i % 3 === 0 ? 1 : 0]!.value,
  channel: CHANNEL[i % 2]!.value,
  amount: 10 * (i + 1),
  opened: `2026-0${1 + (i % 3)}-1${i % 10}`,
}));

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: board });
  for (const data of TICKETS)
    await e2e.api('admin', 'POST', '/api/v1/apps/board/forms/ticket/records', { data });
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- preview answers are read loosely
type Preview = any;

/** The next preview answer for widget `key` (the designer posts one a moment after each change). */
function nextPreview(page: Page, key: string): Promise<Preview> {
  return page
    .waitForResponse(
      (r: Response) =>
        r.url().endsWith('/api/v1/apps/board/widgets/preview') &&
        r.request().method() === 'POST' &&
        (JSON.parse(r.request().postData() ?? '{}') as { widget?: { key?: string } }).widget?.key === key &&
        r.status() === 200,
      { timeout: 30_000 },
    )
    .then((r) => r.json());
}

/** Waits for a preview of `key` whose widget satisfies `ready` (later edits settle into one). */
async function previewWhere(page: Page, key: string, ready: (p: Preview) => boolean): Promise<Preview> {
  for (;;) {
    const p = await nextPreview(page, key);
    if (ready(p)) return p;
  }
}

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

const count = (pred: (t: Ticket) => boolean) => TICKETS.filter(pred).length;

describe('the dashboard designer', () => {
  it('builds a dashboard from the palette with live previews of real data, keeps its grid, reads in Chinese', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/board/versions');
    await page.fill('[data-testid=new-dashboard-key]', 'team');
    await page.click('[data-testid=new-dashboard]');
    await page.locator('[data-testid=dashboard-designer]').waitFor();
    // The palette is the engine's widget registry.
    for (const type of ['kpi', 'bar', 'line', 'pie', 'table', 'pivot'])
      await page.locator(`[data-testid=palette-${type}]`).waitFor();
    await page.fill('[data-testid=dashboard-name-en]', 'Team');
    await page.fill('[data-testid=dashboard-name-zh]', '团队');

    // A key figure: open tickets, through the rule builder.
    let kpi = nextPreview(page, 'kpi_1');
    await page.click('[data-testid=palette-kpi]');
    expect((await kpi).total).toBe(TICKETS.length);
    await page.fill('[data-testid=prop-title-en]', 'Open tickets');
    await page.fill('[data-testid=prop-title-zh]', '处理中工单');
    kpi = previewWhere(page, 'kpi_1', (p) => p.total !== TICKETS.length);
    await page.click('[data-testid=prop-filter] [data-testid=add-rule]');
    const rule = page.locator('[data-testid=prop-filter] [data-testid=rule]').first();
    await rule.locator('[data-testid=fields]').selectOption('status');
    await rule.locator('[data-testid=value-editor]').selectOption('open');
    expect((await kpi).total).toBe(count((t) => t.status === 'open'));
    await page
      .locator('[data-testid=widget-kpi_1]')
      .getByText(String(count((t) => t.status === 'open')))
      .waitFor();

    // A bar chart of tickets by month of opening.
    await page.click('[data-testid=palette-bar]');
    await page.locator('[data-testid=grid-bar_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    const bar = previewWhere(page, 'bar_1', (p) => Array.isArray(p.keys) && p.keys[0] === '2026-01');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'opened');
    await page.selectOption('[data-testid=prop-dimensions-0-bucket]', 'month');
    const byMonth = await bar;
    expect(byMonth.keys).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(byMonth.series[0].data).toEqual(
      ['2026-01', '2026-02', '2026-03'].map((m) => count((t) => t.opened.startsWith(m))),
    );

    // A pie by channel, summing amounts.
    await page.click('[data-testid=palette-pie]');
    await page.locator('[data-testid=grid-pie_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'channel');
    const pie = previewWhere(
      page,
      'pie_1',
      (p) => p.series?.[0]?.label !== 'Count' && p.keys?.[0] !== undefined,
    );
    await page.selectOption('[data-testid=prop-measures-0-op]', 'sum');
    await page.selectOption('[data-testid=prop-measures-0-field]', 'amount');
    const byChannel = await pie;
    expect(
      Object.fromEntries((byChannel.keys as string[]).map((k, i) => [k, byChannel.series[0].data[i]])),
    ).toEqual({
      web: TICKETS.filter((t) => t.channel === 'web').reduce((a, t) => a + t.amount, 0),
      phone: TICKETS.filter((t) => t.channel === 'phone').reduce((a, t) => a + t.amount, 0),
    });

    // A pivot of status × channel.
    await page.click('[data-testid=palette-pivot]');
    await page.locator('[data-testid=grid-pivot_1]').waitFor();
    await page.click('[data-testid=prop-dimensions-add]');
    await page.selectOption('[data-testid=prop-dimensions-0-field]', 'status');
    await page.click('[data-testid=prop-dimensions-add]');
    const pivot = previewWhere(page, 'pivot_1', (p) => (p.columns?.length ?? 0) > 2);
    await page.selectOption('[data-testid=prop-dimensions-1-field]', 'channel');
    const cross = await pivot;
    expect(cross.totals).toEqual([TICKETS.length]);
    const open = (cross.rows as { key: string; values: unknown[] }[]).find((r) => r.key === 'open')!;
    const webColumn = (cross.columns as { key: string }[]).findIndex((c) => c.key === 'm0:web');
    expect(open.values[webColumn]).toBe(count((t) => t.status === 'open' && t.channel === 'web'));
    // Its first row only: the preview says so, and the totals still count every ticket (below, in the web app).
    const firstRow = previewWhere(page, 'pivot_1', (p) => p.topN !== undefined);
    await page.fill('[data-testid=prop-limit]', '1');
    const cut = await firstRow;
    expect(cut.topN).toBe(1);
    expect(cut.rows).toHaveLength(1);
    expect(cut.totals).toEqual([TICKETS.length]);
    await page.locator('[data-testid=preview-pivot_1] [data-testid=pivot-top-n]').waitFor();

    // A data table of the tickets.
    const table = nextPreview(page, 'table_1');
    await page.click('[data-testid=palette-table]');
    const rows = await table;
    expect(rows.rows.length).toBe(TICKETS.length);
    expect(rows.total).toBe(TICKETS.length);

    // A widget the validator refuses says why, at its path.
    await page.click('[data-testid=grid-pie_1] [data-testid=handle-pie_1]');
    await page.selectOption('[data-testid=prop-measures-0-field]', 'title');
    await page.locator('[data-testid=preview-pie_1-problems]').getByText('/measures/0/field').waitFor();
    await page.selectOption('[data-testid=prop-measures-0-field]', 'amount');
    await page.locator('[data-testid=widget-pie_1]').waitFor();

    // Resize the key figure by its handle, then move the bar chart by its grip.
    await savedNow(page);
    const layoutOf = async () =>
      (
        await e2e.api<{
          draft: {
            layout?: {
              dashboards?: Record<
                string,
                { widgets: Record<string, { x: number; y: number; w: number; h: number }> }
              >;
            };
          };
        }>('admin', 'GET', '/api/v1/apps/board/draft')
      ).draft.layout?.dashboards?.team?.widgets ?? {};
    const before = await layoutOf();
    const resizer = page.locator('[data-testid=grid-kpi_1] .react-resizable-handle');
    // The panel of the last widget picked may have scrolled the page: the mouse only reaches the viewport.
    await page.evaluate(() => window.scrollTo(0, 0));
    await resizer.scrollIntoViewIfNeeded();
    const r = (await resizer.boundingBox())!;
    await page.mouse.move(r.x + r.width / 2, r.y + r.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(r.x + (i * 220) / 8, r.y + (i * 80) / 8);
    await page.mouse.up();
    // The taller key figure pushes the bar chart down, and the grid slides it there: take the
    // grip where it comes to rest.
    const grip = page.locator('[data-testid=handle-bar_1]');
    let g = (await grip.boundingBox())!;
    await poll(async () => {
      const was = g;
      await page.waitForTimeout(150);
      g = (await grip.boundingBox())!;
      return g.y === was.y && g.x === was.x;
    }).toBe(true);
    await page.mouse.move(g.x + 20, g.y + g.height / 2);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) await page.mouse.move(g.x + 20 + (i * 500) / 8, g.y + g.height / 2);
    await page.mouse.up();
    await savedNow(page);
    await poll(async () => {
      const now = await layoutOf();
      return now.kpi_1!.w > before.kpi_1!.w && now.bar_1!.x > before.bar_1!.x;
    }).toBe(true);
    await screenshot(page, 'dashboard-designer-en');

    // Everything is in the draft, and a reload shows it again.
    const draft = await e2e.api<{
      draft: { dashboards: { key: string; name: unknown; widgets: { key: string; type: string }[] }[] };
    }>('admin', 'GET', '/api/v1/apps/board/draft');
    const team = draft.draft.dashboards.find((d) => d.key === 'team')!;
    expect(team.name).toEqual({ zh: '团队', en: 'Team' });
    expect(team.widgets.map((w) => `${w.key}:${w.type}`)).toEqual([
      'kpi_1:kpi',
      'bar_1:bar',
      'pie_1:pie',
      'pivot_1:pivot',
      'table_1:table',
    ]);
    await page.reload();
    await page.locator('[data-testid=dashboard-designer]').waitFor();
    await page.locator('[data-testid=grid-table_1]').waitFor({ state: 'attached' });
    await screenshot(page, 'dashboard-designer-reloaded');
    await page.locator('[data-testid=grid-table_1]').waitFor();
    await page.locator('[data-testid=no-problems]').waitFor();

    // The same page in Chinese.
    const zh = await e2e.signIn('admin', { lang: 'zh-CN', width: 1400, height: 1000 });
    await zh.goto('/design/apps/board/dashboards/team');
    await zh.locator('[data-testid=grid-pivot_1]').waitFor();
    await zh.getByText('仪表板设计').first().waitFor();
    await zh.locator('[data-testid=widget-kpi_1]').getByText('处理中工单').waitFor();
    await screenshot(zh, 'dashboard-designer-zh');
    // The one refused preview (the sum of a text field, above) is the only error the browser logged.
    expect(errors.filter((e) => !e.includes('422'))).toEqual([]);
  }, 300_000);

  it('shares the dashboard with a role: its holders see it in the web app, other users of the app do not', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    await page.goto('/design/apps/board/dashboards/team');
    await page.locator('[data-testid=grid-kpi_1]').waitFor();
    await page.getByText('None ticked: everyone who uses the app.').waitFor();
    await page.check('[data-testid=dashboard-role-supervisor]');
    await page.getByText('Only holders of a ticked role').waitFor();
    await savedNow(page);
    const draft = await e2e.api<{ draft: { dashboards: { key: string; roles?: string[] }[] } }>(
      'admin',
      'GET',
      '/api/v1/apps/board/draft',
    );
    expect(draft.draft.dashboards.find((d) => d.key === 'team')!.roles).toEqual(['supervisor']);
    await screenshot(page, 'dashboard-designer-roles');

    // Published from the app's page.
    await page.click('text=Back to the app');
    await page.getByRole('button', { name: 'Publish' }).click();
    await page.getByText(/Published as version \d+\./).waitFor({ timeout: 60_000 });

    // A supervisor finds it under Reports and reads the figures of the records made above.
    const boss = await e2e.signIn('supervisor', { lang: 'zh-CN', width: 1400, height: 1000 });
    await boss.goto('/reports');
    await boss.click('[data-testid=reports-board] [data-testid=open-dashboard-team]');
    await boss.locator('[data-testid=dashboard][data-key=team]').waitFor();
    // The web app's default period is the last 12 months: the tickets were all made just now.
    await poll(() => boss.locator('[data-testid=widget-kpi_1] [data-testid=kpi-value]').textContent()).toBe(
      String(count((t) => t.status === 'open')),
    );
    await boss.locator('[data-testid=widget-kpi_1]').getByText('处理中工单').waitFor();
    // The pivot's totals row: one cell per channel, then every ticket in the totals column, though
    // it shows one row.
    await boss
      .locator('[data-testid=widget-pivot_1] [data-testid=pivot-top-n]')
      .getByText('前 1 项')
      .waitFor();
    expect(await boss.locator('[data-testid=widget-pivot_1] tbody tr').count()).toBe(1);
    const channelTotals = boss.locator('[data-testid=widget-pivot_1] [data-testid=pivot-totals] td');
    await poll(async () => {
      const cells = (await channelTotals.allTextContents()).map(Number);
      return [cells.slice(0, -1).sort(), cells.at(-1)];
    }).toEqual([CHANNEL.map((c) => count((t) => t.channel === c.value)).sort(), TICKETS.length]);
    await boss.locator('[data-testid=widget-table_1] [data-testid=table-row]').first().waitFor();
    await screenshot(boss, 'dashboard-shared-supervisor-zh');
    const bossData = await e2e.api<{ widgets: { key: string; total?: number }[] }>(
      'supervisor',
      'GET',
      '/api/v1/apps/board/dashboards/team/data',
    );
    expect(bossData.widgets.find((w) => w.key === 'kpi_1')!.total).toBe(count((t) => t.status === 'open'));

    // A technician uses the app but was not given the dashboard: not listed, not readable.
    const tech = await e2e.signIn('tech', { lang: 'en', width: 1400, height: 1000 });
    await tech.goto('/reports');
    await tech.locator('[data-testid=reports-board]').waitFor();
    expect(await tech.locator('[data-testid=open-dashboard-team]').count()).toBe(0);
    await tech.goto('/apps/board/dashboards/team');
    await tech.getByText('Not found').first().waitFor();
    await screenshot(tech, 'dashboard-not-shared-technician');
    const denied = await e2e.server.app.inject({
      method: 'GET',
      url: '/api/v1/apps/board/dashboards/team/data',
      headers: { authorization: `Bearer ${await e2e.token('tech')}` },
    });
    expect(denied.statusCode).toBe(404);
    const app = await e2e.api<{ dashboards: { key: string }[] }>('tech', 'GET', '/api/v1/apps/board');
    expect(app.dashboards.map((d) => d.key)).not.toContain('team');
  }, 300_000);
});
