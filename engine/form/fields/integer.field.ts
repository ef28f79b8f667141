/** `integer`: a whole number; `min`, `max`. A formula's result is rounded. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, pick, toFiniteNumber } from './field-type.js';

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
  schema: (field) => ({ 'x-fc-type': 'integer', type: 'integer', ...pick(field, { min: 'minimum', max: 'maximum' }) }),
  isEmpty: isBlank,
  fromFormula: (value) => {
    const n = toFiniteNumber(value);
    return n === undefined ? undefined : Math.round(n);
  },
};
