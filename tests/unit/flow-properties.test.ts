/**
 * Properties of `step` over random event sequences on the golden flows: whatever arrives, in
 * whatever order, from whoever, the engine only ever fails with a typed error that leaves the
 * snapshot as it was, never leaves work open on a finished instance, numbers history without
 * gaps, and every snapshot it reaches is small and survives save → restore unchanged.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppBundle, TaskAction, TaskNode } from '../../engine/definition/types.js';
import { FlowcaseError } from '../../engine/errors.js';
import { restoreSnapshot } from '../../engine/flow/index.js';
import type { FlowEvent } from '../../engine/flow/index.js';
import { FlowWorld } from './flow-test-kit.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
const bundle = JSON.parse(readFileSync(join(golden, 'repair-flow.bundle.json'), 'utf8')) as AppBundle;
const people = JSON.parse(readFileSync(join(golden, 'people.json'), 'utf8')) as Record<string, string[]>;
const userIds = Object.keys(people);
const ACTIONS: TaskAction[] = ['submit', 'approve', 'reject', 'return', 'transfer'];

/** Valid values per field, and values the form must refuse. */
const GOOD: Record<string, unknown> = {
  serial_no: 'SN-1',
  technician: 'tech1',
  diagnosis: 'Worn part',
  quote: 120,
  payment_method: 'online',
  payment_ref: 'P-1',
  paid_amount: 120,
  repair_notes: 'Fixed',
  qa_notes: 'ok',
  tracking_no: 'T-1',
  rating: 4,
  feedback: 'Good',
};
const BAD: Record<string, unknown> = {
  quote: -1,
  rating: 9,
  payment_method: 'barter',
  technician: 42,
  unknown_field: 1,
  customer_name: 'Mallory',
};

// `smart` (three times in four) aims at what the instance waits for, so runs reach deep states.
const command = fc.record({
  kind: fc.nat(11),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  smart: fc.nat(3).map((n) => n > 0),
});
type Command = { kind: number; a: number; b: number; c: number; smart: boolean };

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/** Someone who may act on the task (when `smart`), else anyone. */
function actorFor(world: FlowWorld, taskNode: string, cmd: Command): string {
  if (!cmd.smart) return pick(userIds, cmd.b)!;
  const task = world.snapshot.tasks.find((t) => t.node === taskNode)!;
  const pending = task.assignees.filter(
    (a) => !(task.approvals ?? []).some((b) => JSON.stringify(a) === JSON.stringify(b)),
  );
  const who = pick(pending, cmd.b);
  if (!who) return pick(userIds, cmd.b)!;
  if ('user' in who) return who.user;
  return userIds.find((u) => people[u]!.includes(who.role)) ?? 'nobody';
}

function dataFor(node: TaskNode | undefined, cmd: Command): Record<string, unknown> | undefined {
  if (cmd.c % 7 === 0) return undefined;
  const editable = node?.fields?.editable ?? [];
  const data: Record<string, unknown> = {};
  for (const f of editable) if (f in GOOD) data[f] = GOOD[f];
  if (cmd.c % 7 === 1) {
    const key = pick(Object.keys(BAD), cmd.a)!;
    data[key] = BAD[key];
  }
  return data;
}

