/**
 * 撤回 (withdraw) in the pure engine: whoever completed a step takes it back while the next step is
 * untouched; the next task(s) are cancelled and the step reopens (iteration + 1) with the data as it
 * stands. See engine/flow/task-withdraw.ts for the rule.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDef, TaskNode } from '../../engine/definition/types.js';
import { restoreSnapshot } from '../../engine/flow/index.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = { desk1: ['desk'], desk2: ['desk'], boss: ['manager'], fin1: ['finance'], fin2: ['finance'] };

function world(
  nodes: Partial<Record<'intake' | 'review', Partial<TaskNode>>> = {},
  more: FlowDef['nodes'] = {},
) {
  return new FlowWorld({
    flow: flowOf(
      {
        intake: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['submit', 'withdraw'],
          fields: { editable: ['note', 'amount'] },
          next: 'stamp',
          ...nodes.intake,
        },
        stamp: { type: 'record', action: 'update', form: 'case', set: { approved: false }, next: 'route' },
        route: {
          type: 'branch',
          cases: [{ when: { '>': [{ var: 'amount' }, 1000] }, next: 'both' }],
          default: 'review',
        },
        review: {
          type: 'task',
          assignee: { role: 'manager' },
          actions: ['approve', 'reject', 'transfer', 'addSigner', 'withdraw'],
          onApprove: 'done',
          onReject: 'intake',
          ...nodes.review,
        },
        both: { type: 'parallel', branches: ['review', 'finance'] },
        finance: { type: 'task', assignee: { role: 'finance' }, actions: ['approve'], next: 'joined' },
        joined: { type: 'join', next: 'done' },
        done: { type: 'end', outcome: 'completed' },
        ...more,
      },
      'intake',
    ),
    form: CASE_FORM,
    users: USERS,
    record: { title: 'Refund request', amount: 120 },
  });
}

const withdraw = (w: FlowWorld, taskId: string, actor: string, comment?: string) =>
  w.send({ type: 'task.withdraw', taskId, ...(comment ? { comment } : {}) }, actor);

describe('撤回: taking back a step whose next step is untouched', () => {
  it('cancels the next task, reopens the step for the same assignees (iteration 2) with the data as written, and records it', () => {
    const w = world();
    w.start();
    const intake = w.task('intake');
    w.complete('intake', 'desk1', 'submit', { data: { note: 'customer called twice' } });
    const review = w.task('review');
    expect(w.snapshot.withdrawable).toEqual([
      expect.objectContaining({
        taskId: intake.id,
        node: 'intake',
        by: 'desk1',
        opened: [review.id],
        via: ['stamp'],
      }),
    ]);
    withdraw(w, intake.id, 'desk1', 'wrong amount');
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: review.id }]);
    const reopened = w.task('intake');
    expect(reopened).toMatchObject({ assignees: [{ role: 'desk' }], iteration: 2 });
    expect(reopened.id).not.toBe(intake.id);
    expect(w.activeNodes()).toEqual(['intake']);
    expect(w.record).toMatchObject({ note: 'customer called twice', approved: false });
    expect(w.history().map((h) => h.type)).toEqual(['task.withdrawn', 'task.created']);
    expect(w.history()[0]).toMatchObject({
      actor: 'desk1',
      node: 'intake',
      action: 'withdraw',
      comment: 'wrong amount',
      detail: { taskId: intake.id, cancelled: [review.id], via: ['stamp'] },
    });
    expect(w.snapshot.withdrawable).toBeUndefined();
    // The reopened step goes on as usual.
    w.complete('intake', 'desk1', 'submit', { data: { amount: 90 } });
    expect(w.activeNodes()).toEqual(['review']);
  });

  it('only the person who completed the step may take it back', () => {
    const w = world();
    w.start();
    const intake = w.task('intake');
    w.complete('intake', 'desk1');
    expect(codeOf(() => withdraw(w, intake.id, 'desk2'))).toBe('FC_FORBIDDEN');
    expect(codeOf(() => withdraw(w, intake.id, 'boss'))).toBe('FC_FORBIDDEN');
  });

  it.each([
    ['approved', (w: FlowWorld) => w.complete('review', 'boss', 'approve')],
    ['transferred', (w: FlowWorld) => w.complete('review', 'boss', 'transfer', { to: 'desk2' })],
    [
      'given an added signer',
      (w: FlowWorld) =>
        w.send(
          {
            type: 'task.addSigner',
            taskId: w.task('review').id,
            user: 'fin1',
            position: 'after',
            comment: 'budget',
          },
          'boss',
        ),
    ],
  ])('is refused once the next task has been %s', (_what, touch) => {
    const w = world(
      { review: { onApprove: 'later' } },
      { later: { type: 'task', assignee: { role: 'desk' }, next: 'done' } },
    );
    w.start();
    const intake = w.task('intake');
    w.complete('intake', 'desk1');
    touch(w);
    expect(codeOf(() => withdraw(w, intake.id, 'desk1'))).toBe('FC_ACTION_NOT_ALLOWED');
  });

  it('is not offered where the node does not list withdraw', () => {
    const w = world({ intake: { actions: ['submit'] } });
    w.start();
    const intake = w.task('intake');
    w.complete('intake', 'desk1');
    expect(w.snapshot.withdrawable).toBeUndefined();
    expect(codeOf(() => withdraw(w, intake.id, 'desk1'))).toBe('FC_ACTION_NOT_ALLOWED');
  });

  it('is not offered when the move reached something other than tasks (a wait) or ended the instance', () => {
    const w = world(
      { intake: { next: 'pause' } },
      { pause: { type: 'wait', duration: 'PT1H', next: 'review' } },
    );
    w.start();
    w.complete('intake', 'desk1');
    expect(w.snapshot.withdrawable).toBeUndefined();
    const ended = world({ intake: { next: 'done' } });
    ended.start();
    ended.complete('intake', 'desk1');
    expect(ended.snapshot.status).toBe('done');
    expect(ended.snapshot.withdrawable).toBeUndefined();
  });

  it('takes back a move through a parallel split: both branch tasks are cancelled and the single token returns', () => {
    const w = world();
    w.start();
    const intake = w.task('intake');
    const token = w.snapshot.tokens[0]!;
    w.complete('intake', 'desk1', 'submit', { data: { amount: 5000 } });
    expect(w.activeNodes().sort()).toEqual(['finance', 'review']);
    withdraw(w, intake.id, 'desk1');
    expect(w.effectsOf('task.cancel')).toHaveLength(2);
    expect(w.snapshot.tokens).toEqual([{ id: token.id, node: 'intake', since: w.now }]);
    expect(w.snapshot.tasks.map((t) => t.node)).toEqual(['intake']);
  });

  it('a rejection sent back to an earlier step can be taken back too', () => {
    const w = world();
    w.start();
    w.complete('intake', 'desk1');
    const review = w.task('review');
    w.complete('review', 'boss', 'reject', { comment: 'missing receipt' });
    expect(w.activeNodes()).toEqual(['intake']);
    withdraw(w, review.id, 'boss');
    expect(w.task('review').iteration).toBe(2);
    expect(w.activeNodes()).toEqual(['review']);
  });

  it('mode all (会签): the reopened step keeps the other approvals; only the withdrawer approves again', () => {
    const w = world({
      intake: { assignee: { role: 'finance' }, mode: 'all', actions: ['approve', 'withdraw'], next: 'stamp' },
    });
    w.start();
    w.complete('intake', 'fin1', 'approve');
    const intake = w.task('intake');
    w.complete('intake', 'fin2', 'approve');
    withdraw(w, intake.id, 'fin2');
    expect(w.task('intake')).toMatchObject({
      assignees: [{ user: 'fin1' }, { user: 'fin2' }],
      approvals: [{ user: 'fin1' }],
      iteration: 2,
    });
    w.complete('intake', 'fin2', 'approve');
    expect(w.activeNodes()).toEqual(['review']);
  });

  it('a later completion ends the earlier step’s chance: after the next step is done, the first cannot be withdrawn', () => {
    const w = world(
      { review: { onApprove: 'later' } },
      { later: { type: 'task', assignee: { role: 'desk' }, next: 'done' } },
    );
    w.start();
    const intake = w.task('intake');
    w.complete('intake', 'desk1');
    const review = w.task('review');
    w.complete('review', 'boss', 'approve');
    expect(w.snapshot.withdrawable?.map((m) => m.taskId)).toEqual([review.id]);
    expect(codeOf(() => withdraw(w, intake.id, 'desk1'))).toBe('FC_ACTION_NOT_ALLOWED');
    expect(restoreSnapshot(JSON.parse(JSON.stringify(w.snapshot)))).toStrictEqual(w.snapshot);
    withdraw(w, review.id, 'boss');
    expect(w.activeNodes()).toEqual(['review']);
  });
});
