/** `select`: one value among `options[].value`. */
import type { FieldDef } from '../../definition/types.js';
import type { FieldTypeModule, JsonSchema } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';

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
    options: [{ key: 'options', kind: 'options', label: { en: 'Options', zh: '选项' }, required: true }],
    computable: true,
  },
  schema: (field) => ({ 'x-fc-type': 'select', ...optionValueSchema(field) }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
