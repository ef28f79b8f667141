/**
 * The formula text: a readable way to write the engine's JSON Logic. Every formula and rule in the
 * shipped templates prints as text and reads back as the same tree; the text follows arithmetic's
 * usual order, `=` compares, `sum(…)` totals a table, and a mistake is reported with its place.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFormula, printFormula } from '../../engine/rules/index.js';

function read(text: string): unknown {
  const parsed = parseFormula(text);
  if (!parsed.ok) throw new Error(`${text}: ${parsed.error.message}`);
  return parsed.logic;
}

/** `{"!": x}` and `{"!": [x]}` are the same rule; the parser writes the list form. */
function canonical(logic: unknown): unknown {
  if (Array.isArray(logic)) return logic.map(canonical);
  if (logic === null || typeof logic !== 'object') return logic;
  const keys = Object.keys(logic);
  if (keys.length !== 1) return logic;
  const op = keys[0]!;
  const args = (logic as Record<string, unknown>)[op];
  if (op === 'var') return { var: Array.isArray(args) && args.length === 1 ? args[0] : args };
  return { [op]: Array.isArray(args) ? args.map(canonical) : [canonical(args)] };
}

function templateRules(): { where: string; logic: unknown }[] {
  const dir = path.resolve('templates');
  const out: { where: string; logic: unknown }[] = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.json') && f !== 'index.json')) {
    const walk = (node: unknown, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [key, value] of Object.entries(node)) {
        if (
          ['formula', 'visibleIf', 'when', 'rule'].includes(key) &&
          value !== null &&
          typeof value === 'object'
        )
          out.push({ where: `${file}${at}/${key}`, logic: value });
        else walk(value, `${at}/${key}`);
      }
    };
    walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')), '');
  }
  return out;
}

