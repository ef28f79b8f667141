/** `multiselect`: a list of distinct option values, in the order chosen. */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList } from './field-type.js';
import { optionValueSchema } from './select.field.js';

export const multiselectField: FieldTypeModule = {
  description: {
    type: 'multiselect',
    label: { en: 'Multiple choice', zh: '多选' },
    value: { en: 'a list of distinct option values', zh: '不重复的选项值列表' },
    options: [{ key: 'options', kind: 'options', label: { en: 'Options', zh: '选项' }, required: true }],
    computable: false,
  },
  schema: (field) => ({
    'x-fc-type': 'multiselect',
    type: 'array',
    items: { 'x-fc-type': 'select', ...optionValueSchema(field) },
    uniqueItems: true,
  }),
  isEmpty: isEmptyList,
};
