/**
 * Moving open cases onto a new version, in Chromium, with the flow changed in the designer. The
 * customer files a repair request; the desk accepts it without a technician, so it waits at
 * "Assign a technician" (dispatch). In the flow designer the admin replaces that step: a new task
 * on the way into it, named through the node panel "确认送修信息 / Confirm the repair details"
 * (the customer's, as a new task is), and dispatch deleted with its path joined up. The draft is
 * published on the versions page; there the admin sees version 1's open cases and the plan (the
 * dispatch group needs a mapping: its step is gone), maps dispatch onto the new task, applies, and
 * sees the result and the past migration. The customer finds the case in the web app's inbox at
 * the new step and opens its task. The rollback offers the same plan in English at phone width,
 * its groups stacked, without horizontal overflow. Screenshots in Chinese and English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import path from 'node:path';
import { consoleErrors, openTask, poll, RESULTS, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;
let recordId = '';

async function adminAt(where: string, lang: 'zh-CN' | 'en', width = 1200): Promise<Page> {
  const page = await e2e.signIn('admin', { lang, width });
  await page.goto(where);
  await page.waitForSelector('main#main');
  return page;
}

async function waitingAt(): Promise<{ version: number; activeNodes: string[] }> {
  const answer = await e2e.api<{ instance: { version: number; activeNodes: string[] } }>(
    'admin',
    'GET',
    `/api/v1/records/${recordId}`,
  );
  return answer.instance;
}

const node = (page: Page, id: string) => page.locator(`[data-testid="node-${id}"]`);
const field = (page: Page, p: string) => page.locator(`[id="/flows/0/nodes/${p}"]`);

/**
 * In the flow designer: a task put on the way into dispatch and named in the node panel, then
 * dispatch deleted with its single path joined up, so the new task leads on to the warranty check.
 */
async function replaceDispatchInDesigner(): Promise<void> {
  const page = await adminAt('/design/apps/after_sales/flows/repair', 'zh-CN', 1280);
  const errors = consoleErrors(page);
  await page.locator('[data-testid=flow-canvas]').waitFor();
  await node(page, 'dispatch').waitFor();
  await page.click('[data-testid=fit-view]');
  await page.click('[data-testid="edge-add-has_technician|cases/0/next"]');
  await page.click('[data-testid=edge-menu-task]');
  await node(page, 'task').waitFor();
  await node(page, 'task').click();
  await page.locator('[data-testid=node-panel][data-node=task]').waitFor();
  await field(page, 'task/name').fill('确认送修信息');
  await field(page, 'task/name~en').fill('Confirm the repair details');
  await poll(() => text(node(page, 'task'))).toContain('确认送修信息');

  await node(page, 'dispatch').click();
  await page.click('[data-testid=delete-node]');
  await page.click('[data-testid=delete-reconnect]');
  await poll(() => node(page, 'dispatch').count()).toBe(0);
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
  await screenshot(page, 'version-migration-flow-changed-zh');
  expect(errors).toEqual([]);
  await page.close();

  const { draft } = await e2e.api<{
    draft: { flows: { key: string; nodes: Record<string, Record<string, unknown>> }[] };
  }>('admin', 'GET', '/api/v1/apps/after_sales/draft');
  const nodes = draft.flows.find((f) => f.key === 'repair')!.nodes;
  expect(nodes.dispatch).toBeUndefined();
  expect(nodes.task).toMatchObject({
    type: 'task',
    name: { zh: '确认送修信息', en: 'Confirm the repair details' },
    next: 'warranty_check',
  });
}

/** The simulator's saved runs that go through dispatch: after dispatch is deleted they no longer fit. */
async function scenariosThroughDispatch(): Promise<string[]> {
  const { draft } = await e2e.api<{ draft: { scenarios?: { key: string }[] } }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/draft',
  );
  return (draft.scenarios ?? []).filter((s) => JSON.stringify(s).includes('"dispatch"')).map((s) => s.key);
}

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  const own = await e2e.api<{ items: { id: string }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records',
  );
  const products = await e2e.api<{ items: { id: string; data: { category: string } }[] }>(
    'customer',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records?limit=50',
  );
  const product = products.items[0]!;
  const created = await e2e.api<{ record: { id: string } }>(
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: own.items[0]!.id,
        product: product.id,
        purchase_date: '2024-01-10',
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: product.data.category,
        description: 'Migrated: the screen flickers',
      },
    },
  );
  recordId = created.record.id;
  // Accepted without a technician: the case waits at dispatch.
  const tasks = await e2e.api<{ items: { id: string; recordId: string; node: string }[] }>(
    'desk',
    'GET',
    '/api/v1/tasks?status=open',
  );
  const intake = tasks.items.find((t) => t.recordId === recordId && t.node === 'intake')!;
  await e2e.api('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, { action: 'approve', data: {} });
  expect((await waitingAt()).activeNodes).toEqual(['dispatch']);
}, 240_000);

afterAll(async () => {
  await e2e?.close();
});

