/**
 * The flow state machine: `(flow, snapshot, event, env) → { snapshot, effects, record }`. Pure:
 * inputs are never mutated, the clock, ids and actor come from `env`, and effects are data the
 * runtime carries out. An event that does not apply throws a `FlowcaseError` and nothing changes;
 * a failure inside the flow (no branch matched, a loop) becomes `status: 'failed'` instead.
 */
import type { FlowDef, NodeDef } from '../definition/types.js';
import { FlowcaseError } from '../errors.js';
import { applyBackfill } from './backfill.js';
import { failInstance, finishInstance } from './instance-lifecycle.js';
import { kindOf } from './kinds/registry.js';
import { addSignerTo } from './kinds/task-completion.js';
import { forgetMovesTouching, settleMove, withdrawTask } from './task-withdraw.js';
import type { ExternalEvent, NodeKind } from './kinds/node-kind.js';
import {
  appendHistory,
  createContext,
  dropTimer,
  nodeAt,
  spawnToken,
  type StepContext,
} from './step-context.js';
import { urgeTask } from './task-urge.js';
import type { FlowEvent, FlowSnapshot, StepEnv, StepResult } from './types.js';

/** Automatic transitions allowed in one step before the instance is failed as a loop. */
export const MAX_TRANSITIONS = 1000;

/** Runs the node kinds of every arrived token until each token waits or the instance ends. */
export function drain(ctx: StepContext): void {
  while (ctx.snapshot.status === 'active') {
    const token = ctx.arrivals.shift();
    if (!token) return;
    if (!ctx.snapshot.tokens.includes(token)) continue;
    ctx.transitions += 1;
    if (ctx.transitions > MAX_TRANSITIONS) {
      failInstance(
        ctx,
        token.node,
        `More than ${MAX_TRANSITIONS} automatic steps in one event: the flow loops without waiting.`,
      );
      return;
    }
    const node = nodeAt(ctx, token.node);
    const kind = node && kindOf(node);
    if (!node || !kind) {
      failInstance(ctx, token.node, `The flow has no node "${token.node}".`);
      return;
    }
    ctx.env.onEnter?.(token.node);
    kind.enter(ctx, token, node, token.node);
  }
}

function nodeWithKind(ctx: StepContext, nodeId: string): { node: NodeDef; kind: NodeKind } {
  const node = nodeAt(ctx, nodeId);
  const kind = node && kindOf(node);
  if (!node || !kind)
    throw new FlowcaseError(
      'FC_SNAPSHOT_INVALID',
      `The saved state refers to "${nodeId}", which this flow does not have.`,
      { path: '/tokens' },
    );
  return { node, kind };
}

/** Why a case no longer takes events, for Chinese readers. */
const INACTIVE_ZH: Record<FlowSnapshot['status'], string> = {
  active: '流程进行中。',
  done: '流程已结束。',
  cancelled: '流程已取消。',
  failed: '流程已异常终止。',
};

/** Hands an external event to the oldest token whose node accepts it. */
function deliver(ctx: StepContext, event: ExternalEvent): void {
  for (const token of ctx.snapshot.tokens) {
    const { node, kind } = nodeWithKind(ctx, token.node);
    if (kind.accepts?.(node, token.node, event, token) && kind.receive) {
      kind.receive(ctx, token, node, event);
      return;
    }
  }
  const what =
    event.type === 'event.receive'
      ? `the event "${event.name}"`
      : event.type === 'webhook.result'
        ? `a webhook result at "${event.node}"`
        : `the subflow call ${event.callId} at "${event.node}"`;
  throw new FlowcaseError('FC_EVENT_NOT_EXPECTED', `The instance is not waiting for ${what}.`, {
    path: event.type === 'event.receive' ? '/name' : event.type === 'webhook.result' ? '/node' : '/callId',
  });
}

/**
 * Applies one event to an instance.
 *
 * - `start`: a token at `flow.start` (history `instance.started`, carrying the submitted fields'
 *   `changes` when the runtime passes them), then automatic nodes run until
 *   every token waits at a task, wait, event, webhook or join, or the instance ends. More than
 *   {@link MAX_TRANSITIONS} automatic transitions in one step fail the instance as a loop.
 * - `task.complete`: see `kinds/task.kind.ts`; a task that is not open is `FC_TASK_ALREADY_DONE`.
 * - `task.addSigner` (加签): `kinds/task-signers.ts`; `task.withdraw` (撤回): `task-withdraw.ts`.
 * - `timer.fire`: a timer no longer in the snapshot (it raced with a completion or cancellation)
 *   is a no-op: the snapshot comes back equal and there are no effects.
 * - `task.urge` (催办): reminds the open task's assignees (`task-urge.ts`); a task that is not open
 *   is `FC_TASK_ALREADY_DONE`.
 * - `event.receive` / `webhook.result` / `subflow.done`: released at the oldest token that waits
 *   for it (a subflow's token: for that call id), else `FC_EVENT_NOT_EXPECTED`.
 * - `cancel`: every task, timer and token is cancelled; status `cancelled`.
 * Any event on an instance that is not `active` is `FC_INSTANCE_NOT_ACTIVE`.
 *
 * @example
 * let s = initialSnapshot(flow, 1);
 * ({ snapshot: s, effects } = step(flow, s, { type: 'start' }, env));
 */
