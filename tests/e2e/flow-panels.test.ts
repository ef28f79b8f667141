/**
 * The flow designer's node panels and permission matrix in Chromium (issue 21), on the after-sales
 * repair flow's draft and on a small app with a webhook: a task's assignees (a role, then the
 * case's customer added), 会签, an SLA typed as "2 days 4 hours" and refused as 工作日, return
 * targets limited to earlier steps; a branch condition in the visual rule builder; a
 * notification's text with a field inserted by name and rendered live by the engine on the flow's
 * sample; a record action's field mapping; the matrix set cell by cell, by row and by column, and
 * the default for fields added later; undo, autosave across a reload, and a problem that opens
 * the control it names. Screenshots in English and Chinese.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDesignerIfNeeded } from '../../designer/build-if-needed.js';
import { consoleErrors, poll, screenshot, startE2E, text, type E2E } from './e2e-kit.js';

let e2e: E2E;

const hooks = {
  format: 'flowcase/app@1',
  key: 'hooks',
  name: { en: 'Hooks', zh: '接口' },
  version: 1,
  roles: [{ key: 'desk', name: { en: 'Desk', zh: '服务台' } }],
  forms: [
    {
      key: 'order',
      name: { en: 'Order', zh: '订单' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'amount', type: 'money', label: { en: 'Amount', zh: '金额' } },
      ],
    },
  ],
  flows: [
    {
      key: 'push',
      name: { en: 'Push', zh: '推送' },
      form: 'order',
      trigger: { on: 'record.created' },
      start: 'check',
      nodes: {
        check: { type: 'task', assignee: { role: 'desk' }, next: 'call' },
        call: { type: 'webhook', url: 'https://hooks.example.com/orders', next: 'done' },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

beforeAll(async () => {
  await buildDesignerIfNeeded({ quiet: true });
  e2e = await startE2E();
  await e2e.api('admin', 'POST', '/api/v1/apps', { bundle: hooks });
}, 300_000);

afterAll(async () => {
  await e2e?.close();
});

/** A control by the bundle pointer it edits (its id). */
const at = (path: string) => `[id="${path}"]`;
const REPAIR = '/flows/0/nodes';

async function savedNow(page: Page): Promise<void> {
  await poll(() => page.locator('[data-testid=save-status]').getAttribute('data-status')).toBe('saved');
}

async function draftFlow(
  key: string,
  flow: string,
): Promise<{ nodes: Record<string, Record<string, unknown>> }> {
  const answer = await e2e.api<{
    draft: { flows: { key: string; nodes: Record<string, Record<string, unknown>> }[] };
  }>('admin', 'GET', `/api/v1/apps/${key}/draft`);
  return answer.draft.flows.find((f) => f.key === flow)!;
}