describe('moving open cases onto a new version', () => {
  it('changes the flow in the designer, publishes, maps the gone step, applies, and the case continues at the mapped step', async () => {
    const from = (
      await e2e.api<{ version: number; current: boolean }[]>(
        'admin',
        'GET',
        '/api/v1/apps/after_sales/versions',
      )
    ).find((v) => v.current)!.version;
    await replaceDispatchInDesigner();
    const stale = await scenariosThroughDispatch();
    expect(stale.length).toBeGreaterThan(0);

    // On the versions page the saved runs through dispatch are taken out (each asks once more),
    // since a scenario naming a deleted step blocks publishing; then the draft is published.
    const page = await adminAt('/design/apps/after_sales/versions', 'zh-CN');
    const errors = consoleErrors(page);
    for (const key of stale) {
      const remove = page.locator(`[data-testid=delete-scenario-${key}]`);
      await remove.click();
      await poll(() => text(remove)).toContain('确认删除');
      await remove.click();
      await remove.waitFor({ state: 'detached' });
    }
    expect(await scenariosThroughDispatch()).toEqual([]);
    await page.getByRole('button', { name: '发布', exact: true }).click();
    const to = from + 1;
    await page.getByText(`已发布为版本 ${to}。`).waitFor();
    await page.reload();
    // The comparison opens on the previous version against the new one: the step gone, the task added.
    const compare = page.locator('[data-testid=version-compare]');
    await poll(() => text(compare)).toContain('节点 dispatch 删除');
    expect(await page.locator('#compare-from').inputValue()).toBe(String(from));
    expect(await page.locator('#compare-to').inputValue()).toBe(String(to));
    expect(await text(compare)).toContain('连线 dispatch 删除');
    await compare.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-compare-zh.png') });
    const card = page.locator('[data-testid=version-migrations]');
    await card.waitFor();
    const open = Number(await text(page.locator(`[data-testid=open-cases-${from}]`)));
    expect(open).toBeGreaterThan(0);
    await poll(() => text(page.locator(`[data-testid=open-cases-${to}]`))).toBe('0');
    await page.click(`[data-testid=plan-move-${from}]`);
    const plan = page.locator('[data-testid=migration-plan]');
    await plan.waitFor();
    expect(await text(plan)).toContain(`迁移计划：v${from} → v${to}`);
    const dispatch = plan.locator('[data-testid=plan-group]', {
      has: page.locator('[data-testid=map-repair-dispatch]'),
    });
    await dispatch.waitFor();
    expect(await dispatch.getAttribute('data-verdict')).toBe('needs_mapping');
    expect(await text(dispatch)).toMatch(/\d/);
    await screenshot(page, 'version-migration-plan-zh');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-plan-card-zh.png') });

    // Map the gone dispatch step onto the new task: the group now moves (or changes meaning:
    // another assignee), and is moved either way.
    await page.selectOption('[data-testid=map-repair-dispatch]', 'task');
    await poll(() => dispatch.getAttribute('data-verdict')).not.toBe('needs_mapping');
    expect(await text(page.locator('[data-testid=map-repair-dispatch] option:checked'))).toContain(
      '确认送修信息',
    );
    const accept = page.locator('[data-testid=accept-changes]');
    if (await accept.count()) await accept.check();
    await page.click('[data-testid=apply-migration]');
    const result = page.locator('[data-testid=migration-result]');
    await result.waitFor();
    expect(await text(result)).toMatch(/已迁移 [1-9]\d* 个案件，跳过 \d+ 个，失败 0 个。/);
    await poll(() => text(page.locator(`[data-testid=open-cases-${to}]`))).not.toBe('0');
    const runs = page.locator('[data-testid=migration-runs]');
    expect(await text(runs)).toContain(`迁移 v${from} → v${to}`);
    expect(await runs.locator('li').first().getAttribute('data-status')).toBe('done');
    await screenshot(page, 'version-migration-applied-zh');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-applied-card-zh.png') });
    expect(errors).toEqual([]);

    // The case the customer filed now waits at the new step, in the customer's own inbox.
    expect(await waitingAt()).toEqual(expect.objectContaining({ version: to, activeNodes: ['task'] }));
    const customer = await e2e.signIn('customer', { lang: 'zh-CN' });
    await openTask(customer, recordId, 'task');
    expect(await text(customer.locator('main#main'))).toContain('确认送修信息');
    await screenshot(customer, 'version-migration-customer-task-zh');
  }, 300_000);

  it('offers a rollback with the same plan, in English, stacked on a phone', async () => {
    const page = await adminAt('/design/apps/after_sales/versions', 'en', 390);
    const card = page.locator('[data-testid=version-migrations]');
    await card.waitFor();
    const rows = await page.locator('[data-testid^=plan-rollback-]').count();
    expect(rows).toBeGreaterThan(0);
    await page.locator('[data-testid^=plan-rollback-]').first().click();
    const plan = page.locator('[data-testid=migration-plan]');
    await plan.waitFor();
    expect(await text(plan)).toContain('Rollback plan: republish');
    // Going back, the new task is gone from the earlier version: it asks for a mapping too.
    const group = plan.locator('[data-testid=plan-group]', {
      has: page.locator('[data-testid=map-repair-task]'),
    });
    await group.waitFor();
    // Every part of a group (where, lands, cases, verdict) is on the screen, one under another.
    for (const part of ['where', 'lands', 'cases', 'verdict']) {
      const box = (await group.locator(`[data-cell=${part}]`).boundingBox())!;
      expect(box.x, part).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, part).toBeLessThanOrEqual(390);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'version-migration-rollback-en-phone');
    await card.screenshot({ path: path.join(RESULTS, 'e2e-version-migration-rollback-card-en-phone.png') });
  }, 240_000);
});
