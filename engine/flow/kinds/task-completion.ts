/**
 * An actor completes a task: the checks (assignee, allowed action, the node's field rules), the
 * write onto the record, and where the token goes next. Any failed check throws a `FlowcaseError`
 * before anything is kept, so the caller's snapshot stays as it was.
 */
import { cloneTask } from '../snapshot-clone.js';
import { normalizeFieldPermissions } from '../../definition/field-permissions.js';
import type { FieldPermissions, TaskAction, TaskNode } from '../../definition/types.js';
import { FlowcaseError } from '../../errors.js';
import { actorMatches, sameAssignee } from '../assignee-resolver.js';
import { branchDetail, failInstance, finishInstance } from '../instance-lifecycle.js';
import { formContext } from '../rule-scope.js';
import {
  appendHistory,
  cancelTask,
  cancelTimers,
  emit,
  findToken,
  moveToken,
  nodeAt,
  type StepContext,
} from '../step-context.js';
import type { Assignee, FieldChange, OpenTask } from '../types.js';
import type { TaskCompleteEvent } from './node-kind.js';
import { reasonOf, reasonProblems, withReason } from './task-reason.js';
import { noteMove } from '../task-withdraw.js';
import {
  addSigner,
  assertNotWaiting,
  cancelSigners,
  openNextSigner,
  releaseSigner,
  signerActions,
  type AddSignerEvent,
} from './task-signers.js';

/** The actions that complete, send back or hand over a task (a node's `actions` may list more). */
const COMPLETING: readonly string[] = ['submit', 'approve', 'reject', 'return', 'transfer'];

/** The assignee entry the actor acts as; for `mode: all`, one that has not approved yet. */
function actingAs(ctx: StepContext, task: OpenTask): Assignee {
  const actor = ctx.env.actor;
  const roles = ctx.env.actorRoles ?? [];
  const pending =
    task.mode === 'all'
      ? task.assignees.filter((a) => !(task.approvals ?? []).some((b) => sameAssignee(a, b)))
      : task.assignees;
  const slot =
    pending.find((a) => 'user' in a && a.user === actor) ??
    pending.find((a) => actorMatches(a, actor, roles));
  if (slot) return slot;
  if (task.assignees.some((a) => actorMatches(a, actor, roles))) {
    throw new FlowcaseError(
      'FC_TASK_ALREADY_DONE',
      { en: 'You have already approved this task.', zh: '您已同意过此任务。' },
      {
        path: '/taskId',
      },
    );
  }
  throw new FlowcaseError('FC_TASK_NOT_ASSIGNEE', undefined, { path: '/taskId' });
}

/**
 * Writes the event's data through the form with the node's field permissions. `submit` and
 * `approve` always go through the form (so required fields are enforced even with no data);
 * `reject` and `return` only write what they carry, and require nothing but their reason where
 * the node has a `reasonField` (`task-reason.ts`).
 */
function writeData(
  ctx: StepContext,
  node: TaskNode,
  nodeId: string,
  event: TaskCompleteEvent,
  requireFields: boolean,
): FieldChange[] {
  const reason = reasonOf(node, event);
  const data = reason ? withReason(event.data, reason) : (event.data ?? {});
  if (!requireFields && Object.keys(data).length === 0) return [];
  // Required implies editable, editable implies visible (`field-permissions.ts`).
  const declared = normalizeFieldPermissions(node.fields);
  const permissions: FieldPermissions = {
    editable: reason ? [...declared.editable, reason.field] : declared.editable,
    required: requireFields ? declared.required : [],
  };
  if (declared.visible) permissions.visible = declared.visible;
  const result = ctx.env.form.submit(data, {
    mode: 'update',
    previous: ctx.record,
    permissions,
    ...formContext(ctx),
  });
  if (!result.ok || result.errors.length > 0) {
    const problems = reason ? reasonProblems(result.errors, reason) : result.errors;
    throw new FlowcaseError('FC_VALIDATION_FAILED', undefined, { path: '/data', problems });
  }
  ctx.record = result.data;
  if (result.changes.length > 0)
    emit(ctx, {
      type: 'record.update',
      node: nodeId,
      form: ctx.env.form.key,
      target: 'self',
      changes: result.changes,
    });
  return result.changes;
}

