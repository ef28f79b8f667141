import { describe, expect, it } from 'vitest';
import { FlowcaseError } from '../../engine/errors.js';
import type { TaskNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf, codeOf } from './flow-test-kit.js';

const USERS = {
  desk1: ['desk'],
  desk2: ['desk'],
  boss: ['manager'],
  fin1: ['finance'],
  fin2: ['finance'],
  owner1: ['technician'],
};

function world(task: Partial<TaskNode>, extra: Record<string, unknown> = {}) {
  return new FlowWorld({
    flow: flowOf(
      {
        work: { type: 'task', assignee: { role: 'desk' }, next: 'done', ...task },
        earlier: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
        done: { type: 'end', outcome: 'completed' },
        rejected_end: { type: 'end', outcome: 'turned_down' },
      },
      'work',
    ),
    form: CASE_FORM,
    users: USERS,
    record: { title: 'Broken screen', owner: 'owner1', ...extra },
  });
}

describe('task node: opening', () => {
  it('opens a task for the resolved assignees when the token arrives, and waits', () => {
    const w = world({
      assignee: [{ role: 'desk' }, { user: 'boss' }, { field: 'owner' }, { submitter: true }],
    });
    w.start();
    expect(w.snapshot.tasks).toHaveLength(1);
    expect(w.task('work').assignees).toEqual([
      { role: 'desk' },
      { user: 'boss' },
      { user: 'owner1' },
      { user: 'customer1' },
    ]);
    expect(w.task('work').iteration).toBe(1);
    expect(w.effectsOf('task.create')[0]!.task).toEqual(w.task('work'));
    expect(w.history().map((h) => h.type)).toEqual(['instance.started', 'task.created']);
    expect(w.activeNodes()).toEqual(['work']);
  });

  it('fails the instance when nobody can be assigned (an empty user field)', () => {
    const w = world({ assignee: { field: 'owner' } }, { owner: undefined });
    w.start();
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure).toEqual({ node: 'work', reason: expect.stringContaining('nobody') });
  });
});

describe('task node: completion checks', () => {
  it('refuses someone who is not an assignee, by user or role', () => {
    const w = world({});
    w.start();
    const before = w.snapshot;
    expect(codeOf(() => w.complete('work', 'boss'))).toBe('FC_TASK_NOT_ASSIGNEE');
    expect(w.snapshot).toBe(before);
  });

  it('refuses an action the node does not allow', () => {
    const w = world({});
    w.start();
    expect(codeOf(() => w.complete('work', 'desk1', 'approve'))).toBe('FC_ACTION_NOT_ALLOWED');
  });

  it('refuses completing a task that is no longer open', () => {
    const w = world({ next: 'earlier' });
    w.start();
    const id = w.task('work').id;
    w.complete('work', 'desk1');
    expect(codeOf(() => w.send({ type: 'task.complete', taskId: id, action: 'submit' }, 'desk1'))).toBe(
      'FC_TASK_ALREADY_DONE',
    );
  });

  it('refuses data the node may not write, and keeps the snapshot and record unchanged', () => {
    const w = world({ fields: { editable: ['note'], required: ['note'] } });
    w.start();
    const snapshot = structuredClone(w.snapshot);
    const record = structuredClone(w.record);
    let error: unknown;
    try {
      w.complete('work', 'desk1', 'submit', { data: { amount: 5, note: 'x' } });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlowcaseError);
    expect((error as FlowcaseError).code).toBe('FC_VALIDATION_FAILED');
    expect((error as FlowcaseError).problems.map((p) => p.path)).toContain('/amount');
    expect(w.snapshot).toEqual(snapshot);
    expect(w.record).toEqual(record);
  });

  it("requires the node's required fields on submit", () => {
    const w = world({ fields: { editable: ['note'], required: ['note'] } });
    w.start();
    expect(codeOf(() => w.complete('work', 'desk1', 'submit', { data: {} }))).toBe('FC_VALIDATION_FAILED');
  });
});

