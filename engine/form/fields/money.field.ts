/**
 * `money`: an amount as a JSON number with at most 2 decimals (not a string, not cents), within
 * ±1e12 unless `min`/`max` narrow it; `currency` (ISO 4217, for display only). A formula's result
 * is rounded to cents.
 */
import { NUMBER_LIMITS } from '../../definition/number-limits.js';
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toFiniteNumber } from './field-type.js';
import { checkRangeLimits, NUMBER_RANGE_SCHEMA, rangeSchema, withinLimit } from './number-range.js';
import { prop } from '../../definition/property-list.js';

export const moneyField: FieldTypeModule = {
  description: {
    type: 'money',
    label: { en: 'Money', zh: '金额' },
    value: { en: 'a number with at most 2 decimals', zh: '最多两位小数的数值' },
    icon: 'banknote',
    category: 'number',
    control: 'number',
    properties: [
      prop('/min', 'number', 'Minimum', '最小值'),
      prop('/max', 'number', 'Maximum', '最大值'),
      prop('/currency', 'text', 'Currency (ISO 4217)', '币种（ISO 4217）', { default: 'CNY' }),
    ],
    computable: true,
  },
  definitionSchema: { properties: NUMBER_RANGE_SCHEMA },
  check: checkRangeLimits,
  schema: (field) => ({
    'x-fc-type': 'money',
    type: 'number',
    'x-fc-decimals': 2,
    ...rangeSchema(field, NUMBER_LIMITS.money),
  }),
  isEmpty: isBlank,
  fromFormula: (value) => {
    const n = toFiniteNumber(value);
    return withinLimit(
      n === undefined ? undefined : Math.round((n + Math.sign(n) * Number.EPSILON) * 100) / 100,
      NUMBER_LIMITS.money,
    );
  },
};
