import { describe, expect, it } from 'vitest';
import { initialSnapshot, restoreSnapshot, step } from '../../engine/flow/index.js';
import { CASE_FORM, FlowWorld, flowOf, codeOf } from './flow-test-kit.js';

const simple = () =>
  new FlowWorld({
    flow: flowOf({
      work: { type: 'task', assignee: { role: 'desk' }, sla: { due: 'PT2H' }, next: 'done' },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    users: { d: ['desk'] },
  });

describe('step: the instance lifecycle', () => {
  it('start puts a token at flow.start and records instance.started as seq 1', () => {
    const w = simple();
    w.start();
    expect(w.history()[0]).toEqual({
      seq: 1,
      at: w.now,
      actor: 'system',
      type: 'instance.started',
      node: 'work',
    });
    expect(w.snapshot.seq).toBe(w.history().at(-1)!.seq);
  });

  it('start records the submitted fields in instance.started when the runtime passes them', () => {
    const w = simple();
    const changes = [{ field: 'title', from: null, to: 'Dead pixel' }];
    w.send({ type: 'start', changes });
    expect(w.history()[0]).toMatchObject({ type: 'instance.started', changes });
  });

  it('starting twice is not expected', () => {
    const w = simple();
    w.start();
    expect(codeOf(() => w.start())).toBe('FC_EVENT_NOT_EXPECTED');
  });

  it('cancel cancels everything and records the reason', () => {
    const w = simple();
    w.start();
    const task = w.task('work').id;
    w.send({ type: 'cancel', reason: 'customer withdrew' }, 'd');
    expect(w.snapshot).toMatchObject({ status: 'cancelled', tasks: [], timers: [], tokens: [] });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: task }]);
    expect(w.effectsOf('instance.end')).toEqual([{ type: 'instance.end', status: 'cancelled' }]);
    expect(w.history().at(-1)).toMatchObject({
      type: 'instance.cancelled',
      actor: 'd',
      comment: 'customer withdrew',
    });
  });

  it('any event on an instance that is not active is refused', () => {
    const w = simple();
    w.start();
    w.send({ type: 'cancel' });
    expect(codeOf(() => w.send({ type: 'cancel' }))).toBe('FC_INSTANCE_NOT_ACTIVE');
    expect(codeOf(() => w.send({ type: 'timer.fire', timerId: 'x' }))).toBe('FC_INSTANCE_NOT_ACTIVE');
  });

  it('an automatic loop fails the instance instead of running forever', () => {
    const w = new FlowWorld({
      flow: flowOf({
        a: { type: 'branch', cases: [], default: 'b' },
        b: { type: 'notify', to: [{ role: 'x' }], channel: 'inapp', template: 'tick', next: 'a' },
      }),
      form: CASE_FORM,
    });
    w.start();
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure?.reason).toContain('loops');
  });

  it('a next that names no node fails the instance', () => {
    const w = new FlowWorld({ flow: flowOf({ a: { type: 'join', next: 'ghost' } }), form: CASE_FORM });
    w.start();
    expect(w.snapshot.failure).toEqual({ node: 'ghost', reason: expect.stringContaining('ghost') });
  });

  it('never mutates the snapshot or record it is given', () => {
    const w = simple();
    w.start();
    const snapshot = w.snapshot;
    const frozen = structuredClone(snapshot);
    w.complete('work', 'd');
    expect(snapshot).toEqual(frozen);
  });

  it('refuses a snapshot of another flow', () => {
    const w = simple();
    expect(
      codeOf(() => step(w.flow, initialSnapshot({ key: 'other' }, 1), { type: 'start' }, w.env('d'))),
    ).toBe('FC_SNAPSHOT_INVALID');
  });
});

describe('snapshots', () => {
  it('are plain JSON and restore losslessly', () => {
    const w = simple();
    w.start();
    expect(restoreSnapshot(JSON.parse(JSON.stringify(w.snapshot)))).toStrictEqual(w.snapshot);
  });

  it('restoring checks the version and the shape, naming the path', () => {
    const w = simple();
    w.start();
    const good = JSON.parse(JSON.stringify(w.snapshot));
    const bad: [unknown, string][] = [
      [null, ''],
      [{ ...good, snapshotVersion: 2 }, '/snapshotVersion'],
      [{ ...good, status: 'sleeping' }, '/status'],
      [{ ...good, tasks: [{ ...good.tasks[0], assignees: 'desk' }] }, '/tasks/0/assignees'],
      [{ ...good, timers: [{ ...good.timers[0], kind: 'alarm' }] }, '/timers/0/kind'],
      [{ ...good, seq: -1 }, '/seq'],
      [{ ...good, visits: JSON.parse('{"__proto__": 1}') }, '/visits/__proto__'],
    ];
    for (const [input, path] of bad) {
      let error: unknown;
      try {
        restoreSnapshot(input);
      } catch (e) {
        error = e;
      }
      expect(error).toMatchObject({ code: 'FC_SNAPSHOT_INVALID', path });
    }
  });
});
