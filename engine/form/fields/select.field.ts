/** `select`: one value among `options[].value`. */
import type { FieldDef } from '../../definition/types.js';
import type { FieldTypeModule, JsonSchema } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';
import { prop } from '../../definition/property-list.js';
import { ref } from '../../definition/schema-parts.js';

/** `enum` of the option values; with no options nothing is valid. */
export function optionValueSchema(field: FieldDef): JsonSchema {
  const values = (field.options ?? []).map((o) => o.value);
  return values.length > 0 ? { type: 'string', enum: values } : { type: 'string', not: {} };
}

export const selectField: FieldTypeModule = {
  description: {
    type: 'select',
    label: { en: 'Single choice', zh: '单选' },
    value: { en: 'one option value', zh: '一个选项值' },
    icon: 'circle-dot',
    category: 'choice',
    control: 'select',
    properties: [
      prop('/options', 'options', 'Options', '选项', {
        required: true,
        help: { en: 'Each a stored value and its label.', zh: '每个选项有存储值和显示文字。' },
      }),
    ],
    computable: true,
  },
  definitionSchema: { properties: { options: ref('options') }, required: ['options'] },
  schema: (field) => ({ 'x-fc-type': 'select', ...optionValueSchema(field) }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
