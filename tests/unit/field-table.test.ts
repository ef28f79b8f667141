/** Table and autonumber field types, and the registry every type lives in. */
import { describe, expect, it } from 'vitest';
import {
  compileForm,
  describeFieldTypes,
  FIELD_TYPE_REGISTRY,
  formatAutonumber,
} from '../../engine/form/index.js';
import type { FieldDef } from '../../engine/definition/types.js';
import { FIELD_TYPES as FORMAT_FIELD_TYPES } from '../../engine/definition/bundle-schema.js';
import type { Language } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const single = (field: FieldDef) => {
  const form = compileForm({ key: 'f', name: 'F', fields: [field] });
  return (value: unknown, language: Language = 'en') =>
    form.submit(value === undefined ? {} : { [field.key]: value }, { mode: 'create', ...clock, language });
};

describe('table', () => {
  const submit = single({
    key: 'parts',
    type: 'table',
    label: 'Parts',
    required: true,
    minRows: 1,
    maxRows: 2,
    columns: [
      { key: 'sku', type: 'text', label: 'SKU', required: true },
      { key: 'qty', type: 'integer', label: 'Qty', default: 1 },
    ],
  });

  it('stores rows keyed by column, cleaned, with column defaults filled in', () => {
    expect(submit([{ sku: ' A-1 ' }, { sku: 'B-2', qty: 3 }]).data).toEqual({
      parts: [
        { sku: 'A-1', qty: 1 },
        { sku: 'B-2', qty: 3 },
      ],
    });
  });

  it('names every hidden field and every cell a column rule hides in its row, from one pass (hiddenPaths)', () => {
    const form = compileForm({
      key: 'claim',
      name: 'Claim',
      fields: [
        {
          key: 'kind',
          type: 'select',
          label: 'Kind',
          options: [
            { value: 'repair', label: 'Repair' },
            { value: 'refund', label: 'Refund' },
          ],
        },
        { key: 'iban', type: 'text', label: 'IBAN', visibleIf: { '==': [{ var: 'kind' }, 'refund'] } },
        {
          key: 'parts',
          type: 'table',
          label: 'Parts',
          columns: [
            { key: 'covered', type: 'boolean', label: 'Covered' },
            { key: 'price', type: 'money', label: 'Price', visibleIf: { '!': [{ var: 'covered' }] } },
          ],
        },
      ],
    });
    const data = {
      kind: 'repair',
      iban: 'X',
      parts: [{ covered: true, price: 5 }, { covered: false, price: 7 }, { covered: true }],
    };
    expect(form.hiddenPaths(data, clock)).toEqual(['/iban', '/parts/0/price', '/parts/2/price']);
    expect(form.hiddenPaths({ ...data, kind: 'refund', parts: [] }, clock)).toEqual([]);
    // The same rules decide what is stored: hidden cells lose their values.
    expect(form.evaluate(data, clock)).toEqual({
      kind: 'repair',
      parts: [{ covered: true }, { covered: false, price: 7 }, { covered: true }],
    });
  });

  it('reports row errors at /table/row/column, in en and zh', () => {
    expect(submit([{ sku: 'A', qty: 'two' }]).errors).toEqual([
      { path: '/parts/0/qty', code: 'field.not_integer', message: 'Must be a whole number' },
    ]);
    expect(submit([{ sku: 'A' }, { qty: 2 }], 'zh').errors).toEqual([
      { path: '/parts/1/sku', code: 'field.required', message: '必填' },
    ]);
  });

  it('enforces maxRows and the shape of the table', () => {
    expect(submit([{ sku: 'A' }, { sku: 'B' }, { sku: 'C' }]).errors).toEqual([
      { path: '/parts', code: 'field.max_items', message: 'Must have at most 2 items' },
    ]);
    expect(submit({ sku: 'A' }).errors).toEqual([
      { path: '/parts', code: 'field.not_list', message: 'Must be a list' },
    ]);
  });

  it('counts no rows as not filled', () => {
    expect(submit([]).errors).toEqual([{ path: '/parts', code: 'field.required', message: 'Required' }]);
  });

  it('refuses a table inside a table', () => {
    expect(() =>
      single({
        key: 't',
        type: 'table',
        label: 'T',
        columns: [{ key: 'inner', type: 'table', label: 'I', columns: [] }],
      }),
    ).toThrow(expect.objectContaining({ code: 'FC_DEFINITION_INVALID', path: '/fields/0/columns/0/type' }));
  });
});

describe('autonumber', () => {
  it('fills the day and the zero-padded sequence into its pattern', () => {
    expect(formatAutonumber('RMA-{YYYYMMDD}-{seq:4}', 7, '2026-11-23')).toBe('RMA-20261123-0007');
    expect(formatAutonumber('{YYYY}-{MM}-{DD}/{seq:2}', 123, '2026-01-05')).toBe('2026-01-05/123');
    expect(formatAutonumber('NO-{seq}', 5, '2026-11-23')).toBe('NO-5');
  });

  it('leaves anything else in the pattern as written', () => {
    expect(formatAutonumber('{X}-{seq:3}', 1, '2026-11-23')).toBe('{X}-001');
  });

  it('is never required of the user, and without a sequence stays empty for the server to fill', () => {
    const form = compileForm({
      key: 'f',
      name: 'F',
      fields: [{ key: 'no', type: 'autonumber', label: 'No', required: true, pattern: 'R{seq:3}' }],
    });
    const result = form.submit({}, { mode: 'create', ...clock });
    expect(result).toMatchObject({ ok: true, data: {} });
  });
});

describe('the field-type registry', () => {
  it('has one module for every type of the definition format', () => {
    expect(Object.keys(FIELD_TYPE_REGISTRY).sort()).toEqual([...FORMAT_FIELD_TYPES].sort());
  });

  it('describes each type for the designer in English and Chinese', () => {
    for (const description of describeFieldTypes()) {
      expect(description.label.en).not.toBe('');
      expect(description.label.zh).not.toBe('');
      expect(description.value.zh).not.toBe('');
      for (const property of description.properties) expect(property.label.zh).not.toBe('');
      // The designer receives it over JSON.
      expect(JSON.parse(JSON.stringify(description))).toEqual(description);
    }
  });

  it('gives each type a JSON Schema and an empty test', () => {
    for (const [type, module] of Object.entries(FIELD_TYPE_REGISTRY)) {
      const schema = module.schema(
        {
          key: 'x',
          type: type as FieldDef['type'],
          label: 'X',
          columns: [],
          options: [],
          pattern: 'A-{seq}',
        },
        () => ({}),
      );
      expect(schema['x-fc-type']).toBe(type);
      expect(module.isEmpty(undefined)).toBe(true);
      expect(module.isEmpty(null)).toBe(true);
    }
  });
});
