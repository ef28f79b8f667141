import { describe, expect, it } from 'vitest';
import { found, validBundle, withFlow } from './definition-test-kit.js';

describe('validateBundle: keys', () => {
  it('reports a duplicate form, role, flow and dashboard key at the later one', () => {
    const bundle = validBundle();
    bundle.forms.push({ ...bundle.forms[0] });
    bundle.roles.push({ key: 'technician', name: 'Again' });
    bundle.flows.push({ ...bundle.flows[0] });
    bundle.dashboards.push({ key: 'overview', name: 'Again', widgets: [] });
    expect(found(bundle)).toEqual([
      { path: '/dashboards/1/key', code: 'key.duplicate' },
      { path: '/flows/1/key', code: 'key.duplicate' },
      { path: '/forms/2/key', code: 'key.duplicate' },
      { path: '/roles/3/key', code: 'key.duplicate' },
    ]);
  });

  it('reports duplicate fields, table columns, widgets and option values within their parent', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[4].key = 'fault';
    bundle.forms[1].fields[10].columns[3].key = 'part';
    bundle.forms[1].fields[3].options[1].value = 'screen';
    bundle.dashboards[0].widgets[2].key = 'open_cases';
    expect(found(bundle)).toEqual([
      { path: '/dashboards/0/widgets/2/key', code: 'key.duplicate' },
      { path: '/forms/1/fields/10/columns/3/key', code: 'key.duplicate' },
      { path: '/forms/1/fields/3/options/1/value', code: 'key.duplicate' },
      { path: '/forms/1/fields/4/key', code: 'key.duplicate' },
    ]);
  });

  it('allows the same field key in different forms and the same column key as a form field', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[10].columns[0].key = 'serial';
    expect(found(bundle)).toEqual([]);
  });

  it('rejects keys that break the pattern, wherever a key is expected', () => {
    const bundle = validBundle();
    bundle.key = 'Repair';
    bundle.forms[0].fields.push({ key: '1st', type: 'text', label: 'First' });
    bundle.roles.push({ key: 'x'.repeat(64), name: 'Long' });
    bundle.dashboards[0].widgets[0].measures[0].field = 'Count';
    expect(found(bundle)).toEqual([
      { path: '/dashboards/0/widgets/0/measures/0/field', code: 'key.invalid' },
      { path: '/forms/0/fields/4/key', code: 'key.invalid' },
      { path: '/key', code: 'key.invalid' },
      { path: '/roles/3/key', code: 'key.invalid' },
    ]);
  });

  it('reports a key of the wrong type as a type problem', () => {
    const bundle = validBundle();
    bundle.roles.push({ key: 7, name: 'Seven' });
    expect(found(bundle)).toEqual([{ path: '/roles/3/key', code: 'schema.type' }]);
  });

  it('never accepts __proto__, constructor or prototype as a key, including node ids and set keys', () => {
    const { bundle, nodes } = withFlow();
    bundle.forms[0].key = 'constructor';
    nodes.prototype = { type: 'end' };
    nodes.update_customer.set = JSON.parse('{"__proto__": "gold"}');
    const problems = found(bundle);
    expect(problems).toContainEqual({ path: '/forms/0/key', code: 'key.invalid' });
    expect(problems).toContainEqual({ path: '/flows/0/nodes/prototype', code: 'key.invalid' });
    expect(problems).toContainEqual({
      path: '/flows/0/nodes/update_customer/set/__proto__',
      code: 'key.invalid',
    });
  });

  it('checks the keys of sample data as form keys', () => {
    const bundle = validBundle();
    bundle.sampleData.Customers = [];
    expect(found(bundle)).toEqual([{ path: '/sampleData/Customers', code: 'key.invalid' }]);
  });
});

describe('validateBundle: reserved role keys', () => {
  it('refuses an app role named admin, which would hand out every right', () => {
    const bundle = validBundle();
    bundle.roles.push({ key: 'admin', name: 'Admin' });
    expect(found(bundle)).toContainEqual({
      path: `/roles/${bundle.roles.length - 1}/key`,
      code: 'key.reserved',
    });
  });
});
