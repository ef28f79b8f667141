/**
 * Issue 21's Done-when walk in Chromium, through the designer's UI only: on a purchase app whose
 * form exists (set up through the API), a designer starts a new flow, draws on the canvas a branch
 * on the amount, a parallel split with a 会签 (all) approval and a finance task meeting at a join,
 * a director's rejection inside the big-purchase branch that ends the case, an SLA with escalation
 * on the finance task and a notification with the title in its text; runs the draft in the
 * simulator (tab 模拟) down both paths, firing the escalation with the virtual clock, and saves
 * both runs as scenarios; the versions page shows both passing and publishes the flow. Then real
 * people holding the app's roles (set up through the API) file a big and a small purchase in the
 * end-user app and act in their inboxes; each case takes the path its saved scenario expects.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import type { AppBundle } from '../../engine/definition/types.js';
import { loc } from '../../ui/i18n.js';
import { PASSWORD, consoleErrors, openTask, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'buy',
  name: { en: 'Purchases', zh: '采购' },
  version: 1,
  roles: [
    { key: 'buy_mgr', name: { en: 'Manager', zh: '经理' } },
    { key: 'buy_fin', name: { en: 'Finance', zh: '财务' } },
    { key: 'buy_dir', name: { en: 'Director', zh: '总监' } },
    { key: 'buy_boss', name: { en: 'Boss', zh: '老板' } },
  ],
  forms: [
    {
      key: 'purchase',
      name: { en: 'Purchase', zh: '采购申请' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'amount', type: 'number', label: { en: 'Amount', zh: '金额' } },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

/** The people of the end-user walk: two managers (会签 needs both), finance, the director, the boss. */
const PEOPLE = [
  { username: 'buy_li', displayName: '李经理', roles: ['buy_mgr'] },
  { username: 'buy_wang', displayName: '王经理', roles: ['buy_mgr'] },
  { username: 'buy_qian', displayName: '钱财务', roles: ['buy_fin'] },
  { username: 'buy_zhao', displayName: '赵总监', roles: ['buy_dir'] },
  { username: 'buy_sun', displayName: '孙老板', roles: ['buy_boss'] },
];

let e2e: E2E;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: BUNDLE });
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

const N = '/flows/0/nodes';
const at = (path: string) => `[id="${path}"]`;
const status = (page: Page) => page.locator('[data-testid=sim-status]').getAttribute('data-status');

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

async function draft(): Promise<AppBundle> {
  return (await e2e.api<{ draft: AppBundle }>('admin', 'GET', '/api/v1/apps/buy/draft')).draft;
}

/**
 * Puts a node of `kind` on the transition `edge` ("source|ref") by its "+". The menu is opened
 * while the last edit is still being saved, and picked from only after the save has redrawn the
 * transitions: it must still be open.
 */
async function addOn(page: Page, edge: string, kind: string, key: string): Promise<void> {
  await page.click(`[data-testid="edge-add-${edge}"]`);
  await page.locator(`[data-testid=edge-menu-${kind}]`).waitFor();
  await savedNow(page);
  await page.click(`[data-testid=edge-menu-${kind}]`, { timeout: 5000 });
  await page.locator(`[data-testid="node-${key}"]`).waitFor();
}

/** Opens a node's properties beside the canvas. */
async function open(page: Page, key: string): Promise<void> {
  await page.click(`[data-testid="node-${key}"]`);
  await page.click('[data-testid=tab-properties]');
  await page.locator(`[data-testid=node-panel][data-node=${key}]`).waitFor();
}

async function assignRole(page: Page, path: string, role: string): Promise<void> {
  await page.selectOption(at(`${path}/0`), 'role');
  await page.selectOption(at(`${path}/0/role`), role);
}

async function actAs(page: Page, user: string, node: string, action: string): Promise<void> {
  await page.selectOption('[data-testid=sim-actor]', user);
  await page.locator(`[data-testid=sim-choice][data-node=${node}] button[data-action=${action}]`).click();
}

