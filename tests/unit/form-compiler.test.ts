/**
 * The form compiler: what a compiled form does beyond plain JSON Schema — visibility, formulas,
 * defaults, autonumbers, table rows, relation lookups, hostile input, field permissions, caching.
 */
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef, FormDef } from '../../engine/definition/types.js';
import type { SubmitOptions } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const create = (extra: Partial<SubmitOptions> = {}): SubmitOptions => ({
  mode: 'create',
  ...clock,
  ...extra,
});
const update = (previous: Record<string, unknown>, extra: Partial<SubmitOptions> = {}): SubmitOptions => ({
  mode: 'update',
  previous,
  ...clock,
  ...extra,
});
const formOf = (fields: FieldDef[], extra: Partial<FormDef> = {}): FormDef => ({
  key: 'repair',
  name: 'Repair',
  fields,
  ...extra,
});

const customers: Record<string, Record<string, unknown>> = {
  c1: { name: 'Acme', tier: 'gold' },
  c2: { name: 'Bolt', tier: 'basic' },
};
const lookup = (form: string, id: string) => (form === 'customer' ? customers[id] : undefined);

describe('visibility (visibleIf)', () => {
  const form = compileForm(
    formOf([
      { key: 'in_warranty', type: 'boolean', label: 'In warranty' },
      {
        key: 'invoice',
        type: 'text',
        label: 'Invoice',
        required: true,
        visibleIf: { '!': { var: 'in_warranty' } },
      },
    ]),
  );

  it('does not require a hidden field', () => {
    const result = form.submit({ in_warranty: true }, create());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('does not store a hidden field, whatever was sent for it', () => {
    const result = form.submit({ in_warranty: true, invoice: 'INV-1' }, create());
    expect(result.data).toEqual({ in_warranty: true });
  });

  it('requires and stores the field once it is visible', () => {
    expect(form.submit({ in_warranty: false }, create()).errors).toEqual([
      { path: '/invoice', code: 'field.required', message: 'Required' },
    ]);
    expect(form.submit({ in_warranty: false, invoice: 'INV-1' }, create()).data).toEqual({
      in_warranty: false,
      invoice: 'INV-1',
    });
  });

  it('answers isVisible for the data given', () => {
    expect(form.isVisible('invoice', { in_warranty: false }, clock)).toBe(true);
    expect(form.isVisible('invoice', { in_warranty: true }, clock)).toBe(false);
    expect(form.isVisible('no_such_field', {}, clock)).toBe(false);
  });

  it('drops a stored value when an update hides its field, and records the change', () => {
    const result = form.submit({ in_warranty: true }, update({ in_warranty: false, invoice: 'INV-1' }));
    expect(result.data).toEqual({ in_warranty: true });
    expect(result.changes).toEqual([
      { field: 'in_warranty', from: false, to: true },
      { field: 'invoice', from: 'INV-1', to: null },
    ]);
  });
});

describe('formulas', () => {
  const form = compileForm(
    formOf([
      // Declared before what it reads: order comes from dependencies, not position.
      {
        key: 'total',
        type: 'money',
        label: 'Total',
        formula: { '+': [{ var: 'subtotal' }, { var: 'tax' }] },
      },
      { key: 'tax', type: 'money', label: 'Tax', formula: { '*': [{ var: 'subtotal' }, 0.1] } },
      {
        key: 'subtotal',
        type: 'money',
        label: 'Subtotal',
        formula: { '*': [{ var: 'hours' }, { var: 'rate' }] },
      },
      { key: 'hours', type: 'number', label: 'Hours' },
      { key: 'rate', type: 'money', label: 'Rate' },
    ]),
  );

  it('computes chained formulas in dependency order', () => {
    const result = form.submit({ hours: 2, rate: 40.5 }, create());
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({ total: 89.1, tax: 8.1, subtotal: 81, hours: 2, rate: 40.5 });
  });

  it('replaces whatever the client sent for a formula field, without an error', () => {
    const result = form.submit({ hours: 1, rate: 10, total: 'free!', tax: -1 }, create());
    expect(result.errors).toEqual([]);
    expect(result.data).toMatchObject({ subtotal: 10, tax: 1, total: 11 });
  });

  it('ignores a formula field sent as an object, even one with a __proto__ key', () => {
    const result = form.submit(JSON.parse('{"hours":1,"rate":10,"total":{"__proto__":0}}'), create());
    expect(result.errors).toEqual([]);
    expect(result.data).toMatchObject({ total: 11 });
  });

  it('recomputes on every change, including updates that touch only an input', () => {
    const result = form.submit({ hours: 3 }, update({ hours: 2, rate: 10, subtotal: 20, tax: 2, total: 22 }));
    expect(result.data).toMatchObject({ subtotal: 30, tax: 3, total: 33 });
    expect(result.changes.map((c) => c.field)).toEqual(['total', 'tax', 'subtotal', 'hours']);
  });

  it('decides visibility after the formulas it reads', () => {
    const approval = compileForm(
      formOf([
        {
          key: 'note',
          type: 'text',
          label: 'Approval note',
          required: true,
          visibleIf: { var: 'expensive' },
        },
        { key: 'expensive', type: 'boolean', label: 'Expensive', formula: { '>': [{ var: 'cost' }, 100] } },
        { key: 'cost', type: 'money', label: 'Cost' },
      ]),
    );
    expect(approval.submit({ cost: 500 }, create()).errors).toEqual([
      { path: '/note', code: 'field.required', message: 'Required' },
    ]);
    expect(approval.submit({ cost: 50, note: 'n/a' }, create()).data).toEqual({ expensive: false, cost: 50 });
  });

  it('settles formulas that read each other in one pass, in declaration order', () => {
    const cycle = compileForm(
      formOf([
        { key: 'a', type: 'number', label: 'A', formula: { '+': [{ var: ['b', 0] }, 1] } },
        { key: 'b', type: 'number', label: 'B', formula: { '+': [{ var: ['a', 0] }, 1] } },
      ]),
    );
    expect(cycle.submit({}, create()).data).toEqual({ a: 1, b: 2 });
  });

  it('evaluate() recomputes formulas of stored data', () => {
    expect(form.evaluate({ hours: 1, rate: 5, total: 0 }, clock)).toEqual({
      total: 5.5,
      tax: 0.5,
      subtotal: 5,
      hours: 1,
      rate: 5,
    });
  });

  it('reads $today in a formula', () => {
    const due = compileForm(
      formOf([
        { key: 'due', type: 'date', label: 'Due', formula: { date_add: [{ var: '$today' }, 3, 'day'] } },
      ]),
    );
    expect(due.submit({}, create()).data).toEqual({ due: '2026-11-26' });
  });
});

describe('defaults', () => {
  const form = compileForm(
    formOf([
      {
        key: 'priority',
        type: 'select',
        label: 'Priority',
        default: 'normal',
        options: [
          { value: 'normal', label: 'Normal' },
          { value: 'high', label: 'High' },
        ],
      },
      { key: 'channel', type: 'text', label: 'Channel', default: 'web', readonly: true },
    ]),
  );

  it('fills fields not provided on create', () => {
    expect(form.submit({}, create()).data).toEqual({ priority: 'normal', channel: 'web' });
  });

  it('keeps a provided value over the default', () => {
    expect(form.submit({ priority: 'high' }, create()).data).toEqual({ priority: 'high', channel: 'web' });
  });

  it('does not apply defaults on update', () => {
    expect(form.submit({}, update({ priority: 'high' })).data).toEqual({ priority: 'high' });
  });

  it('rejects a write to a readonly field but tolerates its default sent back', () => {
    expect(form.submit({ channel: 'phone' }, create()).errors).toEqual([
      { path: '/channel', code: 'field.readonly', message: 'Read-only' },
    ]);
    expect(form.submit({ channel: 'web' }, create()).ok).toBe(true);
  });
});

describe('autonumber', () => {
  const form = compileForm(
    formOf([
      { key: 'number', type: 'autonumber', label: 'RMA', pattern: 'RMA-{YYYYMMDD}-{seq:4}' },
      { key: 'note', type: 'text', label: 'Note' },
    ]),
  );

  it('numbers a new record from its pattern, the day and the sequence', () => {
    const asked: string[] = [];
    const result = form.submit({}, create({ nextSequence: (key) => (asked.push(key), 7) }));
    expect(result.data).toEqual({ number: 'RMA-20261123-0007' });
    expect(asked).toEqual(['number']);
  });

  it('never takes the number from input', () => {
    const result = form.submit({ number: 'RMA-HACKED' }, create({ nextSequence: () => 8 }));
    expect(result.ok).toBe(true);
    expect(result.data.number).toBe('RMA-20261123-0008');
  });

  it('keeps the number on update', () => {
    const result = form.submit(
      { number: 'X', note: 'hi' },
      update({ number: 'RMA-20261123-0007' }, { nextSequence: () => 99 }),
    );
    expect(result.data).toEqual({ number: 'RMA-20261123-0007', note: 'hi' });
  });

  it('supports {YYYY}{MM}{DD} and an unpadded {seq}', () => {
    const plain = compileForm(
      formOf([{ key: 'n', type: 'autonumber', label: 'N', pattern: '{YYYY}/{MM}/{DD}#{seq}' }]),
    );
    expect(plain.submit({}, create({ nextSequence: () => 42 })).data).toEqual({ n: '2026/11/23#42' });
  });
});

describe('table rows', () => {
  const parts: FieldDef = {
    key: 'parts',
    type: 'table',
    label: 'Parts',
    columns: [
      { key: 'sku', type: 'text', label: 'SKU', required: true },
      { key: 'qty', type: 'integer', label: 'Qty', min: 1 },
      { key: 'price', type: 'money', label: 'Price' },
      { key: 'amount', type: 'money', label: 'Amount', formula: { '*': [{ var: 'qty' }, { var: 'price' }] } },
      // Reads a parent field: out of warranty, a row needs a reason.
      {
        key: 'reason',
        type: 'text',
        label: 'Reason',
        required: true,
        visibleIf: { '!': { var: 'in_warranty' } },
      },
    ],
  };
  const form = compileForm(
    formOf([
      { key: 'in_warranty', type: 'boolean', label: 'In warranty' },
      parts,
      {
        key: 'total',
        type: 'money',
        label: 'Total',
        formula: {
          reduce: [
            { var: 'parts' },
            { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.qty' }, { var: 'current.price' }] }] },
            0,
          ],
        },
      },
    ]),
  );
  const row = (sku: string, qty: number, price: number) => ({ sku, qty, price });

  it('computes row formulas and a total over the rows', () => {
    const result = form.submit({ in_warranty: true, parts: [row('A', 2, 3.5), row('B', 1, 10)] }, create());
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({
      in_warranty: true,
      parts: [
        { sku: 'A', qty: 2, price: 3.5, amount: 7 },
        { sku: 'B', qty: 1, price: 10, amount: 10 },
      ],
      total: 17,
    });
  });

  it('reports a row error at its row and column', () => {
    const result = form.submit(
      { in_warranty: true, parts: [row('A', 1, 1), row('B', 1, 1), row('C', 0, 1)] },
      create(),
    );
    expect(result.errors).toEqual([
      { path: '/parts/2/qty', code: 'field.minimum', message: 'Must be at least 1' },
    ]);
  });

  it('reports it in Chinese when asked', () => {
    const result = form.submit(
      { in_warranty: true, parts: [row('A', 1, 1), row('B', 1, 1), row('C', 0, 1)] },
      create({ language: 'zh' }),
    );
    expect(result.errors).toEqual([{ path: '/parts/2/qty', code: 'field.minimum', message: '不能小于 1' }]);
  });

  it('applies column visibility per row, reading parent fields', () => {
    const hidden = form.submit(
      { in_warranty: true, parts: [{ ...row('A', 1, 1), reason: 'ignored' }] },
      create(),
    );
    expect(hidden.ok).toBe(true);
    expect(hidden.data.parts).toEqual([{ sku: 'A', qty: 1, price: 1, amount: 1 }]);
    const shown = form.submit(
      { in_warranty: false, parts: [{ ...row('A', 1, 1), reason: 'dropped' }, row('B', 1, 1)] },
      create(),
    );
    expect(shown.errors).toEqual([{ path: '/parts/1/reason', code: 'field.required', message: 'Required' }]);
  });

  it('lets a row column shadow a parent field of the same key', () => {
    const shadow = compileForm(
      formOf([
        { key: 'qty', type: 'integer', label: 'Default qty' },
        {
          key: 'lines',
          type: 'table',
          label: 'Lines',
          columns: [
            { key: 'qty', type: 'integer', label: 'Qty' },
            { key: 'double', type: 'integer', label: 'x2', formula: { '*': [{ var: 'qty' }, 2] } },
          ],
        },
      ]),
    );
    expect(shadow.submit({ qty: 100, lines: [{ qty: 3 }] }, create()).data.lines).toEqual([
      { qty: 3, double: 6 },
    ]);
  });

  it('rejects an unknown column and a row that is not an object', () => {
    const result = form.submit(
      { in_warranty: true, parts: [{ ...row('A', 1, 1), colour: 'red' }, 'oops'] },
      create(),
    );
    expect(result.errors).toEqual([
      { path: '/parts/0/colour', code: 'field.unknown', message: 'Unknown field' },
      { path: '/parts/1', code: 'field.not_object', message: 'Must be an object' },
    ]);
  });
});

describe('relation lookups', () => {
  const form = compileForm(
    formOf([
      { key: 'customer', type: 'relation', label: 'Customer', form: 'customer', required: true },
      {
        key: 'vip_note',
        type: 'text',
        label: 'VIP note',
        visibleIf: { '==': [{ var: 'customer.tier' }, 'gold'] },
      },
      { key: 'customer_name', type: 'text', label: 'Name', formula: { var: 'customer.name' } },
    ]),
  );

  it('lets rules read a field of the linked record', () => {
    expect(form.submit({ customer: 'c1', vip_note: 'call first' }, create({ lookup })).data).toEqual({
      customer: 'c1',
      vip_note: 'call first',
      customer_name: 'Acme',
    });
    expect(form.submit({ customer: 'c2', vip_note: 'call first' }, create({ lookup })).data).toEqual({
      customer: 'c2',
      customer_name: 'Bolt',
    });
  });

  it('rejects an id that does not resolve', () => {
    const result = form.submit({ customer: 'nope' }, create({ lookup, language: 'zh' }));
    expect(result.errors).toEqual([
      { path: '/customer', code: 'field.relation_not_found', message: '关联的记录不存在' },
    ]);
  });

  it('checks relation ids inside table rows', () => {
    const lines = compileForm(
      formOf([
        {
          key: 'lines',
          type: 'table',
          label: 'Lines',
          columns: [{ key: 'who', type: 'relation', label: 'Who', form: 'customer' }],
        },
      ]),
    );
    expect(lines.submit({ lines: [{ who: 'c1' }, { who: 'ghost' }] }, create({ lookup })).errors).toEqual([
      { path: '/lines/1/who', code: 'field.relation_not_found', message: 'The linked record does not exist' },
    ]);
  });
});

describe('hostile input', () => {
  const form = compileForm(
    formOf([
      { key: 'title', type: 'text', label: 'Title' },
      { key: 'addr', type: 'address', label: 'Address' },
    ]),
  );

  it('reports unknown keys at their path and never stores them', () => {
    const result = form.submit({ title: 'x', admin: true }, create());
    expect(result.errors).toEqual([{ path: '/admin', code: 'field.unknown', message: 'Unknown field' }]);
    expect(result.data).toEqual({ title: 'x' });
  });

  it('never lets __proto__ or constructor reach an object', () => {
    const input: unknown = JSON.parse(
      '{"title":"x","__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},"addr":{"street":"Main 1","__proto__":{"polluted":1}}}',
    );
    const result = form.submit(input, create());
    expect(result.errors.map((e) => e.path)).toEqual(['/__proto__', '/constructor', '/addr/__proto__']);
    expect(Object.keys(result.data)).toEqual(['title', 'addr']);
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.data.addr)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects input that is not an object of fields', () => {
    for (const input of [null, 'text', 42, [1, 2]]) {
      expect(form.submit(input, create()).errors).toEqual([
        { path: '', code: 'form.not_object', message: 'The data must be an object of fields' },
      ]);
    }
  });

  it('runs field patterns on a linear-time engine: ^(a|a)*$ against 50,000 characters returns', () => {
    const redos = compileForm(formOf([{ key: 'code', type: 'text', label: 'Code', pattern: '^(a|a)*$' }]));
    const result = redos.submit({ code: 'a'.repeat(50_000) + 'b' }, create());
    expect(result.errors).toEqual([
      { path: '/code', code: 'field.pattern', message: 'Has the wrong format' },
    ]);
    expect(redos.submit({ code: 'a'.repeat(50_000) }, create()).ok).toBe(true);
  });

  it('keeps each pattern its own (ajv caches patterns by their text)', () => {
    const two = compileForm(
      formOf([
        { key: 'a', type: 'text', label: 'A', pattern: '^a+$' },
        { key: 'b', type: 'text', label: 'B', pattern: '^b+$' },
      ]),
    );
    expect(two.submit({ a: 'aaa', b: 'bbb' }, create()).ok).toBe(true);
    expect(two.submit({ a: 'bbb', b: 'aaa' }, create()).errors.map((e) => e.path)).toEqual(['/a', '/b']);
  });

  it('refuses a definition whose pattern RE2 cannot run, naming the path', () => {
    expect(() => compileForm(formOf([{ key: 'a', type: 'text', label: 'A', pattern: '^(?=a)' }]))).toThrow(
      expect.objectContaining({ code: 'FC_DEFINITION_INVALID', path: '/fields/0/pattern' }),
    );
  });
});

describe('field permissions of a task node', () => {
  const form = compileForm(
    formOf([
      { key: 'problem', type: 'textarea', label: 'Problem', required: true },
      { key: 'diagnosis', type: 'textarea', label: 'Diagnosis' },
      { key: 'cost', type: 'money', label: 'Cost' },
      { key: 'internal_note', type: 'text', label: 'Internal note' },
    ]),
  );
  const stored = { problem: 'Does not boot', cost: 120, internal_note: 'repeat customer' };
  const permissions = {
    visible: ['problem', 'diagnosis', 'cost'],
    editable: ['diagnosis', 'cost'],
    required: ['diagnosis', 'internal_note'],
  };

  it('writes editable fields onto the stored data and lists the changes', () => {
    const result = form.submit({ diagnosis: 'Bad PSU', cost: 150 }, update(stored, { permissions }));
    expect(result.ok).toBe(true);
    expect(result.data).toEqual({
      problem: 'Does not boot',
      diagnosis: 'Bad PSU',
      cost: 150,
      internal_note: 'repeat customer',
    });
    expect(result.changes).toEqual([
      { field: 'diagnosis', from: null, to: 'Bad PSU' },
      { field: 'cost', from: 120, to: 150 },
    ]);
  });

  it('rejects a value for a field the node may not edit', () => {
    const result = form.submit(
      { diagnosis: 'Bad PSU', problem: 'Something else' },
      update(stored, { permissions, language: 'zh' }),
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: '/problem', code: 'field.not_editable', message: '当前步骤不能修改此字段' },
    ]);
  });

  it('tolerates a non-editable field sent back with its stored value', () => {
    const result = form.submit(
      { diagnosis: 'Bad PSU', problem: 'Does not boot' },
      update(stored, { permissions }),
    );
    expect(result.ok).toBe(true);
    expect(result.changes.map((c) => c.field)).toEqual(['diagnosis']);
  });

  it("compares a resent value as it would be stored: trimmed, and without a table's computed columns", () => {
    expect(
      form.submit({ diagnosis: 'x', problem: '  Does not boot ' }, update(stored, { permissions })).ok,
    ).toBe(true);
    const lines = compileForm(
      formOf([
        { key: 'note', type: 'text', label: 'Note' },
        {
          key: 'lines',
          type: 'table',
          label: 'Lines',
          columns: [
            { key: 'n', type: 'integer', label: 'N' },
            { key: 'twice', type: 'integer', label: '2N', formula: { '*': [{ var: 'n' }, 2] } },
          ],
        },
      ]),
    );
    const previous = { lines: [{ n: 2, twice: 4 }] };
    const nodeOptions = { permissions: { editable: ['note'] } };
    expect(lines.submit({ note: 'hi', lines: [{ n: 2 }] }, update(previous, nodeOptions)).ok).toBe(true);
    expect(lines.submit({ note: 'hi', lines: [{ n: 3 }] }, update(previous, nodeOptions)).errors).toEqual([
      { path: '/lines', code: 'field.not_editable', message: 'Cannot be changed at this step' },
    ]);
  });

  it("enforces the node's required list", () => {
    const result = form.submit({ cost: 1 }, update(stored, { permissions }));
    expect(result.errors).toEqual([{ path: '/diagnosis', code: 'field.required', message: 'Required' }]);
  });

  it('requires (and lets the step write) a required field the node forgot to list as visible or editable', () => {
    const result = form.submit({ diagnosis: 'ok' }, update({}, { permissions }));
    expect(result.errors).toEqual([{ path: '/internal_note', code: 'field.required', message: 'Required' }]);
    expect(form.submit({ diagnosis: 'ok', internal_note: 'VIP' }, update({}, { permissions })).ok).toBe(true);
  });

  it("uses the node's required list instead of the form's", () => {
    const result = form.submit({ diagnosis: 'ok', internal_note: 'x' }, update({}, { permissions }));
    expect(result.ok).toBe(true);
  });

  it('redacts what the node may not see', () => {
    expect(form.redact({ ...stored, diagnosis: 'x' }, permissions.visible)).toEqual({
      problem: 'Does not boot',
      diagnosis: 'x',
      cost: 120,
    });
    expect(form.redact(stored)).toEqual(stored);
  });
});

