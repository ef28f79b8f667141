/**
 * 加签 (add signer) in the pure engine: an assignee adds a person before themselves (they act first,
 * the task waits) or after themselves (they act once the task is completed, before the flow moves
 * on), with a comment, under `mode: any` and `mode: all`.
 */
import { describe, expect, it } from 'vitest';
import type { TaskNode } from '../../engine/definition/types.js';
import { restoreSnapshot } from '../../engine/flow/index.js';
import type { FlowEvent, OpenTask } from '../../engine/flow/index.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = {
  desk1: ['desk'],
  desk2: ['desk'],
  boss: ['manager'],
  fin1: ['finance'],
  fin2: ['finance'],
  tech1: ['technician'],
};

function world(task: Partial<TaskNode> = {}) {
  return new FlowWorld({
    flow: flowOf(
      {
        work: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['approve', 'reject', 'addSigner', 'transfer'],
          fields: { editable: ['note', 'amount'], required: ['note'] },
          onApprove: 'next_step',
          onReject: 'turned_down',
          ...task,
        },
        next_step: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
        done: { type: 'end', outcome: 'completed' },
        turned_down: { type: 'end', outcome: 'turned_down' },
      },
      'work',
    ),
    form: CASE_FORM,
    users: USERS,
    record: { title: 'Refund request', amount: 120 },
  });
}

const add = (
  w: FlowWorld,
  actor: string,
  user: string,
  position: 'before' | 'after',
  comment = 'please check the amount',
  taskId = own(w).id,
) => w.send({ type: 'task.addSigner', taskId, user, position, comment }, actor);

/** The step's own task (not a signer's). */
const own = (w: FlowWorld, node = 'work'): OpenTask =>
  w.snapshot.tasks.find((t) => t.node === node && !t.sign)!;
/** The open signer task of `user`. */
const signerTask = (w: FlowWorld, user: string): OpenTask | undefined =>
  w.snapshot.tasks.find((t) => t.sign && t.assignees.some((a) => 'user' in a && a.user === user));
const act = (
  w: FlowWorld,
  task: OpenTask,
  actor: string,
  action: 'approve' | 'reject' | 'submit' | 'transfer',
  extra: Partial<Extract<FlowEvent, { type: 'task.complete' }>> = {},
) => w.send({ type: 'task.complete', taskId: task.id, action, ...extra }, actor);

