/**
 * `migrateInstance`: moves one open instance from its flow in one version of an app onto the same
 * flow in another version, as the migration plan (migration-plan.ts) judged it. Each token either
 * stays where it is (its node still exists with the same kind and assignees: its open tasks are
 * kept, only timers whose durations changed are re-computed from when the task opened or the token
 * arrived) or is re-entered at its target node (a mapped node, another kind, other assignees: its
 * tasks and timers are cancelled and the target node's kind runs as if the token had just
 * arrived, so a task node opens a new task for the new assignees). One `instance.migrated` history
 * event says what happened, with the record fields the new form no longer has, so their values are
 * kept in the history. Pure: the clock and ids come from `env`.
 */
import type { EventNode, FlowDef, NodeDef, TaskNode, WaitNode } from '../definition/types.js';
import { FlowcaseError } from '../errors.js';
import { cloneTask } from './snapshot-clone.js';
import { shiftByDuration } from './duration-math.js';
import { meaningChanges } from './migration-plan.js';
import {
  appendHistory,
  cancelTask,
  cancelTimers,
  createContext,
  emit,
  moveToken,
  scheduleTimer,
  type StepContext,
} from './step-context.js';
import { drain } from './step.js';
import type { FieldChange, FlowSnapshot, PendingTimer, StepEnv, StepResult, Token } from './types.js';

export interface InstanceMigration {
  /** The flow as the instance's current version has it. */
  from: FlowDef;
  fromVersion: number;
  toVersion: number;
  /** Old node → node of the new version, for this flow; a node not named keeps its key. */
  mapping?: Record<string, string>;
  /** The record fields the new form dropped (`to: null`), recorded in the history event. */
  recordChanges?: FieldChange[];
}

/** How one token moved: `kept` at its node (tasks kept), or `reentered` at `to` (tasks re-created). */
export interface TokenMove {
  node: string;
  to: string;
  how: 'kept' | 'reentered';
  /** The timers re-computed for a kept token. */
  timers?: PendingTimer['kind'][];
}

const has = (flow: FlowDef, key: string): boolean => Object.hasOwn(flow.nodes, key);

/** Whether a token can stay at its node: the same kind with the same assignees. */
function keeps(was: NodeDef, is: NodeDef, node: string, target: string): boolean {
  if (node !== target) return false;
  return !meaningChanges(node, was, is, target).some((r) => r.code === 'type' || r.code === 'assignee');
}

/** The SLA timers of a kept task, from when it opened, against the new node's SLA. */
function retimeTasks(
  ctx: StepContext,
  token: Token,
  node: TaskNode,
  changed: Set<PendingTimer['kind']>,
): void {
  for (const task of ctx.snapshot.tasks) {
    if (task.tokenId !== token.id || task.node !== token.node) continue;
    cancelTimers(ctx, (t) => t.taskId === task.id && (t.kind === 'sla.due' || t.kind === 'sla.remind'));
    const dueAt = node.sla ? shiftByDuration(task.createdAt, node.sla.due) : null;
    if (node.sla && dueAt === null) throw unreadable(token.node, node.sla.due);
    if (dueAt === null) delete task.dueAt;
    else task.dueAt = dueAt;
    // A breached task has escalated already; its new deadline is shown, not breached again.
    if (dueAt !== null && !task.breached) {
      const remind = node.sla?.remind === undefined ? null : shiftByDuration(dueAt, node.sla.remind, -1);
      if (remind !== null && remind > ctx.env.now)
        scheduleTimer(ctx, { kind: 'sla.remind', node: token.node, dueAt: remind, taskId: task.id });
      scheduleTimer(ctx, { kind: 'sla.due', node: token.node, dueAt, taskId: task.id });
    }
    emit(ctx, { type: 'task.update', task: cloneTask(task) });
    changed.add('sla.due');
  }
}

function unreadable(node: string, duration: string): FlowcaseError {
  return new FlowcaseError('FC_VALIDATION_FAILED', `"${duration}" at "${node}" is not a duration.`, {
    path: `/nodes/${node}`,
  });
}

/** A waiting token's timer against the new node: from when the token arrived, or the field's date. */
function retimeWait(
  ctx: StepContext,
  token: Token,
  node: WaitNode,
  changed: Set<PendingTimer['kind']>,
): void {
  cancelTimers(ctx, (t) => t.tokenId === token.id && t.kind === 'wait');
  let dueAt: string | null;
  if (node.duration !== undefined) {
    dueAt = shiftByDuration(token.since, node.duration);
    if (dueAt === null) throw unreadable(token.node, node.duration);
  } else {
    const value = node.until === undefined ? undefined : ctx.record[node.until];
    const ms =
      typeof value === 'string'
        ? Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value)
        : NaN;
    if (!Number.isFinite(ms))
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        `The field "${node.until ?? ''}" holds no date to wait for.`,
        {
          path: `/nodes/${token.node}/until`,
        },
      );
    dueAt = new Date(ms).toISOString();
  }
  scheduleTimer(ctx, { kind: 'wait', node: token.node, dueAt, tokenId: token.id });
  changed.add('wait');
}

/**
 * An event node's timeout and fallback delay against the new node, from when the token arrived;
 * a timer that already fired (its fallback task is open) is not started again.
 */
