/** Numeric field types: number, integer, money, rating. */
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef } from '../../engine/definition/types.js';
import type { Language } from '../../engine/form/types.js';

const clock = { now: '2026-11-23T08:00:00.000Z', today: '2026-11-23' };
const single = (field: FieldDef) => {
  const form = compileForm({ key: 'f', name: 'F', fields: [field] });
  return (value: unknown, language: Language = 'en') =>
    form.submit(value === undefined ? {} : { [field.key]: value }, { mode: 'create', ...clock, language });
};

describe('number', () => {
  const submit = single({
    key: 'weight',
    type: 'number',
    label: 'Weight',
    min: 0.5,
    max: 30,
    required: true,
  });

  it('accepts numbers within min and max', () => {
    for (const n of [0.5, 1.234, 30]) expect(submit(n).data).toEqual({ weight: n });
  });

  it('rejects numbers out of range, in en and zh', () => {
    expect(submit(0.4).errors).toEqual([
      { path: '/weight', code: 'field.minimum', message: 'Must be at least 0.5' },
    ]);
    expect(submit(0.4, 'zh').errors).toEqual([
      { path: '/weight', code: 'field.minimum', message: '不能小于 0.5' },
    ]);
    expect(submit(31).errors).toEqual([
      { path: '/weight', code: 'field.maximum', message: 'Must be at most 30' },
    ]);
    expect(submit(31, 'zh').errors[0]?.message).toBe('不能大于 30');
  });

  it('rejects text, even numeric text, and non-finite numbers', () => {
    for (const bad of ['12', true, [1], Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(submit(bad).errors).toEqual([
        { path: '/weight', code: 'field.not_number', message: 'Must be a number' },
      ]);
    }
    expect(submit('12', 'zh').errors[0]?.message).toBe('必须是数字');
  });

  it('counts null and blank as not filled, and 0 as filled', () => {
    expect(submit(null).errors[0]?.code).toBe('field.required');
    expect(submit('').errors[0]?.code).toBe('field.required');
    const zero = single({ key: 'n', type: 'number', label: 'N', required: true });
    expect(zero(0).ok).toBe(true);
  });
});

describe('integer', () => {
  const submit = single({ key: 'qty', type: 'integer', label: 'Qty', min: 1 });

  it('accepts whole numbers and rejects fractions, in en and zh', () => {
    expect(submit(3).ok).toBe(true);
    expect(submit(1.5).errors).toEqual([
      { path: '/qty', code: 'field.not_integer', message: 'Must be a whole number' },
    ]);
    expect(submit(1.5, 'zh').errors[0]?.message).toBe('必须是整数');
    expect(submit(0).errors).toEqual([
      { path: '/qty', code: 'field.minimum', message: 'Must be at least 1' },
    ]);
  });

  it('is optional unless required', () => {
    expect(submit(undefined).ok).toBe(true);
  });
});

describe('money', () => {
  const submit = single({
    key: 'price',
    type: 'money',
    label: 'Price',
    min: 0,
    currency: 'CNY',
    required: true,
  });

  it('accepts amounts with at most 2 decimals, floats included', () => {
    for (const n of [0, 0.07, 19.99, 1234567.1, 100]) expect(submit(n).errors).toEqual([]);
  });

  it('rejects more decimals and negative amounts, in en and zh', () => {
    expect(submit(1.005).errors).toEqual([
      { path: '/price', code: 'field.decimals', message: 'Must have at most 2 decimals' },
    ]);
    expect(submit(1.005, 'zh').errors[0]?.message).toBe('最多两位小数');
    expect(submit(-1).errors).toEqual([
      { path: '/price', code: 'field.minimum', message: 'Must be at least 0' },
    ]);
  });

  it('rejects an amount written as text', () => {
    expect(submit('9.99').errors[0]?.code).toBe('field.not_number');
  });

  it('rounds a formula result to cents', () => {
    const form = compileForm({
      key: 'f',
      name: 'F',
      fields: [
        { key: 'net', type: 'money', label: 'Net' },
        { key: 'vat', type: 'money', label: 'VAT', formula: { '*': [{ var: 'net' }, 0.13] } },
      ],
    });
    expect(form.submit({ net: 10.15 }, { mode: 'create', ...clock }).data).toEqual({ net: 10.15, vat: 1.32 });
  });
});

describe('rating', () => {
  const submit = single({ key: 'stars', type: 'rating', label: 'Stars', required: true });

  it('accepts 1 to 5 whole stars', () => {
    for (const n of [1, 2, 3, 4, 5]) expect(submit(n).data).toEqual({ stars: n });
  });

  it('rejects anything else, in en and zh', () => {
    expect(submit(0).errors).toEqual([
      { path: '/stars', code: 'field.minimum', message: 'Must be at least 1' },
    ]);
    expect(submit(6, 'zh').errors).toEqual([
      { path: '/stars', code: 'field.maximum', message: '不能大于 5' },
    ]);
    expect(submit(4.5).errors).toEqual([
      { path: '/stars', code: 'field.not_integer', message: 'Must be a whole number' },
    ]);
    expect(submit('5').errors[0]?.code).toBe('field.not_integer');
  });

  it('is required like any field', () => {
    expect(submit(undefined, 'zh').errors).toEqual([
      { path: '/stars', code: 'field.required', message: '必填' },
    ]);
  });
});

describe('limits every numeric field keeps, whatever its definition says', () => {
  it('refuses money beyond a trillion (1e308 included) at the field, saying the bound in en and zh', () => {
    const submit = single({ key: 'quote_fee', type: 'money', label: 'Quote', min: 0 });
    expect(submit(1e308).errors).toEqual([
      { path: '/quote_fee', code: 'field.maximum', message: 'Must be at most 1000000000000' },
    ]);
    expect(submit(1e308, 'zh').errors).toEqual([
      { path: '/quote_fee', code: 'field.maximum', message: '不能大于 1000000000000' },
    ]);
    for (const n of [1e12, 999_999_999_999.99]) expect(submit(n).errors).toEqual([]);
    const refund = single({ key: 'refund', type: 'money', label: 'Refund' });
    expect(refund(-1e13).errors).toEqual([
      { path: '/refund', code: 'field.minimum', message: 'Must be at least -1000000000000' },
    ]);
  });

  it('keeps numbers within ±1e15, where a double still counts units', () => {
    const submit = single({ key: 'reading', type: 'number', label: 'Reading' });
    expect(submit(1e15).ok).toBe(true);
    expect(submit(1e16).errors).toEqual([
      { path: '/reading', code: 'field.maximum', message: 'Must be at most 1000000000000000' },
    ]);
    expect(submit(-1e308).errors[0]).toMatchObject({ path: '/reading', code: 'field.minimum' });
  });

  it('keeps integers within the safe range of a double', () => {
    const submit = single({ key: 'count', type: 'integer', label: 'Count' });
    expect(submit(Number.MAX_SAFE_INTEGER).ok).toBe(true);
    expect(submit(2 ** 53).errors).toEqual([
      { path: '/count', code: 'field.maximum', message: `Must be at most ${Number.MAX_SAFE_INTEGER}` },
    ]);
  });

  it('lets a definition narrow the range, and narrows a stored bound beyond the limit to it', () => {
    expect(single({ key: 'weight', type: 'number', label: 'Weight', max: 30 })(31).errors[0]?.message).toBe(
      'Must be at most 30',
    );
    const wide = single({ key: 'fee', type: 'money', label: 'Fee', min: -1e300, max: 1e300 });
    expect(wide(1e13).errors).toEqual([
      { path: '/fee', code: 'field.maximum', message: 'Must be at most 1000000000000' },
    ]);
    expect(wide(-1e13).errors[0]?.code).toBe('field.minimum');
  });

  it('holds table cells to the same limits, at the cell', () => {
    const form = compileForm({
      key: 'f',
      name: 'F',
      fields: [
        {
          key: 'parts',
          type: 'table',
          label: 'Parts',
          columns: [{ key: 'price', type: 'money', label: 'Price' }],
        },
      ],
    });
    const result = form.submit({ parts: [{ price: 5 }, { price: 1e308 }] }, { mode: 'create', ...clock });
    expect(result.errors).toEqual([
      { path: '/parts/1/price', code: 'field.maximum', message: 'Must be at most 1000000000000' },
    ]);
  });

  it('stores no value for a formula whose result is beyond the limit, as for one that is not finite', () => {
    const form = compileForm({
      key: 'f',
      name: 'F',
      fields: [
        { key: 'net', type: 'money', label: 'Net' },
        { key: 'gross', type: 'money', label: 'Gross', formula: { '*': [{ var: 'net' }, 1e300] } },
        { key: 'units', type: 'integer', label: 'Units', formula: { '*': [{ var: 'net' }, 1e300] } },
        { key: 'ratio', type: 'number', label: 'Ratio', formula: { '*': [{ var: 'net' }, 1e300] } },
        { key: 'half', type: 'money', label: 'Half', formula: { '/': [{ var: 'net' }, 2] } },
      ],
    });
    expect(form.submit({ net: 10 }, { mode: 'create', ...clock }).data).toEqual({ net: 10, half: 5 });
  });
});