export function step(flow: FlowDef, snapshot: FlowSnapshot, event: FlowEvent, env: StepEnv): StepResult {
  if (typeof event !== 'object' || event === null)
    throw new FlowcaseError('FC_BAD_REQUEST', 'An event is an object with a type.', { path: '' });
  if (snapshot.flow !== flow.key)
    throw new FlowcaseError(
      'FC_SNAPSHOT_INVALID',
      `The saved state belongs to flow "${snapshot.flow}", not "${flow.key}".`,
      { path: '/flow' },
    );
  if (event.type === 'backfill') {
    // Backfill is allowed on finished cases too, and moves no token.
    const ctx = createContext(flow, snapshot, env);
    applyBackfill(ctx, event);
    return { snapshot: ctx.snapshot, effects: ctx.effects, record: ctx.record };
  }
  if (snapshot.status !== 'active')
    throw new FlowcaseError(
      'FC_INSTANCE_NOT_ACTIVE',
      { en: `The instance is ${snapshot.status}.`, zh: INACTIVE_ZH[snapshot.status] },
      { path: '/status' },
    );
  const ctx = createContext(flow, snapshot, env);
  switch (event.type) {
    case 'start': {
      if (snapshot.seq !== 0 || snapshot.tokens.length > 0)
        throw new FlowcaseError('FC_EVENT_NOT_EXPECTED', 'The instance has already started.', {
          path: '/type',
        });
      appendHistory(ctx, 'instance.started', {
        node: flow.start,
        ...(event.changes && event.changes.length > 0 ? { changes: event.changes } : {}),
        ...(event.parent ? { detail: { parent: { ...event.parent } } } : {}),
      });
      spawnToken(ctx, flow.start, undefined);
      break;
    }
    case 'task.complete': {
      const task = ctx.snapshot.tasks.find((t) => t.id === event.taskId);
      if (!task) throw new FlowcaseError('FC_TASK_ALREADY_DONE', undefined, { path: '/taskId' });
      const { node, kind } = nodeWithKind(ctx, task.node);
      if (!kind.onTaskComplete)
        throw new FlowcaseError(
          'FC_SNAPSHOT_INVALID',
          `"${task.node}" holds a task but is not a task node.`,
          { path: '/tasks' },
        );
      forgetMovesTouching(ctx, task.id);
      kind.onTaskComplete(ctx, task, node, event);
      break;
    }
    case 'task.addSigner': {
      const task = ctx.snapshot.tasks.find((t) => t.id === event.taskId);
      if (!task) throw new FlowcaseError('FC_TASK_ALREADY_DONE', undefined, { path: '/taskId' });
      const { node } = nodeWithKind(ctx, task.node);
      if (node.type !== 'task')
        throw new FlowcaseError('FC_ACTION_NOT_ALLOWED', 'Signers can be added to task steps only.', {
          path: '/taskId',
        });
      forgetMovesTouching(ctx, task.id);
      addSignerTo(ctx, task, node, event);
      break;
    }
    case 'task.withdraw':
      withdrawTask(ctx, event);
      break;
    case 'timer.fire': {
      const timer = ctx.snapshot.timers.find((t) => t.id === event.timerId);
      if (!timer) return { snapshot: ctx.snapshot, effects: [], record: env.record };
      dropTimer(ctx, timer.id);
      const { node, kind } = nodeWithKind(ctx, timer.node);
      kind.onTimer?.(ctx, timer, node);
      break;
    }
    case 'event.receive':
    case 'webhook.result':
    case 'subflow.done':
      deliver(ctx, event);
      break;
    case 'task.urge':
      urgeTask(ctx, event);
      break;
    case 'cancel':
      finishInstance(ctx, 'cancelled', event.reason !== undefined ? { comment: event.reason } : {});
      break;
    default:
      throw new FlowcaseError(
        'FC_BAD_REQUEST',
        `Unknown event type "${String((event as { type?: unknown }).type)}".`,
        { path: '/type' },
      );
  }
  drain(ctx);
  settleMove(ctx, snapshot);
  return { snapshot: ctx.snapshot, effects: ctx.effects, record: ctx.record };
}
