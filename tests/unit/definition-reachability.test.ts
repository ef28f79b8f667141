import { describe, expect, it } from 'vitest';
import { found, withFlow } from './definition-test-kit.js';

describe('validateBundle: every node reachable, every node able to end', () => {
  it('reports a node nothing leads to', () => {
    const { bundle, nodes } = withFlow();
    nodes.orphan = { type: 'wait', duration: 'P1D', next: 'closed' };
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/orphan', code: 'flow.unreachable' }]);
  });

  it('reports nodes only reachable from an unreachable node, too', () => {
    const { bundle, nodes } = withFlow();
    nodes.cancelled = {
      type: 'notify',
      to: [{ submitter: true }],
      channel: 'email',
      template: 'Cancelled',
      next: 'cancelled_end',
    };
    nodes.cancelled_end = { type: 'end' };
    nodes.payment.onTimeout = 'closed';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/cancelled', code: 'flow.unreachable' },
      { path: '/flows/0/nodes/cancelled_end', code: 'flow.unreachable' },
    ]);
  });

  it('accepts a loop with an exit (the rework loop from qa back to triage)', () => {
    const { bundle, nodes } = withFlow();
    expect(nodes.qa.onReject).toBe('triage');
    expect(found(bundle)).toEqual([]);
  });

  it('reports every node of a loop without a way out, and nodes that can only enter it', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.next = 'remind';
    nodes.remind = {
      type: 'notify',
      to: [{ submitter: true }],
      channel: 'sms',
      template: 'Please pick up {{ticket_no}}',
      next: 'wait_pickup',
    };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/closed', code: 'flow.unreachable' },
      { path: '/flows/0/nodes/remind', code: 'flow.no_end' },
      { path: '/flows/0/nodes/update_customer', code: 'flow.no_end' },
      { path: '/flows/0/nodes/wait_pickup', code: 'flow.no_end' },
    ]);
  });

  it('reports a node that waits for ever in a self-loop', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.next = 'wait_pickup';
    const problems = found(bundle);
    expect(problems).toContainEqual({ path: '/flows/0/nodes/wait_pickup', code: 'flow.no_end' });
  });

  it('reports a task with no way forward', () => {
    const { bundle, nodes } = withFlow();
    delete nodes.qa.onApprove;
    delete nodes.qa.onReject;
    expect(found(bundle)).toContainEqual({ path: '/flows/0/nodes/qa', code: 'flow.no_end' });
  });

  it('does not pile graph problems on top of a dangling reference', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.next = 'closing';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/closed', code: 'flow.unreachable' },
      { path: '/flows/0/nodes/wait_pickup/next', code: 'ref.unknown_node' },
    ]);
  });

  it('skips graph checks for a flow whose nodes the schema rejected', () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup = { type: 'sleep', next: 'closed' };
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/wait_pickup/type', code: 'schema.unknown_type' }]);
  });
});
