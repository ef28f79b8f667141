/**
 * `relation`: a link to a record of `form`, stored as that record's id. The compiler checks the id
 * resolves through the `lookup` it is given, and rules read the linked record as `customer.tier`.
 */
import type { FieldTypeModule } from './field-type.js';
import { isBlank, trimString } from './field-type.js';
import { keyAt } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { ref } from '../../definition/schema-parts.js';

export const relationField: FieldTypeModule = {
  description: {
    type: 'relation',
    label: { en: 'Linked record', zh: '关联记录' },
    value: { en: 'a record id of the linked form', zh: '关联表单的记录 id' },
    icon: 'link',
    category: 'link',
    control: 'record',
    properties: [
      prop('/form', 'form', 'Linked form', '关联表单', { required: true }),
      prop('/display', 'field', 'Field shown', '显示字段', { formFrom: 'form' }),
    ],
    computable: false,
  },
  definitionSchema: { properties: { form: ref('key'), display: ref('key') }, required: ['form'] },
  check({ index, field, problems }) {
    const formKey = keyAt(field.raw, 'form');
    if (formKey === undefined) return;
    const linked = index.forms.get(formKey);
    if (!linked) {
      if (!index.formsReadable) return;
      problems.push({
        path: `${field.path}/form`,
        code: 'ref.unknown_form',
        message: `The relation "${field.key}" links to form "${formKey}", which this app does not define.`,
      });
      return;
    }
    const display = keyAt(field.raw, 'display');
    if (display !== undefined && !linked.fieldKeys.has(display)) {
      problems.push({
        path: `${field.path}/display`,
        code: 'ref.unknown_field',
        message: `The relation "${field.key}" shows field "${display}", which form "${formKey}" does not have.`,
      });
    }
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
