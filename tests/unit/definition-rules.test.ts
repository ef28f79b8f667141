import { describe, expect, it } from 'vitest';
import { found, validBundle, withFlow } from './definition-test-kit.js';

describe('validateBundle: rules (JSON Logic)', () => {
  it('checks visibleIf and formula against the form, and table formulas against row and form', () => {
    const bundle = validBundle();
    const fields = bundle.forms[1].fields;
    fields[5].visibleIf = { '==': [{ var: 'faut' }, 'other'] };
    fields[8].formula = { log: [1] };
    fields[10].columns[3].formula = { '*': [{ var: 'qty' }, { var: 'labour_hours' }, { var: 'cost' }] };
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/10/columns/3/formula/*/2/var', code: 'rule.unknown_field' },
      { path: '/forms/1/fields/5/visibleIf/==/0/var', code: 'rule.unknown_field' },
      { path: '/forms/1/fields/8/formula/log', code: 'rule.unknown_operation' },
    ]);
  });

  it("checks a branch condition against the flow's form", () => {
    const { bundle, nodes } = withFlow();
    nodes.route.cases[0].when = { '==': [{ var: 'warranty' }, true] };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/route/cases/0/when/==/0/var', code: 'rule.unknown_field' },
    ]);
  });

  it('checks record set values and target, and refuses prototype paths', () => {
    const { bundle, nodes } = withFlow();
    nodes.update_customer.target = { var: 'customer.constructor' };
    nodes.update_customer.set.tier = { method: [{ var: 'quote' }, 'toString'] };
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/update_customer/set/tier/method', code: 'rule.unknown_operation' },
      { path: '/flows/0/nodes/update_customer/target/var', code: 'rule.forbidden_var' },
    ]);
  });

  it("checks a widget filter against the widget's form", () => {
    const bundle = validBundle();
    bundle.dashboards[0].widgets[0].filter = { '!=': [{ var: 'state' }, 'closed'] };
    expect(found(bundle)).toEqual([
      { path: '/dashboards/0/widgets/0/filter/!=/0/var', code: 'rule.unknown_field' },
    ]);
  });

  it('lets rules read relation sub-fields and the builtins', () => {
    const { bundle, nodes } = withFlow();
    nodes.route.cases[0].when = {
      and: [
        { '==': [{ var: 'customer.tier' }, 'gold'] },
        { var: '$user.id' },
        { '<': [{ var: 'purchase_date' }, { var: '$today' }] },
      ],
    };
    expect(found(bundle)).toEqual([]);
  });
});
