/**
 * The formula editor's live problems, each at its place in the text: where reading stopped, a
 * field the form does not have (nor its linked record, nor the table row being summed), and an
 * operation rules may not use.
 */
import { describe, expect, it } from 'vitest';
import { checkFormula } from '../../designer/src/rules/formula-check.js';
import type { RuleField } from '../../designer/src/rules/rule-fields.js';

const fields: RuleField[] = [
  { name: 'quantity', label: '数量', type: 'integer' },
  { name: 'unit_price', label: '单价', type: 'money' },
  { name: 'customer', label: '客户', type: 'relation' },
  { name: 'customer.tier', label: '客户 › 等级', type: 'select' },
  { name: 'items', label: '明细', type: 'table' },
  { name: 'items.amount', label: '明细 › 金额', type: 'money', table: 'items' },
];

describe('formula editor checks', () => {
  it('accepts a correct formula and gives its JSON Logic', () => {
    expect(checkFormula('quantity * unit_price + sum(items.amount)', fields)).toEqual({
      empty: false,
      problems: [],
      logic: {
        '+': [
          { '*': [{ var: 'quantity' }, { var: 'unit_price' }] },
          { reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0] },
        ],
      },
    });
    expect(
      checkFormula('if(customer.tier = "vip", 0, date_diff($today, $now, "day"))', fields).problems,
    ).toEqual([]);
    expect(checkFormula('  ', fields)).toEqual({ empty: true, problems: [] });
  });

  it('places a parse error where reading stopped', () => {
    expect(checkFormula('quantity *', fields).problems).toEqual([
      { from: 10, to: 10, key: 'formula.unexpected_end', vars: { found: '' } },
    ]);
    expect(checkFormula('quantity ) 2', fields).problems).toEqual([
      { from: 9, to: 10, key: 'formula.unexpected_token', vars: { found: ')' } },
    ]);
  });

  it('names unknown fields, unknown columns and operations not allowed, and still reads the formula', () => {
    const check = checkFormula(
      'quantity * unit_cost + sum(items.price) + customer.vip + log(quantity)',
      fields,
    );
    expect(check.problems).toEqual([
      { from: 11, to: 20, key: 'unknownField', vars: { name: 'unit_cost' } },
      { from: 27, to: 38, key: 'unknownColumn', vars: { name: 'price', table: 'items' } },
      { from: 42, to: 54, key: 'unknownField', vars: { name: 'customer.vip' } },
      { from: 57, to: 60, key: 'opNotAllowed', vars: { op: 'log' } },
    ]);
    expect(check.logic).toBeDefined();
  });
});
