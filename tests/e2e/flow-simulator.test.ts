/**
 * The flow simulator in Chromium (issue 21): a designer runs an expense claim's draft flow on a
 * sample record typed into the form, acts as the manager, moves the virtual clock to the SLA
 * reminder and the breach, acts as the director the breach escalated to, watches the wait end and
 * the notice go out (shown, never sent), undoes a move, saves the run as a scenario into the draft;
 * an edit of the draft then flags the scenario as changed, in the simulator and on the versions
 * page before publishing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import type { AppBundle, ScenarioDef } from '../../engine/definition/types.js';
import { claimBundle } from '../unit/simulator-kit.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

function claims(): AppBundle {
  const bundle = claimBundle();
  bundle.name = { en: 'Expense claims', zh: '费用报销' };
  bundle.flows[0]!.name = { en: 'Claim', zh: '报销' };
  const names: Record<string, { en: string; zh: string }> = {
    size: { en: 'Big claim?', zh: '是否大额' },
    clerk_review: { en: 'Clerk review', zh: '文员审核' },
    manager_review: { en: 'Manager review', zh: '经理审批' },
    mark_paid: { en: 'Mark paid', zh: '标记已付' },
    cool_off: { en: 'Wait a day', zh: '等待一天' },
    tell: { en: 'Tell the claimant', zh: '通知报销人' },
    paid: { en: 'Paid', zh: '已付款' },
    rejected: { en: 'Rejected', zh: '已驳回' },
  };
  for (const [key, name] of Object.entries(names)) bundle.flows[0]!.nodes[key]!.name = name;
  bundle.forms[0]!.fields = bundle.forms[0]!.fields.map((f) => ({
    ...f,
    label: {
      en: typeof f.label === 'string' ? f.label : f.key,
      zh: { title: '事由', amount: '金额', note: '备注', status: '状态' }[f.key] ?? f.key,
    },
  }));
  return bundle;
}

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: claims() });
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const status = (page: Page) => page.locator('[data-testid=sim-status]').getAttribute('data-status');

async function actAs(page: Page, user: string, node: string, action: string): Promise<void> {
  await page.selectOption('[data-testid=sim-actor]', user);
  const choice = page.locator(`[data-testid=sim-choice][data-node=${node}]`);
  await choice.locator(`button[data-action=${action}]`).click();
}

describe('the flow simulator', () => {
  it('runs the draft flow as each persona with the virtual clock, undoes, saves the run as a scenario that an edit then flags', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/claims/flows/claim_flow/simulate');
    await page.locator('[data-testid=simulator-panel]').waitFor();

    // A sample record typed into the form the engine compiles: a big claim goes to the manager.
    await page.fill('#sim-record-title', 'Laptop');
    await page.fill('#sim-record-amount', '2400');
    await poll(() => text(page.locator('[data-testid=sim-tasks]'))).toContain('Manager review');
    expect(await page.locator('[data-testid=sim-outline] li.active').getAttribute('data-node')).toBe(
      'manager_review',
    );
    expect(await text(page.locator('[data-testid=sim-path]'))).toBe('Big claim? → Manager review');
    // The clerk has nothing to do; the manager may approve or reject.
    await page.selectOption('[data-testid=sim-actor]', 'clerk_1');
    await page.locator('[data-testid=sim-nothing]').waitFor();
    await page.selectOption('[data-testid=sim-actor]', 'manager_1');
    expect(
      await page.locator('[data-testid=sim-choice][data-node=manager_review] button').allInnerTexts(),
    ).toEqual(['Approve', 'Reject']);

    // The clock to the next timer: the SLA reminder (a day), then the breach (two days).
    const start = await text(page.locator('[data-testid=sim-now]'));
    await page.click('[data-testid=sim-next-timer]');
    await poll(() => page.locator('[data-testid=sim-effects] li[data-type=notify]').count()).toBe(1);
    await page.click('[data-testid=sim-next-timer]');
    await poll(() => text(page.locator('[data-testid=sim-tasks]'))).toContain('breached');
    expect(await text(page.locator('[data-testid=sim-tasks]'))).toContain('@director');
    expect(await text(page.locator('[data-testid=sim-now]'))).not.toBe(start);
    await screenshot(page, 'flow-simulator-breached-en');

    // The director the breach escalated to approves; the claim is marked paid and waits a day.
    await actAs(page, 'director_1', 'manager_review', 'approve');
    await poll(() => text(page.locator('[data-testid=sim-path]'))).toContain('Wait a day');
    expect(await text(page.locator('[data-testid=sim-effects]'))).toContain('status = "paid"');
    await page.click('[data-testid=sim-next-timer]');
    await poll(() => status(page)).toBe('done');
    expect(await text(page.locator('[data-testid=sim-status]'))).toContain('paid');
    expect(await text(page.locator('[data-testid=sim-effects]'))).toContain(
      'Your claim Laptop of 2400 was paid.',
    );
    // Undo the last move: the run waits again; redo it by the clock.
    await page.click('[data-testid=sim-undo]');
    await poll(() => status(page)).toBe('active');
    expect(await text(page.locator('[data-testid=sim-timers]'))).toContain('wait ends');
    await page.click('[data-testid=sim-next-timer]');
    await poll(() => status(page)).toBe('done');
    await screenshot(page, 'flow-simulator-done-en');

    // Saved as a scenario into the draft: listed, passing.
    await page.fill('[data-testid=sim-save-name]', 'Big claim, escalated, paid');
    await page.click('[data-testid=sim-save]');
    await page.locator('[data-testid=sim-saved]').waitFor();
    await poll(() =>
      page.locator('[data-testid=scenario-list] li[data-scenario=run_1]').getAttribute('data-state'),
    ).toBe('passed');
    let saved: ScenarioDef | undefined;
    await poll(async () => {
      const draft = await e2e.api<{ draft: AppBundle }>('admin', 'GET', '/api/v1/apps/claims/draft');
      saved = draft.draft.scenarios?.find((s) => s.key === 'run_1');
      return saved?.expect;
    }).toEqual({
      status: 'done',
      outcome: 'paid',
      path: ['size', 'manager_review', 'mark_paid', 'cool_off', 'tell', 'paid'],
    });
    expect(saved!.record).toEqual({ title: 'Laptop', amount: 2400 });
    expect(saved!.moves.map((m) => m.type)).toEqual(['advance', 'advance', 'act', 'advance']);

    // An edit of the draft (big claims now end unpaid at once after approval) flags it.
    const token = await e2e.token('admin');
    const { draft, revision } = await e2e.api<{ draft: AppBundle; revision: number }>(
      'admin',
      'GET',
      '/api/v1/apps/claims/draft',
    );
    const flow = draft.flows[0]!;
    const review = flow.nodes['manager_review'];
    if (review?.type !== 'task') throw new Error('manager_review is a task');
    review.onApprove = 'paid';
    const put = await fetch(`${e2e.url}/api/v1/apps/claims/flows/claim_flow`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'if-match': `"${revision}"`,
      },
      body: JSON.stringify(flow),
    });
    expect(put.status).toBe(200);
    await page.reload();
    await poll(() =>
      page.locator('[data-testid=scenario-list] li[data-scenario=run_1]').getAttribute('data-state'),
    ).toBe('changed');
    expect(await text(page.locator('[data-testid=scenario-list]'))).toContain(
      'Takes another way from “Manager review”: Paid (was Mark paid → Wait a day → Tell the claimant → Paid)',
    );

    // A saved scenario's record and moves load into the simulator again.
    await page.selectOption('[data-testid=sim-start-from]', 'run_1');
    await poll(() => status(page)).toBe('done');
    expect(await text(page.locator('[data-testid=sim-path]'))).toBe('Big claim? → Manager review → Paid');

    // Before publishing, the versions page shows the scenarios' results.
    await page.goto('/design/apps/claims/versions');
    await poll(() =>
      page.locator('[data-testid=draft-scenario-list] li[data-scenario=run_1]').getAttribute('data-state'),
    ).toBe('changed');
    expect(await text(page.locator('[data-testid=draft-scenario-list-summary]'))).toContain(
      '1 scenario(s) changed',
    );
    await screenshot(page, 'flow-simulator-versions-en');
    expect(errors).toEqual([]);
  }, 240_000);

  it('reads in Chinese, and fits a narrow window', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1280, height: 900 });
    await page.goto('/design/apps/claims/flows/claim_flow/simulate');
    await page.locator('[data-testid=simulator-panel]').waitFor();
    await page.selectOption('[data-testid=sim-start-from]', 'run_1');
    await poll(() => status(page)).toBe('done');
    await page.selectOption('[data-testid=sim-start-from]', '');
    await page.fill('#sim-record-title', '打车');
    await page.fill('#sim-record-amount', '80');
    await poll(() => text(page.locator('[data-testid=sim-tasks]'))).toContain('文员审核');
    expect(await text(page.locator('[data-testid=simulator-panel] h3'))).toBe('模拟运行');
    await actAs(page, 'clerk_1', 'clerk_review', 'approve');
    await poll(() => text(page.locator('[data-testid=sim-path]'))).toContain('等待一天');
    await screenshot(page, 'flow-simulator-zh');
    await page.setViewportSize({ width: 420, height: 900 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'flow-simulator-zh-narrow');
  }, 120_000);

  it('runs beside the canvas of the flow designer: the token on the canvas, a run saved beside the autosave', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1400, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/claims/flows/claim_flow');
    await page.locator('[data-testid=node-clerk_review]').waitFor();
    // Closed, the simulator runs nothing and marks no step on the canvas.
    await page.waitForTimeout(600);
    expect(await page.locator('[data-testid=flow-canvas] [data-token]').count()).toBe(0);
    await page.click('[data-testid=tab-simulate]');
    await page.fill('#sim-record-title', 'Taxi');
    await page.fill('#sim-record-amount', '80');
    await poll(() => page.locator('[data-testid=node-clerk_review]').getAttribute('data-token')).toBe(
      'active',
    );
    await actAs(page, 'clerk_1', 'clerk_review', 'approve');
    await poll(() => page.locator('[data-testid=node-cool_off]').getAttribute('data-token')).toBe('active');
    expect(await page.locator('[data-testid=node-clerk_review]').getAttribute('data-token')).toBe('visited');
    await screenshot(page, 'flow-simulator-canvas-en');
    // Back on a node's properties the token goes; the run is still there when the simulator opens again.
    await page.click('[data-testid=tab-properties]');
    await poll(() => page.locator('[data-testid=flow-canvas] [data-token]').count()).toBe(0);
    await page.click('[data-testid=tab-simulate]');
    await poll(() => page.locator('[data-testid=node-cool_off]').getAttribute('data-token')).toBe('active');
    await page.fill('[data-testid=sim-save-name]', 'Small claim waits a day');
    await page.click('[data-testid=sim-save]');
    await poll(() =>
      page.locator('[data-testid=scenario-list] li[data-scenario=run_2]').getAttribute('data-state'),
    ).toBe('passed');
    await poll(async () => {
      const draft = await e2e.api<{ draft: AppBundle }>('admin', 'GET', '/api/v1/apps/claims/draft');
      return draft.draft.scenarios?.find((s) => s.key === 'run_2')?.expect.path;
    }).toEqual(['size', 'clerk_review', 'mark_paid', 'cool_off']);
    // The designer's autosave builds on the revision the scenario's save made: no conflict.
    expect(await page.locator('[data-testid=save-status]').getAttribute('data-status')).not.toBe('conflict');
    expect(errors).toEqual([]);
  }, 120_000);

  it('replays the after-sales template’s scenarios in the browser: all pass, and one loads with its related records', async () => {
    const bundle = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../templates/after-sales.json'), 'utf8'),
    ) as AppBundle;
    // The demo server installed the template at its start.
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto(`/design/apps/${bundle.key}/flows/repair/simulate`);
    await poll(() => text(page.locator('[data-testid=scenario-list-summary]'))).toBe(
      `全部 ${bundle.scenarios!.length} 个场景通过`,
    );
    await page.selectOption('[data-testid=sim-start-from]', 'online_underpaid');
    await poll(() => status(page)).toBe('done');
    expect(await text(page.locator('[data-testid=sim-path]'))).toContain('收款');
    // An event node is called by its title, not the event's key.
    expect(await text(page.locator('[data-testid=sim-path]'))).toContain('线上付款 → 是否足额付款');
    await page.click('[data-testid=sim-undo]');
    await poll(() => status(page)).toBe('active');
    await page.selectOption('[data-testid=sim-actor]', 'cust');
    await page.locator('[data-testid=sim-choice][data-node=survey]').waitFor();
    await screenshot(page, 'flow-simulator-after-sales-zh');
    expect(errors).toEqual([]);
  }, 120_000);
});
