/**
 * The flow canvas in Chromium (issue 21), on the after-sales repair flow's draft: the app's page
 * opens it, every node is laid out top to bottom (QA's return paths drawn as back edges), a task
 * is put on a transition by its "+", a node is deleted by joining its path up and another with the
 * nodes only it leads to (listed first), undo and redo walk that back and forth, a reload finds
 * the work saved into the draft, a problem pinned on a node opens its panel at the control it
 * names (and reads in Chinese), and a node pasted with a step selected goes on that step's path.
 * Screenshots in Chinese at 1280 px and in English.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

type Nodes = Record<string, Record<string, unknown>>;

async function draftRepair(): Promise<Nodes> {
  const answer = await e2e.api<{ draft: { flows: { key: string; nodes: Nodes }[] } }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/draft',
  );
  return answer.draft.flows.find((f) => f.key === 'repair')!.nodes;
}

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

const node = (page: Page, id: string) => page.locator(`[data-testid="node-${id}"]`);
const nodeCount = (page: Page) => page.locator('.react-flow__node').count();

async function top(page: Page, id: string): Promise<number> {
  return (await node(page, id).boundingBox())!.y;
}

describe('the flow canvas', () => {
  it('lays out the repair flow, adds and deletes nodes, undoes, keeps the work across a reload, opens a problem', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/after_sales/versions');
    await page.click('[data-testid=open-flow-repair]');
    await page.locator('[data-testid=flow-canvas]').waitFor();
    // It opens readable at its start; zoomed to fit, every node is drawn.
    await node(page, 'intake').waitFor();
    await page.click('[data-testid=fit-view]');
    await poll(() => nodeCount(page)).toBe(40);

    // Laid out top to bottom along the main path; QA's return paths are back edges.
    expect(await top(page, 'intake')).toBeLessThan(await top(page, 'warranty_check'));
    expect(await top(page, 'warranty_check')).toBeLessThan(await top(page, 'repair'));
    expect(await top(page, 'repair')).toBeLessThan(await top(page, 'qa'));
    expect(await top(page, 'qa')).toBeLessThan(await top(page, 'survey'));
    expect(await page.locator('.react-flow__edge-path.flow-edge.back').count()).toBeGreaterThanOrEqual(3);
    // A branch condition is read aloud with the field's label; the default path is marked.
    await expect(page.locator('[data-testid="edge-warranty_check|default"]').innerText()).resolves.toContain(
      '默认',
    );
    expect(await node(page, 'intake').innerText()).toContain('时限');
    await screenshot(page, 'flow-canvas-zh-1280');

    // A task on the transition repair → QA, by its "+".
    await page.click('[data-testid="edge-add-repair|next"]');
    await page.click('[data-testid=edge-menu-task]');
    await node(page, 'task').waitFor();
    expect(await nodeCount(page)).toBe(41);
    await savedNow(page);
    expect((await draftRepair()).repair).toMatchObject({ next: 'task' });
    expect((await draftRepair()).task).toMatchObject({ type: 'task', next: 'qa' });
    // The new step shows what the record's creator filed and its RMA number, not the internal QA
    // note (质检说明), and edits nothing; its panel says so until the designer widens it.
    const added = (await draftRepair()).task!.fields as { visible: string[]; editable?: string[] };
    expect(added.visible).toEqual(expect.arrayContaining(['rma_no', 'serial_number', 'description']));
    expect(added.visible).not.toContain('qa_note');
    expect(added.editable).toBeUndefined();
    await page.locator('[data-testid=node-starting-fields]').waitFor();
    await page.locator('[data-testid=node-starting-fields]').scrollIntoViewIfNeeded();
    await screenshot(page, 'flow-canvas-new-task-fields-zh');

    // Deleted again by joining its path up.
    await node(page, 'task').click();
    await page.click('[data-testid=delete-node]');
    await page.click('[data-testid=delete-reconnect]');
    await poll(() => node(page, 'task').count()).toBe(0);

    // Returning the device unrepaired: deleting it lists what only it leads to, then deletes those.
    await node(page, 'return_device').click();
    await page.click('[data-testid=delete-node]');
    const listed = await page.locator('[data-testid=delete-subtree-list] li').allInnerTexts();
    expect(listed.map((l) => l.split(' ').pop())).toEqual(['return_device', 'notify_returned']);
    await screenshot(page, 'flow-canvas-delete-zh');
    await page.click('[data-testid=delete-subtree]');
    await poll(() => node(page, 'notify_returned').count()).toBe(0);
    await node(page, 'return_device_end').waitFor();

    // Undo brings both back, redo takes them away again.
    await page.click('[data-testid=undo]');
    await node(page, 'notify_returned').waitFor();
    await page.click('[data-testid=redo]');
    await poll(() => node(page, 'notify_returned').count()).toBe(0);
    await savedNow(page);

    // A reload finds it saved into the draft.
    await page.reload();
    await page.locator('[data-testid=flow-canvas]').waitFor();
    await node(page, 'intake').waitFor();
    await page.click('[data-testid=fit-view]');
    await poll(() => nodeCount(page)).toBe(39);
    expect(await node(page, 'return_device').count()).toBe(0);
    const saved = await draftRepair();
    expect(saved.repair).toMatchObject({ next: 'qa' });
    expect(saved.declined_route).toMatchObject({ default: 'return_device_end' });
    expect(saved.return_device_end).toMatchObject({ type: 'end' });

    // A subflow with no flow chosen: its problem is pinned on it, and opens the control.
    await page.click('[data-testid="edge-add-survey|next"]');
    await page.click('[data-testid=edge-menu-subflow]');
    await savedNow(page);
    await page.locator('[data-testid=node-problem-subflow]').waitFor();
    await page.click('[data-testid=node-problem-subflow]');
    await poll(() => page.evaluate(() => document.activeElement?.id ?? '')).toContain('/nodes/subflow/');
    await screenshot(page, 'flow-canvas-problem-zh');
    // The engine words the problem in English; the Chinese page says it in Chinese.
    const problem = page.locator('[data-testid=problem]', { hasText: '/nodes/subflow/flow' });
    expect(await text(problem)).toContain('此处须填写标识');
    expect(await text(problem)).not.toContain('is not a valid key');

    // A notice copied and pasted with the step before it selected goes on that step's way on:
    // mark_completed → the copy → the original notice.
    await node(page, 'notify_done').click();
    await page.click('[data-testid=copy]');
    await node(page, 'mark_completed').click();
    await page.click('[data-testid=paste]');
    await node(page, 'notify_done_copy').waitFor();
    await savedNow(page);
    const pasted = await draftRepair();
    expect(pasted.mark_completed).toMatchObject({ next: 'notify_done_copy' });
    expect(pasted.notify_done_copy).toMatchObject({ type: 'notify', next: 'notify_done' });
    expect(pasted.notify_done_copy!.name).toEqual({
      zh: '完工通知（站内） 2',
      en: 'Tell the customer (in-app) 2',
    });
    // Pasted again by a transition's "+": email_done → the second copy → survey_wait.
    await page.click('[data-testid="edge-add-email_done|next"]');
    await page.click('[data-testid=edge-menu-paste]');
    await node(page, 'notify_done_copy_2').waitFor();
    await savedNow(page);
    const onEdge = await draftRepair();
    expect(onEdge.email_done).toMatchObject({ next: 'notify_done_copy_2' });
    expect(onEdge.notify_done_copy_2).toMatchObject({ next: 'survey_wait' });
    await page.click('[data-testid=fit-view]');
    await screenshot(page, 'flow-canvas-pasted-zh');

    // English, opened at the start with the first task's panel.
    const en = await e2e.signIn('admin', { lang: 'en', width: 1440, height: 900 });
    await en.goto('/design/apps/after_sales/flows/repair');
    await node(en, 'intake').click();
    await en.locator('.flow-side .fp-row').first().waitFor();
    await screenshot(en, 'flow-canvas-en');
    expect(errors).toEqual([]);
  }, 240_000);
});
