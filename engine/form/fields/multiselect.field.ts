/** `multiselect`: a list of distinct option values, in the order chosen. */
import type { FieldTypeModule } from './field-type.js';
import { isEmptyList } from './field-type.js';
import { optionValueSchema } from './select.field.js';
import { prop } from '../../definition/property-list.js';
import { ref } from '../../definition/schema-parts.js';

export const multiselectField: FieldTypeModule = {
  description: {
    type: 'multiselect',
    label: { en: 'Multiple choice', zh: '多选' },
    value: { en: 'a list of distinct option values', zh: '不重复的选项值列表' },
    icon: 'list-checks',
    category: 'choice',
    control: 'multiselect',
    properties: [
      prop('/options', 'options', 'Options', '选项', {
        required: true,
        help: { en: 'Each a stored value and its label.', zh: '每个选项有存储值和显示文字。' },
      }),
    ],
    computable: false,
  },
  definitionSchema: { properties: { options: ref('options') }, required: ['options'] },
  schema: (field) => ({
    'x-fc-type': 'multiselect',
    type: 'array',
    items: { 'x-fc-type': 'select', ...optionValueSchema(field) },
    uniqueItems: true,
  }),
  isEmpty: isEmptyList,
};