describe('a flow drawn on the canvas', () => {
  it('is drawn through the UI, run down both paths in the simulator and saved as scenarios', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1440, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/buy/versions');
    await page.fill('[data-testid=new-flow-key]', 'approve');
    await page.selectOption('[data-testid=new-flow-form]', 'purchase');
    await page.click('[data-testid=new-flow]');
    await page.locator('[data-testid=flow-canvas]').waitFor();
    await page.locator('[data-testid="node-review"]').waitFor();

    // The shape: review → big? → director → parallel(managers 会签, finance) → join → notice → done.
    await addOn(page, 'review|onApprove', 'notify', 'notify');
    await addOn(page, 'review|onApprove', 'branch', 'branch');
    await addOn(page, 'branch|default', 'join', 'join');
    await addOn(page, 'branch|default', 'parallel', 'parallel');
    await addOn(page, 'parallel|branches/0', 'task', 'task');
    await open(page, 'parallel');
    await page.check(`${at(`${N}/parallel/branches`)} input[value=join]`);
    await savedNow(page);
    const branches = (await draft()).flows[0]!.nodes.parallel as { branches: string[] };
    await screenshot(page, 'flow-from-canvas-split-zh');
    await addOn(page, `parallel|branches/${branches.branches.indexOf('join')}`, 'task', 'task_2');
    await addOn(page, 'branch|default', 'task', 'task_3');
    await page.click('[data-testid=fit-view]');
    await screenshot(page, 'flow-from-canvas-drawn-zh');

    // The branch: big purchases (amount > 1000) go to the director, the rest straight to the notice.
    await open(page, 'branch');
    await page.click('[data-testid=cases-add]');
    await page.selectOption(at(`${N}/branch/cases/0/next`), 'task_3');
    const rule = page.locator('[data-testid=rule-branch-cases-0-when]');
    await rule.locator('[data-testid=add-rule]').click();
    await rule.locator('[data-testid=rule] [data-testid=fields]').selectOption('amount');
    await rule.locator('[data-testid=rule] [data-testid=operators]').selectOption('>');
    await rule.locator('[data-testid=rule] [data-testid=value-editor]').fill('1000');
    await page.selectOption('[data-testid=prop-default]', 'notify');

    // The director approves on to the parallel split or rejects, which ends the case.
    await open(page, 'task_3');
    await assignRole(page, `${N}/task_3/assignee`, 'buy_dir');
    await page.check(`${at(`${N}/task_3/actions`)} input[value=approve]`);
    await page.check(`${at(`${N}/task_3/actions`)} input[value=reject]`);
    await page.uncheck(`${at(`${N}/task_3/actions`)} input[value=submit]`);
    await page.selectOption(at(`${N}/task_3/onApprove`), 'parallel');
    await page.selectOption(at(`${N}/task_3/onReject`), 'rejected');

    // Managers all approve (会签); finance has a day, then the boss is added.
    await open(page, 'task');
    await assignRole(page, `${N}/task/assignee`, 'buy_mgr');
    await page.selectOption('[data-testid=prop-mode]', 'all');
    await open(page, 'task_2');
    await assignRole(page, `${N}/task_2/assignee`, 'buy_fin');
    await page.fill(at(`${N}/task_2/sla/due`), '1 天');
    await page.click(`[data-testid="${N}/task_2/sla/escalateTo-add"]`);
    await assignRole(page, `${N}/task_2/sla/escalateTo`, 'buy_boss');

    // The notice names the purchase by its title.
    await open(page, 'notify');
    const message = page.locator(at(`${N}/notify/template`));
    await message.fill('采购已批准：');
    await page.selectOption('[data-testid=template-insert-template]', 'title');
    await poll(() => message.inputValue()).toBe('采购已批准：{{title}}');
    await savedNow(page);
    await page.click('[data-testid=fit-view]');
    await screenshot(page, 'flow-from-canvas-panels-zh');

    const flow = (await draft()).flows.find((f) => f.key === 'approve')!;
    expect(flow.nodes.branch).toMatchObject({
      type: 'branch',
      cases: [{ when: { '>': [{ var: 'amount' }, 1000] }, next: 'task_3' }],
      default: 'notify',
    });
    expect(flow.nodes.task_3).toMatchObject({ onApprove: 'parallel', onReject: 'rejected' });
    // The three tasks were added under names the inbox can tell apart.
    expect([flow.nodes.task, flow.nodes.task_2, flow.nodes.task_3].map((n) => loc(n!.name, 'zh-CN'))).toEqual(
      ['新人工任务', '新人工任务 2', '新人工任务 3'],
    );
    expect(flow.nodes.task).toMatchObject({ mode: 'all', next: 'join' });
    expect(flow.nodes.task_2).toMatchObject({
      next: 'join',
      sla: { due: 'P1D', escalateTo: [{ role: 'buy_boss' }] },
    });
    expect(await page.locator('[data-testid=problem]').count()).toBe(0);

    // Simulated down the big path: the director approves, both managers, finance breaches and the boss acts.
    await page.click('[data-testid=tab-simulate]');
    await page.locator('[data-testid=simulator-panel]').waitFor();
    await page.fill('#sim-record-title', '服务器');
    await page.fill('#sim-record-amount', '5000');
    await actAs(page, 'submitter', 'review', 'approve');
    await actAs(page, 'buy_dir_1', 'task_3', 'approve');
    await actAs(page, 'buy_mgr_1', 'task', 'submit');
    await actAs(page, 'buy_mgr_2', 'task', 'submit');
    await page.click('[data-testid=sim-next-timer]');
    await poll(() => text(page.locator('[data-testid=sim-tasks]'))).toContain('@buy_boss');
    await actAs(page, 'buy_boss_1', 'task_2', 'submit');
    await poll(() => status(page)).toBe('done');
    expect(await text(page.locator('[data-testid=sim-effects]'))).toContain('采购已批准：服务器');
    await screenshot(page, 'flow-from-canvas-sim-big-zh');
    await page.fill('[data-testid=sim-save-name]', '大额采购');
    await page.click('[data-testid=sim-save]');
    await page.locator('[data-testid=sim-saved]').waitFor();

    // Down the small path: straight to the notice.
    await page.selectOption('[data-testid=sim-start-from]', '');
    await page.fill('#sim-record-title', '纸');
    await page.fill('#sim-record-amount', '20');
    await actAs(page, 'submitter', 'review', 'approve');
    await poll(() => status(page)).toBe('done');
    await page.fill('[data-testid=sim-save-name]', '小额采购');
    await page.click('[data-testid=sim-save]');
    await savedNow(page);
    await poll(async () => ((await draft()).scenarios ?? []).map((s) => s.expect.path.join(' '))).toEqual([
      // Each branch reaches the join: it is on the path once per branch.
      'review branch task_3 parallel task_2 task join join notify done',
      'review branch notify done',
    ]);

    // Published from the versions page, which shows both scenarios passing first.
    await page.goto('/design/apps/buy/versions');
    const list = page.locator('[data-testid=draft-scenario-list] li');
    await poll(() => list.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))).toEqual([
      'passed',
      'passed',
    ]);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    await poll(() => text(page.locator('[data-testid=current-version]'))).toBe('2');
    // The open-cases card calls the new version current at once, without a reload.
    const rows = page.locator('[data-testid=open-cases] tbody tr');
    await poll(() => text(rows.filter({ hasText: '当前版本' }))).toContain('v2');
    expect(await text(rows.filter({ hasText: 'v1' }))).not.toContain('当前版本');
    await screenshot(page, 'flow-from-canvas-published-zh');
    expect(errors).toEqual([]);
  }, 400_000);

  it('then takes a real purchase down the path its scenario saved, in the end-user app', async () => {
    for (const p of PEOPLE)
      await e2e.api('admin', 'POST', '/api/v1/users', { ...p, password: PASSWORD, language: 'zh-CN' });
    // Publishing leaves the draft as the current version: its scenarios are the published ones.
    const published = await draft();
    const scenario = (name: string) =>
      published.scenarios!.find((s) => (s.name as { zh?: string }).zh === name)!;

    /** Files a purchase as a manager in the web app; the filer's own review is the first step. */
    const li = await e2e.signIn('buy_li', { lang: 'zh-CN' });
    const errors = consoleErrors(li);
    async function file(title: string, amount: string): Promise<string> {
      await li.goto('/new/buy/purchase');
      await li.waitForSelector('[data-testid=submit-record]:not([disabled])');
      await li.fill('#new-purchase-title', title);
      await li.fill('#new-purchase-amount', amount);
      await li.click('[data-testid=submit-record]');
      await li.waitForURL(/\/cases\//);
      const id = decodeURIComponent(new URL(li.url()).pathname.split('/').pop()!);
      await openTask(li, id, 'review');
      await act(li, 'approve');
      return id;
    }

    /** The case as it ended, and the nodes it went through in the order its history first names them. */
    async function walked(id: string) {
      const { instance } = await e2e.api<{
        instance: { status: string; outcome?: string; history: { node?: string }[] };
      }>('admin', 'GET', `/api/v1/records/${encodeURIComponent(id)}`);
      const path = [...new Set(instance.history.flatMap((h) => (h.node ? [h.node] : [])))];
      return { status: instance.status, outcome: instance.outcome, path };
    }
    /** A saved run's end and path as a case's history shows them: each node once (the join is entered per branch). */
    const expected = (s: { expect: { status: string; outcome?: string; path: string[] } }) => ({
      status: s.expect.status,
      outcome: s.expect.outcome,
      path: [...new Set(s.expect.path)],
    });

    // ── 大额采购: the director approves, both managers sign (会签) and finance submits; the join
    // passes once all have, and the filer is told by the notice.
    const big = await file('服务器', '5000');
    const zhao = await e2e.signIn('buy_zhao', { lang: 'zh-CN' });
    await openTask(zhao, big, 'task_3');
    await screenshot(zhao, 'flow-from-canvas-web-director-zh');
    // The way to the case is worded by the purchase's own form, not by another trade's 服务单.
    expect(await text(zhao.locator('.page-head > a'))).toBe('查看采购申请');
    // Nor does it offer to show a comment to customers the app does not have.
    expect(await zhao.getByTestId('comment-for-customer').count()).toBe(0);
    await act(zhao, 'approve');
    // Wang's task is still in his inbox after Li signed: a 会签 waits for every manager.
    for (const user of ['buy_li', 'buy_wang', 'buy_qian']) {
      const page = user === 'buy_li' ? li : await e2e.signIn(user, { lang: 'zh-CN' });
      await openTask(page, big, user === 'buy_qian' ? 'task_2' : 'task');
      if (user === 'buy_wang') await screenshot(page, 'flow-from-canvas-web-countersign-zh');
      await act(page, 'submit');
    }
    expect(await walked(big)).toEqual(expected(scenario('大额采购')));
    await li.goto(`/cases/${encodeURIComponent(big)}`);
    await poll(() => text(li.locator('.page-head .badge'))).toContain('已结束');
    await screenshot(li, 'flow-from-canvas-web-big-done-zh');
    // The outbox delivers the notice (its job does not run by itself in the e2e server).
    await e2e.server.jobs.outbox.runOnce();
    await li.goto('/notifications');
    await li.locator('.notifications li', { hasText: '采购已批准：服务器' }).first().waitFor();

    // ── 小额采购: past the branch straight to the notice.
    const small = await file('纸', '20');
    expect(await walked(small)).toEqual(expected(scenario('小额采购')));
    await li.goto(`/cases/${encodeURIComponent(small)}`);
    await poll(() => text(li.locator('.page-head .badge'))).toContain('已结束');
    await screenshot(li, 'flow-from-canvas-web-small-done-zh');
    expect(errors).toEqual([]);
  }, 300_000);
});

/** Acts on the open task page and waits for the page to say it is done. */
async function act(page: Page, action: string): Promise<void> {
  await page.click(`[data-testid=action-${action}]`);
  await page.waitForSelector('[data-testid=done-notice]');
}