function validReturnTarget(
  ctx: StepContext,
  node: TaskNode,
  nodeId: string,
  target: string | undefined,
): target is string {
  if (target === undefined || target === nodeId || nodeAt(ctx, target)?.type !== 'task') return false;
  // A designer's list is the whole truth; otherwise any task node this instance already visited.
  return node.returnTo ? node.returnTo.includes(target) : (ctx.snapshot.visits[target] ?? 0) > 0;
}

function historyFields(
  event: TaskCompleteEvent,
  changes: FieldChange[],
  task: OpenTask,
  detail: Record<string, unknown> = {},
) {
  return {
    node: task.node,
    action: event.action,
    comment: event.comment,
    changes: changes.length > 0 ? changes : undefined,
    detail: {
      taskId: task.id,
      ...(event.commentForCustomer === true && event.comment ? { commentForCustomer: true } : {}),
      ...detail,
    },
  };
}

/** Closes the task (effect `task.complete`, its timers cancelled) and routes the token on. */
function close(ctx: StepContext, task: OpenTask, node: TaskNode, action: TaskAction): void {
  ctx.snapshot.tasks = ctx.snapshot.tasks.filter((t) => t.id !== task.id);
  emit(ctx, { type: 'task.complete', taskId: task.id, action, by: ctx.env.actor });
  cancelTimers(ctx, (timer) => timer.taskId === task.id);
  const token = findToken(ctx, task.tokenId);
  if (!token) return;
  cancelSigners(ctx, task.id);
  // 加签 after: the queued signers act first; the last one's agreement moves the token.
  if (action !== 'reject' && openNextSigner(ctx, task, node)) return;
  noteMove(ctx, task, token, action);
  if (action === 'reject') {
    if (node.onReject !== undefined) moveToken(ctx, token, node.onReject);
    else {
      const branch = branchDetail(token);
      finishInstance(ctx, 'done', {
        node: task.node,
        outcome: 'rejected',
        ...(branch ? { detail: branch } : {}),
      });
    }
    return;
  }
  const next = action === 'approve' ? (node.onApprove ?? node.next) : (node.next ?? node.onApprove);
  if (next !== undefined) moveToken(ctx, token, next);
  else failInstance(ctx, task.node, 'The task has no next step.');
}

