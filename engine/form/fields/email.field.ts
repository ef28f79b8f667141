/** `email`: `local@domain.tld`, no spaces, at most 254 characters; trimmed. */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';

export const EMAIL_PATTERN = '^[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+$';

export const emailField: FieldTypeModule = {
  description: {
    type: 'email',
    label: { en: 'Email', zh: '邮箱' },
    value: { en: 'an email address', zh: '邮箱地址' },
    icon: 'mail',
    category: 'contact',
    control: 'email',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'email', type: 'string', maxLength: 254, pattern: EMAIL_PATTERN }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
