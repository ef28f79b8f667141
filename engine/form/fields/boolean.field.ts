/**
 * `boolean`: `true` or `false`. `false` is an answer, so it fills a required field; a box that must
 * be ticked is a `visibleIf`/branch concern, not `required`.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank } from './field-type.js';
import { isTruthy } from '../../rules/index.js';

export const booleanField: FieldTypeModule = {
  description: {
    type: 'boolean',
    label: { en: 'Yes/No', zh: '是/否' },
    value: { en: 'true or false', zh: 'true 或 false' },
    icon: 'toggle-left',
    category: 'choice',
    control: 'checkbox',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'boolean', type: 'boolean' }),
  isEmpty: isBlank,
  fromFormula: (value) => (value === null || value === undefined ? undefined : isTruthy(value)),
};
