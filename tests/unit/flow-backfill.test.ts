import { describe, expect, it } from 'vitest';
import { CASE_FORM, FlowWorld, flowOf, codeOf } from './flow-test-kit.js';

function world() {
  const w = new FlowWorld({
    flow: flowOf(
      {
        intake: {
          type: 'task',
          assignee: { role: 'desk' },
          fields: { editable: ['title'] },
          backfill: ['payment_ref', 'note'],
          next: 'review',
        },
        review: { type: 'task', assignee: { role: 'desk' }, next: 'done' },
        done: { type: 'end', outcome: 'completed' },
      },
      'intake',
    ),
    form: CASE_FORM,
    users: { desk1: ['desk'] },
    record: { title: 'Broken screen' },
  });
  w.start();
  return w;
}

describe('backfill (补录)', () => {
  it('writes the listed fields of a done step and records old → new in the history', () => {
    const w = world();
    w.complete('intake', 'desk1');
    const seq = w.snapshot.seq;
    w.send(
      { type: 'backfill', node: 'intake', data: { payment_ref: 'R-7' }, comment: 'late reference' },
      'desk1',
    );
    expect(w.record.payment_ref).toBe('R-7');
    expect(w.history()).toEqual([
      expect.objectContaining({
        seq: seq + 1,
        type: 'record.backfilled',
        node: 'intake',
        comment: 'late reference',
        changes: [{ field: 'payment_ref', from: null, to: 'R-7' }],
      }),
    ]);
    expect(w.effectsOf('record.update')).toEqual([
      expect.objectContaining({ target: 'self', changes: [{ field: 'payment_ref', from: null, to: 'R-7' }] }),
    ]);
    expect(w.activeNodes()).toEqual(['review']);
  });

  it('refuses fields the step does not list, and steps that are not done yet', () => {
    const w = world();
    expect(
      codeOf(() => w.send({ type: 'backfill', node: 'intake', data: { payment_ref: 'R-1' } }, 'desk1')),
    ).toBe('FC_ACTION_NOT_ALLOWED');
    w.complete('intake', 'desk1');
    expect(codeOf(() => w.send({ type: 'backfill', node: 'intake', data: { amount: 5 } }, 'desk1'))).toBe(
      'FC_VALIDATION_FAILED',
    );
    expect(codeOf(() => w.send({ type: 'backfill', node: 'review', data: { note: 'x' } }, 'desk1'))).toBe(
      'FC_ACTION_NOT_ALLOWED',
    );
    expect(codeOf(() => w.send({ type: 'backfill', node: 'nowhere', data: { note: 'x' } }, 'desk1'))).toBe(
      'FC_ACTION_NOT_ALLOWED',
    );
  });

  it('still works once the case has finished', () => {
    const w = world();
    w.complete('intake', 'desk1');
    w.complete('review', 'desk1');
    expect(w.snapshot.status).toBe('done');
    w.send({ type: 'backfill', node: 'intake', data: { note: 'customer called back' } }, 'desk1');
    expect(w.record.note).toBe('customer called back');
    expect(w.snapshot.status).toBe('done');
  });
});
