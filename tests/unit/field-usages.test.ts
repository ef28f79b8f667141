import { describe, expect, it } from 'vitest';
import { renameField } from '../../engine/definition/field-rename.js';
import { fieldUsages } from '../../engine/definition/field-usages.js';
import { validateBundle } from '../../engine/definition/index.js';
import type { Loose } from './definition-test-kit.js';

/** A small service app in which `priority`, `parts.qty` and `customer.tier` are used everywhere. */
function serviceApp(): Loose {
  return {
    format: 'flowcase/app@1',
    key: 'service',
    name: { en: 'Service', zh: '服务' },
    version: 1,
    roles: [
      { key: 'agent', name: 'Agent' },
      { key: 'customer', name: 'Customer', customer: true },
    ],
    forms: [
      {
        key: 'customer',
        name: { en: 'Customer', zh: '客户' },
        fields: [
          { key: 'name', type: 'text', label: 'Name' },
          { key: 'tier', type: 'select', label: 'Tier', options: [{ value: 'gold', label: 'Gold' }] },
          { key: 'account', type: 'user', label: 'Account' },
        ],
        ownerField: 'account',
      },
      {
        key: 'request',
        name: { en: 'Request', zh: '请求' },
        fields: [
          { key: 'customer', type: 'relation', label: 'Customer', form: 'customer', display: 'name' },
          {
            key: 'priority',
            type: 'select',
            label: { en: 'Priority', zh: '优先级' },
            options: [{ value: 'high', label: 'High' }],
          },
          {
            key: 'urgent_note',
            type: 'textarea',
            label: 'Why urgent',
            visibleIf: { '==': [{ var: 'priority' }, 'high'] },
          },
          {
            key: 'gold',
            type: 'boolean',
            label: 'Gold',
            formula: { '==': [{ var: 'customer.tier' }, 'gold'] },
          },
          {
            key: 'parts',
            type: 'table',
            label: { en: 'Parts', zh: '配件' },
            columns: [
              { key: 'qty', type: 'integer', label: 'Qty' },
              { key: 'price', type: 'money', label: 'Price' },
              {
                key: 'line',
                type: 'money',
                label: 'Line',
                formula: { '*': [{ var: 'qty' }, { var: 'price' }] },
              },
              {
                key: 'rush',
                type: 'boolean',
                label: 'Rush',
                visibleIf: { '==': [{ var: 'priority' }, 'high'] },
              },
            ],
          },
          {
            key: 'total_qty',
            type: 'integer',
            label: 'Total qty',
            formula: {
              reduce: [{ var: 'parts' }, { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] }, 0],
            },
          },
          { key: 'handler', type: 'user', label: 'Handler' },
          { key: 'due', type: 'date', label: 'Due' },
        ],
        access: [{ create: ['customer', 'priority', 'urgent_note', 'parts'] }],
        relatedLists: [
          {
            key: 'same_priority',
            label: { en: 'Same priority', zh: '同优先级' },
            form: 'request',
            match: [{ field: 'priority', value: { var: 'priority' } }],
            show: ['priority', 'customer'],
          },
        ],
      },
    ],
    flows: [
      {
        key: 'handle',
        name: { en: 'Handling', zh: '处理' },
        form: 'request',
        trigger: { on: 'record.created' },
        start: 'route',
        nodes: {
          route: {
            type: 'branch',
            name: { en: 'Route', zh: '分流' },
            cases: [{ when: { '==': [{ var: 'priority' }, 'high'] }, next: 'fix' }],
            default: 'fix',
          },
          fix: {
            type: 'task',
            name: { en: 'Fix', zh: '处理' },
            assignee: [{ role: 'agent' }, { field: 'handler' }],
            fields: { visible: ['priority', 'parts'], editable: ['priority'] },
            related: ['same_priority'],
            next: 'tell',
          },
          tell: {
            type: 'notify',
            to: [{ submitter: true }],
            channel: 'inapp',
            template: { en: 'Priority {{priority}} done', zh: '已处理' },
            next: 'mark',
          },
          mark: {
            type: 'record',
            action: 'update',
            form: 'request',
            set: { priority: { var: 'priority' }, urgent_note: { cat: ['was ', { var: 'priority' }] } },
            next: 'later',
          },
          later: { type: 'wait', until: 'due', next: 'done' },
          done: { type: 'end' },
        },
      },
    ],
    dashboards: [
      {
        key: 'overview',
        name: { en: 'Overview', zh: '概览' },
        widgets: [
          {
            key: 'by_priority',
            type: 'bar',
            title: { en: 'By priority', zh: '按优先级' },
            form: 'request',
            filter: { '!=': [{ var: 'priority' }, null] },
            dimensions: [{ field: 'priority' }],
            measures: [{ op: 'count' }],
          },
          {
            key: 'by_tier',
            type: 'bar',
            form: 'customer',
            dimensions: [{ field: 'tier' }],
            measures: [{ op: 'count' }],
          },
        ],
      },
    ],
    sampleData: { request: [{ priority: 'high' }, { due: '2026-01-01' }] },
  };
}

