/** `textarea`: several lines of text, trimmed at both ends (the format gives it no options). */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';

export const textareaField: FieldTypeModule = {
  description: {
    type: 'textarea',
    label: { en: 'Long text', zh: '多行文本' },
    value: { en: 'a string, trimmed', zh: '字符串（去除首尾空白）' },
    icon: 'text',
    category: 'text',
    control: 'textarea',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'textarea', type: 'string' }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
