/**
 * The size limits of every rule (definitions' rules and request filters alike): at most 32 levels
 * of nested objects and arrays and 2,000 values, checked without recursion so a rule nested
 * thousands deep is refused rather than overflowing anything.
 */
import { describe, expect, it } from 'vitest';
import { checkRule, checkRuleSize } from '../../engine/rules/index.js';

function nested(depth: number): unknown {
  let rule: unknown = { '==': [{ var: 'status' }, 'open'] };
  for (let i = 0; i < depth; i++) rule = { '!': rule };
  return rule;
}

describe('rule size limits', () => {
  it('accepts a rule up to 32 levels deep and 2,000 values', () => {
    expect(checkRuleSize(nested(29), '/filter')).toBeUndefined();
    expect(checkRuleSize({ or: Array.from({ length: 1998 }, () => true) })).toBeUndefined();
  });

  it('refuses a rule nested 1,100 deep where it first goes too deep', () => {
    const problem = checkRuleSize(nested(1100), '/filter');
    expect(problem).toMatchObject({ code: 'rule.too_deep', message: 'A rule may nest at most 32 levels.' });
    expect(problem?.path).toBe(`/filter${'/!'.repeat(33)}`);
  });

  it('refuses more than 2,000 values at the rule itself, even a list of a million at once', () => {
    expect(checkRuleSize({ or: Array.from({ length: 1999 }, () => true) }, '/filter')).toEqual({
      path: '/filter',
      code: 'rule.too_large',
      message: 'A rule may have at most 2000 parts.',
    });
    expect(
      checkRuleSize({ in: [{ var: 'status' }, Array.from({ length: 1_000_000 }, (_, i) => i)] })?.code,
    ).toBe('rule.too_large');
  });

  it('is what checkRule reports first and alone for a definition’s rule', () => {
    expect(checkRule(nested(1100), { path: '/forms/0/fields/0/visibleIf' })).toEqual([
      checkRuleSize(nested(1100), '/forms/0/fields/0/visibleIf'),
    ]);
  });
});
