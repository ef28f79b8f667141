/**
 * The visual rule builder's conversion: the rows a designer builds are written as JSON Logic with
 * allowed operations only, fitted to each field's type, and read back as the same rows; a rule
 * the builder cannot show is refused as a whole (it opens as JSON), never shown in part.
 */
import { describe, expect, it } from 'vitest';
import { ALLOWED_OPERATIONS } from '../../engine/rules/index.js';
import { checkRule } from '../../engine/rules/index.js';
import {
  logicToQuery,
  operatorsFor,
  queryToLogic,
  type LogicField,
  type QueryGroup,
} from '../../designer/src/rules/logic-query.js';
import { ruleFieldsOf } from '../../designer/src/rules/rule-fields.js';
import type { AppBundle } from '../../engine/definition/types.js';

const fields: LogicField[] = [
  { name: 'quantity', type: 'integer' },
  { name: 'budget', type: 'money' },
  { name: 'channel', type: 'select' },
  { name: 'tags', type: 'multiselect' },
  { name: 'urgent', type: 'boolean' },
  { name: 'title', type: 'text' },
  { name: 'due', type: 'date' },
  { name: 'customer', type: 'relation' },
  { name: 'customer.tier', type: 'select' },
];

function ops(logic: unknown, out: string[] = []): string[] {
  if (Array.isArray(logic)) logic.forEach((x) => ops(x, out));
  else if (logic && typeof logic === 'object')
    for (const [k, v] of Object.entries(logic)) {
      out.push(k);
      ops(v, out);
    }
  return out;
}

const group = (rules: QueryGroup['rules'], combinator = 'and', not = false): QueryGroup => ({
  combinator,
  rules,
  ...(not ? { not } : {}),
});