describe('compiled forms', () => {
  const definition = formOf([{ key: 'title', type: 'text', label: 'Title', required: true }]);

  it('are cached per definition object and deep-frozen', () => {
    const first = compileForm(definition);
    expect(compileForm(definition)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(first.definition.fields[0])).toBe(true);
    expect(Object.isFrozen(first.jsonSchema.properties)).toBe(true);
    expect(() => (first.fieldKeys as Set<string>).add('x')).toThrow();
    expect(first.fieldKeys.has('title')).toBe(true);
  });

  it('describe stored data as JSON Schema 2020-12', () => {
    const { jsonSchema } = compileForm(definition);
    expect(jsonSchema).toMatchObject({
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      additionalProperties: false,
      properties: { title: { type: 'string' } },
    });
  });

  it("use the form's language unless the request names one", () => {
    const zh = compileForm(
      formOf([{ key: 'title', type: 'text', label: '标题', required: true }], { language: 'zh' }),
    );
    expect(zh.submit({}, create()).errors[0]?.message).toBe('必填');
    expect(zh.submit({}, create({ language: 'en' })).errors[0]?.message).toBe('Required');
  });

  it('refuse a rule that reads an unknown field', () => {
    expect(() =>
      compileForm(formOf([{ key: 'a', type: 'text', label: 'A', visibleIf: { var: 'nope' } }])),
    ).toThrow(expect.objectContaining({ code: 'FC_DEFINITION_INVALID' }));
  });
});