describe('加签 before: the added person acts first', () => {
  it('opens a task for the signer at the same node, audited with the comment, and the adder waits', () => {
    const w = world();
    w.start();
    const work = own(w);
    add(w, 'desk1', 'boss', 'before');
    const signer = signerTask(w, 'boss')!;
    expect(signer).toMatchObject({
      node: 'work',
      tokenId: work.tokenId,
      assignees: [{ user: 'boss' }],
      iteration: 1,
      sign: { position: 'before', by: 'desk1', of: work.id },
    });
    expect(own(w).waitingFor).toEqual([{ taskId: signer.id, user: 'boss', slot: { role: 'desk' } }]);
    expect(w.history()).toEqual([
      expect.objectContaining({
        type: 'task.created',
        node: 'work',
        detail: expect.objectContaining({ taskId: signer.id, signer: 'before', of: work.id }),
      }),
      expect.objectContaining({
        type: 'task.signer_added',
        actor: 'desk1',
        action: 'addSigner',
        comment: 'please check the amount',
        detail: { taskId: work.id, user: 'boss', position: 'before', signerTaskId: signer.id },
      }),
    ]);
    expect(w.effectsOf('task.create')).toHaveLength(1);
    // Nobody completes the waiting task meanwhile (mode any: not the adder, not a colleague).
    expect(codeOf(() => act(w, own(w), 'desk1', 'approve', { data: { note: 'ok' } }))).toBe(
      'FC_ACTION_NOT_ALLOWED',
    );
    expect(codeOf(() => act(w, own(w), 'desk2', 'approve', { data: { note: 'ok' } }))).toBe(
      'FC_ACTION_NOT_ALLOWED',
    );
    expect(codeOf(() => act(w, own(w), 'desk1', 'transfer', { to: 'desk2' }))).toBe('FC_ACTION_NOT_ALLOWED');
  });

  it("the signer's agreement hands the task back; their data stands and required fields are not theirs to fill", () => {
    const w = world();
    w.start();
    add(w, 'desk1', 'boss', 'before');
    act(w, signerTask(w, 'boss')!, 'boss', 'approve', { data: { amount: 100 }, comment: 'cap it at 100' });
    expect(w.record.amount).toBe(100);
    expect(w.history()).toEqual([
      expect.objectContaining({
        type: 'task.completed',
        actor: 'boss',
        action: 'approve',
        comment: 'cap it at 100',
        detail: expect.objectContaining({ signer: 'before' }),
      }),
    ]);
    expect(w.effectsOf('task.complete')).toEqual([
      { type: 'task.complete', taskId: expect.any(String), action: 'approve', by: 'boss' },
    ]);
    expect(own(w).waitingFor).toBeUndefined();
    expect(w.activeNodes()).toEqual(['work']);
    act(w, own(w), 'desk1', 'approve', { data: { note: 'agreed with boss' } });
    expect(w.activeNodes()).toEqual(['next_step']);
  });

  it("the signer's rejection rejects the step and cancels the waiting task", () => {
    const w = world();
    w.start();
    const work = own(w);
    add(w, 'desk1', 'boss', 'before');
    act(w, signerTask(w, 'boss')!, 'boss', 'reject', { comment: 'not covered' });
    expect(w.snapshot.tasks.some((t) => t.id === work.id)).toBe(false);
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: work.id }]);
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'turned_down' });
  });

  it('mode all (会签): only the adder waits; the others approve, and the task needs the signer and the adder too', () => {
    const w = world({ assignee: { role: 'finance' }, mode: 'all', fields: { editable: ['note'] } });
    w.start();
    add(w, 'fin1', 'boss', 'before');
    expect(codeOf(() => act(w, own(w), 'fin1', 'approve'))).toBe('FC_ACTION_NOT_ALLOWED');
    act(w, own(w), 'fin2', 'approve');
    expect(w.activeNodes()).toEqual(['work']);
    act(w, signerTask(w, 'boss')!, 'boss', 'approve');
    expect(w.activeNodes()).toEqual(['work']);
    act(w, own(w), 'fin1', 'approve');
    expect(w.activeNodes()).toEqual(['next_step']);
  });

  it('mode all: another approver rejecting rejects the step and cancels the signer task', () => {
    const w = world({ assignee: { role: 'finance' }, mode: 'all', fields: { editable: ['note'] } });
    w.start();
    add(w, 'fin1', 'boss', 'before');
    const signer = signerTask(w, 'boss')!;
    act(w, own(w), 'fin2', 'reject');
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: signer.id }]);
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'turned_down', tasks: [] });
  });
});