/** Applies `task.complete` to an open task of `node`. */
export function completeTask(
  ctx: StepContext,
  task: OpenTask,
  node: TaskNode,
  event: TaskCompleteEvent,
): void {
  if (task.sign) {
    completeSignerTask(ctx, task, node, event);
    return;
  }
  const slot = actingAs(ctx, task);
  const allowed = node.actions ?? ['submit'];
  if (!COMPLETING.includes(event.action) || !allowed.includes(event.action)) {
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      {
        en: `"${String(event.action)}" is not allowed here; allowed: ${allowed.join(', ')}.`,
        zh: '当前步骤不允许此操作。',
      },
      { path: '/action' },
    );
  }
  assertNotWaiting(task, slot);
  const nodeId = task.node;
  switch (event.action) {
    case 'transfer': {
      if (typeof event.to !== 'string' || event.to === '')
        throw new FlowcaseError(
          'FC_BAD_REQUEST',
          { en: 'A transfer names the user who receives the task.', zh: '请选择转交给谁。' },
          {
            path: '/to',
          },
        );
      if (event.data && Object.keys(event.data).length > 0)
        throw new FlowcaseError(
          'FC_BAD_REQUEST',
          { en: 'A transfer carries no data.', zh: '转交时不能修改字段。' },
          { path: '/data' },
        );
      const to: Assignee = { user: event.to };
      // `any`: the receiver replaces everyone; `all`: only the transferring approver's place.
      task.assignees =
        task.mode === 'all' ? task.assignees.map((a) => (sameAssignee(a, slot) ? to : a)) : [to];
      task.assignees = task.assignees.filter(
        (a, i) => task.assignees.findIndex((b) => sameAssignee(a, b)) === i,
      );
      emit(ctx, { type: 'task.update', task: cloneTask(task) });
      appendHistory(
        ctx,
        'task.transferred',
        historyFields(event, [], task, { from: ctx.env.actor, to: event.to }),
      );
      return;
    }
    case 'return': {
      if (!validReturnTarget(ctx, node, nodeId, event.returnTo)) {
        throw new FlowcaseError(
          'FC_RETURN_TARGET_INVALID',
          { en: `The task cannot return to "${String(event.returnTo)}".`, zh: '不能退回到该节点。' },
          { path: '/returnTo' },
        );
      }
      const target = event.returnTo;
      const changes = writeData(ctx, node, nodeId, event, false);
      cancelTask(ctx, task.id);
      cancelSigners(ctx, task.id);
      appendHistory(ctx, 'task.returned', historyFields(event, changes, task, { to: target }));
      const token = findToken(ctx, task.tokenId);
      if (token) moveToken(ctx, token, target);
      return;
    }
    case 'reject': {
      const changes = writeData(ctx, node, nodeId, event, false);
      appendHistory(ctx, 'task.completed', historyFields(event, changes, task));
      close(ctx, task, node, 'reject');
      return;
    }
    default: {
      const changes = writeData(ctx, node, nodeId, event, true);
      if (task.mode === 'all') {
        task.approvals = [...(task.approvals ?? []), slot];
        const remaining = task.assignees.length - task.approvals.length;
        if (remaining > 0) {
          emit(ctx, { type: 'task.update', task: cloneTask(task) });
          appendHistory(ctx, 'task.approved', historyFields(event, changes, task, { remaining }));
          return;
        }
      }
      appendHistory(ctx, 'task.completed', historyFields(event, changes, task));
      close(ctx, task, node, event.action);
    }
  }
}

/** 加签: an assignee of `task` adds a signer (see `task-signers.ts`). */
export function addSignerTo(ctx: StepContext, task: OpenTask, node: TaskNode, event: AddSignerEvent): void {
  if (task.sign)
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      { en: 'An added signer cannot add further signers.', zh: '加签人不能再加签。' },
      { path: '/taskId' },
    );
  addSigner(ctx, task, node, actingAs(ctx, task), event);
}

/**
 * An added signer acts on their task: a before-signer's agreement hands the task back to whoever
 * added them; an after-signer's moves the flow on (or opens the next queued signer's task);
 * either one's rejection rejects the step. Before-signers write the node's editable fields
 * without the required ones; after-signers complete the step, so the required ones apply.
 */
function completeSignerTask(
  ctx: StepContext,
  task: OpenTask,
  node: TaskNode,
  event: TaskCompleteEvent,
): void {
  const sign = task.sign!;
  if (!task.assignees.some((a) => actorMatches(a, ctx.env.actor, ctx.env.actorRoles ?? [])))
    throw new FlowcaseError('FC_TASK_NOT_ASSIGNEE', undefined, { path: '/taskId' });
  const allowed = signerActions(node);
  if (!allowed.includes(event.action))
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      {
        en: `An added signer may ${allowed.join(', ')}; not "${String(event.action)}".`,
        zh: '加签人不能执行此操作。',
      },
      { path: '/action' },
    );
  const reject = event.action === 'reject';
  const changes = writeData(ctx, node, task.node, event, sign.position === 'after' && !reject);
  appendHistory(
    ctx,
    'task.completed',
    historyFields(event, changes, task, { signer: sign.position, of: sign.of }),
  );
  if (sign.position === 'after') {
    close(ctx, task, node, event.action);
  } else if (reject) {
    close(ctx, task, node, 'reject');
    cancelTask(ctx, sign.of);
    cancelSigners(ctx, sign.of);
  } else {
    releaseSigner(ctx, task, event.action);
  }
}