const paths = (list: { path: string }[]) => list.map((u) => u.path);

describe('where-used: every place a field is named, with a JSON path and words for people', () => {
  it('is valid to begin with (so rename results can be judged by the validator)', () => {
    expect(validateBundle(serviceApp())).toEqual([]);
  });

  it('finds a field in rules, node permissions, branches, templates, record writes, widgets, related lists, access and sample data', () => {
    const usages = fieldUsages(serviceApp(), { form: 'request', field: 'priority' });
    expect(usages.map(({ path, via }) => [path, via])).toEqual([
      ['/forms/1/fields/2/visibleIf', 'rule'],
      ['/forms/1/fields/4/columns/3/visibleIf', 'rule'],
      ['/forms/1/relatedLists/0/match/0/field', 'key'],
      ['/forms/1/relatedLists/0/match/0/value', 'rule'],
      ['/forms/1/relatedLists/0/show/0', 'list-item'],
      ['/forms/1/access/0/create/1', 'list-item'],
      ['/flows/0/nodes/route/cases/0/when', 'rule'],
      ['/flows/0/nodes/fix/fields/visible/0', 'list-item'],
      ['/flows/0/nodes/fix/fields/editable/0', 'list-item'],
      ['/flows/0/nodes/tell/template/en', 'template'],
      ['/flows/0/nodes/mark/set/priority', 'map-key'],
      ['/flows/0/nodes/mark/set/priority', 'rule'],
      ['/flows/0/nodes/mark/set/urgent_note', 'rule'],
      ['/dashboards/0/widgets/0/filter', 'rule'],
      ['/dashboards/0/widgets/0/dimensions/0/field', 'key'],
      ['/sampleData/request/0/priority', 'data'],
    ]);
  });

  it('describes each use in both languages, by the names people know', () => {
    const byPath = new Map(
      fieldUsages(serviceApp(), { form: 'request', field: 'priority' }).map((u) => [u.path, u.description]),
    );
    expect(byPath.get('/forms/1/fields/2/visibleIf')).toEqual({
      en: 'field “Why urgent” (urgent_note) · Visible when',
      zh: '字段“Why urgent”（urgent_note）· 显示条件',
    });
    expect(byPath.get('/forms/1/fields/4/columns/3/visibleIf')?.zh).toBe(
      '字段“配件”（parts） › 列“Rush”（rush）· 显示条件',
    );
    expect(byPath.get('/flows/0/nodes/fix/fields/editable/0')?.en).toBe(
      'Flow “Handling” · step “Fix” (fix) · Editable fields',
    );
    expect(byPath.get('/flows/0/nodes/route/cases/0/when')?.zh).toBe(
      '流程“处理”· 节点“分流”（route）· 分支条件 1 › 条件',
    );
    expect(byPath.get('/dashboards/0/widgets/0/dimensions/0/field')?.en).toBe(
      'Dashboard “Overview” · widget “By priority” · Group by 1 › Field',
    );
    expect(byPath.get('/sampleData/request/0/priority')?.zh).toBe('示例数据 1');
  });

  it('finds a field read through a relation, and a relation display field, from other forms', () => {
    expect(paths(fieldUsages(serviceApp(), { form: 'customer', field: 'tier' }))).toEqual([
      '/forms/1/fields/3/formula',
      '/dashboards/0/widgets/1/dimensions/0/field',
    ]);
    const name = fieldUsages(serviceApp(), { form: 'customer', field: 'name' });
    expect(name.map((u) => [u.path, u.description.en])).toEqual([
      ['/forms/1/fields/0/display', 'Form “Request” · field “Customer” (customer) · Field shown'],
    ]);
    expect(paths(fieldUsages(serviceApp(), { form: 'customer', field: 'account' }))).toEqual([
      '/forms/0/ownerField',
    ]);
  });

  it('finds user and date fields named by assignees and waits, and counts no field as its own use', () => {
    expect(paths(fieldUsages(serviceApp(), { form: 'request', field: 'handler' }))).toEqual([
      '/flows/0/nodes/fix/assignee/1/field',
    ]);
    expect(paths(fieldUsages(serviceApp(), { form: 'request', field: 'due' }))).toEqual([
      '/flows/0/nodes/later/until',
      '/sampleData/request/1/due',
    ]);
    expect(fieldUsages(serviceApp(), { form: 'request', field: 'total_qty' })).toEqual([]);
  });

  it('finds a table column in its sibling columns’ rules and in rules over the table’s rows', () => {
    expect(paths(fieldUsages(serviceApp(), { form: 'request', field: 'parts', column: 'qty' }))).toEqual([
      '/forms/1/fields/4/columns/2/formula',
      '/forms/1/fields/5/formula',
    ]);
    // A form field of the same name as a row's column is shadowed in that row's rules.
    const app = serviceApp();
    app.forms[1].fields[4].columns![2].formula = { '*': [{ var: 'priority' }, 1] };
    app.forms[1].fields[4].columns.push({ key: 'priority', type: 'integer', label: 'P' });
    expect(paths(fieldUsages(app, { form: 'request', field: 'priority' }))).not.toContain(
      '/forms/1/fields/4/columns/2/formula',
    );
  });

  it('survives a broken draft: missing lists, unknown node kinds, non-object nodes', () => {
    const app = serviceApp();
    app.flows[0].nodes.odd = {
      type: 'teleport',
      field: 'priority',
    };
    app.flows[0].nodes.bad = 7;
    delete app.dashboards;
    expect(fieldUsages(app, { form: 'request', field: 'priority' })).toHaveLength(14);
    expect(fieldUsages({ forms: 'x' }, { form: 'request', field: 'priority' })).toEqual([]);
  });
});

