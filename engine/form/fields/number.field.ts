/** `number`: any finite number; `min`, `max`. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, pick, toFiniteNumber } from './field-type.js';

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
  schema: (field) => ({ 'x-fc-type': 'number', type: 'number', ...pick(field, { min: 'minimum', max: 'maximum' }) }),
  isEmpty: isBlank,
  fromFormula: toFiniteNumber,
};
