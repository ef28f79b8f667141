/**
 * `event`: the token waits for `event.receive` with the node's `name` (optionally until `timeout`,
 * then `onTimeout ?? next`). Payload values for the node's `fields` are written to the record
 * through the form, with exactly those fields editable; other payload keys belong to the sending
 * system and are not the flow's business. Invalid values reject the event (`FC_VALIDATION_FAILED`)
 * and leave the instance waiting. One delivery releases one waiting token (the oldest). A
 * `fallback` opens a staff task that can resolve the wait by hand (`event-fallback.ts`).
 */
import type { EventNode } from '../../definition/types.js';
import { FlowcaseError } from '../../errors.js';
import { failInstance } from '../instance-lifecycle.js';
import { shiftByDuration } from '../duration-math.js';
import { formContext } from '../rule-scope.js';
import { appendHistory, cancelTimers, emit, findToken, moveToken, scheduleTimer } from '../step-context.js';
import type { FieldChange } from '../types.js';
import { cancelFallback, completeFallback, openFallback } from './event-fallback.js';
import type { NodeKind } from './node-kind.js';
import { checkEventNode, eventProperties, eventSchema } from './event-definition.js';

export const eventKind: NodeKind<EventNode> = {
  type: 'event',
  description: {
    label: { en: 'Wait for event', zh: '等待外部事件' },
    summary: {
      en: 'Waits for a named event from another system, such as a payment confirmation.',
      zh: '等待其他系统发来的事件，例如付款确认。',
    },
    category: 'integration',
    icon: 'radio',
    waits: true,
    exits: ['next', 'onTimeout'],
    events: ['event.receive', 'timer.fire', 'task.complete'],
  },
  definitionSchema: eventSchema,
  properties: eventProperties,
  check: checkEventNode,
  enter(ctx, token, node, nodeId) {
    for (const [kind, duration] of [
      ['event.timeout', node.timeout],
      ['event.fallback', node.fallback?.after],
    ] as const) {
      if (duration === undefined) continue;
      const dueAt = shiftByDuration(ctx.env.now, duration);
      if (dueAt === null) {
        failInstance(ctx, nodeId, `"${duration}" is not a duration.`);
        return;
      }
      scheduleTimer(ctx, { kind, node: nodeId, dueAt, tokenId: token.id });
    }
    if (node.fallback && node.fallback.after === undefined) openFallback(ctx, token, node, nodeId);
  },
  accepts(node, _nodeId, event) {
    return event.type === 'event.receive' && event.name === node.name;
  },
  receive(ctx, token, node, event) {
    if (event.type !== 'event.receive') return;
    const payload = event.payload ?? {};
    let changes: FieldChange[] = [];
    const fields = node.fields ?? [];
    if (fields.length > 0) {
      const writes: Record<string, unknown> = {};
      for (const field of fields)
        if (Object.prototype.hasOwnProperty.call(payload, field)) writes[field] = payload[field];
      const result = ctx.env.form.submit(writes, {
        mode: 'update',
        previous: ctx.record,
        permissions: { editable: fields, required: [] },
        ...formContext(ctx),
      });
      if (result.errors.length > 0 || !result.ok) {
        throw new FlowcaseError('FC_VALIDATION_FAILED', `The event "${event.name}" carries invalid values.`, {
          path: '/payload',
          problems: result.errors,
        });
      }
      ctx.record = result.data;
      changes = result.changes;
      if (changes.length > 0)
        emit(ctx, {
          type: 'record.update',
          node: token.node,
          form: ctx.env.form.key,
          target: 'self',
          changes,
        });
    }
    cancelTimers(ctx, (timer) => timer.tokenId === token.id);
    cancelFallback(ctx, token.id);
    appendHistory(ctx, 'event.received', {
      node: token.node,
      changes: changes.length > 0 ? changes : undefined,
      detail: { name: event.name },
    });
    moveToken(ctx, token, node.next);
  },
  onTimer(ctx, timer, node) {
    const token = timer.tokenId === undefined ? undefined : findToken(ctx, timer.tokenId);
    if (!token) return;
    if (timer.kind === 'event.fallback') {
      openFallback(ctx, token, node, timer.node);
      return;
    }
    cancelTimers(ctx, (t) => t.tokenId === token.id);
    cancelFallback(ctx, token.id);
    appendHistory(ctx, 'event.timeout', { node: timer.node, detail: { name: node.name } });
    moveToken(ctx, token, node.onTimeout ?? node.next);
  },
  onTaskComplete(ctx, task, node, event) {
    if (!task.fallback)
      throw new FlowcaseError(
        'FC_SNAPSHOT_INVALID',
        `"${task.node}" holds a task that is not its fallback.`,
        { path: '/tasks' },
      );
    completeFallback(ctx, task, node, event);
  },
};
