/**
 * `wait`: schedules a `wait` timer at now + `duration`, or at the date/datetime held in the field
 * `until` (a date means its start, UTC midnight); when it fires the token continues to `next`.
 * An unreadable duration or an empty/unreadable `until` field fails the instance. A moment already
 * past is still scheduled: the runtime fires it at once.
 */
import type { WaitNode } from '../../definition/types.js';
import { failInstance } from '../instance-lifecycle.js';
import { shiftByDuration } from '../duration-math.js';
import { appendHistory, findToken, moveToken, scheduleTimer, type StepContext } from '../step-context.js';
import type { NodeKind } from './node-kind.js';

function dueAt(ctx: StepContext, node: WaitNode): string | null {
  if (node.duration !== undefined) return shiftByDuration(ctx.env.now, node.duration);
  const value = node.until === undefined ? undefined : ctx.record[node.until];
  if (typeof value !== 'string') return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}

export const waitKind: NodeKind<WaitNode> = {
  type: 'wait',
  description: {
    label: { en: 'Wait', zh: '等待' },
    summary: {
      en: 'Waits for a duration or until the date in a field.',
      zh: '等待一段时间，或等到字段中的日期。',
    },
    category: 'timer',
    waits: true,
    exits: ['next'],
    events: ['timer.fire'],
  },
  enter(ctx, token, node, nodeId) {
    const at = dueAt(ctx, node);
    if (at === null) {
      failInstance(
        ctx,
        nodeId,
        node.duration !== undefined
          ? `"${node.duration}" is not a duration.`
          : `The field "${node.until ?? ''}" holds no date to wait for.`,
      );
      return;
    }
    scheduleTimer(ctx, { kind: 'wait', node: nodeId, dueAt: at, tokenId: token.id });
  },
  onTimer(ctx, timer, node) {
    const token = timer.tokenId === undefined ? undefined : findToken(ctx, timer.tokenId);
    if (!token) return;
    appendHistory(ctx, 'wait.elapsed', { node: timer.node });
    moveToken(ctx, token, node.next);
  },
};
