/**
 * Field validation rules (`validations: [{ rule, message }]`): each rule must hold while its field
 * is visible and holds a value; a failing one refuses the submission with the rule's own message
 * at the field's path, in the submitter's language. The same compiled form runs on the server and
 * in the browser, so both say the same. Rules are checked like `visibleIf` when a bundle is saved.
 */
import { describe, expect, it } from 'vitest';
import type { FieldDef, FormDef } from '../../engine/definition/types.js';
import { checkFormDefinition } from '../../engine/form/check-form-definition.js';
import { compileForm } from '../../engine/form/index.js';
import type { SubmitOptions } from '../../engine/form/types.js';
import { found, validBundle } from './definition-test-kit.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const customers: Record<string, Record<string, unknown>> = {
  c1: { name: 'Acme', tier: 'vip' },
  c2: { name: 'Bolt', tier: 'basic' },
};
const create = (extra: Partial<SubmitOptions> = {}): SubmitOptions => ({
  mode: 'create',
  lookup: (form, id) => (form === 'customer' ? customers[id] : undefined),
  ...clock,
  ...extra,
});

const fields: FieldDef[] = [
  { key: 'customer', type: 'relation', form: 'customer', label: 'Customer' },
  { key: 'quote', type: 'money', label: 'Quote' },
  {
    key: 'discount',
    type: 'money',
    label: 'Discount',
    visibleIf: { '>': [{ var: 'quote' }, 0] },
    validations: [
      {
        rule: { '<=': [{ var: 'discount' }, { '*': [{ var: 'quote' }, 0.2] }] },
        message: { en: 'At most a fifth of the quote', zh: '不能超过报价的五分之一' },
      },
      {
        rule: { or: [{ '==': [{ var: 'customer.tier' }, 'vip'] }, { '<=': [{ var: 'discount' }, 50] }] },
        message: { en: 'Over 50 only for VIP customers', zh: '只有贵宾客户可超过 50' },
      },
    ],
  },
  {
    key: 'parts',
    type: 'table',
    label: 'Parts',
    columns: [
      {
        key: 'qty',
        type: 'integer',
        label: 'Qty',
        validations: [{ rule: { '<=': [{ var: 'qty' }, { var: 'max_qty' }] }, message: 'Too many' }],
      },
    ],
  },
  { key: 'max_qty', type: 'integer', label: 'Max qty' },
];
const form = compileForm({ key: 'repair', name: 'Repair', fields } as FormDef);

describe('field validation rules', () => {
  it('accepts values that meet every rule', () => {
    const result = form.submit({ customer: 'c2', quote: 200, discount: 40 }, create());
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it("refuses a failing rule at the field with the rule's message, in the submitter's language", () => {
    const result = form.submit({ customer: 'c2', quote: 500, discount: 120 }, create());
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: '/discount', code: 'field.validation', message: 'At most a fifth of the quote' },
    ]);
    const zh = form.submit({ customer: 'c2', quote: 1000, discount: 100 }, create({ language: 'zh' }));
    expect(zh.errors).toEqual([
      { path: '/discount', code: 'field.validation', message: '只有贵宾客户可超过 50' },
    ]);
  });

  it("reads a linked record's fields", () => {
    expect(form.submit({ customer: 'c1', quote: 1000, discount: 100 }, create()).ok).toBe(true);
  });

  it('does not check a hidden field, nor an empty one', () => {
    const hidden = form.submit({ customer: 'c2', quote: 0, discount: 900 }, create());
    expect(hidden.errors).toEqual([]);
    expect(hidden.data).not.toHaveProperty('discount');
    expect(form.submit({ customer: 'c2', quote: 100 }, create()).errors).toEqual([]);
  });

  it('checks a column in each row, over the row and the record', () => {
    const result = form.submit({ max_qty: 3, parts: [{ qty: 2 }, { qty: 5 }] }, create());
    expect(result.errors).toEqual([{ path: '/parts/1/qty', code: 'field.validation', message: 'Too many' }]);
  });

  it('leaves a field a step does not show to the steps that show it', () => {
    const result = form.submit(
      { quote: 500 },
      {
        mode: 'update',
        previous: { customer: 'c2', quote: 100, discount: 20 },
        ...clock,
        permissions: { visible: ['quote'], editable: ['quote'] },
      },
    );
    expect(result.errors).toEqual([]);
  });

  it('is checked by the compiler and the validator like visibleIf', () => {
    const bad: FormDef = {
      key: 'repair',
      name: 'Repair',
      fields: [{ key: 'a', type: 'number', label: 'A', validations: [{ rule: { log: [1] }, message: 'x' }] }],
    };
    expect(checkFormDefinition(bad).map((p) => [p.path, p.code])).toEqual([
      ['/fields/0/validations/0/rule/log', 'rule.unknown_operation'],
    ]);
    const bundle = validBundle();
    bundle.forms[1].fields[11].validations = [
      { rule: { '>=': [{ var: 'quote' }, { var: 'labour_hour' }] }, message: { en: 'x', zh: 'x' } },
      { rule: { '>': [{ var: 'quote' }, 0] } },
    ];
    bundle.forms[1].fields[10].columns[0].validations = [
      { rule: { '>': [{ var: 'qty' }, 0] }, message: 'x' },
    ];
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/11/validations/0/rule/>=/1/var', code: 'rule.unknown_field' },
      { path: '/forms/1/fields/11/validations/1/message', code: 'schema.required' },
    ]);
  });
});
