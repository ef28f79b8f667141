/**
 * Property: whatever arrives as input, `submit` returns a result (never throws, never fails
 * internally), stores only the form's own fields, and pollutes no prototype.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileForm } from '../../engine/form/index.js';
import type { FieldDef } from '../../engine/definition/types.js';
import type { SubmitOptions } from '../../engine/form/types.js';

const options = [
  { value: 'a', label: 'A' },
  { value: 'b', label: 'B' },
];
const fields: FieldDef[] = [
  { key: 'title', type: 'text', label: 'Title', required: true, minLength: 2, pattern: '^[A-Za-z ]+$' },
  { key: 'notes', type: 'textarea', label: 'Notes' },
  { key: 'weight', type: 'number', label: 'Weight', min: 0 },
  { key: 'qty', type: 'integer', label: 'Qty', default: 1 },
  { key: 'price', type: 'money', label: 'Price' },
  { key: 'bought', type: 'date', label: 'Bought' },
  { key: 'visit', type: 'datetime', label: 'Visit' },
  { key: 'warranty', type: 'boolean', label: 'Warranty' },
  { key: 'fault', type: 'select', label: 'Fault', options },
  { key: 'faults', type: 'multiselect', label: 'Faults', options },
  { key: 'phone', type: 'phone', label: 'Phone' },
  { key: 'email', type: 'email', label: 'Email', visibleIf: { '!': { var: 'warranty' } } },
  { key: 'addr', type: 'address', label: 'Address' },
  { key: 'photos', type: 'files', label: 'Photos', maxFiles: 3 },
  { key: 'customer', type: 'relation', label: 'Customer', form: 'customer' },
  { key: 'owner', type: 'user', label: 'Owner' },
  { key: 'stars', type: 'rating', label: 'Stars' },
  { key: 'number', type: 'autonumber', label: 'No', pattern: 'R-{YYYYMMDD}-{seq:3}' },
  {
    key: 'parts',
    type: 'table',
    label: 'Parts',
    columns: [
      { key: 'sku', type: 'text', label: 'SKU', required: true },
      { key: 'n', type: 'integer', label: 'N' },
      { key: 'amount', type: 'money', label: 'Amount', formula: { '*': [{ var: 'n' }, { var: 'price' }] } },
      { key: 'who', type: 'relation', label: 'Who', form: 'customer', visibleIf: { var: 'warranty' } },
    ],
  },
  { key: 'tier', type: 'text', label: 'Tier', formula: { var: 'customer.tier' } },
  {
    key: 'total',
    type: 'money',
    label: 'Total',
    formula: { reduce: [{ var: 'parts' }, { '+': [{ var: 'accumulator' }, { var: 'current.amount' }] }, 0] },
  },
];
const form = compileForm({ key: 'everything', name: 'Everything', fields });
const keys = [...form.fieldKeys];

const context = {
  now: '2026-11-23T08:00:00.000Z',
  today: '2026-11-23',
  lookup: (f: string, id: string) => (f === 'customer' && id === 'c1' ? { tier: 'gold' } : undefined),
  nextSequence: () => 1,
};

// Mostly real field keys (so values reach every type's checks), some strangers and prototype names.
const key = fc.oneof(
  fc.constantFrom(...keys),
  fc.constantFrom('__proto__', 'constructor', 'prototype'),
  fc.string(),
);
const input = fc.oneof(
  fc.anything(),
  fc.dictionary(key, fc.anything()),
  fc.dictionary(
    key,
    fc.array(
      fc.dictionary(
        fc.oneof(fc.constantFrom('sku', 'n', 'amount', 'who', 'street'), fc.string()),
        fc.anything(),
      ),
    ),
  ),
);
const mode = fc.constantFrom<SubmitOptions['mode']>('create', 'update');
const permissions = fc.option(
  fc.record({ visible: fc.subarray(keys), editable: fc.subarray(keys), required: fc.subarray(keys) }),
  { nil: undefined },
);

describe('submit on any input', () => {
  it('never throws, never fails internally, stores only known fields', () => {
    fc.assert(
      fc.property(
        input,
        mode,
        permissions,
        fc.constantFrom<'en' | 'zh'>('en', 'zh'),
        fc.anything(),
        (data, m, perms, language, previous) => {
          const result = form.submit(data, {
            ...context,
            mode: m,
            permissions: perms,
            language,
            previous: previous as Record<string, unknown>,
          });
          expect(result.errors.filter((e) => e.code === 'form.internal')).toEqual([]);
          expect(result.ok).toBe(result.errors.length === 0);
          for (const k of Object.keys(result.data)) expect(form.fieldKeys.has(k)).toBe(true);
          for (const e of result.errors) expect(typeof e.message).toBe('string');
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
        },
      ),
      { numRuns: 600 },
    );
  });

  // Plausible values of every type (some valid, some not), so that many submissions succeed.
  const day = fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2100-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const plausible = fc.record(
    {
      title: fc.constantFrom('Ab', 'No power', ' Cracked screen '),
      notes: fc.string(),
      weight: fc.double({ min: 0, max: 1e6, noNaN: true }),
      qty: fc.integer(),
      price: fc.integer({ min: -1e6, max: 1e6 }).map((cents) => cents / 100),
      bought: day.map((d) => d.toISOString().slice(0, 10)),
      visit: day.map((d) => d.toISOString()),
      warranty: fc.boolean(),
      fault: fc.constantFrom('a', 'b'),
      faults: fc.subarray(['a', 'b']),
      phone: fc.constantFrom('+86 138-0013-8000', '13800138000'),
      email: fc.constantFrom('li@example.com', ' wang@example.cn '),
      addr: fc.record(
        { city: fc.string(), street: fc.constantFrom('Main St 1', '科技园 1 号') },
        { requiredKeys: ['street'] },
      ),
      photos: fc.uniqueArray(fc.constantFrom('f1', 'f2', 'f3'), { maxLength: 3 }),
      customer: fc.constantFrom('c1'),
      owner: fc.string(),
      stars: fc.integer({ min: 1, max: 5 }),
      number: fc.string(),
      parts: fc.array(
        fc.record(
          { sku: fc.constantFrom('A', 'B '), n: fc.integer({ min: -5, max: 5 }), who: fc.constantFrom('c1') },
          { requiredKeys: ['sku'] },
        ),
        { maxLength: 4 },
      ),
      tier: fc.anything(),
    },
    { requiredKeys: ['title'] },
  );

  it('accepts what it produced: resubmitting stored data as an update changes nothing', () => {
    fc.assert(
      fc.property(plausible, (data) => {
        const first = form.submit(data, { ...context, mode: 'create' });
        expect(first.errors).toEqual([]);
        const again = form.submit(first.data, { ...context, mode: 'update', previous: first.data });
        expect(again.errors).toEqual([]);
        expect(again.changes).toEqual([]);
        expect(again.data).toEqual(first.data);
      }),
      { numRuns: 300 },
    );
  });
});
