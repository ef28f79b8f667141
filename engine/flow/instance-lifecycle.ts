/**
 * Ending an instance, for whatever reason: an `end` node, a rejection without `onReject`, a
 * `cancel` event, or a failure inside the flow. Whatever is still live is cancelled first, so a
 * finished instance never keeps an open task, a pending timer or a token.
 */
import { appendHistory, cancelTask, cancelTimers, emit, type StepContext } from './step-context.js';
import type { InstanceStatus } from './types.js';

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

/** Cancels every task, timer and token, then marks the instance finished with `status`. */
export function finishInstance(ctx: StepContext, status: Exclude<InstanceStatus, 'active'>, options: FinishOptions = {}): void {
  for (const task of [...ctx.snapshot.tasks]) cancelTask(ctx, task.id);
  cancelTimers(ctx, () => true);
  ctx.snapshot.tokens = [];
  delete ctx.snapshot.joins;
  ctx.arrivals.length = 0;
  ctx.snapshot.status = status;
  if (options.outcome !== undefined) ctx.snapshot.outcome = options.outcome;
  appendHistory(ctx, options.historyType ?? HISTORY_TYPE[status], {
    node: options.node,
    comment: options.comment,
    detail: options.outcome !== undefined ? { outcome: options.outcome, ...options.detail } : options.detail,
  });
  emit(ctx, options.outcome !== undefined ? { type: 'instance.end', status, outcome: options.outcome } : { type: 'instance.end', status });
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
