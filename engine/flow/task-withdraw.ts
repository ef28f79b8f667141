/**
 * 撤回 (withdraw): whoever completed a step takes the completion back while the next step is
 * untouched. The rule, kept in the snapshot as `withdrawable` moves:
 *
 * - The completed task's node lists `withdraw` in `actions`; the completion was `submit`,
 *   `approve` or `reject` of a regular task (not an added signer's, not one with signers queued
 *   after it).
 * - In the same step the token went from the task through `branch`, `record` and `notify` nodes
 *   (and `parallel` splits) straight to new tasks at task nodes, every moved token now waiting at
 *   one of them. A move that reached a join, a wait, an event, a webhook or an end cannot be taken
 *   back.
 * - None of those tasks has been acted on since: any completion, approval (会签), transfer, return
 *   or added signer on one of them forgets the move. Nothing else counts as touching (SLA timers,
 *   escalation and 催办 do not).
 *
 * Withdrawing cancels the opened tasks, puts the token back at the node and opens a new task there
 * (iteration + 1) with the assignees the completed task had; under `mode: all` the other approvers'
 * approvals stand. The record keeps what the completion wrote, so the task shows it again; record
 * and notify nodes passed on the way are not undone (history `task.withdrawn` lists them in `via`).
 */
import type { TaskAction } from '../definition/types.js';
import { FlowcaseError } from '../errors.js';
import { reopenTask } from './kinds/task-open.js';
import { appendHistory, cancelTask, nodeAt, type StepContext } from './step-context.js';
import type { Effect, FlowEvent, FlowSnapshot, OpenTask, Token, WithdrawableMove } from './types.js';

export type WithdrawEvent = Extract<FlowEvent, { type: 'task.withdraw' }>;

const WITHDRAWABLE: readonly TaskAction[] = ['submit', 'approve', 'reject'];
const KEPT_EFFECTS: ReadonlySet<string> = new Set(['record.updated', 'record.created', 'notify.sent']);

/** Remembers, in `task-completion`'s close, a completion that may become withdrawable. */
export function noteMove(ctx: StepContext, task: OpenTask, token: Token, action: TaskAction): void {
  if (task.sign || task.fallback || !WITHDRAWABLE.includes(action)) return;
  const node = nodeAt(ctx, task.node);
  if (node?.type !== 'task' || !(node.actions ?? []).includes('withdraw')) return;
  const before: OpenTask = { ...task, assignees: [...task.assignees] };
  // `mode: all`: the closing approval (the last one given) is taken back; the others stand.
  const approvals = action === 'reject' ? (task.approvals ?? []) : (task.approvals ?? []).slice(0, -1);
  if (approvals.length > 0) before.approvals = approvals;
  else delete before.approvals;
  ctx.move = {
    task: before,
    token: { ...token, ...(token.scope ? { scope: token.scope.map((f) => ({ ...f })) } : {}) },
    action,
  };
}

/**
 * After the step drained: keeps the noted move as withdrawable when it went straight to new tasks
 * (see the rule above). `before` is the snapshot the step started from.
 */
export function settleMove(ctx: StepContext, before: FlowSnapshot): void {
  const move = ctx.move;
  delete ctx.move;
  if (!move || ctx.snapshot.status !== 'active') return;
  const created = new Set(ctx.effects.flatMap((e: Effect) => (e.type === 'task.create' ? [e.task.id] : [])));
  const opened = ctx.snapshot.tasks.filter((t) => created.has(t.id));
  if (opened.length === 0 || opened.some((t) => t.sign || t.fallback || nodeAt(ctx, t.node)?.type !== 'task'))
    return;
  const earlier = new Set(before.tokens.map((t) => t.id));
  const moved = ctx.snapshot.tokens.filter((t) => t.id === move.token.id || !earlier.has(t.id));
  if (moved.length === 0 || !moved.every((t) => opened.some((task) => task.tokenId === t.id))) return;
  if (!opened.every((task) => moved.some((t) => t.id === task.tokenId))) return;
  if (JSON.stringify(before.joins ?? {}) !== JSON.stringify(ctx.snapshot.joins ?? {})) return;
  const via = ctx.effects.flatMap((e) =>
    e.type === 'history' && KEPT_EFFECTS.has(e.event.type) && e.event.node ? [e.event.node] : [],
  );
  const entry: WithdrawableMove = {
    taskId: move.task.id,
    node: move.task.node,
    by: ctx.env.actor,
    at: ctx.env.now,
    token: move.token,
    assignees: move.task.assignees,
    mode: move.task.mode,
    opened: opened.map((t) => t.id),
  };
  if (move.task.approvals) entry.approvals = move.task.approvals;
  if (via.length > 0) entry.via = [...new Set(via)];
  ctx.snapshot.withdrawable = [...(ctx.snapshot.withdrawable ?? []), entry];
}

/** Someone acted on task `taskId`: a move that opened it can no longer be withdrawn. */
export function forgetMovesTouching(ctx: StepContext, taskId: string): void {
  const list = ctx.snapshot.withdrawable;
  if (!list) return;
  const left = list.filter((m) => !m.opened.includes(taskId));
  if (left.length === list.length) return;
  if (left.length > 0) ctx.snapshot.withdrawable = left;
  else delete ctx.snapshot.withdrawable;
}

/** Applies `task.withdraw`; see the rule above. */
export function withdrawTask(ctx: StepContext, event: WithdrawEvent): void {
  const moves = ctx.snapshot.withdrawable ?? [];
  const move = moves.find((m) => m.taskId === event.taskId);
  const stillOpen = move?.opened.every((id) => ctx.snapshot.tasks.some((t) => t.id === id)) ?? false;
  if (!move || !stillOpen)
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      {
        en: 'This step can no longer be withdrawn: the next step has been acted on, or the step allows no withdrawal.',
        zh: '此步骤已不能撤回：下一步已有人处理，或该节点不允许撤回。',
      },
      { path: '/taskId' },
    );
  if (move.by !== ctx.env.actor)
    throw new FlowcaseError(
      'FC_FORBIDDEN',
      { en: 'Only the person who completed the step may withdraw it.', zh: '只有办理该步骤的人可以撤回。' },
      {
        path: '/taskId',
      },
    );
  const node = nodeAt(ctx, move.node);
  if (node?.type !== 'task')
    throw new FlowcaseError('FC_SNAPSHOT_INVALID', `"${move.node}" is not a task node.`, {
      path: '/withdrawable',
    });
  const tokens = new Set(ctx.snapshot.tasks.filter((t) => move.opened.includes(t.id)).map((t) => t.tokenId));
  for (const id of move.opened) cancelTask(ctx, id);
  ctx.snapshot.tokens = ctx.snapshot.tokens.filter((t) => !tokens.has(t.id));
  const token: Token = { ...move.token, since: ctx.env.now };
  ctx.snapshot.tokens.push(token);
  const left = moves.filter((m) => m !== move);
  if (left.length > 0) ctx.snapshot.withdrawable = left;
  else delete ctx.snapshot.withdrawable;
  appendHistory(ctx, 'task.withdrawn', {
    node: move.node,
    action: 'withdraw',
    comment: event.comment?.trim() || undefined,
    detail: { taskId: move.taskId, cancelled: move.opened, ...(move.via ? { via: move.via } : {}) },
  });
  reopenTask(ctx, token, node, move.node, {
    assignees: move.assignees,
    mode: move.mode,
    ...(move.approvals ? { approvals: move.approvals } : {}),
  });
}
