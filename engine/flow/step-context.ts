/**
 * The working state of one `step`: a private copy of the snapshot, the record as it stands, and the
 * effects produced so far. Node kinds change the instance only through the helpers here, so history
 * numbering, token movement and timer bookkeeping stay in one place.
 */
import type { FlowDef, NodeDef, TaskAction } from '../definition/types.js';
import { cloneSnapshot } from './snapshot-clone.js';
import type { Effect, FlowSnapshot, HistoryEvent, OpenTask, PendingTimer, StepEnv, Token } from './types.js';

export interface StepContext {
  readonly flow: FlowDef;
  readonly env: StepEnv;
  /** A private deep copy of the input snapshot; mutated freely, returned at the end. */
  readonly snapshot: FlowSnapshot;
  /** The record as it stands; replaced (never mutated) when a write applies. */
  record: Record<string, unknown>;
  readonly effects: Effect[];
  /** Tokens that arrived at a node whose kind has not run yet. */
  readonly arrivals: Token[];
  /** Automatic transitions so far in this step (loop guard). */
  transitions: number;
  /**
   * The task completion that moved a token on in this step (the task before it closed, the token
   * before it moved), so the step can tell afterwards whether it may be withdrawn (撤回).
   */
  move?: { task: OpenTask; token: Token; action: TaskAction };
}

/** Copies the snapshot so nothing the caller holds is ever mutated. */
export function createContext(flow: FlowDef, snapshot: FlowSnapshot, env: StepEnv): StepContext {
  return {
    flow,
    env,
    snapshot: cloneSnapshot(snapshot),
    record: env.record,
    effects: [],
    arrivals: [],
    transitions: 0,
  };
}

export function emit(ctx: StepContext, effect: Effect): void {
  ctx.effects.push(effect);
}

/** Appends a history event with the next `seq` (gapless: the snapshot keeps the last one). */
export function appendHistory(
  ctx: StepContext,
  type: string,
  fields: Omit<HistoryEvent, 'seq' | 'at' | 'actor' | 'type'> = {},
): void {
  ctx.snapshot.seq += 1;
  const event: HistoryEvent = { seq: ctx.snapshot.seq, at: ctx.env.now, actor: ctx.env.actor, type };
  for (const [key, value] of Object.entries(fields)) {
    // Absent, not undefined: snapshots and effects must survive a JSON round trip unchanged.
    if (value !== undefined) (event as unknown as Record<string, unknown>)[key] = value;
  }
  emit(ctx, { type: 'history', event });
}

export function nodeAt(ctx: StepContext, nodeId: string): NodeDef | undefined {
  return Object.prototype.hasOwnProperty.call(ctx.flow.nodes, nodeId) ? ctx.flow.nodes[nodeId] : undefined;
}

/** Moves a token to `target`; the node's kind runs when the step drains its arrivals. */
export function moveToken(ctx: StepContext, token: Token, target: string): void {
  token.node = target;
  token.since = ctx.env.now;
  ctx.arrivals.push(token);
}

/** Adds a new live token at `target` (parallel branches, a join's continuation). */
export function spawnToken(ctx: StepContext, target: string, scope: Token['scope']): Token {
  const token: Token = { id: ctx.env.newId(), node: target, since: ctx.env.now };
  if (scope && scope.length > 0) token.scope = scope;
  ctx.snapshot.tokens.push(token);
  ctx.arrivals.push(token);
  return token;
}

export function removeToken(ctx: StepContext, tokenId: string): void {
  const i = ctx.snapshot.tokens.findIndex((t) => t.id === tokenId);
  if (i >= 0) ctx.snapshot.tokens.splice(i, 1);
}

export function findToken(ctx: StepContext, tokenId: string): Token | undefined {
  return ctx.snapshot.tokens.find((t) => t.id === tokenId);
}

/** Records a timer in the snapshot and asks the runtime to store its due-at row. */
export function scheduleTimer(ctx: StepContext, timer: Omit<PendingTimer, 'id'>): PendingTimer {
  const scheduled: PendingTimer = { id: ctx.env.newId(), ...timer };
  ctx.snapshot.timers.push(scheduled);
  emit(ctx, { type: 'timer.schedule', timer: scheduled });
  return scheduled;
}

/** Forgets a timer that fired (no effect: the runtime already consumed its row). */
export function dropTimer(ctx: StepContext, timerId: string): void {
  const i = ctx.snapshot.timers.findIndex((t) => t.id === timerId);
  if (i >= 0) ctx.snapshot.timers.splice(i, 1);
}

/** Cancels pending timers matching `which`, telling the runtime to delete their rows. */
export function cancelTimers(ctx: StepContext, which: (timer: PendingTimer) => boolean): void {
  const keep: PendingTimer[] = [];
  for (const timer of ctx.snapshot.timers) {
    if (which(timer)) emit(ctx, { type: 'timer.cancel', timerId: timer.id });
    else keep.push(timer);
  }
  ctx.snapshot.timers = keep;
}

/** Cancels an open task and its SLA timers. */
export function cancelTask(ctx: StepContext, taskId: string): void {
  const i = ctx.snapshot.tasks.findIndex((t) => t.id === taskId);
  if (i < 0) return;
  ctx.snapshot.tasks.splice(i, 1);
  emit(ctx, { type: 'task.cancel', taskId });
  cancelTimers(ctx, (timer) => timer.taskId === taskId);
}