describe('task node: submit, approve, reject', () => {
  it('submit writes the data, records old → new in history and moves on', () => {
    const w = world({ fields: { editable: ['note', 'amount'] }, next: 'earlier' });
    w.start();
    w.complete('work', 'desk2', 'submit', { data: { note: 'checked', amount: 12 }, comment: 'looks fine' });
    expect(w.record).toMatchObject({ note: 'checked', amount: 12, title: 'Broken screen' });
    const completed = w.history().find((h) => h.type === 'task.completed')!;
    expect(completed).toMatchObject({
      node: 'work',
      action: 'submit',
      actor: 'desk2',
      comment: 'looks fine',
    });
    expect(completed.changes).toEqual(
      expect.arrayContaining([
        { field: 'note', from: null, to: 'checked' },
        { field: 'amount', from: null, to: 12 },
      ]),
    );
    expect(w.effectsOf('record.update')).toEqual([
      { type: 'record.update', node: 'work', form: 'case', target: 'self', changes: completed.changes },
    ]);
    expect(w.effectsOf('task.complete')).toEqual([
      { type: 'task.complete', taskId: expect.any(String), action: 'submit', by: 'desk2' },
    ]);
    expect(w.activeNodes()).toEqual(['earlier']);
  });

  it('approve goes to onApprove, reject to onReject', () => {
    const a = world({ actions: ['approve', 'reject'], onApprove: 'earlier', onReject: 'rejected_end' });
    a.start();
    a.complete('work', 'desk1', 'approve');
    expect(a.activeNodes()).toEqual(['earlier']);
    const r = world({ actions: ['approve', 'reject'], onApprove: 'earlier', onReject: 'rejected_end' });
    r.start();
    r.complete('work', 'desk1', 'reject', { comment: 'not ours' });
    expect(r.snapshot).toMatchObject({ status: 'done', outcome: 'turned_down' });
  });

  it('a rejection without onReject ends the instance with outcome "rejected"', () => {
    const w = world({ actions: ['approve', 'reject'] });
    w.start();
    w.complete('work', 'desk1', 'reject');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'rejected', tasks: [], tokens: [] });
    expect(w.effectsOf('instance.end')).toEqual([
      { type: 'instance.end', status: 'done', outcome: 'rejected' },
    ]);
  });
});

