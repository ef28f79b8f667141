import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
import { found, validBundle, withFlow } from './definition-test-kit.js';

describe('validateBundle: the bundle schema', () => {
  it('accepts the minimal bundle that uses every field family and node type', () => {
    expect(validateBundle(validBundle())).toEqual([]);
  });

  it('requires the format marker and the top-level parts', () => {
    const bundle = validBundle();
    bundle.format = 'flowcase/app@2';
    delete bundle.roles;
    expect(found(bundle)).toEqual([
      { path: '/format', code: 'schema.const' },
      { path: '/roles', code: 'schema.required' },
    ]);
  });

  it('names an unknown node type at the node, listing the known ones', () => {
    const { bundle, nodes } = withFlow();
    nodes.route = { type: 'switch', next: 'work' };
    const problems = validateBundle(bundle);
    expect(problems).toContainEqual(
      expect.objectContaining({ path: '/flows/0/nodes/route/type', code: 'schema.unknown_type' }),
    );
    expect(problems.find((p) => p.code === 'schema.unknown_type')?.message).toMatch(
      /Unknown node type "switch".*task, branch, parallel/,
    );
  });

  it('reports errors about the node type actually given', () => {
    const { bundle, nodes } = withFlow();
    delete nodes.notify_quote.channel;
    nodes.notify_quote.channel_typo = 'email';
    expect(found(bundle)).toEqual([
      { path: '/flows/0/nodes/notify_quote/channel', code: 'schema.required' },
      { path: '/flows/0/nodes/notify_quote/channel_typo', code: 'schema.unknown_property' },
    ]);
  });

  it('names an unknown field type and rejects a table inside a table', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[2].type = 'string';
    bundle.forms[1].fields[10].columns[0] = {
      key: 'inner',
      type: 'table',
      label: 'Inner',
      columns: [{ key: 'x', type: 'text', label: 'X' }],
    };
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/10/columns/0/type', code: 'schema.not' },
      { path: '/forms/1/fields/2/type', code: 'schema.unknown_type' },
    ]);
  });

  it('checks the options of each field type and rejects options of another type', () => {
    const bundle = validBundle();
    const fields = bundle.forms[1].fields;
    delete fields[3].options; // select without options
    fields[6].maxFiles = 0; // files
    fields[11].currency = 'yuan'; // money
    fields[5].pattern = '^x$'; // textarea has no pattern
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/11/currency', code: 'schema.pattern' },
      { path: '/forms/1/fields/3/options', code: 'schema.required' },
      { path: '/forms/1/fields/5/pattern', code: 'schema.unknown_property' },
      { path: '/forms/1/fields/6/maxFiles', code: 'schema.out_of_range' },
    ]);
  });

  it('allows exactly one assignee kind per rule', () => {
    const { bundle, nodes } = withFlow();
    nodes.qa.assignee[0] = { role: 'technician', user: 'u1' };
    expect(found(bundle)).toEqual([{ path: '/flows/0/nodes/qa/assignee/0', code: 'schema.too_many' }]);
  });

  it('checks widgets and dashboards', () => {
    const bundle = validBundle();
    bundle.dashboards[0].widgets[0].type = 'gauge';
    bundle.dashboards[0].widgets[1].measures = [];
    expect(found(bundle)).toEqual([
      { path: '/dashboards/0/widgets/0/type', code: 'schema.enum' },
      { path: '/dashboards/0/widgets/1/measures', code: 'schema.too_few' },
    ]);
  });

  it('caps string lengths so huge texts fail at their path', () => {
    const bundle = validBundle();
    bundle.forms[0].fields[0].label = 'x'.repeat(201);
    expect(found(bundle)).toEqual([{ path: '/forms/0/fields/0/label', code: 'schema.too_long' }]);
  });

  it('rejects non-objects at the root', () => {
    expect(found(null)).toEqual([{ path: '', code: 'schema.type' }]);
    expect(found([])).toEqual([{ path: '', code: 'schema.type' }]);
  });
});
