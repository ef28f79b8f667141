/**
 * Options that only change how figures read: a number field's time `unit` (shown as "2 h 5 min")
 * and a widget measure's `label` (its name in charts, pivot headers and KPIs).
 */
import { describe, expect, it } from 'vitest';
import { found, validBundle } from './definition-test-kit.js';

describe('validateBundle: display options', () => {
  it('accepts a time unit on number and integer fields, and labels on measures', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[12].unit = 'hours';
    bundle.forms[1].fields[10].columns[1].unit = 'minutes';
    bundle.dashboards[0].widgets[1].measures[0].label = { en: 'Quoted', zh: '报价' };
    bundle.dashboards[0].widgets[2].measures[0].label = 'Rating';
    expect(found(bundle)).toEqual([]);
  });

  it('refuses a unit on other field types, an unknown unit and an empty measure label', () => {
    const bundle = validBundle();
    bundle.forms[1].fields[11].unit = 'hours'; // money
    bundle.forms[1].fields[12].unit = 'weeks';
    bundle.dashboards[0].widgets[1].measures[0].label = 42;
    const problems = found(bundle);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: '/forms/1/fields/11/unit' }),
        expect.objectContaining({ path: '/forms/1/fields/12/unit' }),
        expect.objectContaining({ path: '/dashboards/0/widgets/1/measures/0/label' }),
      ]),
    );
  });
});
