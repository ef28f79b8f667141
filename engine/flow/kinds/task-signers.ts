/**
 * 加签 (add signer): an assignee of an open task, at a node whose `actions` list `addSigner`, adds
 * one person with a comment (history `task.signer_added`).
 *
 * - `before`: the person gets a task of their own at the same node and acts first. Meanwhile the
 *   task waits (`OpenTask.waitingFor`): with `mode: any` nobody completes it, with `mode: all`
 *   only the adder's approval waits while the other approvers go on. The signer agrees (the
 *   node's `submit`/`approve`): the waiting task is theirs again. The signer rejects (when the
 *   node allows `reject`): the step is rejected, the waiting task cancelled.
 * - `after`: the person is queued on the task (`OpenTask.signersAfter`). When the task is
 *   completed (`submit`/`approve`, in `mode: all` once every approver has), each queued signer gets
 *   a task in turn before the flow moves on; the last one's agreement routes the token like the
 *   completion would have, a rejection rejects the step.
 *
 * A signer's task has no SLA and offers only the node's `submit`/`approve`/`reject`; a signer
 * cannot add, transfer or return. Who may be added (a colleague, never a customer unless the
 * node's assignees are) is the runtime's check, as for transfers.
 */
import type { TaskAction, TaskNode } from '../../definition/types.js';
import { FlowcaseError } from '../../errors.js';
import { sameAssignee } from '../assignee-resolver.js';
import { cloneTask } from '../snapshot-clone.js';
import { localizedName } from '../localized-render.js';
import { appendHistory, cancelTask, cancelTimers, emit, type StepContext } from '../step-context.js';
import type { Assignee, FlowEvent, OpenTask, QueuedSigner, SignerTaskInfo } from '../types.js';

export type AddSignerEvent = Extract<FlowEvent, { type: 'task.addSigner' }>;

const DECISIONS: readonly TaskAction[] = ['submit', 'approve', 'reject'];

/** The actions a signer's task offers: the node's decisions (`submit` when it lists none). */
export function signerActions(node: Pick<TaskNode, 'actions'>): TaskAction[] {
  const own = (node.actions ?? ['submit']).filter((a): a is TaskAction =>
    DECISIONS.includes(a as TaskAction),
  );
  return own.some((a) => a !== 'reject') ? own : ['submit', ...own];
}

/** Refuses to act on a task (or the actor's place on it) that waits for a before-signer. */
export function assertNotWaiting(task: OpenTask, slot: Assignee): void {
  const waiting = (task.waitingFor ?? []).filter((w) => task.mode === 'any' || sameAssignee(w.slot, slot));
  if (waiting.length === 0) return;
  throw new FlowcaseError(
    'FC_ACTION_NOT_ALLOWED',
    {
      en: `The task waits for the added signer ${waiting.map((w) => `"${w.user}"`).join(', ')} to act first.`,
      zh: '此任务正在等待加签人先处理。',
    },
    { path: '/taskId' },
  );
}

function openSignerTask(
  ctx: StepContext,
  of: OpenTask,
  node: TaskNode,
  user: string,
  sign: Omit<SignerTaskInfo, 'of'>,
  rest: QueuedSigner[] = [],
): OpenTask {
  const task: OpenTask = {
    id: ctx.env.newId(),
    node: of.node,
    tokenId: of.tokenId,
    assignees: [{ user }],
    mode: 'any',
    createdAt: ctx.env.now,
    iteration: of.iteration,
    sign: { ...sign, of: of.id },
  };
  if (rest.length > 0) task.signersAfter = rest;
  ctx.snapshot.tasks.push(task);
  emit(ctx, { type: 'task.create', task: cloneTask(task), nodeName: localizedName(node.name, of.node) });
  appendHistory(ctx, 'task.created', {
    node: of.node,
    detail: {
      taskId: task.id,
      assignees: task.assignees,
      iteration: task.iteration,
      signer: sign.position,
      of: of.id,
    },
  });
  return task;
}

