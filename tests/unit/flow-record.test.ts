import { describe, expect, it } from 'vitest';
import type { RecordNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function recordWorld(node: Partial<RecordNode>) {
  return new FlowWorld({
    flow: flowOf({
      act: { type: 'record', action: 'update', form: 'case', set: {}, next: 'done', ...node },
      done: { type: 'end' },
    }),
    form: CASE_FORM,
    record: { title: 'Hinge', amount: 40, customer: 'c1' },
    records: { customer: { c1: { tier: 'basic', name: 'Ada' } } },
  });
}

describe('record node', () => {
  it("update without target writes onto the instance's own record", () => {
    const w = recordWorld({
      set: { amount: { '*': [{ var: 'amount' }, 2] }, note: { cat: ['stamped ', { var: '$today' }] } },
    });
    const { record } = w.start();
    expect(record).toMatchObject({ amount: 80, note: 'stamped 2025-03-03', title: 'Hinge' });
    const changes = [
      { field: 'amount', from: 40, to: 80 },
      { field: 'note', from: null, to: 'stamped 2025-03-03' },
    ];
    expect(w.effectsOf('record.update')).toEqual([
      { type: 'record.update', node: 'act', form: 'case', target: 'self', changes },
    ]);
    expect(w.history().find((h) => h.type === 'record.updated')?.changes).toEqual(changes);
  });

  it('update with a target changes that record of the named form (from values via lookup)', () => {
    const w = recordWorld({ form: 'customer', target: { var: 'customer' }, set: { tier: 'gold' } });
    const { record } = w.start();
    expect(record.customer).toBe('c1');
    expect(w.effectsOf('record.update')).toEqual([
      {
        type: 'record.update',
        node: 'act',
        form: 'customer',
        target: 'c1',
        changes: [{ field: 'tier', from: 'basic', to: 'gold' }],
      },
    ]);
  });

  it('a target that is not a record id fails the instance', () => {
    const w = recordWorld({ form: 'customer', target: { var: 'owner' }, set: { tier: 'gold' } });
    w.start();
    expect(w.snapshot.status).toBe('failed');
  });

  it('create asks for a new record with a fresh id', () => {
    const w = recordWorld({
      action: 'create',
      form: 'followup',
      set: { about: { var: 'title' }, due: { date_add: [{ var: '$today' }, 7, 'day'] } },
    });
    w.start();
    expect(w.effectsOf('record.create')).toEqual([
      {
        type: 'record.create',
        node: 'act',
        form: 'followup',
        recordId: expect.any(String),
        data: { about: 'Hinge', due: '2025-03-10' },
      },
    ]);
    expect(w.snapshot.status).toBe('done');
  });

  it('never mutates the record it was given', () => {
    const w = recordWorld({ set: { amount: 1 } });
    const given = w.record;
    const copy = structuredClone(given);
    w.start();
    expect(given).toEqual(copy);
  });
});
