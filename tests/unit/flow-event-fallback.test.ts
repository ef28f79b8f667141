/**
 * An `event` node's staff fallback: a task that resolves the wait by hand when the other system
 * never calls, opened at once or after a delay, cancelled when the event comes or the wait times out.
 */
import { describe, expect, it } from 'vitest';
import type { EventNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, codeOf, flowOf } from './flow-test-kit.js';

const USERS = { cash1: ['cashier'], desk1: ['desk'] };

function world(node: Partial<EventNode> = {}) {
  return new FlowWorld({
    flow: flowOf({
      paid: {
        type: 'event',
        name: 'payment.confirmed',
        fields: ['payment_ref', 'paid'],
        timeout: 'P1D',
        onTimeout: 'chase',
        next: 'done',
        fallback: {
          assignee: { role: 'cashier' },
          name: { en: 'Confirm the payment by hand', zh: '人工确认收款' },
          fields: { visible: ['title', 'payment_ref', 'paid'], required: ['payment_ref'] },
        },
        ...node,
      },
      chase: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
      done: { type: 'end', outcome: 'paid' },
    }),
    form: CASE_FORM,
    users: USERS,
    record: { title: 'Repair 42' },
  });
}

describe('event fallback: a staff task as a way out', () => {
  it('opens the fallback task at once beside the wait, named as the designer says', () => {
    const w = world();
    w.start();
    expect(w.activeNodes()).toEqual(['paid']);
    expect(w.task('paid')).toMatchObject({
      assignees: [{ role: 'cashier' }],
      mode: 'any',
      fallback: true,
      iteration: 1,
    });
    expect(w.effectsOf('task.create')[0]!.nodeName).toEqual({
      en: 'Confirm the payment by hand',
      zh: '人工确认收款',
    });
    expect(w.snapshot.timers.map((t) => t.kind)).toEqual(['event.timeout']);
  });

  it("completing it writes the event's fields from the task's data and moves on as the event would", () => {
    const w = world();
    w.start();
    const task = w.task('paid');
    w.complete('paid', 'cash1', 'submit', {
      data: { payment_ref: 'POS-7', paid: 80 },
      comment: 'paid at the counter',
    });
    expect(w.record).toMatchObject({ payment_ref: 'POS-7', paid: 80 });
    expect(w.snapshot).toMatchObject({ status: 'done', outcome: 'paid' });
    const types = w.history().map((h) => h.type);
    expect(types.slice(0, 2)).toEqual(['task.completed', 'event.resolved']);
    expect(w.history()[0]).toMatchObject({
      actor: 'cash1',
      action: 'submit',
      comment: 'paid at the counter',
      detail: { taskId: task.id, fallback: true },
    });
    expect(w.effectsOf('timer.cancel')).toHaveLength(1);
  });

  it('holds the task to its field rules: required fields, fields it may not write, the action and the assignee', () => {
    const w = world();
    w.start();
    expect(codeOf(() => w.complete('paid', 'cash1', 'submit', { data: { paid: 80 } }))).toBe(
      'FC_VALIDATION_FAILED',
    );
    expect(
      codeOf(() => w.complete('paid', 'cash1', 'submit', { data: { payment_ref: 'X', title: 'renamed' } })),
    ).toBe('FC_VALIDATION_FAILED');
    expect(codeOf(() => w.complete('paid', 'cash1', 'approve', { data: { payment_ref: 'X' } }))).toBe(
      'FC_ACTION_NOT_ALLOWED',
    );
    expect(codeOf(() => w.complete('paid', 'desk1', 'submit', { data: { payment_ref: 'X' } }))).toBe(
      'FC_TASK_NOT_ASSIGNEE',
    );
  });

  it('the event arriving cancels the fallback task', () => {
    const w = world();
    w.start();
    const task = w.task('paid');
    w.send({ type: 'event.receive', name: 'payment.confirmed', payload: { payment_ref: 'WX-1', paid: 80 } });
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: task.id }]);
    expect(w.snapshot).toMatchObject({ status: 'done', tasks: [] });
  });

  it('with `after`, the task opens only when the delay has passed; the event before then leaves no task', () => {
    const w = world({ fallback: { assignee: { role: 'cashier' }, after: 'PT2H' } });
    w.start();
    expect(w.snapshot.tasks).toEqual([]);
    expect(w.snapshot.timers.map((t) => t.kind).sort()).toEqual(['event.fallback', 'event.timeout']);
    w.fire('event.fallback');
    expect(w.task('paid')).toMatchObject({ fallback: true });
    expect(w.history().map((h) => h.type)).toEqual(['task.created']);
    w.complete('paid', 'cash1', 'submit', { data: { payment_ref: 'POS-8' } });
    expect(w.snapshot.status).toBe('done');
    expect(w.snapshot.timers).toEqual([]);

    const early = world({ fallback: { assignee: { role: 'cashier' }, after: 'PT2H' } });
    early.start();
    early.send({ type: 'event.receive', name: 'payment.confirmed', payload: { paid: 80 } });
    expect(early.effectsOf('timer.cancel')).toHaveLength(2);
    expect(early.effectsOf('task.create')).toEqual([]);
  });

  it('the wait timing out cancels the fallback task and takes the timeout path', () => {
    const w = world();
    w.start();
    const task = w.task('paid');
    w.fire('event.timeout');
    expect(w.effectsOf('task.cancel')).toEqual([{ type: 'task.cancel', taskId: task.id }]);
    expect(w.activeNodes()).toEqual(['chase']);
  });

  it('nobody to assign it to is an incident, not a stranded case', () => {
    const w = world({ fallback: { assignee: { field: 'owner' } } });
    w.start();
    expect(w.snapshot).toMatchObject({
      status: 'failed',
      failure: { node: 'paid', reason: expect.stringContaining('nobody') },
    });
  });
});