function eventFor(world: FlowWorld, cmd: Command): { event: FlowEvent; actor: string } {
  const flowNodes = Object.keys(world.flow.nodes);
  switch (cmd.kind) {
    case 0:
    case 1:
    case 2:
    case 3:
    case 4:
    case 5: {
      const task = pick(world.snapshot.tasks, cmd.a);
      const node = task ? (world.flow.nodes[task.node] as TaskNode) : undefined;
      // The completing actions the node lists (addSigner and withdraw are events of their own).
      const listed = (node?.actions ?? ['submit']).filter((a): a is TaskAction =>
        (ACTIONS as string[]).includes(a),
      );
      const allowed = listed.length > 0 ? listed : (['submit'] as TaskAction[]);
      // Mostly the node's first (forward) action, sometimes the others.
      const action = cmd.smart
        ? cmd.c % 4 === 3
          ? pick(allowed, cmd.a)!
          : allowed[0]!
        : pick(ACTIONS, cmd.c)!;
      const event: FlowEvent = {
        type: 'task.complete',
        taskId: task?.id ?? `gone${cmd.a}`,
        action,
        comment: cmd.a % 3 === 0 ? 'note' : undefined,
      };
      const data = dataFor(node, cmd);
      if (data !== undefined) event.data = data;
      if (action === 'return')
        event.returnTo = cmd.smart ? pick(node?.returnTo ?? flowNodes, cmd.b) : pick(flowNodes, cmd.b);
      if (action === 'transfer') event.to = pick(userIds, cmd.b);
      if (action === 'transfer' && cmd.c % 2 === 0) delete event.data;
      return { event, actor: task ? actorFor(world, task.node, cmd) : pick(userIds, cmd.b)! };
    }
    case 6:
    case 7: {
      const timer = pick(world.snapshot.timers, cmd.a);
      if (timer && timer.dueAt > world.now) world.now = timer.dueAt;
      return { event: { type: 'timer.fire', timerId: timer?.id ?? `stale${cmd.a}` }, actor: 'system' };
    }
    case 8: {
      const name = cmd.smart ? 'payment.confirmed' : pick(['payment.confirmed', 'shipment.lost'], cmd.b)!;
      const payload =
        cmd.c % 3 === 0
          ? { payment_ref: 'PAY', paid_amount: 99 }
          : cmd.c % 3 === 1
            ? { paid_amount: -3 }
            : {};
      return { event: { type: 'event.receive', name, payload }, actor: 'system' };
    }
    case 9:
      return {
        event: { type: 'webhook.result', node: pick(flowNodes, cmd.a)!, ok: cmd.smart },
        actor: 'system',
      };
    case 10:
      // Rarely a cancel (it ends the run), otherwise a second start, which is never expected.
      return {
        event: !cmd.smart && cmd.a % 3 === 0 ? { type: 'cancel', reason: 'random' } : { type: 'start' },
        actor: pick(userIds, cmd.b)!,
      };
    default:
      return { event: { type: 'task.complete', taskId: 'nope', action: 'submit' }, actor: 'cust1' };
  }
}

function play(flowKey: string, inWarranty: boolean, commands: Command[]): void {
  const flow = bundle.flows.find((f) => f.key === flowKey)!;
  const world = new FlowWorld({
    flow,
    form: bundle.forms[0]!,
    users: people,
    submitter: 'cust1',
    record: {
      customer_name: 'Li',
      customer_email: 'li@example.com',
      product: 'Kettle',
      fault: 'Cold',
      quote: 200,
      purchase_date: inWarranty ? '2025-01-10' : '2022-01-10',
    },
  });
  const seqs: number[] = [];
  const check = (): void => {
    const s = world.snapshot;
    if (s.status !== 'active') {
      expect(s.tasks).toEqual([]);
      expect(s.timers).toEqual([]);
      expect(s.tokens).toEqual([]);
    }
    expect(JSON.stringify(s).length).toBeLessThanOrEqual(2048);
    expect(restoreSnapshot(JSON.parse(JSON.stringify(s)))).toStrictEqual(s);
    expect(s.seq).toBe(seqs.length);
  };
  world.start();
  for (const e of world.effects) if (e.type === 'history') seqs.push(e.event.seq);
  check();
  for (const cmd of commands) {
    const before = JSON.stringify(world.snapshot);
    const recordBefore = JSON.stringify(world.record);
    const { event, actor } = eventFor(world, cmd);
    try {
      world.send(event, actor);
    } catch (e) {
      if (!(e instanceof FlowcaseError)) throw e;
      expect(JSON.stringify(world.snapshot)).toBe(before);
      expect(JSON.stringify(world.record)).toBe(recordBefore);
      continue;
    }
    for (const e of world.effects) if (e.type === 'history') seqs.push(e.event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    check();
  }
}

describe('flow properties on the golden flows', () => {
  it.each(['repair', 'goodwill'])('random event sequences on "%s" keep every invariant', (flowKey) => {
    fc.assert(
      fc.property(fc.boolean(), fc.array(command, { maxLength: 80, size: 'max' }), (inWarranty, commands) => {
        play(flowKey, inWarranty, commands);
      }),
      { numRuns: 150 },
    );
  });
});
