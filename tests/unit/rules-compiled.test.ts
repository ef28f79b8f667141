import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRule, evaluateRule, interpretRule, type RuleScope } from '../../engine/rules/rules.js';
import { STANDARD_OPERATIONS } from '../../engine/rules/operations.js';

/**
 * Rules run compiled to closures; json-logic-js stays the reference. Whatever a designer writes
 * with the allowed operations, both give the same answer (or both fail).
 */
const FIELDS = [
  'n',
  's',
  'd',
  'when',
  'flag',
  'none',
  'empty',
  'tags',
  'lines',
  'customer',
  'customer.tier',
  '$today',
  '$now',
  '$user',
  'lines.0.qty',
];

const record = {
  n: 7,
  s: '12.5',
  d: '2026-01-31',
  when: '2026-03-01T10:00:00.000Z',
  flag: false,
  none: null,
  empty: '',
  tags: ['a', 'b'],
  lines: [
    { qty: 2, price: '3.5' },
    { qty: 0, price: 10 },
  ],
  customer: 'c1',
};

const scope: RuleScope = {
  data: record,
  today: '2026-11-23',
  now: '2026-11-23T08:00:00.000Z',
  user: 'u1',
  lookup: (field, id) =>
    field === 'customer' && id === 'c1' ? { tier: 'vip', since: '2020-02-29' } : undefined,
};

const leaf = fc.oneof(
  fc.integer({ min: -3, max: 40 }),
  fc.constantFrom(0.5, -0, Number.MAX_SAFE_INTEGER),
  fc.constantFrom(
    '',
    '0',
    '3',
    'a',
    'vip',
    '2026-02-28',
    '2026-11-23T08:00:00.000Z',
    'day',
    'month',
    'year',
    'hour',
  ),
  fc.constantFrom(null, true, false),
  fc.constantFrom(['a', 'c'], [], [1, 2, 3]),
  fc.constantFrom(...FIELDS).map((name) => ({ var: name })),
  fc
    .tuple(fc.constantFrom(...FIELDS), fc.constantFrom(0, 'x', null))
    .map(([name, fallback]) => ({ var: [name, fallback] })),
  fc.constant({ today: [] }),
  fc.constant({ now: [] }),
);

const SCOPED = new Set(['filter', 'map', 'reduce', 'all', 'none', 'some']);
const PLAIN = STANDARD_OPERATIONS.filter((op) => op !== 'var' && !SCOPED.has(op));

const { rule } = fc.letrec<{ rule: unknown }>((tie) => ({
  rule: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    leaf,
    fc
      .tuple(fc.constantFrom(...PLAIN), fc.array(tie('rule'), { maxLength: 4 }))
      .map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom(...PLAIN), tie('rule')).map(([op, arg]) => ({ [op]: arg })),
    fc
      .tuple(
        fc.constantFrom('date_add', 'date_diff'),
        tie('rule'),
        tie('rule'),
        fc.constantFrom('day', 'month', 'year', 'week', 'hour', 'x'),
      )
      .map(([op, a, b, unit]) => ({ [op]: [a, b, unit] })),
    fc
      .tuple(
        fc.constantFrom(...SCOPED),
        fc.constantFrom({ var: 'lines' }, { var: 'tags' }, { var: 'n' }, [1, 2]),
        tie('rule'),
        fc.option(tie('rule'), { nil: undefined }),
      )
      .map(([op, source, body, initial]) =>
        initial === undefined ? { [op]: [source, body] } : { [op]: [source, body, initial] },
      ),
    fc.constantFrom(
      { missing: ['n', 'none', 'empty', 'x'] },
      { missing_some: [1, ['none', 'n']] },
      { missing_some: [2, ['none', 'empty']] },
    ),
  ),
}));

type Outcome = { ok: true; value: unknown } | { ok: false };

function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
}

describe('rules: compiled evaluation agrees with json-logic-js', () => {
  it('gives the same result, or fails the same way, for any allowed rule (property)', () => {
    fc.assert(
      fc.property(rule, (logic) => {
        fc.pre(checkRule(logic).length === 0);
        const compiled = outcome(() => evaluateRule(logic, scope));
        const reference = outcome(() => interpretRule(logic, scope));
        expect(compiled).toEqual(reference);
      }),
      { numRuns: 3000, seed: 20261123 },
    );
  });

  it('keeps the interpreter quirks designers may rely on', () => {
    const cases: unknown[] = [
      { '*': ['3'] },
      { '+': [] },
      { '+': ['1', 2] },
      { '-': [{ var: 'n' }] },
      { and: [] },
      { or: [0, '', null] },
      { if: [] },
      { if: [false, 1] },
      { '?:': [{ var: 'flag' }, 'yes', 'no'] },
      { '<': [1, { var: 'n' }, 10] },
      { in: ['vip', { var: 'customer.tier' }] },
      {
        reduce: [
          { var: 'lines' },
          { '+': [{ var: 'accumulator' }, { '*': [{ var: 'current.qty' }, { var: 'current.price' }] }] },
          0,
        ],
      },
      { map: [{ var: 'lines' }, { today: [] }] },
      { var: '' },
      { substr: ['abcdef', 1, -2] },
      { merge: [[1], 2, [[3]]] },
    ];
    for (const logic of cases) {
      expect(checkRule(logic)).toEqual([]);
      expect(outcome(() => evaluateRule(logic, scope))).toEqual(outcome(() => interpretRule(logic, scope)));
    }
    expect(evaluateRule({ '*': ['3'] }, scope)).toBe('3');
  });
});
