import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
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

  it('accepts a branch that may end the instance before the join (a terminating end)', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.onError = 'cancelled';
    expect(found(bundle)).toEqual([]);
  });

  it('accepts an end reached through a nested split inside a branch', () => {
    const { bundle, nodes } = withFlow();
    nodes.work.branches = ['repair_work', 'inner'];
    nodes.inner = { type: 'parallel', branches: ['order_parts', 'ping'] };
    nodes.ping = {
      type: 'webhook',
      url: 'https://crm.example.com/ping',
      next: 'inner_done',
      onError: 'cancelled',
    };
    nodes.order_parts.next = 'inner_done';
    nodes.order_parts.onError = 'cancelled';
    nodes.inner_done = { type: 'join', next: 'work_done' };
    expect(found(bundle)).toEqual([]);
  });

  it('reports a branch that ends the instance on every path while its siblings meet at a join', () => {
    const { bundle, nodes } = withFlow();
    nodes.order_parts.next = 'cancelled';
    nodes.order_parts.onError = 'cancelled';
    const problems = validateBundle(bundle);
    expect(problems.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: '/flows/0/nodes/work/branches/1', code: 'flow.branch_never_joins' },
    ]);
    expect(problems[0]!.message).toContain('ends the instance on every path');
    expect(problems[0]!.message).toContain('"work_done"');
  });

  it('accepts a split whose branches all end the instance (the first to finish ends it), with no join', () => {
    const { bundle, nodes } = withFlow();
    nodes.repair_work.next = 'closed';
    nodes.order_parts.next = 'cancelled';
    nodes.order_parts.onError = 'cancelled';
    delete nodes.work_done;
    nodes.qa.onReject = 'cancelled';
    nodes.triage.next = 'route';
    // qa and what follows are no longer reachable from the split; route them from the quote instead.
    nodes.payment.next = 'work';
    nodes.payment.onTimeout = 'qa';
    expect(found(bundle)).toEqual([]);
  });

  it('a split whose branches all only end counts as an end inside an outer branch', () => {
    const { bundle, nodes } = withFlow();
    nodes.work.branches = ['repair_work', 'inner'];
    nodes.inner = { type: 'parallel', branches: ['order_parts', 'ping'] };
    nodes.ping = { type: 'webhook', url: 'https://crm.example.com/ping', next: 'cancelled' };
    nodes.order_parts.next = 'cancelled';
    nodes.order_parts.onError = 'cancelled';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/work/branches/1', code: 'flow.branch_never_joins' },
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
