/**
 * Plays a golden case: a bundle, a flow, a starting record and a script of events (who, when),
 * through the real `step` and form compiler, and records what each step produced. Scripts name
 * tasks and timers by node (`"task": "quote"`, `"timer": {"kind": "sla.due", "node": "intake"}`,
 * an added signer's task by `"signer": "<user>"` beside `"task"`, a completion to withdraw by
 * `"withdrawOf": "<node>"`)
 * and a subflow's call by the node waiting for it (`"callOf": "open_rework"` in a
 * `subflow.done` event), so they stay readable; the runner resolves them to the ids the
 * counter-based `newId` gave out.
 */
import type { AppBundle, FlowDef } from '../../engine/definition/types.js';
import { FlowcaseError } from '../../engine/errors.js';
import type { Effect, FlowEvent, FlowSnapshot, PendingTimer } from '../../engine/flow/index.js';
import { FlowWorld } from '../unit/flow-test-kit.js';

export interface ScriptStep {
  note?: string;
  actor?: string;
  /** Moves the clock forward (ISO-8601 duration) before the event. */
  advance?: string;
  /** The event; `task` (a node id) stands for `taskId`, `timer` for `timerId`. */
  event: Record<string, unknown> & { type: FlowEvent['type'] };
  /** The catalogue code this step must fail with (the snapshot then stays unchanged). */
  expectError?: string;
}

export interface GoldenCase {
  description: string;
  bundle: string;
  flow: string;
  submitter: string;
  start: string;
  record: Record<string, unknown>;
  script: ScriptStep[];
  final: { status: FlowSnapshot['status']; outcome?: string };
}

export interface StepOutcome {
  step: number;
  note?: string;
  actor: string;
  at: string;
  event: FlowEvent;
  error?: { code: string; path: string; problems: string[] };
  snapshot?: FlowSnapshot;
  effects?: Effect[];
  /** The record after the step, when the step changed it. */
  record?: Record<string, unknown>;
}

function resolveEvent(world: FlowWorld, raw: ScriptStep['event']): FlowEvent {
  const { task, timer, callOf, signer, withdrawOf, ...rest } = raw as {
    task?: string;
    timer?: { kind: PendingTimer['kind']; node?: string };
    callOf?: string;
    signer?: string;
    withdrawOf?: string;
  } & Record<string, unknown>;
  if (callOf !== undefined) {
    // The call the token at that node waits for; a node nobody waits at resolves to a placeholder.
    const waiting = world.snapshot.tokens.find((t) => t.node === callOf && t.subflow);
    return { ...rest, callId: waiting?.subflow?.callId ?? `none:${callOf}` } as FlowEvent;
  }
  if (task !== undefined) {
    // A task that is not open (a deliberate error step) resolves to a placeholder id. `signer`
    // picks the open 加签 task of that user at the node; without it, the step's own task.
    const open = world.snapshot.tasks.find(
      (t) =>
        t.node === task &&
        (signer === undefined
          ? !t.sign
          : t.sign !== undefined && t.assignees.some((a) => 'user' in a && a.user === signer)),
    );
    return { ...rest, taskId: open?.id ?? `closed:${task}` } as FlowEvent;
  }
  if (withdrawOf !== undefined) {
    // 撤回: the completed task of that node that may still be withdrawn.
    const move = world.snapshot.withdrawable?.find((m) => m.node === withdrawOf);
    return { ...rest, taskId: move?.taskId ?? `not-withdrawable:${withdrawOf}` } as FlowEvent;
  }
  if (timer !== undefined) {
    const pending = world.timer(timer.kind, timer.node);
    if (pending.dueAt > world.now) world.now = pending.dueAt;
    return { ...rest, timerId: pending.id } as FlowEvent;
  }
  return rest as FlowEvent;
}

/** Runs the case; `people` maps user ids to roles. Unexpected errors propagate. */
export function runCase(
  golden: GoldenCase,
  bundle: AppBundle,
  people: Record<string, string[]>,
): { world: FlowWorld; outcomes: StepOutcome[] } {
  const flow = bundle.flows.find((f) => f.key === golden.flow) as FlowDef;
  const form = bundle.forms.find((f) => f.key === flow.form)!;
  const world = new FlowWorld({
    flow,
    form,
    record: golden.record,
    submitter: golden.submitter,
    users: people,
    now: golden.start,
  });
  const outcomes: StepOutcome[] = [];
  golden.script.forEach((scripted, index) => {
    if (scripted.advance !== undefined) world.advance(scripted.advance);
    const event = resolveEvent(world, scripted.event);
    const actor = scripted.actor ?? 'system';
    const outcome: StepOutcome = { step: index + 1, actor, at: world.now, event };
    if (scripted.note !== undefined) outcome.note = scripted.note;
    const recordBefore = JSON.stringify(world.record);
    try {
      const result = world.send(event, actor);
      outcome.snapshot = result.snapshot;
      outcome.effects = result.effects;
      if (JSON.stringify(result.record) !== recordBefore) outcome.record = result.record;
    } catch (e) {
      if (!(e instanceof FlowcaseError)) throw e;
      outcome.error = { code: e.code, path: e.path, problems: e.problems.map((p) => `${p.path} ${p.code}`) };
    }
    outcomes.push(outcome);
  });
  return { world, outcomes };
}
