import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

const USERS = { fin1: ['finance'], legal1: ['legal'], it1: ['it'] };

function splitWorld() {
  return new FlowWorld({
    flow: flowOf({
      split: { type: 'parallel', branches: ['finance', 'legal'] },
      finance: { type: 'task', assignee: { role: 'finance' }, next: 'merge' },
      legal: { type: 'task', assignee: { role: 'legal' }, actions: ['submit', 'reject'], next: 'merge', onReject: 'stop' },
      merge: { type: 'join', next: 'it' },
      it: { type: 'task', assignee: { role: 'it' }, next: 'done' },
      stop: { type: 'end', outcome: 'stopped' },
      done: { type: 'end', outcome: 'completed' },
    }),
    form: CASE_FORM,
    users: USERS,
  });
}

describe('parallel split and join', () => {
  it('runs one token per branch, each knowing its split and branch', () => {
    const w = splitWorld();
    w.start();
    expect(w.snapshot.tokens.map((t) => [t.node, t.scope])).toEqual([
      ['finance', [{ parallel: 'split', branch: 'finance' }]],
      ['legal', [{ parallel: 'split', branch: 'legal' }]],
    ]);
    expect(w.snapshot.tasks.map((t) => t.node)).toEqual(['finance', 'legal']);
  });

  it('the join waits for every branch, then one token continues outside the split', () => {
    const w = splitWorld();
    w.start();
    w.complete('legal', 'legal1');
    expect(w.snapshot.joins).toEqual({ merge: ['legal'] });
    expect(w.activeNodes()).toEqual(['finance']);
    w.complete('finance', 'fin1');
    expect(w.snapshot.joins).toBeUndefined();
    expect(w.snapshot.tokens).toEqual([{ id: expect.any(String), node: 'it', since: w.now }]);
    expect(w.history().map((h) => h.type)).toEqual(['task.completed', 'join.completed', 'task.created']);
    w.complete('it', 'it1');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'completed' });
  });

  it('an end reached in one branch ends the whole instance and cancels the other branches', () => {
    const w = splitWorld();
    w.start();
    const financeTask = w.task('finance').id;
    w.complete('legal', 'legal1', 'reject');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'stopped', tasks: [], tokens: [], timers: [] });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: financeTask }]);
  });

  it('nested splits join inner first, then outer', () => {
    const w = new FlowWorld({
      flow: flowOf({
        outer: { type: 'parallel', branches: ['a', 'inner'] },
        a: { type: 'task', assignee: { role: 'it' }, next: 'outer_join' },
        inner: { type: 'parallel', branches: ['b', 'c'] },
        b: { type: 'task', assignee: { role: 'it' }, next: 'inner_join' },
        c: { type: 'task', assignee: { role: 'it' }, next: 'inner_join' },
        inner_join: { type: 'join', next: 'outer_join' },
        outer_join: { type: 'join', next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    expect(w.snapshot.tasks.map((t) => t.node)).toEqual(['a', 'b', 'c']);
    w.complete('b', 'it1');
    w.complete('c', 'it1');
    expect(w.snapshot.joins).toEqual({ outer_join: ['inner'] });
    w.complete('a', 'it1');
    expect(w.snapshot.status).toBe('done');
  });
});
