/** `user`: a user id (an assignee rule `{field}` can route a task to it). */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, toText, trimString } from './field-type.js';

export const userField: FieldTypeModule = {
  description: {
    type: 'user',
    label: { en: 'User', zh: '成员' },
    value: { en: 'a user id', zh: '用户 id' },
    icon: 'user',
    category: 'contact',
    control: 'user',
    properties: [],
    computable: true,
  },
  definitionSchema: { properties: {} },
  schema: () => ({ 'x-fc-type': 'user', type: 'string', minLength: 1, maxLength: 200 }),
  isEmpty: isBlank,
  normalize: trimString,
  fromFormula: toText,
};
