/** `text`: one line of text, trimmed; `minLength`, `maxLength`, and a `pattern` run on RE2. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, pick, toText, trimString } from './field-type.js';

export const textField: FieldTypeModule = {
  description: {
    type: 'text',
    label: { en: 'Text', zh: '单行文本' },
    value: { en: 'a string, trimmed', zh: '字符串（去除首尾空白）' },
    options: [
      { key: 'minLength', kind: 'integer', label: { en: 'Minimum length', zh: '最少字符数' } },
      { key: 'maxLength', kind: 'integer', label: { en: 'Maximum length', zh: '最多字符数' } },
      {
        key: 'pattern',
        kind: 'pattern',
        label: { en: 'Pattern (RE2 regular expression)', zh: '格式（RE2 正则表达式）' },
      },
    ],
    computable: true,
  },
  schema: (field) => ({
    'x-fc-type': 'text',
    type: 'string',
    ...pick(field, { minLength: 'minLength', maxLength: 'maxLength' }),
    ...(typeof field.pattern === 'string' ? { pattern: field.pattern } : {}),
  }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