/** Adds a signer to `task` for the actor acting in `slot` (checked by the caller). */
export function addSigner(
  ctx: StepContext,
  task: OpenTask,
  node: TaskNode,
  slot: Assignee,
  event: AddSignerEvent,
): void {
  if (!(node.actions ?? []).includes('addSigner'))
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      { en: 'This step allows no added signers (加签).', zh: '该节点不允许加签。' },
      {
        path: '/taskId',
      },
    );
  if (event.position !== 'before' && event.position !== 'after')
    throw new FlowcaseError(
      'FC_BAD_REQUEST',
      { en: 'An added signer acts "before" or "after" you.', zh: '请选择在您之前还是之后加签。' },
      {
        path: '/position',
      },
    );
  if (typeof event.user !== 'string' || event.user === '')
    throw new FlowcaseError(
      'FC_BAD_REQUEST',
      { en: 'Name the person to add.', zh: '请选择加签人。' },
      { path: '/user' },
    );
  if (typeof event.comment !== 'string' || event.comment.trim() === '')
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: 'Say why you add a signer.', zh: '请填写加签原因。' },
      { path: '/comment' },
    );
  assertNotWaiting(task, slot);
  if (event.user === ctx.env.actor)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: 'You cannot add yourself as a signer.', zh: '不能为自己加签。' },
      {
        path: '/user',
      },
    );
  const already =
    (task.waitingFor ?? []).some((w) => w.user === event.user) ||
    (task.signersAfter ?? []).some((s) => s.user === event.user) ||
    (event.position === 'before' && task.assignees.some((a) => 'user' in a && a.user === event.user));
  if (already)
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      { en: `"${event.user}" already signs this task.`, zh: '此人已在处理此任务。' },
      {
        path: '/user',
      },
    );
  const detail: Record<string, unknown> = { taskId: task.id, user: event.user, position: event.position };
  if (event.position === 'before') {
    const signer = openSignerTask(ctx, task, node, event.user, { position: 'before', by: ctx.env.actor });
    task.waitingFor = [...(task.waitingFor ?? []), { taskId: signer.id, user: event.user, slot }];
    detail.signerTaskId = signer.id;
  } else {
    task.signersAfter = [...(task.signersAfter ?? []), { user: event.user, by: ctx.env.actor }];
  }
  appendHistory(ctx, 'task.signer_added', {
    node: task.node,
    action: 'addSigner',
    comment: event.comment.trim(),
    detail,
  });
}

/** Opens the next queued after-signer's task for a task that just closed; false when none is queued. */
export function openNextSigner(ctx: StepContext, closed: OpenTask, node: TaskNode): boolean {
  const [next, ...rest] = closed.signersAfter ?? [];
  if (!next) return false;
  openSignerTask(ctx, closed, node, next.user, { position: 'after', by: next.by }, rest);
  return true;
}

/** Cancels the open before-signer tasks added on `taskId` (the task closed or went back). */
export function cancelSigners(ctx: StepContext, taskId: string): void {
  for (const t of [...ctx.snapshot.tasks])
    if (t.sign?.of === taskId && t.sign.position === 'before') cancelTask(ctx, t.id);
}

/** A before-signer agreed: their task closes and the task they were added on no longer waits for them. */
export function releaseSigner(ctx: StepContext, signer: OpenTask, action: TaskAction): void {
  ctx.snapshot.tasks = ctx.snapshot.tasks.filter((t) => t.id !== signer.id);
  emit(ctx, { type: 'task.complete', taskId: signer.id, action, by: ctx.env.actor });
  cancelTimers(ctx, (timer) => timer.taskId === signer.id);
  const waiting = ctx.snapshot.tasks.find((t) => t.id === signer.sign?.of);
  if (!waiting?.waitingFor) return;
  const left = waiting.waitingFor.filter((w) => w.taskId !== signer.id);
  if (left.length > 0) waiting.waitingFor = left;
  else delete waiting.waitingFor;
}
