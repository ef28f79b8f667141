/**
 * The field-type registry: adding a type is one `<type>.field.ts` file and one line here.
 */
import type { FieldType } from '../../definition/types.js';
import type { FieldOptionDescription, FieldTypeDescription, FieldTypeModule } from './field-type.js';
import { addressField } from './address.field.js';
import { autonumberField } from './autonumber.field.js';
import { booleanField } from './boolean.field.js';
import { dateField } from './date.field.js';
import { datetimeField } from './datetime.field.js';
import { emailField } from './email.field.js';
import { filesField } from './files.field.js';
import { integerField } from './integer.field.js';
import { moneyField } from './money.field.js';
import { multiselectField } from './multiselect.field.js';
import { numberField } from './number.field.js';
import { phoneField } from './phone.field.js';
import { ratingField } from './rating.field.js';
import { relationField } from './relation.field.js';
import { selectField } from './select.field.js';
import { tableField } from './table.field.js';
import { textField } from './text.field.js';
import { textareaField } from './textarea.field.js';
import { userField } from './user.field.js';

/** Every field type by name. */
export const FIELD_TYPE_REGISTRY: Readonly<Record<FieldType, FieldTypeModule>> = Object.freeze({
  text: textField,
  textarea: textareaField,
  number: numberField,
  integer: integerField,
  money: moneyField,
  date: dateField,
  datetime: datetimeField,
  boolean: booleanField,
  select: selectField,
  multiselect: multiselectField,
  phone: phoneField,
  email: emailField,
  address: addressField,
  files: filesField,
  relation: relationField,
  user: userField,
  rating: ratingField,
  autonumber: autonumberField,
  table: tableField,
});

/** Options every field takes, whatever its type. */
export const COMMON_FIELD_OPTIONS: readonly FieldOptionDescription[] = Object.freeze([
  { key: 'key', kind: 'string', label: { en: 'Key', zh: '字段键' }, required: true },
  { key: 'label', kind: 'string', label: { en: 'Label', zh: '标题' }, required: true },
  { key: 'required', kind: 'boolean', label: { en: 'Required', zh: '必填' } },
  { key: 'readonly', kind: 'boolean', label: { en: 'Read-only', zh: '只读' } },
  { key: 'default', kind: 'string', label: { en: 'Default value', zh: '默认值' } },
  { key: 'visibleIf', kind: 'string', label: { en: 'Visible when (rule)', zh: '显示条件（规则）' } },
  { key: 'formula', kind: 'string', label: { en: 'Formula (rule)', zh: '公式（规则）' } },
  { key: 'help', kind: 'string', label: { en: 'Help text', zh: '说明' } },
] satisfies FieldOptionDescription[]);

/** The module of a type name, or undefined for a name that is not a field type. */
export function fieldType(type: unknown): FieldTypeModule | undefined {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(FIELD_TYPE_REGISTRY, type)
    ? FIELD_TYPE_REGISTRY[type as FieldType]
    : undefined;
}

/** Serializable descriptions of every type, for the designer's palette. */
export function describeFieldTypes(): FieldTypeDescription[] {
  return Object.values(FIELD_TYPE_REGISTRY).map((t) => t.description);
}