describe('rule builder <-> JSON Logic', () => {
  it('writes each operator with allowed operations and reads it back as the same row', () => {
    const rows: QueryGroup['rules'] = [
      { field: 'quantity', operator: '>', value: '10' },
      { field: 'budget', operator: 'between', value: ['100', '500'] },
      { field: 'budget', operator: 'notBetween', value: [1, 2] },
      { field: 'channel', operator: 'in', value: ['phone', 'web'] },
      { field: 'channel', operator: 'notIn', value: ['mail'] },
      { field: 'tags', operator: 'contains', value: 'vip' },
      { field: 'title', operator: 'doesNotContain', value: 'test' },
      { field: 'urgent', operator: '=', value: 'true' },
      { field: 'due', operator: '<', value: '2026-12-31' },
      { field: 'customer', operator: 'notEmpty', value: '' },
      { field: 'quantity', operator: 'empty', value: '' },
      { field: 'customer.tier', operator: '=', value: 'vip' },
      { field: 'quantity', operator: '<=', value: 'budget', valueSource: 'field' },
    ];
    const logic = queryToLogic(group(rows), fields);
    for (const op of ops(logic)) if (op !== 'var') expect(ALLOWED_OPERATIONS.has(op), op).toBe(true);
    expect(checkRule(logic)).toEqual([]);
    expect(logic).toEqual({
      and: [
        { '>': [{ var: 'quantity' }, 10] },
        { '<=': [100, { var: 'budget' }, 500] },
        { '!': { '<=': [1, { var: 'budget' }, 2] } },
        { in: [{ var: 'channel' }, ['phone', 'web']] },
        { '!': { in: [{ var: 'channel' }, ['mail']] } },
        { in: ['vip', { var: 'tags' }] },
        { '!': { in: ['test', { var: 'title' }] } },
        { '==': [{ var: 'urgent' }, true] },
        { '<': [{ var: 'due' }, '2026-12-31'] },
        { '!!': { var: 'customer' } },
        { '==': [{ var: 'quantity' }, null] },
        { '==': [{ var: 'customer.tier' }, 'vip'] },
        { '<=': [{ var: 'quantity' }, { var: 'budget' }] },
      ],
    });
    const back = logicToQuery(logic, fields)!;
    expect(queryToLogic(back, fields)).toEqual(logic);
    expect(back.rules[7]).toEqual({ field: 'urgent', operator: '=', value: 'true' });
    expect(back.rules[12]).toEqual({
      field: 'quantity',
      operator: '<=',
      value: 'budget',
      valueSource: 'field',
    });
  });

  it('writes one row as the rule alone, nested and negated groups as and/or/!', () => {
    const one = queryToLogic(group([{ field: 'channel', operator: '=', value: 'web' }]), fields);
    expect(one).toEqual({ '==': [{ var: 'channel' }, 'web'] });
    expect(logicToQuery(one, fields)).toEqual(group([{ field: 'channel', operator: '=', value: 'web' }]));
    const nested = group(
      [
        { field: 'quantity', operator: '>=', value: 5 },
        group(
          [
            { field: 'title', operator: 'empty', value: '' },
            { field: 'urgent', operator: '!=', value: 'false' },
          ],
          'or',
          true,
        ),
      ],
      'and',
    );
    const logic = queryToLogic(nested, fields);
    expect(logic).toEqual({
      and: [
        { '>=': [{ var: 'quantity' }, 5] },
        { '!': { or: [{ '!': { var: 'title' } }, { '!=': [{ var: 'urgent' }, false] }] } },
      ],
    });
    expect(logicToQuery(logic, fields)).toEqual(nested);
    expect(queryToLogic(group([]), fields)).toBeUndefined();
    expect(logicToQuery(undefined, fields)).toEqual(group([]));
  });

  it('offers only the operators that fit a type', () => {
    expect(operatorsFor('select')).toEqual(['=', '!=', 'in', 'notIn', 'empty', 'notEmpty']);
    expect(operatorsFor('boolean')).toEqual(['=', '!=']);
    expect(operatorsFor('relation')).toEqual(['empty', 'notEmpty']);
    expect(operatorsFor('number')).toContain('between');
    expect(operatorsFor('table')).toEqual([]);
  });

  it('refuses, as a whole, a rule it cannot show', () => {
    const cannot = [
      { '<': [{ var: 'due' }, { today: [] }] },
      { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '>': [{ '+': [{ var: 'quantity' }, 1] }, 3] }] },
      { '==': [{ var: 'nowhere' }, 1] },
      { '>': [{ var: 'customer' }, 3] },
      { '==': [{ var: 'urgent' }, 'yes'] },
      { '==': [{ var: 'title' }, { var: 'channel' }] },
      { '===': [{ var: 'title' }, 'x'] },
      { var: 'urgent' },
    ];
    for (const logic of cannot) expect(logicToQuery(logic, fields), JSON.stringify(logic)).toBeUndefined();
  });

  it("offers a form's fields, its tables' columns and its linked records' fields", () => {
    const bundle = {
      forms: [
        {
          key: 'customer',
          name: { zh: '客户', en: 'Customer' },
          fields: [
            { key: 'name', type: 'text', label: { zh: '名称', en: 'Name' } },
            {
              key: 'tier',
              type: 'select',
              label: { zh: '等级', en: 'Tier' },
              options: [{ value: 'vip', label: { zh: '贵宾', en: 'VIP' } }],
            },
          ],
        },
        {
          key: 'order',
          name: 'Order',
          fields: [
            { key: 'customer', type: 'relation', form: 'customer', label: { zh: '客户', en: 'Customer' } },
            {
              key: 'items',
              type: 'table',
              label: { zh: '明细', en: 'Items' },
              columns: [{ key: 'amount', type: 'money', label: { zh: '金额', en: 'Amount' } }],
            },
          ],
        },
      ],
    } as unknown as AppBundle;
    expect(ruleFieldsOf(bundle, 'order', 'zh-CN')).toEqual([
      { name: 'customer', label: '客户', type: 'relation' },
      { name: 'customer.name', label: '客户 › 名称', type: 'text' },
      {
        name: 'customer.tier',
        label: '客户 › 等级',
        type: 'select',
        options: [{ value: 'vip', label: '贵宾' }],
      },
      { name: 'items', label: '明细', type: 'table' },
      { name: 'items.amount', label: '明细 › 金额', type: 'money', table: 'items' },
    ]);
    expect(ruleFieldsOf(bundle, 'order', 'en').find((f) => f.name === 'customer.tier')?.label).toBe(
      'Customer › Tier',
    );
  });
});
