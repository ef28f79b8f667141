import { describe, expect, it } from 'vitest';
import { found, validBundle, withFlow } from './definition-test-kit.js';

describe('validateBundle: references', () => {
  it("reports a flow's unknown form, and then does not guess at its fields", () => {
    const { bundle, flow } = withFlow();
    flow.form = 'repairs';
    expect(found(bundle)).toEqual([{ path: '/flows/0/form', code: 'ref.unknown_form' }]);
  });

  it('reports an unknown start node', () => {
    const { bundle, flow } = withFlow();
    flow.start = 'intake';
    expect(found(bundle)).toContainEqual({ path: '/flows/0/start', code: 'ref.unknown_node' });
  });

  it('reports every kind of dangling transition at the reference itself', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.next = 'nowhere';
    nodes.route.cases[0].next = 'nowhere';
    nodes.route.default = 'nowhere';
    nodes.work.branches[1] = 'nowhere';
    nodes.qa.onApprove = 'nowhere';
    nodes.qa.onReject = 'nowhere';
    nodes.order_parts.onError = 'nowhere';
    nodes.payment.onTimeout = 'nowhere';
    nodes.work_done.next = 'nowhere';
    const refs = found(bundle)
      .filter((p) => p.code === 'ref.unknown_node')
      .map((p) => p.path);
    expect(refs).toEqual([
      '/flows/0/nodes/order_parts/onError',
      '/flows/0/nodes/payment/onTimeout',
      '/flows/0/nodes/qa/onApprove',
      '/flows/0/nodes/qa/onReject',
      '/flows/0/nodes/route/cases/0/next',
      '/flows/0/nodes/route/default',
      '/flows/0/nodes/triage/next',
      '/flows/0/nodes/work/branches/1',
      '/flows/0/nodes/work_done/next',
    ]);
  });

  it('requires returnTo to name task nodes', () => {
    const { bundle, nodes } = withFlow();
    nodes.repair_work.returnTo = ['route', 'ghost'];
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/repair_work/returnTo/0', code: 'ref.not_task_node' },
      { path: '/flows/0/nodes/repair_work/returnTo/1', code: 'ref.unknown_node' },
    ]);
  });

  it('checks assignees: declared roles, and fields that hold a user', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.assignee = { role: 'cashier' };
    nodes.triage.sla.escalateTo = [{ role: 'manager' }];
    nodes.repair_work.assignee = { field: 'serial' };
    nodes.qa.assignee[1] = { field: 'tech' };
    nodes.notify_quote.to = [{ field: 'quote' }, { role: 'admin' }];
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/notify_quote/to/0/field', code: 'ref.not_recipient_field' },
      { path: '/flows/0/nodes/qa/assignee/1/field', code: 'ref.unknown_field' },
      { path: '/flows/0/nodes/repair_work/assignee/field', code: 'ref.not_user_field' },
      { path: '/flows/0/nodes/triage/assignee/role', code: 'ref.unknown_role' },
      { path: '/flows/0/nodes/triage/sla/escalateTo/0/role', code: 'ref.unknown_role' },
    ]);
  });

  it('checks field keys in task permissions and backfill', () => {
    const { bundle, nodes } = withFlow();
    nodes.triage.fields.visible.push('serail');
    nodes.triage.fields.editable[0] = 'faults';
    nodes.quote.fields.required = ['price'];
    nodes.repair_work.backfill = ['hours'];
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/quote/fields/required/0', code: 'ref.unknown_field' },
      { path: '/flows/0/nodes/repair_work/backfill/0', code: 'ref.unknown_field' },
      { path: '/flows/0/nodes/triage/fields/editable/0', code: 'ref.unknown_field' },
      { path: '/flows/0/nodes/triage/fields/visible/7', code: 'ref.unknown_field' },
    ]);
  });

  it("checks a record node's form and its set keys against that form", () => {
    const { bundle, nodes } = withFlow();
    nodes.update_customer.set = { tier: 'gold', rank: 'a' };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/update_customer/set/rank', code: 'ref.unknown_field' },
    ]);
    nodes.update_customer.form = 'client';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/update_customer/form', code: 'ref.unknown_form' },
    ]);
  });

  it("needs a target to update another form's record, but not to update the flow's own or to create one", () => {
    const { bundle, nodes } = withFlow();
    delete nodes.update_customer.target;
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/update_customer/target', code: 'ref.missing_target' },
    ]);
    nodes.update_customer.action = 'create';
    expect(found(bundle)).toEqual([]);
    nodes.update_customer = {
      type: 'record',
      action: 'update',
      form: 'repair',
      set: { status: 'closed' },
      next: 'wait_pickup',
    };
    expect(found(bundle)).toEqual([]);
  });

  it("requires a wait node's until to be a date field of the flow's form", () => {
    const { bundle, nodes } = withFlow();
    nodes.wait_pickup.until = 'quote';
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/wait_pickup/until', code: 'ref.not_date_field' }]);
    nodes.wait_pickup.until = 'pickup';
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/wait_pickup/until', code: 'ref.unknown_field' }]);
  });

  it("checks a relation's form and display field, in forms and in table columns", () => {
    const bundle = validBundle();
    bundle.forms[1].fields[1].display = 'full_name';
    bundle.forms[1].fields[10].columns[0] = { key: 'part', type: 'relation', label: 'Part', form: 'part' };
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/1/display', code: 'ref.unknown_field' },
      { path: '/forms/1/fields/10/columns/0/form', code: 'ref.unknown_form' },
    ]);
  });

  it('checks submitRoles and sample data against the app', () => {
    const bundle = validBundle();
    bundle.forms[1].submitRoles.push('shopper');
    bundle.sampleData.customer[0].nickname = 'Lei';
    bundle.sampleData.product = [];
    expect(found(bundle)).toEqual([
      { path: '/forms/1/submitRoles/2', code: 'ref.unknown_role' },
      { path: '/sampleData/customer/0/nickname', code: 'ref.unknown_field' },
      { path: '/sampleData/product', code: 'ref.unknown_form' },
    ]);
  });

  it('accepts an owner field that is a user field and read roles the app declares', () => {
    const bundle = validBundle();
    bundle.forms[1].ownerField = 'technician';
    bundle.forms[0].readRoles = ['customer'];
    expect(found(bundle)).toEqual([]);
  });

  it('requires the owner field to be a user field of the form, and read roles to be declared', () => {
    const bundle = validBundle();
    bundle.forms[0].ownerField = 'account';
    bundle.forms[0].readRoles = ['customer', 'shopper'];
    bundle.forms[1].ownerField = 'customer';
    expect(found(bundle)).toEqual([
      { path: '/forms/0/ownerField', code: 'ref.unknown_field' },
      { path: '/forms/0/readRoles/1', code: 'ref.unknown_role' },
      { path: '/forms/1/ownerField', code: 'ref.owner_not_user' },
    ]);
  });

  it('rejects an owner field that is not a key', () => {
    const bundle = validBundle();
    bundle.forms[0].ownerField = 'Account Name';
    expect(found(bundle)).toEqual([{ path: '/forms/0/ownerField', code: 'key.invalid' }]);
  });

  it('accepts a related list matching a field of its form with a rule over this form, shown on a task', () => {
    const { bundle, nodes } = withFlow();
    bundle.forms[1].relatedLists = [
      {
        key: 'same_tier',
        label: 'Same tier',
        form: 'customer',
        match: [{ field: 'tier', value: { var: 'customer.tier' } }],
        show: ['name', 'phone'],
      },
    ];
    nodes.quote.related = ['same_tier'];
    expect(found(bundle)).toEqual([]);
  });

  it("checks a related list's form, match fields, rules and shown fields, and the lists task nodes name", () => {
    const { bundle, nodes } = withFlow();
    bundle.forms[1].relatedLists = [
      { key: 'a', label: 'A', form: 'tickets', match: [{ field: 'x', value: 1 }] },
      {
        key: 'b',
        label: 'B',
        form: 'repair',
        match: [
          { field: 'symptoms', value: { var: 'fault' } },
          { field: 'nothing', value: { var: 'not_a_field' } },
          { field: 'fault', value: { eval: ['x'] } },
        ],
        show: ['serial', 'colour'],
      },
      { key: 'b', label: 'B again', form: 'customer', match: [{ field: 'tier', value: 'vip' }] },
    ];
    nodes.quote.related = ['b', 'c'];
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/quote/related/1', code: 'ref.unknown_related_list' },
      { path: '/forms/1/relatedLists/0/form', code: 'ref.unknown_form' },
      { path: '/forms/1/relatedLists/1/match/0/field', code: 'ref.not_matchable_field' },
      { path: '/forms/1/relatedLists/1/match/1/field', code: 'ref.unknown_field' },
      { path: '/forms/1/relatedLists/1/match/1/value/var', code: 'rule.unknown_field' },
      { path: '/forms/1/relatedLists/1/match/2/value/eval', code: 'rule.unknown_operation' },
      { path: '/forms/1/relatedLists/1/show/1', code: 'ref.unknown_field' },
      { path: '/forms/1/relatedLists/2/key', code: 'key.duplicate' },
    ]);
  });

  it("checks a widget's form and its dimension and measure fields", () => {
    const bundle = validBundle();
    const [kpi, bar, line] = bundle.dashboards[0].widgets;
    kpi.form = 'tickets';
    bar.dimensions[0].field = 'faults';
    bar.measures[0].field = 'fault';
    line.measures.push({ op: 'max' });
    expect(found(bundle)).toEqual([
      { path: '/dashboards/0/widgets/0/form', code: 'ref.unknown_form' },
      { path: '/dashboards/0/widgets/1/dimensions/0/field', code: 'ref.unknown_field' },
      { path: '/dashboards/0/widgets/1/measures/0/field', code: 'ref.not_numeric_field' },
      { path: '/dashboards/0/widgets/2/measures/1/field', code: 'widget.measure_needs_field' },
    ]);
  });
});
