/** `textarea`: several lines of text, trimmed at both ends; `minLength`, `maxLength`. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, pick, toText, trimString } from './field-type.js';

export const textareaField: FieldTypeModule = {
  description: {
    type: 'textarea',
    label: { en: 'Long text', zh: '多行文本' },
    value: { en: 'a string, trimmed', zh: '字符串（去除首尾空白）' },
    options: [
      { key: 'minLength', kind: 'integer', label: { en: 'Minimum length', zh: '最少字符数' } },
      { key: 'maxLength', kind: 'integer', label: { en: 'Maximum length', zh: '最多字符数' } },
    ],
    computable: true,
  },
  schema: (field) => ({ 'x-fc-type': 'textarea', type: 'string', ...pick(field, { minLength: 'minLength', maxLength: 'maxLength' }) }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
