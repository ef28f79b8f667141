/**
 * A submission's problems all at once, in one stable order: the form's field order (a table's
 * cells under their table, by row), each problem once. The server's own checks (users, files,
 * links) are merged into the same order (`problemsInFieldOrder`, used by runtime/cases/write-problems.ts).
 */
import { describe, expect, it } from 'vitest';
import type { FormDef } from '../../engine/definition/types.js';
import type { Problem } from '../../engine/errors.js';
import { compileForm, problemsInFieldOrder } from '../../engine/form/index.js';

const form: FormDef = {
  key: 'repair',
  name: 'Repair',
  fields: [
    { key: 'customer', type: 'relation', label: 'Customer', form: 'customers', required: true },
    {
      key: 'service_type',
      type: 'select',
      label: 'Service',
      options: [{ value: 'carry_in', label: 'Carry-in' }],
    },
    { key: 'description', type: 'textarea', label: 'Description', required: true },
    {
      key: 'parts',
      type: 'table',
      label: 'Parts',
      columns: [
        { key: 'name', type: 'text', label: 'Part', required: true },
        { key: 'qty', type: 'integer', label: 'Qty', min: 1 },
      ],
    },
  ],
};
const compiled = compileForm(form);
const options = {
  mode: 'create' as const,
  now: '2026-12-01T08:00:00.000Z',
  today: '2026-12-01',
  lookup: () => undefined,
};
const at = (problems: readonly Problem[]) => problems.map((p) => `${p.path} ${p.code}`);

describe('the problems of one submission', () => {
  it('reports a relation that does not resolve, a bad option and an empty required field together, in field order', () => {
    const result = compiled.submit({ service_type: 'teleport', customer: 'c-404', unknown: 1 }, options);
    expect(result.ok).toBe(false);
    expect(at(result.errors)).toEqual([
      '/unknown field.unknown',
      '/customer field.relation_not_found',
      '/service_type field.option',
      '/description field.required',
    ]);
  });

  it('lists the cells of a table by row, whatever order the checks found them in', () => {
    const result = compiled.submit(
      { customer: 'c1', description: 'x', parts: [{ qty: 0 }, { name: 'Fan', qty: 1 }, { qty: 2 }] },
      { ...options, lookup: () => ({}) },
    );
    const paths = result.errors.map((p) => p.path);
    const rows = paths.map((path) => Number(path.split('/')[2]));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(paths).toContain('/parts/0/name');
    expect(paths).toContain('/parts/0/qty');
    expect(paths).toContain('/parts/2/name');
  });
});

describe('problemsInFieldOrder', () => {
  const keys = form.fields.map((f) => f.key);
  const p = (path: string, code = 'x'): Problem => ({ path, code, message: code });

  it('sorts by field, then by table row, keeping the order found within a field', () => {
    const found = [
      p('/parts/2/name'),
      p('/description'),
      p('/parts/0/qty', 'b'),
      p('/parts/0/name', 'a'),
      p('/customer', 'second'),
      p('/customer', 'first'),
      p(''),
    ];
    expect(at(problemsInFieldOrder(keys, found))).toEqual([
      ' x',
      '/customer second',
      '/customer first',
      '/description x',
      '/parts/0/qty b',
      '/parts/0/name a',
      '/parts/2/name x',
    ]);
  });

  it('keeps each path and code once', () => {
    expect(
      problemsInFieldOrder(keys, [p('/customer'), p('/customer'), p('/customer', 'other')]),
    ).toHaveLength(2);
  });
});
