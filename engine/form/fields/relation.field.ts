/**
 * `relation`: a link to a record of `form`, stored as that record's id. The compiler checks the id
 * resolves through the `lookup` it is given, and rules read the linked record as `customer.tier`.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, trimString } from './field-type.js';

export const relationField: FieldTypeModule = {
  description: {
    type: 'relation',
    label: { en: 'Linked record', zh: '关联记录' },
    value: { en: 'a record id of the linked form', zh: '关联表单的记录 id' },
    options: [
      { key: 'form', kind: 'form', label: { en: 'Linked form', zh: '关联表单' }, required: true },
      { key: 'display', kind: 'string', label: { en: 'Field shown', zh: '显示字段' } },
    ],
    computable: false,
  },
  schema: (field) => ({
    'x-fc-type': 'relation',
    type: 'string',
    minLength: 1,
    maxLength: 200,
    ...(field.form ? { 'x-fc-form': field.form } : {}),
  }),
  isEmpty: isBlank,
  normalize: trimString,
};
