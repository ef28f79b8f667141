/** `text`: one line of text, trimmed; `minLength`, `maxLength`, and a `pattern` run on RE2. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, pick, toText, trimString } from './field-type.js';
import { RE2JS } from 're2js';
import { own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { count, text } from '../../definition/schema-parts.js';

export const textField: FieldTypeModule = {
  description: {
    type: 'text',
    label: { en: 'Text', zh: '单行文本' },
    value: { en: 'a string, trimmed', zh: '字符串（去除首尾空白）' },
    icon: 'type',
    category: 'text',
    control: 'text',
    properties: [
      prop('/minLength', 'integer', 'Minimum length', '最少字符数'),
      prop('/maxLength', 'integer', 'Maximum length', '最多字符数'),
      prop('/pattern', 'pattern', 'Pattern (RE2 regular expression)', '格式（RE2 正则表达式）', {
        help: { en: 'For example ^[A-Z]{2}[0-9]{6}$.', zh: '例如 ^[A-Z]{2}[0-9]{6}$。' },
      }),
    ],
    computable: true,
  },
  definitionSchema: {
    properties: { minLength: count(100_000), maxLength: count(100_000), pattern: text(1000) },
  },
  // The compiler runs definition patterns on re2js, a linear-time engine: `^(a|a)*$` is harmless,
  // while backreferences and lookarounds, which need backtracking, are refused here.
  check({ field, problems }) {
    const pattern = own(field.raw, 'pattern');
    if (typeof pattern !== 'string') return;
    try {
      RE2JS.compile(pattern);
    } catch (e) {
      const detail = e instanceof Error ? e.message.slice(0, 200) : 'unreadable';
      problems.push({
        path: `${field.path}/pattern`,
        code: 'pattern.invalid',
        message: `The pattern cannot run on the linear-time regular expression engine: ${detail}.`,
      });
    }
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
