import { describe, expect, it } from 'vitest';
import type { BranchNode } from '../../engine/definition/types.js';
import { CASE_FORM, FlowWorld, flowOf } from './flow-test-kit.js';

function branchWorld(branch: Omit<BranchNode, 'type'>, record: Record<string, unknown>, now?: string) {
  return new FlowWorld({
    flow: flowOf({
      route: { type: 'branch', ...branch },
      small: { type: 'end', outcome: 'small' },
      large: { type: 'end', outcome: 'large' },
      vip: { type: 'end', outcome: 'vip' },
    }),
    form: CASE_FORM,
    record,
    now,
    records: { customer: { c1: { tier: 'gold' }, c2: { tier: 'basic' } } },
  });
}

const cases: BranchNode['cases'] = [
  { when: { '==': [{ var: 'customer.tier' }, 'gold'] }, next: 'vip' },
  { when: { '>': [{ var: 'amount' }, 1000] }, next: 'large' },
];

describe('branch node', () => {
  it('the first case that holds wins, reading relations through the lookup', () => {
    const w = branchWorld({ cases, default: 'small' }, { amount: 5000, customer: 'c1' });
    w.start();
    expect(w.snapshot.outcome).toBe('vip');
    expect(w.history().find((h) => h.type === 'branch.taken')).toMatchObject({
      node: 'route',
      detail: { case: 0, next: 'vip' },
    });
  });

  it('later cases are tried in order', () => {
    const w = branchWorld({ cases, default: 'small' }, { amount: 5000, customer: 'c2' });
    w.start();
    expect(w.snapshot.outcome).toBe('large');
  });

  it('falls back to the default', () => {
    const w = branchWorld({ cases, default: 'small' }, { amount: 10 });
    w.start();
    expect(w.snapshot.outcome).toBe('small');
  });

  it('rules see $today from the environment', () => {
    const when = { '<': [{ date_diff: [{ var: 'follow_up' }, { var: '$today' }, 'day'] }, 0] };
    const future = branchWorld(
      { cases: [{ when, next: 'vip' }], default: 'small' },
      { follow_up: '2025-03-10' },
      '2025-03-03T09:00:00.000Z',
    );
    future.start();
    expect(future.snapshot.outcome).toBe('vip');
    const past = branchWorld(
      { cases: [{ when, next: 'vip' }], default: 'small' },
      { follow_up: '2025-03-01' },
      '2025-03-03T09:00:00.000Z',
    );
    past.start();
    expect(past.snapshot.outcome).toBe('small');
  });

  it('no match and no default fails the instance with the reason, without throwing', () => {
    const w = branchWorld({ cases }, { amount: 1 });
    w.start();
    expect(w.snapshot.status).toBe('failed');
    expect(w.snapshot.failure).toEqual({ node: 'route', reason: expect.stringContaining('no default') });
    expect(w.effectsOf('instance.end')).toEqual([{ type: 'instance.end', status: 'failed' }]);
  });

  it('a rule that is not allowed fails the instance rather than running', () => {
    const w = branchWorld({ cases: [{ when: { log: 'x' }, next: 'vip' }], default: 'small' }, {});
    w.start();
    expect(w.snapshot.status).toBe('failed');
  });
});
