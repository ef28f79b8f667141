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
import { checkDuration, checkFieldRef, DATE_FIELD_TYPES } from '../../definition/check-helpers.js';
import { own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { ref, target } from '../../definition/schema-parts.js';

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
    icon: 'hourglass',
    waits: true,
    exits: ['next'],
    events: ['timer.fire'],
  },
  definitionSchema: {
    properties: { duration: ref('duration'), until: ref('key'), next: target },
    required: ['next'],
  },
  properties: [
    prop('/duration', 'duration', 'Wait for', '等待时长', {
      help: { en: 'Either a duration or a date field.', zh: '等待时长与日期字段二选一。' },
    }),
    prop('/until', 'field', 'Until the date in', '等到字段中的日期', { fieldTypes: [...DATE_FIELD_TYPES] }),
    prop('/next', 'node', 'Then go to', '之后前往', { required: true }),
  ],
  check({ node, flow, problems }) {
    checkFieldRef(
      { problems },
      flow.form,
      own(node.raw, 'until'),
      `${node.path}/until`,
      DATE_FIELD_TYPES,
      'date',
    );
    checkDuration(own(node.raw, 'duration'), `${node.path}/duration`, problems);
    if ((own(node.raw, 'duration') !== undefined) === (own(node.raw, 'until') !== undefined)) {
      problems.push({
        path: node.path,
        code: 'wait.duration_or_until',
        message: `Wait node "${node.id}" needs exactly one of "duration" or "until".`,
      });
    }
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
