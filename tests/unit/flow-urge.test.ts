import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = { desk1: ['desk'], a1: ['approver'], a2: ['approver'], boss: ['manager'] };

function world() {
  return new FlowWorld({
    flow: flowOf({
      intake: { type: 'task', name: { en: 'Intake', zh: '受理' }, assignee: { role: 'desk' }, next: 'sign' },
      sign: {
        type: 'task',
        name: { en: 'Sign off', zh: '会签' },
        assignee: { role: 'approver' },
        mode: 'all',
        actions: ['approve', 'reject'],
        next: 'done',
      },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    users: USERS,
  });
}

describe('催办 (task.urge)', () => {
  it('reminds the assignees in the app, with the comment, and records task.urged; nothing moves', () => {
    const w = world();
    w.start();
    const before = w.snapshot;
    const task = w.task('intake');
    w.send({ type: 'task.urge', taskId: task.id, comment: '  客户很着急 ' }, 'customer1');
    expect(w.effectsOf('notify')).toEqual([
      {
        type: 'notify',
        node: 'intake',
        channel: 'inapp',
        to: [{ role: 'desk' }],
        subject: { en: 'Urged: Intake', zh: '催办：受理' },
        text: {
          en: expect.stringContaining('"Intake" is waiting for you'),
          zh: '「受理」正在等您处理，请尽快办理。\n留言：客户很着急',
        },
        reason: 'urge',
        taskId: task.id,
      },
    ]);
    expect(w.history()).toEqual([
      expect.objectContaining({
        type: 'task.urged',
        node: 'intake',
        actor: 'customer1',
        comment: '客户很着急',
        detail: { taskId: task.id, to: [{ role: 'desk' }] },
      }),
    ]);
    expect(w.snapshot.tasks).toEqual(before.tasks);
    expect(w.snapshot.tokens).toEqual(before.tokens);
    expect(w.snapshot.seq).toBe(before.seq + 1);
  });

  it('without a comment the history has none', () => {
    const w = world();
    w.start();
    w.send({ type: 'task.urge', taskId: w.task('intake').id }, 'customer1');
    expect(w.history()[0]).not.toHaveProperty('comment');
    expect(w.effectsOf('notify')[0]!.text.en).not.toContain('\n');
  });

  it('会签: only the assignees who have not approved yet are reminded', () => {
    const w = world();
    w.start();
    w.complete('intake', 'desk1');
    w.complete('sign', 'a1', 'approve');
    w.send({ type: 'task.urge', taskId: w.task('sign').id }, 'boss');
    expect(w.effectsOf('notify')[0]!.to).toEqual([{ user: 'a2' }]);
  });

  it('a task that is no longer open cannot be urged', () => {
    const w = world();
    w.start();
    const intake = w.task('intake').id;
    w.complete('intake', 'desk1');
    expect(codeOf(() => w.send({ type: 'task.urge', taskId: intake }, 'customer1'))).toBe(
      'FC_TASK_ALREADY_DONE',
    );
  });

  it('a finished case cannot be urged', () => {
    const w = world();
    w.start();
    const intake = w.task('intake').id;
    w.send({ type: 'cancel' }, 'admin');
    expect(codeOf(() => w.send({ type: 'task.urge', taskId: intake }, 'customer1'))).toBe(
      'FC_INSTANCE_NOT_ACTIVE',
    );
  });
});
