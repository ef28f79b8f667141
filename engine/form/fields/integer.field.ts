/** `integer`: a safe whole number (±2^53 − 1) unless `min`/`max` narrow it. A formula's result is rounded. */
import { NUMBER_LIMITS } from '../../definition/number-limits.js';
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toFiniteNumber } from './field-type.js';
import { rangeSchema, withinLimit } from './number-range.js';

export const integerField: FieldTypeModule = {
  description: {
    type: 'integer',
    label: { en: 'Whole number', zh: '整数' },
    value: { en: 'an integer', zh: '整数' },
    options: [
      { key: 'min', kind: 'integer', label: { en: 'Minimum', zh: '最小值' } },
      { key: 'max', kind: 'integer', label: { en: 'Maximum', zh: '最大值' } },
    ],
    computable: true,
  },
  schema: (field) => ({
    'x-fc-type': 'integer',
    type: 'integer',
    ...rangeSchema(field, NUMBER_LIMITS.integer),
  }),
  isEmpty: isBlank,
  fromFormula: (value) => {
    const n = toFiniteNumber(value);
    return withinLimit(n === undefined ? undefined : Math.round(n), NUMBER_LIMITS.integer);
  },
};