function retimeEvent(
  ctx: StepContext,
  token: Token,
  was: EventNode,
  node: EventNode,
  changed: Set<PendingTimer['kind']>,
): void {
  for (const [kind, before, after] of [
    ['event.timeout', was.timeout, node.timeout],
    ['event.fallback', was.fallback?.after, node.fallback?.after],
  ] as const) {
    if (before === after) continue;
    const pending = ctx.snapshot.timers.some((t) => t.tokenId === token.id && t.kind === kind);
    if (before !== undefined && !pending) continue;
    cancelTimers(ctx, (t) => t.tokenId === token.id && t.kind === kind);
    if (after === undefined) continue;
    const dueAt = shiftByDuration(token.since, after);
    if (dueAt === null) throw unreadable(token.node, after);
    scheduleTimer(ctx, { kind, node: token.node, dueAt, tokenId: token.id });
    changed.add(kind);
  }
}

/** Cancels what a token holds (its tasks, timers, a running child) before it enters its new node. */
function release(ctx: StepContext, token: Token): void {
  for (const task of ctx.snapshot.tasks.filter((t) => t.tokenId === token.id)) cancelTask(ctx, task.id);
  cancelTimers(ctx, (t) => t.tokenId === token.id);
  if (token.subflow) {
    emit(ctx, { type: 'subflow.cancel', node: token.node, ...token.subflow });
    delete token.subflow;
  }
}

/** Parallel splits and joins the instance is inside must exist in the new flow, or its branches could never meet. */
function checkStructure(snapshot: FlowSnapshot, to: FlowDef): void {
  for (const join of Object.keys(snapshot.joins ?? {}))
    if (!has(to, join) || to.nodes[join]!.type !== 'join')
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        `Branches wait at the join "${join}", which the new version does not have.`,
        {
          path: `/joins/${join}`,
        },
      );
  for (const token of snapshot.tokens)
    for (const frame of token.scope ?? []) {
      const split = has(to, frame.parallel) ? to.nodes[frame.parallel] : undefined;
      if (split?.type !== 'parallel' || !split.branches.includes(frame.branch))
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          `A branch runs inside the parallel split "${frame.parallel}", which the new version no longer has with the branch "${frame.branch}".`,
          { path: `/tokens/${token.id}` },
        );
    }
}

/**
 * Moves an active instance of `options.from` onto `to` (the same flow key in the new version).
 * Throws `FC_INSTANCE_NOT_ACTIVE` for a finished instance and `FC_VALIDATION_FAILED` when a node
 * it stands at has no target in `to` (map it), or a split or join it is inside is gone.
 */
export function migrateInstance(
  to: FlowDef,
  snapshot: FlowSnapshot,
  options: InstanceMigration,
  env: StepEnv,
): StepResult & { moves: TokenMove[] } {
  if (snapshot.flow !== to.key || options.from.key !== to.key)
    throw new FlowcaseError(
      'FC_SNAPSHOT_INVALID',
      `The saved state belongs to flow "${snapshot.flow}", not "${to.key}".`,
      {
        path: '/flow',
      },
    );
  if (snapshot.status !== 'active')
    throw new FlowcaseError('FC_INSTANCE_NOT_ACTIVE', `The instance is ${snapshot.status}.`, {
      path: '/status',
    });
  if (snapshot.version !== options.fromVersion)
    throw new FlowcaseError(
      'FC_CONFLICT',
      `The instance runs on version ${snapshot.version}, not ${options.fromVersion}.`,
      {
        path: '/version',
      },
    );
  checkStructure(snapshot, to);
  const ctx = createContext(to, snapshot, env);
  const mapping = options.mapping ?? {};
  const plan = ctx.snapshot.tokens.map((token) => {
    const target = Object.hasOwn(mapping, token.node) ? mapping[token.node]! : token.node;
    if (!has(to, target))
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        `The step "${token.node}" is gone from the new version: map it to one that exists.`,
        {
          path: `/mapping/${to.key}/${token.node}`,
        },
      );
    const was = has(options.from, token.node) ? options.from.nodes[token.node] : undefined;
    return { token, target, was, is: to.nodes[target]! };
  });
  ctx.snapshot.version = options.toVersion;
  const moves: TokenMove[] = plan.map(({ token, target, was, is }) => ({
    node: token.node,
    to: target,
    how: was && keeps(was, is, token.node, target) ? 'kept' : 'reentered',
  }));
  plan.forEach(({ token, target, was, is }, i) => {
    const move = moves[i]!;
    if (move.how === 'reentered') {
      release(ctx, token);
      moveToken(ctx, token, target);
      return;
    }
    const changed = new Set<PendingTimer['kind']>();
    if (meaningChanges(token.node, was!, is, target).some((r) => r.code === 'timer')) {
      if (is.type === 'task') retimeTasks(ctx, token, is, changed);
      else if (is.type === 'wait') retimeWait(ctx, token, is, changed);
      else if (is.type === 'event' && was!.type === 'event') retimeEvent(ctx, token, was, is, changed);
    }
    if (changed.size > 0) move.timers = [...changed].sort();
  });
  // Before the re-entered nodes' own history (task.created), after the re-timing.
  appendHistory(ctx, 'instance.migrated', {
    ...(options.recordChanges && options.recordChanges.length > 0 ? { changes: options.recordChanges } : {}),
    detail: { from: options.fromVersion, to: options.toVersion, moves },
  });
  // Completions whose step was re-created or is gone can no longer be taken back (撤回).
  if (ctx.snapshot.withdrawable) {
    const open = new Set(ctx.snapshot.tasks.map((t) => t.id));
    const kept = ctx.snapshot.withdrawable.filter(
      (m) => has(to, m.node) && m.opened.every((id) => open.has(id)),
    );
    if (kept.length > 0) ctx.snapshot.withdrawable = kept;
    else delete ctx.snapshot.withdrawable;
  }
  drain(ctx);
  return { snapshot: ctx.snapshot, effects: ctx.effects, record: ctx.record, moves };
}
