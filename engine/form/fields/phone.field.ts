/**
 * `phone`: a phone number as people write it: an optional leading `+`, then 6–20 digits, spaces,
 * hyphens or parentheses (`+86 138-0013-8000`, `(010) 6552 1234`). Trimmed, otherwise kept as typed.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';

export const PHONE_PATTERN = '^\\+?[0-9(][0-9 ()-]{4,18}[0-9]$';

export const phoneField: FieldTypeModule = {
  description: {
    type: 'phone',
    label: { en: 'Phone', zh: '电话' },
    value: {
      en: 'a phone number: optional +, digits, spaces, -, ()',
      zh: '电话号码：可选 +、数字、空格、-、()',
    },
    icon: 'phone',
    category: 'contact',
    control: 'tel',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'phone', type: 'string', pattern: PHONE_PATTERN }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