describe('task node: return and transfer', () => {
  function reworkWorld() {
    return new FlowWorld({
      flow: flowOf({
        fix: {
          type: 'task',
          assignee: { role: 'technician' },
          fields: { editable: ['note'] },
          next: 'check',
        },
        check: { type: 'task', assignee: { role: 'desk' }, actions: ['approve', 'return'], next: 'done' },
        other: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
  }

  it('re-opens an earlier task node with the data as it stands, counting the iteration', () => {
    const w = reworkWorld();
    w.start();
    w.complete('fix', 'owner1', 'submit', { data: { note: 'first try' } });
    w.complete('check', 'desk1', 'return', { returnTo: 'fix', comment: 'still cracked' });
    expect(w.task('fix').iteration).toBe(2);
    expect(w.snapshot.visits).toEqual({ fix: 2, check: 1 });
    expect(w.record.note).toBe('first try');
    expect(w.effectsOf('task.cancel')).toHaveLength(1);
    expect(w.history().find((h) => h.type === 'task.returned')).toMatchObject({
      action: 'return',
      comment: 'still cracked',
      detail: { to: 'fix' },
    });
  });

  it('refuses to return to a node that was not visited, is not a task, or is itself', () => {
    const w = reworkWorld();
    w.start();
    w.complete('fix', 'owner1');
    for (const returnTo of ['other', 'done', 'check', 'nowhere', undefined]) {
      expect(
        codeOf(() => w.complete('check', 'desk1', 'return', returnTo === undefined ? {} : { returnTo })),
      ).toBe('FC_RETURN_TARGET_INVALID');
    }
  });

  it("a node's returnTo list allows exactly those targets", () => {
    const w = new FlowWorld({
      flow: flowOf({
        a: { type: 'task', assignee: { role: 'desk' }, next: 'b' },
        b: { type: 'task', assignee: { role: 'desk' }, next: 'c' },
        c: { type: 'task', assignee: { role: 'desk' }, actions: ['return'], returnTo: ['b'], next: 'done' },
        done: { type: 'end' },
      }),
      form: CASE_FORM,
      users: USERS,
    });
    w.start();
    w.complete('a', 'desk1');
    w.complete('b', 'desk1');
    expect(codeOf(() => w.complete('c', 'desk1', 'return', { returnTo: 'a' }))).toBe(
      'FC_RETURN_TARGET_INVALID',
    );
    w.complete('c', 'desk1', 'return', { returnTo: 'b' });
    expect(w.activeNodes()).toEqual(['b']);
  });

  it('transfer hands the task to another user and records it', () => {
    const w = world({ actions: ['submit', 'transfer'] });
    w.start();
    w.complete('work', 'desk1', 'transfer', { to: 'boss', comment: 'on leave' });
    expect(w.task('work').assignees).toEqual([{ user: 'boss' }]);
    expect(w.effectsOf('task.update')[0]!.task.assignees).toEqual([{ user: 'boss' }]);
    expect(w.history()[0]).toMatchObject({
      type: 'task.transferred',
      action: 'transfer',
      comment: 'on leave',
      detail: { from: 'desk1', to: 'boss' },
    });
    expect(codeOf(() => w.complete('work', 'desk1'))).toBe('FC_TASK_NOT_ASSIGNEE');
    w.complete('work', 'boss');
    expect(w.snapshot.status).toBe('done');
  });

  it('transfer needs a receiver', () => {
    const w = world({ actions: ['submit', 'transfer'] });
    w.start();
    expect(codeOf(() => w.complete('work', 'desk1', 'transfer'))).toBe('FC_BAD_REQUEST');
  });
});

describe('task node: mode all (会签)', () => {
  const allWorld = () =>
    world({
      assignee: [{ role: 'finance' }, { user: 'boss' }],
      mode: 'all',
      actions: ['approve', 'reject'],
      onReject: 'rejected_end',
    });

  it('expands roles to their holders and needs every approval, each recorded', () => {
    const w = allWorld();
    w.start();
    expect(w.task('work').assignees).toEqual([{ user: 'fin1' }, { user: 'fin2' }, { user: 'boss' }]);
    w.complete('work', 'fin2', 'approve', { comment: 'ok' });
    expect(w.history()).toEqual([
      expect.objectContaining({
        type: 'task.approved',
        actor: 'fin2',
        comment: 'ok',
        detail: { taskId: expect.any(String), remaining: 2 },
      }),
    ]);
    expect(codeOf(() => w.complete('work', 'fin2', 'approve'))).toBe('FC_TASK_ALREADY_DONE');
    w.complete('work', 'boss', 'approve');
    expect(w.snapshot.status).toBe('active');
    w.complete('work', 'fin1', 'approve');
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'completed' });
  });

  it('one rejection rejects at once', () => {
    const w = allWorld();
    w.start();
    w.complete('work', 'fin1', 'approve');
    w.complete('work', 'boss', 'reject', { comment: 'too expensive' });
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'turned_down' });
  });
});

describe('task node: mode any (或签)', () => {
  it('the first decision wins', () => {
    const w = world({
      assignee: [{ role: 'desk' }, { user: 'boss' }],
      actions: ['approve', 'reject'],
      onApprove: 'earlier',
    });
    w.start();
    const id = w.task('work').id;
    w.complete('work', 'boss', 'approve');
    expect(codeOf(() => w.send({ type: 'task.complete', taskId: id, action: 'reject' }, 'desk1'))).toBe(
      'FC_TASK_ALREADY_DONE',
    );
  });
});
