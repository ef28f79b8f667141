/**
 * The field-type registry: adding a type is one `<type>.field.ts` file and one line in
 * `FIELD_TYPE_REGISTRY`; the bundle schema, the validator, the form compiler and the designer all
 * read the registry. `registerFieldType` adds a type at run time (tests, extensions); the shipped
 * types are fixed when this module loads, and a type registered twice throws.
 */
import { KindRegistry } from '../../definition/kind-registry.js';
import { prop, type PropertySpec } from '../../definition/property-list.js';
import type { FieldType } from '../../definition/types.js';
import type { FieldTypeDescription, FieldTypeModule } from './field-type.js';
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

const types = new KindRegistry<FieldTypeModule>(
  'field type',
  (module) => module.description.type,
  Object.values(FIELD_TYPE_REGISTRY),
);

/** Adds a field type (tests, extensions); throws when its type is taken or is not a key. */
export function registerFieldType(module: FieldTypeModule): void {
  types.register(module);
}

/** Properties every field has, whatever its type. */
export const COMMON_FIELD_PROPERTIES: readonly PropertySpec[] = Object.freeze([
  prop('/key', 'key', 'Key', '字段键', {
    required: true,
    help: {
      en: 'Lowercase letters, digits and _; never changes once data exists.',
      zh: '小写字母、数字和下划线；有数据后不要再改。',
    },
  }),
  prop('/label', 'localized', 'Label', '标题', { required: true }),
  prop('/required', 'boolean', 'Required', '必填', { default: false }),
  prop('/readonly', 'boolean', 'Read-only', '只读', { default: false }),
  prop('/default', 'value', 'Default value', '默认值'),
  prop('/visibleIf', 'rule', 'Visible when', '显示条件'),
  prop('/formula', 'rule', 'Formula', '公式', {
    help: { en: 'The value is computed; nobody types it.', zh: '值由公式计算，无需填写。' },
  }),
  prop('/validations', 'list', 'Validation rules', '校验规则', {
    help: {
      en: 'Each rule must hold while the field is shown; otherwise its message is shown at the field.',
      zh: '字段显示时每条规则都必须成立，否则在字段处显示其提示。',
    },
    items: [
      prop('/rule', 'rule', 'Must hold', '必须满足', { required: true }),
      prop('/message', 'localized', 'Message', '提示', { required: true }),
    ],
  }),
  prop('/help', 'localized', 'Help text', '说明'),
]);

/** The module of a type name, or undefined for a name that is not a field type. */
export function fieldType(type: unknown): FieldTypeModule | undefined {
  return types.get(type);
}

/** The module of a field the definition checks accepted (so its type is registered). */
export function requireFieldType(type: string): FieldTypeModule {
  const module = types.get(type);
  if (!module) throw new TypeError(`Unknown field type "${type}".`);
  return module;
}

/** Every field type, shipped ones first. */
export function fieldTypeModules(): FieldTypeModule[] {
  return types.all();
}

/** Every field type's name. */
export function fieldTypeNames(): string[] {
  return types.types();
}

/** Serializable descriptions of every type, for the designer's palette. */
export function describeFieldTypes(): FieldTypeDescription[] {
  return types.all().map((t) => t.description);
}
