/**
 * Backfill (补录): after a task node is done, its participants may still fill in the fields the node
 * lists under `backfill`, on a running or a finished case. The write goes through the form with
 * only those fields editable, and the history records old → new like any other write. Who counts
 * as a participant is the runtime's decision (it knows who worked the node); the engine checks the
 * node and the data.
 */
import type { FieldPermissions } from '../definition/types.js';
import { FlowcaseError } from '../errors.js';
import { formContext } from './rule-scope.js';
import { appendHistory, emit, nodeAt, type StepContext } from './step-context.js';

export interface BackfillEvent {
  type: 'backfill';
  node: string;
  data: Record<string, unknown>;
  comment?: string;
}

export function applyBackfill(ctx: StepContext, event: BackfillEvent): void {
  const node = nodeAt(ctx, event.node);
  if (!node || node.type !== 'task')
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      { en: `"${event.node}" is not a task node of this flow.`, zh: '只有任务节点可以补录。' },
      { path: '/node' },
    );
  const allowed = node.backfill ?? [];
  if (allowed.length === 0)
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      { en: `The step "${event.node}" allows no backfill.`, zh: '该节点不允许补录。' },
      { path: '/node' },
    );
  if ((ctx.snapshot.visits[event.node] ?? 0) === 0 || ctx.snapshot.tasks.some((t) => t.node === event.node)) {
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      {
        en: `The step "${event.node}" is not done yet; fill it in through its task.`,
        zh: '该节点尚未办理完成，请在其待办任务中填写。',
      },
      { path: '/node' },
    );
  }
  if (typeof event.data !== 'object' || event.data === null || Object.keys(event.data).length === 0) {
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: 'Send at least one field to backfill.', zh: '请至少修改一个字段再补录。' },
      { path: '/data' },
    );
  }
  const permissions: FieldPermissions = { editable: allowed, required: [] };
  if (node.fields?.visible) permissions.visible = [...new Set([...node.fields.visible, ...allowed])];
  const result = ctx.env.form.submit(event.data, {
    mode: 'update',
    previous: ctx.record,
    permissions,
    ...formContext(ctx),
  });
  if (!result.ok || result.errors.length > 0)
    throw new FlowcaseError('FC_VALIDATION_FAILED', undefined, { path: '/data', problems: result.errors });
  ctx.record = result.data;
  if (result.changes.length > 0)
    emit(ctx, {
      type: 'record.update',
      node: event.node,
      form: ctx.env.form.key,
      target: 'self',
      changes: result.changes,
    });
  appendHistory(ctx, 'record.backfilled', {
    node: event.node,
    action: 'backfill',
    comment: event.comment,
    changes: result.changes.length > 0 ? result.changes : undefined,
  });
}
