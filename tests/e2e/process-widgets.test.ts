/**
 * Process analytics widgets in Chromium (issue 22): a designer starts a dashboard, finds the four
 * process widgets in the palette under their own heading, adds a bottleneck table and a time-per-
 * step chart, picks the flow in the panel, and sees each preview answer the figures the flow's
 * analytics route gives for the cases this test drove; the published app's dashboard shows the
 * same cards to its staff, in Chinese too.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, type E2E } from './e2e-kit.js';

let e2e: E2E;
const H = 3_600_000;

const app = {
  format: 'flowcase/app@1',
  key: 'pw',
  name: { en: 'Repairs', zh: '报修' },
  version: 1,
  roles: [
    { key: 'staff', name: { en: 'Staff', zh: '员工' }, design: true },
    // The demo user `supervisor` holds it and works the tasks.
    { key: 'supervisor', name: { en: 'Supervisor', zh: '主管' } },
  ],
  forms: [
    {
      key: 'job',
      name: { en: 'Job', zh: '工单' },
      fields: [{ key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } }],
    },
  ],
  flows: [
    {
      key: 'repair',
      name: { en: 'Repair', zh: '维修流程' },
      form: 'job',
      trigger: { on: 'record.created' },
      start: 'triage',
      nodes: {
        triage: {
          type: 'task',
          name: { en: 'Triage', zh: '分派' },
          assignee: { role: 'supervisor' },
          actions: ['approve'],
          sla: { due: 'PT2H' },
          onApprove: 'fix',
        },
        fix: {
          type: 'task',
          name: { en: 'Fix', zh: '维修' },
          assignee: { role: 'supervisor' },
          actions: ['submit'],
          next: 'done',
        },
        done: { type: 'end', name: { en: 'Fixed', zh: '已修复' }, outcome: 'fixed' },
      },
    },
  ],
  dashboards: [
    {
      key: 'ops',
      name: { en: 'Operations', zh: '运营' },
      widgets: [
        { key: 'late', type: 'sla_breach', title: { en: 'Late triage', zh: '分派超时率' }, flow: 'repair' },
        {
          key: 'rate',
          type: 'throughput',
          title: { en: 'Throughput', zh: '吞吐量' },
          flow: 'repair',
          bucket: 'month',
        },
        { key: 'times', type: 'node_time', title: { en: 'Time per step', zh: '节点耗时' }, flow: 'repair' },
        { key: 'stuck', type: 'bottleneck', title: { en: 'Bottlenecks', zh: '瓶颈' }, flow: 'repair' },
      ],
    },
  ],
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are read loosely
type Loose = any;

/** Fires the SLA timers due by the clock (the test server runs no timer job). */
async function fireDueTimers(): Promise<void> {
  const { store, cases } = e2e.server.services;
  for (const timer of await store.claimDueTimers(e2e.clock.now().toISOString(), 'e2e', 60_000, 100))
    await cases.fireTimer(timer.id);
}

/** Drives `n` jobs: triage takes 1 h (every third 3 h, past its SLA), fix 2 h; the last two wait at fix. */
async function drive(n: number): Promise<void> {
  const start = Date.now() - 30 * 24 * H;
  for (let i = 0; i < n; i++) {
    const t0 = start + i * 6 * H;
    e2e.clock.set(new Date(t0));
    const made = await e2e.api<Loose>('admin', 'POST', '/api/v1/apps/pw/forms/job/records', {
      data: { title: `Job ${i}` },
    });
    const open = async (node: string) => {
      const found = await e2e.server.services.store.getRecordWithInstance(made.record.id);
      return found!.tasks.find((t) => t.node === node && t.status === 'open')!.id;
    };
    e2e.clock.set(new Date(t0 + (i % 3 === 0 ? 3 : 1) * H));
    await fireDueTimers();
    await e2e.api('supervisor', 'POST', `/api/v1/tasks/${await open('triage')}/complete`, {
      action: 'approve',
    });
    if (i >= n - 2) continue;
    e2e.clock.set(new Date(t0 + (i % 3 === 0 ? 5 : 3) * H));
    await e2e.api('supervisor', 'POST', `/api/v1/tasks/${await open('fix')}/complete`, { action: 'submit' });
  }
  e2e.clock.set(new Date());
}

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: app });
  await drive(6);
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

/** The next 200 preview answer for widget `key`. */
function nextPreview(page: Page, key: string): Promise<Loose> {
  return page
    .waitForResponse(
      (r: Response) =>
        r.url().endsWith('/api/v1/apps/pw/widgets/preview') &&
        r.request().method() === 'POST' &&
        (JSON.parse(r.request().postData() ?? '{}') as { widget?: { key?: string } }).widget?.key === key &&
        r.status() === 200,
      { timeout: 30_000 },
    )
    .then((r) => r.json());
}

