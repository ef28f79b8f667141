import { describe, expect, it } from 'vitest';
import { found, withFlow } from './definition-test-kit.js';

describe('validateBundle: parallel splits and joins', () => {
  it('accepts branches that all meet at one join', () => {
    const { bundle, nodes } = withFlow();
    expect(nodes.work.branches).toEqual(['repair_work', 'order_parts']);
    expect(found(bundle)).toEqual([]);
  });

  it('accepts a branch that goes straight to the join and a nested split with its own join', () => {
    const { bundle, nodes } = withFlow();
    nodes.work.branches = ['repair_work', 'inner', 'work_done'];
    nodes.inner = { type: 'parallel', branches: ['order_parts', 'ping'] };
    nodes.ping = { type: 'webhook', url: 'https://crm.example.com/ping', next: 'inner_done' };
    nodes.order_parts.next = 'inner_done';
    nodes.order_parts.onError = 'inner_done';
    nodes.inner_done = { type: 'join', next: 'work_done' };
    expect(found(bundle)).toEqual([]);
  });

  it('reports a branch that can end before reaching the join', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.onError = 'cancelled';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/work/branches/1', code: 'flow.branch_ends_before_join' },
    ]);
  });

  it('reports branches that meet at different joins, and the join left over', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.next = 'parts_done';
    nodes.order_parts.onError = 'parts_done';
    nodes.parts_done = { type: 'join', next: 'qa' };
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/work', code: 'flow.parallel_unjoined' }]);
  });

  it('reports a join that closes no parallel', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.next = 'stray_join';
    nodes.stray_join = { type: 'join', next: 'closed' };
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/stray_join', code: 'flow.join_unmatched' }]);
  });

  it('reports a branch that never reaches any join', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.next = 'order_parts_retry';
    nodes.order_parts.onError = 'order_parts_retry';
    nodes.order_parts_retry = { type: 'wait', duration: 'PT10M', next: 'order_parts' };
    const problems = found(bundle);
    expect(problems).toContainEqual({
      path: '/flows/0/nodes/work/branches/1',
      code: 'flow.branch_never_joins',
    });
    expect(problems).toContainEqual({ path: '/flows/0/nodes/order_parts_retry', code: 'flow.no_end' });
  });
});