describe('the node panels', () => {
  it('edit a task, a branch, a notification and a record action of the repair flow, with undo and autosave', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/after_sales/flows/repair/panels');
    await page.locator('[data-testid=panels-page]').waitFor();

    // A task: assignees as rules, the case's customer among them.
    await page.click('[data-testid=panel-node-dispatch]');
    await page.locator('[data-testid=node-panel][data-node=dispatch]').waitFor();
    const assignees = page.locator(at(`${REPAIR}/dispatch/assignee`));
    expect(await assignees.locator(`${at(`${REPAIR}/dispatch/assignee/0/role`)}`).inputValue()).toBe(
      'service_desk',
    );
    await page.click(`[data-testid="${REPAIR}/dispatch/assignee-add"]`);
    await page.selectOption(at(`${REPAIR}/dispatch/assignee/1`), 'customer');
    await poll(() => text(assignees)).toContain('customer_account');
    await page.selectOption('[data-testid=prop-mode]', 'all');

    // The SLA typed in words; the engine's duration is shown and stored.
    const due = page.locator(at(`${REPAIR}/dispatch/sla/due`));
    expect(await due.inputValue()).toBe('2 hours');
    await due.fill('2 工作日');
    await poll(() => text(page.locator('[data-testid=group-sla] [role=alert]'))).toContain(
      'no working calendar',
    );
    await due.fill('2 days 4 hours');
    await poll(() => text(page.locator(`[data-testid="${REPAIR}/dispatch/sla/due-iso"]`))).toBe('= P2DT4H');
    await due.blur();
    expect(await due.inputValue()).toBe('2 days 4 hours');

    // Return targets: only the task steps before this one.
    const returnTo = await page
      .locator(`${at(`${REPAIR}/dispatch/returnTo`)} input`)
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    expect(returnTo).toEqual(['intake']);
    await screenshot(page, 'flow-panels-task-en');

    // Undo takes the last step (the typed deadline) back; redo brings it again.
    await page.click('[data-testid=undo]');
    await poll(() => due.inputValue()).toBe('2 hours');
    expect(await page.locator('[data-testid=prop-mode]').inputValue()).toBe('all');
    await page.click('[data-testid=redo]');
    await poll(() => due.inputValue()).toBe('2 days 4 hours');

    // A branch: its condition in the visual rule builder, and the default path.
    await page.click('[data-testid=panel-node-warranty_check]');
    await page.locator('[data-testid=rule-warranty_check-cases-0-when]').waitFor();
    expect(
      await page.locator('[data-testid=rule-warranty_check-cases-0-when] [data-testid=rule]').count(),
    ).toBe(1);
    expect(await page.locator('[data-testid=prop-default]').inputValue()).toBe('quote');
    await page.click('[data-testid=cases-add]');
    await page.locator('[data-testid=cases-1]').waitFor();
    await page.selectOption(at(`${REPAIR}/warranty_check/cases/1/next`), 'repair_route');
    await page.click('[data-testid=rule-warranty_check-cases-1-when] [data-testid=add-rule]');
    await page.locator('[data-testid=rule-warranty_check-cases-1-when] [data-testid=rule]').waitFor();
    await screenshot(page, 'flow-panels-branch-en');

    // A notification: a field inserted by name, rendered live on the flow's sample (its scenario).
    await page.click('[data-testid=panel-node-notify_done]');
    const message = page.locator(at(`${REPAIR}/notify_done/template`));
    await message.waitFor();
    await message.fill('Repair of ');
    await page.selectOption('[data-testid=template-insert-template]', 'customer.name');
    await poll(() => message.inputValue()).toBe('Repair of {{customer.name}}');
    const rendering = page.locator('[data-testid=template-rendering-template-zh]');
    await poll(() => text(rendering)).toMatch(/^Repair of \S+/);
    expect(await text(rendering)).not.toContain('{{');
    await message.fill('Broken {{#if}}');
    await poll(() => text(page.locator('[data-testid=template-rendering-template-zh-problems]'))).not.toBe(
      '',
    );
    await message.fill('维修单 {{rma_no}} 已完成，客户 {{customer}}。');
    await poll(() => text(rendering)).toMatch(/^维修单 .+ 已完成，客户 \S+。$/);
    await screenshot(page, 'flow-panels-notify-en');

    // A record action: the target form's fields, each mapped.
    await page.click('[data-testid=panel-node-mark_completed]');
    const mapping = page.locator(at(`${REPAIR}/mark_completed/set`));
    await mapping.waitFor();
    await page.selectOption(at(`${REPAIR}/mark_completed/set/technician`), 'field');
    await page.selectOption(at(`${REPAIR}/mark_completed/set/technician/var`), 'technician');

    // Saved into the draft; a reload finds it.
    await savedNow(page);
    const saved = await draftFlow('after_sales', 'repair');
    expect(saved.nodes.dispatch).toMatchObject({
      mode: 'all',
      assignee: [{ role: 'service_desk' }, { field: 'customer_account' }],
      sla: { due: 'P2DT4H' },
    });
    expect(saved.nodes.notify_done!.template).toMatchObject({
      zh: '维修单 {{rma_no}} 已完成，客户 {{customer}}。',
    });
    expect((saved.nodes.mark_completed!.set as Record<string, unknown>).technician).toEqual({
      var: 'technician',
    });
    await page.reload();
    await page.click('[data-testid=panel-node-dispatch]');
    await poll(() => page.locator(at(`${REPAIR}/dispatch/sla/due`)).inputValue()).toBe('2 days 4 hours');

    // A problem opens the control it names: a reminder longer than the deadline.
    await page.fill(at(`${REPAIR}/dispatch/sla/remind`), '3 days');
    await savedNow(page);
    await page.click('[data-testid=panel-node-intake]');
    const problem = page.locator('[data-testid=panel-problems] button', { hasText: 'shorter than "due"' });
    await problem.click();
    await poll(() => page.evaluate(() => document.activeElement?.id)).toBe(`${REPAIR}/dispatch/sla/remind`);
    await page.fill(at(`${REPAIR}/dispatch/sla/remind`), '1 hour');
    await savedNow(page);
    await poll(() => problem.count()).toBe(0);
    expect(errors).toEqual([]);
  }, 240_000);

  it('set field permissions in the matrix: cells, rows, columns and the default for new fields', async () => {
    const page = await e2e.signIn('admin', { lang: 'zh-CN', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/after_sales/flows/repair/panels');
    await page.click('[data-testid=panel-permissions]');
    await page.locator('[data-testid=permission-matrix] table').waitFor();
    // The dispatch step lists what it shows: rma_no read only, technician required, photos…
    expect(await page.locator('[data-testid=matrix-rma_no-dispatch]').inputValue()).toBe('visible');
    expect(await page.locator('[data-testid=matrix-technician-dispatch]').inputValue()).toBe('required');
    expect(await page.locator('[data-testid=matrix-quote_fee-dispatch]').inputValue()).toBe('hidden');

    await page.selectOption('[data-testid=matrix-quote_fee-dispatch]', 'editable');
    await page.selectOption('[data-testid=matrix-row-set-fault_category]', 'required');
    await page.selectOption('[data-testid=matrix-col-set-dispatch]', 'visible');
    await screenshot(page, 'flow-panels-matrix-zh');

    // Chosen once for the flow: fields added later stay hidden at every step.
    await page.selectOption('[data-testid=matrix-new-field-default] select', 'hidden');
    await poll(() => page.locator('[data-testid=matrix-new-field-default] select').inputValue()).toBe(
      'hidden',
    );
    await savedNow(page);
    const flow = await draftFlow('after_sales', 'repair');
    const dispatch = flow.nodes.dispatch!.fields as {
      visible: string[];
      editable?: string[];
      required?: string[];
    };
    expect(dispatch.visible).toContain('quote_fee');
    expect(dispatch.editable ?? []).toEqual([]);
    for (const node of Object.values(flow.nodes).filter((n) => n.type === 'task')) {
      const fields = node.fields as { visible?: string[]; required?: string[] };
      expect(fields.visible).toBeDefined();
    }
    const survey = flow.nodes.survey!.fields as { required: string[] };
    expect(survey.required).toContain('fault_category');

    // The task panel shows the same column, in Chinese.
    await page.click('[data-testid=panel-node-dispatch]');
    expect(await page.locator('[data-testid=node-perm-quote_fee]').inputValue()).toBe('visible');
    await page.locator(at(`${REPAIR}/dispatch/sla/due`)).waitFor();
    await screenshot(page, 'flow-panels-task-zh');
    expect(errors).toEqual([]);
  }, 240_000);

  it('warn about a webhook address the server will refuse and render its JSON body', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1280, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/hooks/flows/push/panels');
    await page.click('[data-testid=panel-node-call]');
    const url = page.locator(at('/flows/0/nodes/call/url'));
    await url.waitFor();
    await page.locator('[data-testid=webhook-allow-list]').waitFor();
    expect(await page.locator('[data-testid^=webhook-internal]').count()).toBe(0);
    await url.fill('http://169.254.169.254/latest/meta-data');
    await page.locator('[data-testid=webhook-internal_host]').waitFor();
    await page.locator('[data-testid=webhook-plain_http]').waitFor();
    await url.fill('https://hooks.example.com/orders');
    await page.locator('[data-testid=webhook-internal_host]').waitFor({ state: 'detached' });
    const body = page.locator(at('/flows/0/nodes/call/body'));
    await body.fill('{"title": "{{title}}", "amount": ');
    await page.selectOption('[data-testid=template-insert-body]', 'amount');
    await page.locator(at('/flows/0/nodes/call/body')).press('End');
    // A space before the last brace: "}}}" would close a triple-stash, which the engine refuses.
    await page.locator(at('/flows/0/nodes/call/body')).type(' }');
    await poll(() => text(page.locator('[data-testid=template-rendering-body-body]'))).toBe(
      '{"title": "标题", "amount": 1280 }',
    );
    await screenshot(page, 'flow-panels-webhook-en');
    await savedNow(page);
    expect(errors).toEqual([]);
  }, 240_000);
});

