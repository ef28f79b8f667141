/** A numeric field's `min` and `max` lie within its type's limit (money ±1e12, number ±1e15, integer safe). */
import { describe, expect, it } from 'vitest';
import { validateBundle } from '../../engine/definition/index.js';
import { found, validBundle } from './definition-test-kit.js';

describe('validateBundle: bounds of numeric fields', () => {
  it('accepts bounds within the limits, up to the limits themselves', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[11].max = 1e12;
    bundle.forms[1].fields[12].min = -1e15;
    bundle.forms[1].fields[10].columns[1].max = Number.MAX_SAFE_INTEGER;
    expect(found(bundle)).toEqual([]);
  });

  it('reports each bound beyond its type’s limit at its own path, tables included', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[11].max = 1e308;
    bundle.forms[1].fields[12].min = -1e16;
    bundle.forms[1].fields[10].columns[1].max = 2 ** 53;
    bundle.forms[1].fields[10].columns[2].min = -1e13;
    expect(found(bundle)).toEqual([
      { path: '/forms/1/fields/10/columns/1/max', code: 'range.beyond_limit' },
      { path: '/forms/1/fields/10/columns/2/min', code: 'range.beyond_limit' },
      { path: '/forms/1/fields/11/max', code: 'range.beyond_limit' },
      { path: '/forms/1/fields/12/min', code: 'range.beyond_limit' },
    ]);
  });

  it('says the limit in the message', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[11].max = 1e308;
    const [problem] = validateBundle(bundle);
    expect(problem?.message).toBe(
      "A money field's max must lie between -1000000000000 and 1000000000000; beyond, values are no longer exact.",
    );
  });
});