describe('process analytics widgets', () => {
  it('are added from the palette, pick their flow and preview the analytics figures', async () => {
    const analytics = await e2e.api<Loose>('admin', 'GET', '/api/v1/apps/pw/flows/repair/analytics');
    const triage = analytics.nodes.find((n: Loose) => n.node === 'triage');
    const fix = analytics.nodes.find((n: Loose) => n.node === 'fix');
    expect(triage).toMatchObject({ completed: 6, withSla: 6, breached: 2, open: 0 });
    expect(fix).toMatchObject({ completed: 4, open: 2 });

    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 1000 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/pw/versions');
    await page.fill('[data-testid=new-dashboard-key]', 'flowboard');
    await page.click('[data-testid=new-dashboard]');
    await page.locator('[data-testid=dashboard-designer]').waitFor();
    await page.locator('[data-testid=palette-process]').getByText('Process analytics').waitFor();
    for (const type of ['node_time', 'sla_breach', 'throughput', 'bottleneck'])
      await page.locator(`[data-testid=palette-${type}]`).waitFor();

    // A bottleneck table: fix holds the open work, so it ranks first.
    const stuck = nextPreview(page, 'bottleneck_1');
    await page.click('[data-testid=palette-bottleneck]');
    const ranked = await stuck;
    expect(await page.locator('[data-testid=prop-flow]').inputValue()).toBe('repair');
    // Titled by its type, not its key.
    expect(await page.locator('[data-testid=prop-title-en]').inputValue()).toBe('Bottlenecks');
    expect(await page.locator('[data-testid=prop-title-zh]').inputValue()).toBe('瓶颈节点');
    await expect(page.locator('[data-testid=prop-form]').count()).resolves.toBe(0);
    expect((ranked.rows as { key: string }[]).map((r) => r.key)).toEqual(['fix', 'triage']);
    expect(ranked.rows[0].values.slice(0, 1)).toEqual([fix.open]);
    const table = page.locator('[data-testid=widget-bottleneck_1] [data-testid=bottleneck]');
    await table.locator('tbody tr').first().getByText('Fix').waitFor();

    // Time per step, as bars of avg / median / p90.
    const times = nextPreview(page, 'node_time_1');
    await page.click('[data-testid=palette-node_time]');
    const perStep = await times;
    expect(perStep.keys).toEqual(['triage', 'fix']);
    expect(perStep.series[0].data).toEqual([triage.avgMs, fix.avgMs]);
    expect(perStep.series[2].data).toEqual([triage.p90Ms, fix.p90Ms]);
    await page.locator('[data-testid=widget-node_time_1] canvas').waitFor();
    await page
      .locator('[data-testid=widget-node_time_1] [data-testid=process-unit]')
      .getByText('In hours')
      .waitFor();

    // Throughput per month: the preview asks for the bucket and gets months.
    const weekly = nextPreview(page, 'throughput_1');
    await page.click('[data-testid=palette-throughput]');
    await weekly;
    const monthly = page
      .waitForResponse(
        (r: Response) =>
          r.url().endsWith('/api/v1/apps/pw/widgets/preview') &&
          (JSON.parse(r.request().postData() ?? '{}') as { widget?: { bucket?: string } }).widget?.bucket ===
            'month' &&
          r.status() === 200,
        { timeout: 30_000 },
      )
      .then((r) => r.json() as Promise<Loose>);
    await page.selectOption('[data-testid=prop-bucket]', 'month');
    expect((await monthly).labels).toEqual([expect.stringMatching(/^\d{4}-\d{2}$/)]);
    await page
      .locator('[data-testid=widget-throughput_1]')
      .getByText('Finished per month, by outcome')
      .waitFor();
    await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
    await screenshot(page, 'process-widgets-designer');
    expect(errors).toEqual([]);
  });

  it("shows the published dashboard's process cards to staff, in Chinese too", async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1400, height: 1100 });
    const errors = consoleErrors(page);
    await page.goto('/apps/pw/dashboards/ops');
    const late = page.locator('[data-testid=widget-late]');
    await late.locator('[data-testid=kpi-value]').waitFor();
    expect(await late.locator('[data-testid=kpi-value]').getAttribute('data-value')).toBe(String(2 / 6));
    await late.getByText('有时限的 6 个任务中 2 个超时').waitFor();
    const rate = page.locator('[data-testid=widget-rate]');
    expect(await rate.locator('[data-testid=throughput-started]').getAttribute('data-value')).toBe('6');
    expect(await rate.locator('[data-testid=throughput-finished]').getAttribute('data-value')).toBe('4');
    await rate.getByText('进行中').waitFor();
    await rate.getByText('每月办结数（按结果）').waitFor();
    await late.locator('canvas').waitFor(); // its one timed step's bar beside the throughput chart
    await page.locator('[data-testid=widget-stuck] tbody tr').first().getByText('维修').waitFor();
    await page.locator('[data-testid=widget-times] canvas').waitFor();
    await screenshot(page, 'process-widgets-dashboard-zh');
    expect(errors).toEqual([]);
  });
});
