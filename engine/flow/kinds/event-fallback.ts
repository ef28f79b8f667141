/**
 * An `event` node's `fallback`: a staff task that resolves the wait by hand when the other system
 * never calls (the cashier confirms a payment the gateway did not report). It opens when the token
 * arrives, or `after` a delay (timer `event.fallback`). Completing it (`submit`) writes the task's
 * data through the form with the fallback's field permissions (`editable` defaults to the node's
 * `fields`), records `task.completed` (`detail.fallback: true`) and `event.resolved`, cancels
 * the node's timers and moves on to `next`, as the event would have. The event arriving or the
 * wait timing out cancels the task. Nobody to assign it to fails the instance (an incident),
 * so no case is left waiting with nobody able to act.
 */
import {
  normalizeFieldPermissions,
  type NormalizedFieldPermissions,
} from '../../definition/field-permissions.js';
import type { EventNode, FieldPermissions } from '../../definition/types.js';
import { FlowcaseError } from '../../errors.js';
import { actorMatches, resolveAssignees } from '../assignee-resolver.js';
import { failInstance } from '../instance-lifecycle.js';
import { localizedName } from '../localized-render.js';
import { formContext } from '../rule-scope.js';
import { cloneTask } from '../snapshot-clone.js';
import {
  appendHistory,
  cancelTask,
  cancelTimers,
  emit,
  findToken,
  moveToken,
  type StepContext,
} from '../step-context.js';
import type { FieldChange, OpenTask, Token } from '../types.js';
import type { TaskCompleteEvent } from './node-kind.js';

/**
 * What the fallback task shows and writes: its `fields` read like a task node's (required implies
 * editable, editable implies visible), `editable` defaulting to the node's payload `fields`.
 */
export function fallbackFields(node: EventNode): NormalizedFieldPermissions {
  const own = node.fallback?.fields;
  return normalizeFieldPermissions({ ...own, editable: own?.editable ?? node.fields ?? [] });
}

/** Opens the fallback task for the token waiting at the node. */
export function openFallback(ctx: StepContext, token: Token, node: EventNode, nodeId: string): void {
  const fallback = node.fallback;
  if (!fallback) return;
  const assignees = resolveAssignees(ctx, fallback.assignee);
  if (assignees.length === 0) {
    failInstance(ctx, nodeId, 'The fallback task has nobody to assign it to.');
    return;
  }
  const iteration = (ctx.snapshot.visits[nodeId] ?? 0) + 1;
  ctx.snapshot.visits[nodeId] = iteration;
  const task: OpenTask = {
    id: ctx.env.newId(),
    node: nodeId,
    tokenId: token.id,
    assignees,
    mode: 'any',
    createdAt: ctx.env.now,
    iteration,
    fallback: true,
  };
  ctx.snapshot.tasks.push(task);
  emit(ctx, {
    type: 'task.create',
    task: cloneTask(task),
    nodeName: localizedName(fallback.name, nodeId),
  });
  appendHistory(ctx, 'task.created', {
    node: nodeId,
    detail: { taskId: task.id, assignees, iteration, fallback: true, event: node.name },
  });
}

/** The wait ended another way (the event came, it timed out): its fallback task goes. */
export function cancelFallback(ctx: StepContext, tokenId: string): void {
  for (const t of [...ctx.snapshot.tasks]) if (t.fallback && t.tokenId === tokenId) cancelTask(ctx, t.id);
}

/** Someone completes the fallback task: the wait is resolved as if the event had come. */
export function completeFallback(
  ctx: StepContext,
  task: OpenTask,
  node: EventNode,
  event: TaskCompleteEvent,
): void {
  if (!task.assignees.some((a) => actorMatches(a, ctx.env.actor, ctx.env.actorRoles ?? [])))
    throw new FlowcaseError('FC_TASK_NOT_ASSIGNEE', undefined, { path: '/taskId' });
  if (event.action !== 'submit')
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      { en: `"${String(event.action)}" is not allowed here; allowed: submit.`, zh: '当前步骤只能提交。' },
      { path: '/action' },
    );
  const declared = fallbackFields(node);
  const permissions: FieldPermissions = {
    editable: [...declared.editable],
    required: [...declared.required],
  };
  if (declared.visible) permissions.visible = [...declared.visible];
  const result = ctx.env.form.submit(event.data ?? {}, {
    mode: 'update',
    previous: ctx.record,
    permissions,
    ...formContext(ctx),
  });
  if (!result.ok || result.errors.length > 0)
    throw new FlowcaseError('FC_VALIDATION_FAILED', undefined, { path: '/data', problems: result.errors });
  ctx.record = result.data;
  const changes: FieldChange[] = result.changes;
  if (changes.length > 0)
    emit(ctx, { type: 'record.update', node: task.node, form: ctx.env.form.key, target: 'self', changes });
  ctx.snapshot.tasks = ctx.snapshot.tasks.filter((t) => t.id !== task.id);
  emit(ctx, { type: 'task.complete', taskId: task.id, action: 'submit', by: ctx.env.actor });
  appendHistory(ctx, 'task.completed', {
    node: task.node,
    action: 'submit',
    comment: event.comment,
    changes: changes.length > 0 ? changes : undefined,
    detail: {
      taskId: task.id,
      fallback: true,
      ...(event.commentForCustomer === true && event.comment ? { commentForCustomer: true } : {}),
    },
  });
  const token = findToken(ctx, task.tokenId);
  if (!token) return;
  cancelTimers(ctx, (timer) => timer.tokenId === token.id || timer.taskId === task.id);
  appendHistory(ctx, 'event.resolved', { node: task.node, detail: { name: node.name, taskId: task.id } });
  moveToken(ctx, token, node.next);
}
