/**
 * The form compiler's public face: `compileForm` and the field-type registry.
 */
export { compileForm, type CompileFormOptions } from './compile-form.js';
export {
  FIELD_TYPE_REGISTRY,
  COMMON_FIELD_PROPERTIES,
  describeFieldTypes,
  fieldType,
  fieldTypeModules,
  registerFieldType,
} from './fields/registry.js';
export type {
  FieldTypeModule,
  FieldTypeDescription,
  InputControl,
  JsonSchema,
  Bilingual,
} from './fields/field-type.js';
export { formatAutonumber } from './fields/autonumber.field.js';
export { message, type MessageCode } from './messages.js';
export { problemsInFieldOrder } from './submit-checks.js';
export type { CompiledForm, FormContext, Language, SubmitOptions, SubmitResult } from './types.js';
export { relatedListFilter, type MatchValue } from './related-lists.js';
export { ruleRoots } from './rule-dependencies.js';
export { recordTitle } from './record-title.js';
