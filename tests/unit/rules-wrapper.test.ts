import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FlowcaseError } from '../../engine/errors.js';
import { checkRule, dateAdd, dateDiff, evaluateRule } from '../../engine/rules/index.js';

const scope = (data: Record<string, unknown> = {}) => ({
  data,
  today: '2026-11-23',
  now: '2026-11-23T08:00:00.000Z',
  user: 'u1',
});

describe('rules: the allow-list, checked when a definition is saved', () => {
  it('accepts the standard operations and our date operations', () => {
    expect(
      checkRule(
        {
          and: [
            { '==': [{ var: 'tier' }, 'vip'] },
            { '<': [{ date_diff: [{ var: 'purchase' }, { today: [] }, 'month'] }, 12] },
          ],
        },
        { knownFields: new Set(['tier', 'purchase']) },
      ),
    ).toEqual([]);
  });

  it('rejects unknown operations and "log" with their JSON path', () => {
    expect(checkRule({ if: [{ log: 1 }, 1, 2] }, { path: '/forms/0/fields/1/formula' })).toEqual([
      {
        path: '/forms/0/fields/1/formula/if/0/log',
        code: 'rule.unknown_operation',
        message: expect.stringContaining('"log"'),
      },
    ]);
    expect(checkRule({ 'toString.call': [] })[0]?.code).toBe('rule.unknown_operation');
    expect(checkRule({ method: [{ var: 'a' }, 'toUpperCase'] })[0]?.code).toBe('rule.unknown_operation');
  });

  it('never lets a field path reach a prototype', () => {
    for (const name of ['__proto__', 'constructor', 'a.prototype', 'customer.__proto__.x']) {
      expect(checkRule({ var: name })[0]?.code).toBe('rule.forbidden_var');
    }
  });

  it('refuses computed variable names, which could read anything', () => {
    expect(checkRule({ var: [{ cat: ['__pro', 'to__'] }] })[0]?.code).toBe('rule.dynamic_var');
  });

  it('names fields the form does not have, but lets array scopes read their items', () => {
    expect(checkRule({ var: 'nope' }, { knownFields: new Set(['a']) })[0]).toMatchObject({
      code: 'rule.unknown_field',
      path: '/var',
    });
    expect(
      checkRule(
        { reduce: [{ var: 'parts' }, { '+': [{ var: 'accumulator' }, { var: 'current.qty' }] }, 0] },
        { knownFields: new Set(['parts']) },
      ),
    ).toEqual([]);
    expect(checkRule({ '==': [{ var: '$user' }, { var: '$today' }] }, { knownFields: new Set() })).toEqual(
      [],
    );
  });

  it('caps depth and size', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = { '!': [deep] };
    expect(checkRule(deep)[0]?.code).toBe('rule.too_deep');
    expect(checkRule({ and: Array.from({ length: 3000 }, () => true) })[0]?.code).toBe('rule.too_large');
  });
});

describe('rules: evaluation', () => {
  it('reads fields, builtins and, through the lookup, a related record (customer.tier)', () => {
    const lookup = (field: string, id: string) =>
      field === 'customer' && id === 'c1' ? { tier: 'vip' } : undefined;
    expect(
      evaluateRule({ '==': [{ var: 'customer.tier' }, 'vip'] }, { ...scope({ customer: 'c1' }), lookup }),
    ).toBe(true);
    expect(evaluateRule({ var: 'customer' }, { ...scope({ customer: 'c1' }), lookup })).toBe('c1');
    expect(evaluateRule({ cat: [{ var: '$user' }, '@', { var: '$today' }] }, scope())).toBe('u1@2026-11-23');
    expect(evaluateRule({ now: [] }, scope())).toBe('2026-11-23T08:00:00.000Z');
  });

  it('refuses to run a rule that fails the checks', () => {
    expect(() => evaluateRule({ var: '__proto__' }, scope())).toThrow(FlowcaseError);
    expect(() => evaluateRule({ log: 'x' }, scope())).toThrow(FlowcaseError);
  });

  it('never returns an object prototype, whatever the path (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('__proto__', 'constructor', 'prototype', 'a', 'b', '0', 'toString', 'valueOf'),
          { minLength: 1, maxLength: 4 },
        ),
        (segments) => {
          let result: unknown;
          try {
            result = evaluateRule({ var: segments.join('.') }, scope({ a: { b: [1] } }));
          } catch (e) {
            expect(e).toBeInstanceOf(FlowcaseError);
            return;
          }
          expect(result === Object.prototype || typeof result === 'function').toBe(false);
        },
      ),
    );
  });
});

describe('rules: safe date operations', () => {
  it('adds days, months (clamped to month end) and years to dates and datetimes', () => {
    expect(dateAdd('2026-01-31', 1, 'month')).toBe('2026-02-28');
    expect(dateAdd('2024-02-29', 1, 'year')).toBe('2025-02-28');
    expect(dateAdd('2026-11-23', -30, 'day')).toBe('2026-10-24');
    expect(dateAdd('2026-11-23T08:00:00.000Z', 90, 'minute')).toBe('2026-11-23T09:30:00.000Z');
    expect(dateAdd('not a date', 1, 'day')).toBeNull();
    expect(dateAdd('2026-11-23', 1, 'fortnight')).toBeNull();
  });

  it('counts whole units between two dates', () => {
    expect(dateDiff('2025-11-23', '2026-11-23', 'month')).toBe(12);
    expect(dateDiff('2025-11-24', '2026-11-23', 'month')).toBe(11);
    expect(dateDiff('2026-11-23', '2026-11-20', 'day')).toBe(-3);
    expect(dateDiff('2026-11-23T08:00:00Z', '2026-11-23T10:30:00Z', 'hour')).toBe(2);
  });

  it('decides warranty with today passed in, never the machine clock', () => {
    const rule = { '<=': [{ today: [] }, { date_add: [{ var: 'purchase_date' }, 12, 'month'] }] };
    expect(evaluateRule(rule, { ...scope({ purchase_date: '2025-12-01' }) })).toBe(true);
    expect(evaluateRule(rule, { ...scope({ purchase_date: '2025-11-01' }) })).toBe(false);
  });
});