describe('formula text', () => {
  it('round-trips every formula and rule of the templates', () => {
    const rules = templateRules();
    expect(rules.length).toBeGreaterThan(15);
    for (const { where, logic } of rules) {
      const text = printFormula(logic);
      expect(text, where).toBeTypeOf('string');
      expect(read(text!), `${where}: ${text}`).toEqual(canonical(logic));
      expect(printFormula(read(text!)), where).toBe(text);
    }
  });

  it('prints the after-sales formulas as a person would write them', () => {
    expect(
      printFormula({
        reduce: [
          { var: 'parts' },
          { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.qty' }, { var: 'current.unit_price' }] }] },
          0,
        ],
      }),
    ).toBe('sum(parts, qty * unit_price)');
    expect(
      printFormula({
        '<=': [
          { today: [] },
          { date_add: [{ var: 'purchase_date' }, { var: 'product.warranty_months' }, 'month'] },
        ],
      }),
    ).toBe('today() <= date_add(purchase_date, product.warranty_months, "month")');
    expect(printFormula({ '+': [{ var: 'a' }, { var: ['labour_fee', 0] }] })).toBe('a + labour_fee ?? 0');
  });

  it('reads the readable forms', () => {
    expect(read('quantity * unit_price')).toEqual({ '*': [{ var: 'quantity' }, { var: 'unit_price' }] });
    expect(read('sum(items.amount)')).toEqual({
      reduce: [{ var: 'items' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0],
    });
    expect(read('if(warranty = "yes", 0, quote)')).toEqual({
      if: [{ '==': [{ var: 'warranty' }, 'yes'] }, 0, { var: 'quote' }],
    });
    expect(read('date_diff(submitted_at, $today, "day")')).toEqual({
      date_diff: [{ var: 'submitted_at' }, { var: '$today' }, 'day'],
    });
    expect(read("tier == 'vip' && total >= 1000 || not paid")).toEqual({
      or: [
        { and: [{ '==': [{ var: 'tier' }, 'vip'] }, { '>=': [{ var: 'total' }, 1000] }] },
        { '!': [{ var: 'paid' }] },
      ],
    });
    expect(read('in(status, ["a", "b"])')).toEqual({ in: [{ var: 'status' }, ['a', 'b']] });
    expect(read('-5 * -x')).toEqual({ '*': [-5, { '-': [{ var: 'x' }] }] });
    expect(read('not not done')).toEqual({ '!!': [{ var: 'done' }] });
  });

  it('keeps the order of operations and the grouping it was given', () => {
    expect(read('a + b * c')).toEqual({ '+': [{ var: 'a' }, { '*': [{ var: 'b' }, { var: 'c' }] }] });
    expect(read('(a + b) * c')).toEqual({ '*': [{ '+': [{ var: 'a' }, { var: 'b' }] }, { var: 'c' }] });
    expect(read('a + b + c')).toEqual({ '+': [{ var: 'a' }, { var: 'b' }, { var: 'c' }] });
    expect(read('(a + b) + c')).toEqual({ '+': [{ '+': [{ var: 'a' }, { var: 'b' }] }, { var: 'c' }] });
    expect(read('a - b - c')).toEqual({ '-': [{ '-': [{ var: 'a' }, { var: 'b' }] }, { var: 'c' }] });
    const trees = [
      { '-': [{ var: 'a' }, { '-': [{ var: 'b' }, { var: 'c' }] }] },
      { '/': [{ '*': [{ var: 'a' }, { var: 'b' }] }, { '+': [{ var: 'c' }, 1] }] },
      { '+': [{ '+': [{ var: 'a' }, { var: 'b' }] }, { var: 'c' }] },
      { '!': [{ or: [{ var: 'a' }, { var: 'b' }] }] },
      { '!': [{ '!': [{ var: 'a' }] }] },
      { '-': [5] },
      { '==': [{ '<': [{ var: 'a' }, 1] }, true] },
      { and: [{ or: [{ var: 'a' }, { var: 'b' }] }, { var: 'c' }] },
      { some: [{ var: 'parts' }, { '>': [{ var: 'qty' }, 1] }] },
    ];
    for (const tree of trees) expect(read(printFormula(tree)!), printFormula(tree)).toEqual(tree);
  });

  it('reports a mistake with its place', () => {
    expect(parseFormula('quantity * ')).toMatchObject({
      ok: false,
      error: { code: 'formula.unexpected_end', from: 11 },
    });
    expect(parseFormula('a = "open')).toMatchObject({
      ok: false,
      error: { code: 'formula.unclosed_string', from: 4 },
    });
    expect(parseFormula('a # b')).toMatchObject({
      ok: false,
      error: { code: 'formula.bad_character', from: 2, found: '#' },
    });
    expect(parseFormula('a = 1 = 2')).toMatchObject({
      ok: false,
      error: { code: 'formula.unexpected_token', from: 6 },
    });
    expect(parseFormula('if(a, 1')).toMatchObject({ ok: false, error: { code: 'formula.unexpected_end' } });
    expect(parseFormula('sum(1)')).toMatchObject({ ok: false, error: { code: 'formula.bad_sum', from: 0 } });
  });

  it('lists the fields read and the operations called, with their places', () => {
    const parsed = parseFormula('sum(parts, qty) + max(customer.tier, 1)');
    expect(parsed).toMatchObject({
      ok: true,
      refs: [
        { name: 'parts', from: 4, to: 9 },
        { name: 'qty', from: 11, to: 14, item: 'parts' },
        { name: 'customer.tier', from: 22, to: 35 },
      ],
      calls: [
        { op: 'sum', from: 0, to: 3 },
        { op: 'max', from: 18, to: 21 },
      ],
    });
  });

  it('leaves to JSON what the text cannot say', () => {
    expect(printFormula({ '<': [1, { var: 'a' }, 3] })).toBeUndefined();
    expect(printFormula({ 'a.b': [1] })).toBeUndefined();
    expect(printFormula({ var: 'and' })).toBeUndefined();
    expect(printFormula({ x: 1, y: 2 })).toBeUndefined();
  });
});
