/**
 * Ending an instance, for whatever reason: an `end` node, a rejection without `onReject`, a
 * `cancel` event, or a failure inside the flow. Whatever is still live is cancelled first, so a
 * finished instance never keeps an open task, a pending timer or a token.
 */
import { appendHistory, cancelTask, cancelTimers, emit, type StepContext } from './step-context.js';
import type { InstanceStatus, Token } from './types.js';

export interface FinishOptions {
  node?: string;
  outcome?: string;
  comment?: string;
  /** History event type; defaults from the status. */
  historyType?: string;
  detail?: Record<string, unknown>;
}

const HISTORY_TYPE: Record<Exclude<InstanceStatus, 'active'>, string> = {
  done: 'instance.ended',
  cancelled: 'instance.cancelled',
  failed: 'instance.failed',
};

/**
 * The split and branch a token runs in (the innermost), recorded when that token ends the whole
 * instance from inside a parallel branch; undefined outside any split.
 */
export function branchDetail(token: Token | undefined): { parallel: string; branch: string } | undefined {
  const frame = token?.scope?.[token.scope.length - 1];
  return frame ? { parallel: frame.parallel, branch: frame.branch } : undefined;
}

/** Cancels every task, timer and token, then marks the instance finished with `status`. */
export function finishInstance(
  ctx: StepContext,
  status: Exclude<InstanceStatus, 'active'>,
  options: FinishOptions = {},
): void {
  for (const task of [...ctx.snapshot.tasks]) cancelTask(ctx, task.id);
  cancelTimers(ctx, () => true);
  for (const token of ctx.snapshot.tokens) {
    // A child still running for a token that goes away: the runtime cancels it.
    if (token.subflow) emit(ctx, { type: 'subflow.cancel', node: token.node, ...token.subflow });
  }
  ctx.snapshot.tokens = [];
  delete ctx.snapshot.joins;
  // Nothing of a finished instance can be withdrawn (撤回).
  delete ctx.snapshot.withdrawable;
  ctx.arrivals.length = 0;
  ctx.snapshot.status = status;
  if (options.outcome !== undefined) ctx.snapshot.outcome = options.outcome;
  appendHistory(ctx, options.historyType ?? HISTORY_TYPE[status], {
    node: options.node,
    comment: options.comment,
    detail: options.outcome !== undefined ? { outcome: options.outcome, ...options.detail } : options.detail,
  });
  emit(
    ctx,
    options.outcome !== undefined
      ? { type: 'instance.end', status, outcome: options.outcome }
      : { type: 'instance.end', status },
  );
}

/**
 * A failure inside the flow (no branch matched, a webhook failed without `onError`, a loop): the
 * instance becomes `failed` with the reason in `snapshot.failure`, an incident for people to see,
 * rather than an exception for the caller.
 */
export function failInstance(ctx: StepContext, node: string, reason: string): void {
  ctx.snapshot.failure = { node, reason };
  finishInstance(ctx, 'failed', { node, detail: { reason } });
}
