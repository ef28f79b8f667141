/**
 * Properties of 加签, 撤回 and event fallbacks over random event sequences on the golden refund
 * flow: whatever is added, withdrawn, completed or timed out, by whoever, the engine only fails
 * with a typed error that leaves the snapshot as it was; every open task belongs to a live token;
 * a before-signer's task and the task waiting for it point at each other; a withdrawable move
 * names only open tasks; a finished instance keeps nothing open; snapshots survive save → restore.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AppBundle, TaskAction } from '../../engine/definition/types.js';
import { FlowcaseError } from '../../engine/errors.js';
import { restoreSnapshot } from '../../engine/flow/index.js';
import type { FlowEvent, FlowSnapshot, OpenTask } from '../../engine/flow/index.js';
import { FlowWorld } from './flow-test-kit.js';

const golden = join(dirname(fileURLToPath(import.meta.url)), '..', 'golden');
const bundle = JSON.parse(readFileSync(join(golden, 'refund-signers.bundle.json'), 'utf8')) as AppBundle;
const people = JSON.parse(readFileSync(join(golden, 'people.json'), 'utf8')) as Record<string, string[]>;
const userIds = Object.keys(people);
const ACTIONS: TaskAction[] = ['submit', 'approve', 'reject', 'return', 'transfer'];
const DATA = [
  {},
  { amount: 900 },
  { amount: 80, note: 'ok' },
  { decision_note: 'fine' },
  { payment_ref: 'P-1', paid: 80 },
  { amount: -1 },
];

const command = fc.record({
  kind: fc.nat(9),
  a: fc.nat(1000),
  b: fc.nat(1000),
  c: fc.nat(1000),
  smart: fc.nat(3).map((n) => n > 0),
});
type Command = { kind: number; a: number; b: number; c: number; smart: boolean };

const pick = <T>(list: readonly T[], n: number): T | undefined =>
  list.length === 0 ? undefined : list[n % list.length];

/** Someone who may act on the task (when `smart`), else anyone. */
function actorFor(task: OpenTask | undefined, cmd: Command): string {
  if (!cmd.smart || !task) return pick(userIds, cmd.b)!;
  const pending = task.assignees.filter(
    (a) => !(task.approvals ?? []).some((b) => JSON.stringify(a) === JSON.stringify(b)),
  );
  const who = pick(pending, cmd.b);
  if (!who) return pick(userIds, cmd.b)!;
  return 'user' in who ? who.user : (userIds.find((u) => people[u]!.includes(who.role)) ?? 'nobody');
}

function eventFor(world: FlowWorld, cmd: Command): { event: FlowEvent; actor: string } {
  const task = pick(world.snapshot.tasks, cmd.a);
  switch (cmd.kind) {
    case 0:
    case 1:
    case 2: {
      const action = cmd.smart
        ? pick(['approve', 'submit', 'reject'] as TaskAction[], cmd.c)!
        : pick(ACTIONS, cmd.c)!;
      const event: FlowEvent = {
        type: 'task.complete',
        taskId: task?.id ?? `gone${cmd.a}`,
        action,
        data: pick(DATA, cmd.c)!,
      };
      if (action === 'transfer') event.to = pick(userIds, cmd.b);
      return { event, actor: actorFor(task, cmd) };
    }
    case 3:
    case 4: {
      const position = cmd.c % 2 === 0 ? 'before' : 'after';
      const comment = cmd.c % 5 === 0 ? '' : 'please sign';
      return {
        event: {
          type: 'task.addSigner',
          taskId: task?.id ?? 'gone',
          user: pick(userIds, cmd.b + 1)!,
          position,
          comment,
        },
        actor: actorFor(task, cmd),
      };
    }
    case 5: {
      const move = pick(world.snapshot.withdrawable ?? [], cmd.a);
      const actor = cmd.smart && move ? move.by : pick(userIds, cmd.b)!;
      return { event: { type: 'task.withdraw', taskId: move?.taskId ?? task?.id ?? 'gone' }, actor };
    }
    case 6:
    case 7: {
      const timer = pick(world.snapshot.timers, cmd.a);
      if (timer && timer.dueAt > world.now) world.now = timer.dueAt;
      return { event: { type: 'timer.fire', timerId: timer?.id ?? `stale${cmd.a}` }, actor: 'system' };
    }
    case 8:
      return {
        event: { type: 'event.receive', name: 'refund.paid', payload: pick(DATA, cmd.c)! },
        actor: 'system',
      };
    default:
      return { event: { type: 'cancel', reason: 'random' }, actor: 'system' };
  }
}

function checkLinks(s: FlowSnapshot): void {
  const open = new Map(s.tasks.map((t) => [t.id, t]));
  for (const t of s.tasks) {
    expect(s.tokens.some((k) => k.id === t.tokenId)).toBe(true);
    if (t.sign?.position === 'before')
      expect(open.get(t.sign.of)?.waitingFor?.some((w) => w.taskId === t.id)).toBe(true);
    for (const w of t.waitingFor ?? [])
      expect(open.get(w.taskId)?.sign).toMatchObject({ position: 'before', of: t.id });
  }
  for (const m of s.withdrawable ?? []) for (const id of m.opened) expect(open.has(id)).toBe(true);
}

function play(amount: number, commands: Command[]): void {
  const flow = bundle.flows[0]!;
  const world = new FlowWorld({
    flow,
    form: bundle.forms[0]!,
    users: people,
    submitter: 'cust1',
    record: { customer_name: 'Li', amount, reason: 'x' },
  });
  let seq = 0;
  const check = (): void => {
    const s = world.snapshot;
    if (s.status !== 'active') {
      expect(s.tasks).toEqual([]);
      expect(s.timers).toEqual([]);
      expect(s.tokens).toEqual([]);
    }
    checkLinks(s);
    expect(JSON.stringify(s).length).toBeLessThanOrEqual(4096);
    expect(restoreSnapshot(JSON.parse(JSON.stringify(s)))).toStrictEqual(s);
    expect(s.seq).toBe(seq);
  };
  world.start();
  seq += world.effects.filter((e) => e.type === 'history').length;
  check();
  for (const cmd of commands) {
    if (world.snapshot.status !== 'active') return;
    const before = JSON.stringify(world.snapshot);
    const { event, actor } = eventFor(world, cmd);
    try {
      world.send(event, actor);
    } catch (e) {
      if (!(e instanceof FlowcaseError)) throw e;
      expect(JSON.stringify(world.snapshot)).toBe(before);
      continue;
    }
    seq += world.effects.filter((e) => e.type === 'history').length;
    check();
  }
}

describe('加签, 撤回 and fallbacks keep the flow’s invariants', () => {
  it('random sequences on the refund flow (small and large amounts)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(120, 900),
        fc.array(command, { maxLength: 60, size: 'max' }),
        (amount, commands) => {
          play(amount, commands);
        },
      ),
      { numRuns: 200 },
    );
  });
});