describe('加签 after: the added person acts once the task is completed', () => {
  it('queues the signer; completing the task opens theirs, and their agreement moves the flow on', () => {
    const w = world();
    w.start();
    add(w, 'desk1', 'boss', 'after', 'over 100, the manager signs too');
    expect(own(w).signersAfter).toEqual([{ user: 'boss', by: 'desk1' }]);
    expect(w.effectsOf('task.create')).toEqual([]);
    const work = own(w);
    act(w, work, 'desk1', 'approve', { data: { note: 'fine' } });
    expect(w.effectsOf('task.complete')).toEqual([
      { type: 'task.complete', taskId: work.id, action: 'approve', by: 'desk1' },
    ]);
    expect(w.activeNodes()).toEqual(['work']);
    const signer = signerTask(w, 'boss')!;
    expect(signer.sign).toEqual({ position: 'after', by: 'desk1', of: work.id });
    act(w, signer, 'boss', 'approve');
    expect(w.activeNodes()).toEqual(['next_step']);
  });

  it('several after-signers act in the order they were added; a rejection rejects the step', () => {
    const w = world();
    w.start();
    add(w, 'desk1', 'boss', 'after');
    add(w, 'desk1', 'fin1', 'after');
    act(w, own(w), 'desk1', 'approve', { data: { note: 'fine' } });
    expect(signerTask(w, 'fin1')).toBeUndefined();
    act(w, signerTask(w, 'boss')!, 'boss', 'approve');
    expect(w.activeNodes()).toEqual(['work']);
    act(w, signerTask(w, 'fin1')!, 'fin1', 'reject', { comment: 'no budget' });
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'turned_down' });
  });

  it("an after-signer completes the step, so the node's required fields apply to them", () => {
    const w = world();
    w.start();
    add(w, 'desk1', 'boss', 'after');
    act(w, own(w), 'desk1', 'approve', { data: { note: 'fine' } });
    expect(codeOf(() => act(w, signerTask(w, 'boss')!, 'boss', 'approve', { data: { note: null } }))).toBe(
      'FC_VALIDATION_FAILED',
    );
    expect(w.activeNodes()).toEqual(['work']);
  });

  it('mode all: after-signers act once every approver has approved', () => {
    const w = world({ assignee: { role: 'finance' }, mode: 'all', fields: { editable: ['note'] } });
    w.start();
    add(w, 'fin1', 'boss', 'after');
    act(w, own(w), 'fin1', 'approve');
    expect(signerTask(w, 'boss')).toBeUndefined();
    act(w, own(w), 'fin2', 'approve');
    act(w, signerTask(w, 'boss')!, 'boss', 'approve');
    expect(w.activeNodes()).toEqual(['next_step']);
  });
});

describe('加签: what is refused', () => {
  it('a node that does not list addSigner', () => {
    const w = world({ actions: ['approve', 'reject'] });
    w.start();
    expect(codeOf(() => add(w, 'desk1', 'boss', 'before'))).toBe('FC_ACTION_NOT_ALLOWED');
  });

  it('someone who is not an assignee, a missing comment, oneself, the same person twice, a bad position', () => {
    const w = world();
    w.start();
    expect(codeOf(() => add(w, 'boss', 'fin1', 'before'))).toBe('FC_TASK_NOT_ASSIGNEE');
    expect(codeOf(() => add(w, 'desk1', 'boss', 'before', '  '))).toBe('FC_VALIDATION_FAILED');
    expect(codeOf(() => add(w, 'desk1', 'desk1', 'after'))).toBe('FC_VALIDATION_FAILED');
    add(w, 'desk1', 'boss', 'after');
    expect(codeOf(() => add(w, 'desk1', 'boss', 'after'))).toBe('FC_VALIDATION_FAILED');
    expect(
      codeOf(() =>
        w.send(
          {
            type: 'task.addSigner',
            taskId: own(w).id,
            user: 'fin1',
            position: 'beside' as 'before',
            comment: 'x',
          },
          'desk1',
        ),
      ),
    ).toBe('FC_BAD_REQUEST');
    expect(codeOf(() => add(w, 'desk1', 'fin1', 'before', 'x', 'no-such-task'))).toBe('FC_TASK_ALREADY_DONE');
  });

  it('a signer may not add, transfer or return, and only the signer acts on their task', () => {
    const w = world();
    w.start();
    add(w, 'desk1', 'boss', 'before');
    const signer = signerTask(w, 'boss')!;
    expect(codeOf(() => add(w, 'boss', 'fin1', 'before', 'x', signer.id))).toBe('FC_ACTION_NOT_ALLOWED');
    expect(codeOf(() => act(w, signer, 'boss', 'transfer', { to: 'fin1' }))).toBe('FC_ACTION_NOT_ALLOWED');
    expect(codeOf(() => act(w, signer, 'desk1', 'approve'))).toBe('FC_TASK_NOT_ASSIGNEE');
  });

  it('a snapshot with signers survives a save and restore', () => {
    const w = world({ assignee: { role: 'finance' }, mode: 'all' });
    w.start();
    add(w, 'fin1', 'boss', 'before');
    add(w, 'fin2', 'desk1', 'after');
    expect(restoreSnapshot(JSON.parse(JSON.stringify(w.snapshot)))).toStrictEqual(w.snapshot);
  });
});
