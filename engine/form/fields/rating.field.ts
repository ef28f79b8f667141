/** `rating`: whole stars from 1 to 5. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toFiniteNumber } from './field-type.js';

export const ratingField: FieldTypeModule = {
  description: {
    type: 'rating',
    label: { en: 'Rating', zh: '评分' },
    value: { en: 'an integer from 1 to 5', zh: '1 到 5 的整数' },
    icon: 'star',
    category: 'number',
    control: 'rating',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'rating', type: 'integer', minimum: 1, maximum: 5 }),
  isEmpty: isBlank,
  fromFormula: (value) => {
    const n = toFiniteNumber(value);
    return n === undefined ? undefined : Math.min(5, Math.max(1, Math.round(n)));
  },
};