describe('renameField: a key change that takes its references along', () => {
  it('rewrites keys, lists, property names, rules and sample data; leaves templates and reports them', () => {
    const before = serviceApp();
    const { bundle, unfixed } = renameField(before, { form: 'request', field: 'priority' }, 'urgency');
    const app: Loose = bundle;
    expect(before.forms[1].fields[1].key).toBe('priority');
    expect(app.forms[1].fields[1].key).toBe('urgency');
    expect(app.flows[0].nodes.mark.set).toEqual({
      urgency: { var: 'urgency' },
      urgent_note: { cat: ['was ', { var: 'urgency' }] },
    });
    expect(app.flows[0].nodes.fix.fields).toEqual({ visible: ['urgency', 'parts'], editable: ['urgency'] });
    expect(app.sampleData.request[0]).toEqual({ urgency: 'high' });
    expect(unfixed.map((u) => u.path)).toEqual(['/flows/0/nodes/tell/template/en']);
    expect(fieldUsages(bundle, { form: 'request', field: 'priority' }).map((u) => u.via)).toEqual([
      'template',
    ]);
    expect(validateBundle(bundle).map((p) => [p.path, p.code])).toEqual([
      ['/flows/0/nodes/tell/template/en', 'template.unknown_field'],
    ]);
  });

  it('renames a column within its rows’ rules and a field read through a relation', () => {
    const columns = renameField(serviceApp(), { form: 'request', field: 'parts', column: 'qty' }, 'count');
    expect(validateBundle(columns.bundle)).toEqual([]);
    const app: Loose = columns.bundle;
    expect(app.forms[1].fields[5].formula).toEqual({
      reduce: [{ var: 'parts' }, { '+': [{ var: 'accumulator' }, { var: 'current.count' }] }, 0],
    });
    const linked = renameField(serviceApp(), { form: 'customer', field: 'tier' }, 'level');
    expect(validateBundle(linked.bundle)).toEqual([]);
    expect((linked.bundle as Loose).forms[1].fields[3].formula).toEqual({
      '==': [{ var: 'customer.level' }, 'gold'],
    });
  });
});