describe('the panels on the canvas page', () => {
  it('open for a node clicked on the canvas, and the matrix has its tab', async () => {
    const page = await e2e.signIn('admin', { lang: 'en', width: 1440, height: 900 });
    const errors = consoleErrors(page);
    await page.goto('/design/apps/hooks/flows/push');
    await page.locator('[data-testid=flow-designer]').waitFor();
    await page.click('[data-testid=node-check]');
    await page.click('[data-testid=tab-properties]');
    await page.locator('[data-testid=node-panel][data-node=check]').waitFor();
    const due = page.locator(at('/flows/0/nodes/check/sla/due'));
    await due.fill('1.5 hours');
    await poll(() => text(page.locator('[data-testid="/flows/0/nodes/check/sla/due-iso"]'))).toBe(
      '= PT1H30M',
    );
    await screenshot(page, 'flow-panels-canvas-en');
    await page.click('[data-testid=tab-permissions]');
    await page.selectOption('[data-testid=matrix-amount-check]', 'required');
    await poll(() => page.locator('[data-testid=matrix-amount-check]').inputValue()).toBe('required');
    await screenshot(page, 'flow-panels-canvas-matrix-en');
    await savedNow(page);
    const flow = await draftFlow('hooks', 'push');
    expect(flow.nodes.check).toMatchObject({
      sla: { due: 'PT1H30M' },
      fields: { editable: ['amount'], required: ['amount'] },
    });
    expect(errors).toEqual([]);
  }, 240_000);
});
