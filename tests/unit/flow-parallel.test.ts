import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = { fin1: ['finance'], legal1: ['legal'], it1: ['it'] };

function splitWorld() {
  return new FlowWorld({
    flow: flowOf({
      split: { type: 'parallel', branches: ['finance', 'legal'] },
      finance: { type: 'task', assignee: { role: 'finance' }, next: 'merge' },
      legal: {
        type: 'task',
        assignee: { role: 'legal' },
        actions: ['submit', 'reject'],
        next: 'merge',
        onReject: 'stop',
      },
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
    expect(w.snapshot).toMatchObject({
      status: 'done',
      outcome: 'stopped',
      tasks: [],
      tokens: [],
      timers: [],
    });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: financeTask }]);
  });

  it('an end in one branch cancels a mode all task of the sibling branch half-approved, its SLA timers too, and the history names the branch', () => {
    const w = new FlowWorld({
      flow: flowOf({
        split: { type: 'parallel', branches: ['logistics', 'finance'] },
        logistics: {
          type: 'task',
          assignee: { role: 'legal' },
          actions: ['approve', 'reject'],
          onApprove: 'merge',
          onReject: 'order_rejected',
        },
        finance: {
          type: 'task',
          assignee: { role: 'finance' },
          mode: 'all',
          actions: ['approve', 'reject'],
          sla: { due: 'P1D', remind: 'PT4H' },
          onApprove: 'merge',
        },
        merge: { type: 'join', next: 'done' },
        order_rejected: { type: 'end', outcome: 'rejected' },
        done: { type: 'end', outcome: 'completed' },
      }),
      form: CASE_FORM,
      users: { ...USERS, fin2: ['finance'] },
    });
    w.start();
    const finance = w.task('finance');
    expect(finance.assignees).toEqual([{ user: 'fin1' }, { user: 'fin2' }]);
    const financeTimers = w.snapshot.timers.filter((t) => t.taskId === finance.id).map((t) => t.id);
    expect(financeTimers).toHaveLength(2);
    w.complete('finance', 'fin1', 'approve');
    expect(w.task('finance').approvals).toEqual([{ user: 'fin1' }]);

    w.complete('logistics', 'legal1', 'reject', { comment: 'Address not deliverable' });
    expect(w.snapshot).toMatchObject({
      status: 'done',
      outcome: 'rejected',
      tasks: [],
      tokens: [],
      timers: [],
    });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: finance.id }]);
    expect(
      w
        .effectsOf('timer.cancel')
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...financeTimers].sort());
    expect(w.effectsOf('instance.end')).toEqual([
      { type: 'instance.end', status: 'done', outcome: 'rejected' },
    ]);
    expect(w.history().at(-1)).toMatchObject({
      type: 'instance.ended',
      node: 'order_rejected',
      detail: { outcome: 'rejected', parallel: 'split', branch: 'logistics' },
    });
    expect(
      codeOf(() => w.send({ type: 'task.complete', taskId: finance.id, action: 'approve' }, 'fin2')),
    ).toBe('FC_INSTANCE_NOT_ACTIVE');
  });

  it('a reject without onReject inside a branch ends the instance as rejected, naming the branch', () => {
    const w = new FlowWorld({
      flow: flowOf({
        split: { type: 'parallel', branches: ['finance', 'legal'] },
        finance: {
          type: 'task',
          assignee: { role: 'finance' },
          actions: ['approve', 'reject'],
          onApprove: 'merge',
        },
        legal: {
          type: 'task',
          assignee: { role: 'legal' },
          mode: 'all',
          actions: ['approve'],
          onApprove: 'merge',
        },
        merge: { type: 'join', next: 'done' },
        done: { type: 'end', outcome: 'completed' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    const legal = w.task('legal').id;
    w.complete('finance', 'fin1', 'reject');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', tasks: [] });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: legal }]);
    expect(w.history().at(-1)).toMatchObject({
      type: 'instance.ended',
      node: 'finance',
      detail: { outcome: 'rejected', parallel: 'split', branch: 'finance' },
    });
  });

  it('an end outside any split names no branch', () => {
    const w = splitWorld();
    w.start();
    w.complete('legal', 'legal1');
    w.complete('finance', 'fin1');
    w.complete('it', 'it1');
    const ended = w.history().at(-1) as { detail?: Record<string, unknown> };
    expect(ended.detail).toEqual({ outcome: 'completed' });
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
