/** `number`: a finite number, within ±1e15 unless `min`/`max` narrow it. */
import { NUMBER_LIMITS } from '../../definition/number-limits.js';
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toFiniteNumber } from './field-type.js';
import { rangeSchema, withinLimit } from './number-range.js';

export const numberField: FieldTypeModule = {
  description: {
    type: 'number',
    label: { en: 'Number', zh: '数字' },
    value: { en: 'a finite number', zh: '有限数值' },
    options: [
      { key: 'min', kind: 'number', label: { en: 'Minimum', zh: '最小值' } },
      { key: 'max', kind: 'number', label: { en: 'Maximum', zh: '最大值' } },
    ],
    computable: true,
  },
  schema: (field) => ({ 'x-fc-type': 'number', type: 'number', ...rangeSchema(field, NUMBER_LIMITS.number) }),
  isEmpty: isBlank,
  fromFormula: (value) => withinLimit(toFiniteNumber(value), NUMBER_LIMITS.number),
};
