import { describe, expect, it } from 'vitest';
import { found, validBundle, type Loose } from './definition-test-kit.js';

/**
 * The fixture bundle plus a `followup` flow on the customer form whose `open_repair` node starts
 * the repair flow on a new repair record and remembers it in the customer's `repair_case`.
 */
function withSubflow(): { bundle: Loose; node: Loose; flows: Loose[] } {
  const bundle = validBundle();
  bundle.forms[0].fields.push({ key: 'repair_case', type: 'relation', label: 'Repair case', form: 'repair' });
  bundle.flows.push({
    key: 'followup',
    name: 'Follow-up',
    form: 'customer',
    trigger: { on: 'manual' },
    start: 'open_repair',
    nodes: {
      open_repair: {
        type: 'subflow',
        flow: 'repair_flow',
        record: {
          set: { serial: { var: 'phone' }, description: { cat: ['Follow-up for ', { var: 'name' }] } },
        },
        recordAs: 'repair_case',
        outcomes: { repaired: 'done', cancelled: 'call_back', failed: 'call_back' },
        next: 'call_back',
      },
      call_back: { type: 'task', assignee: { role: 'service_desk' }, actions: ['submit'], next: 'done' },
      done: { type: 'end', outcome: 'followed_up' },
    },
  });
  return { bundle, node: bundle.flows[1].nodes.open_repair, flows: bundle.flows };
}

describe('validateBundle: subflow nodes', () => {
  it('accepts a subflow on a new record with recordAs, outcomes and next', () => {
    expect(found(withSubflow().bundle)).toEqual([]);
  });

  it('accepts a subflow on a linked record (target)', () => {
    const { bundle, node } = withSubflow();
    delete node.record;
    node.target = { var: 'repair_case' };
    expect(found(bundle)).toEqual([]);
  });

  it('needs exactly one of record and target', () => {
    const both = withSubflow();
    both.node.target = { var: 'repair_case' };
    expect(found(both.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair', code: 'subflow.record_or_target' },
    ]);
    const neither = withSubflow();
    delete neither.node.record;
    expect(found(neither.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair', code: 'subflow.record_or_target' },
    ]);
  });

  it('reports an unknown flow, and then does not guess at its fields or outcomes', () => {
    const { bundle, node } = withSubflow();
    node.flow = 'repairs';
    expect(found(bundle)).toEqual([{ path: '/flows/1/nodes/open_repair/flow', code: 'ref.unknown_flow' }]);
  });

  it("reports record.set keys that are not fields of the child flow's form, and bad rules over this form", () => {
    const { bundle, node } = withSubflow();
    node.record.set.serial_no = 'X';
    node.record.set.fault = { var: 'nickname' };
    node.record.set.serial = { eval: ['x'] };
    expect(found(bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/record/set/fault/var', code: 'rule.unknown_field' },
      { path: '/flows/1/nodes/open_repair/record/set/serial/eval', code: 'rule.unknown_operation' },
      { path: '/flows/1/nodes/open_repair/record/set/serial_no', code: 'ref.unknown_field' },
    ]);
  });

  it("holds recordAs to a relation field of this form that links to the child's form", () => {
    const unknown = withSubflow();
    unknown.node.recordAs = 'repair';
    expect(found(unknown.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/recordAs', code: 'ref.unknown_field' },
    ]);
    const notRelation = withSubflow();
    notRelation.node.recordAs = 'name';
    expect(found(notRelation.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/recordAs', code: 'ref.not_relation_field' },
    ]);
    const otherForm = withSubflow();
    otherForm.bundle.forms[0].fields.push({
      key: 'referrer',
      type: 'relation',
      label: 'Referred by',
      form: 'customer',
    });
    otherForm.node.recordAs = 'referrer';
    expect(found(otherForm.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/recordAs', code: 'subflow.record_as_form' },
    ]);
  });

  it('takes outcomes the child ends with, or its failed/cancelled status; other keys and dangling targets are problems', () => {
    const { bundle, node } = withSubflow();
    node.outcomes.completed = 'done';
    node.outcomes.repaired = 'nowhere';
    expect(found(bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/outcomes/completed', code: 'ref.unknown_outcome' },
      { path: '/flows/1/nodes/open_repair/outcomes/repaired', code: 'ref.unknown_node' },
    ]);
  });

  it('counts outcomes as ways on: a node reached only through an outcome is reachable', () => {
    const { bundle, flows } = withSubflow();
    flows[1].nodes.open_repair.next = 'done';
    flows[1].nodes.open_repair.outcomes = { failed: 'call_back' };
    expect(found(bundle)).toEqual([]);
    delete flows[1].nodes.open_repair.outcomes;
    expect(found(bundle)).toEqual([{ path: '/flows/1/nodes/call_back', code: 'flow.unreachable' }]);
  });

  it('refuses a flow that starts itself, directly or through another flow', () => {
    const direct = withSubflow();
    direct.node.flow = 'followup';
    direct.node.record.set = {};
    direct.node.outcomes = {};
    direct.node.recordAs = undefined;
    delete direct.node.recordAs;
    expect(found(direct.bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/flow', code: 'flow.subflow_cycle' },
    ]);

    const { bundle, flows } = withSubflow();
    flows[0].nodes.qa.onApprove = 'back_to_customer';
    flows[0].nodes.back_to_customer = {
      type: 'subflow',
      flow: 'followup',
      target: { var: 'customer' },
      next: 'update_customer',
    };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/back_to_customer/flow', code: 'flow.subflow_cycle' },
      { path: '/flows/1/nodes/open_repair/flow', code: 'flow.subflow_cycle' },
    ]);
  });

  it('is a schema problem to misspell an option or leave out flow or next', () => {
    const { bundle, node } = withSubflow();
    node.recordas = 'repair_case';
    delete node.next;
    expect(found(bundle)).toEqual([
      { path: '/flows/1/nodes/open_repair/next', code: 'schema.required' },
      { path: '/flows/1/nodes/open_repair/recordas', code: 'schema.unknown_property' },
    ]);
  });
});
