/**
 * The engine's public face. Server and browser import from here only.
 */
export * from './errors.js';
export * from './definition/types.js';
export * from './flow/types.js';
export * from './form/types.js';
export {
  checkRule,
  evaluateRule,
  isTruthy,
  dateAdd,
  dateDiff,
  type RuleScope,
  type RuleCheckOptions,
} from './rules/index.js';
export { validateBundle, bundleWarnings } from './definition/validate-bundle.js';
export {
  diffBundles,
  type BundleChange,
  type BundleChangeKind,
  type ListChange,
  type PermissionChange,
  type PropertyChange,
} from './definition/diff-bundles.js';
export { normalizeFieldPermissions } from './definition/field-permissions.js';
export {
  creationFields,
  creationReadFields,
  customerReadFields,
  isInputField,
} from './definition/form-access.js';
export { step, initialSnapshot, restoreSnapshot, describeKinds, parseDuration } from './flow/index.js';
export { signerActions, fallbackFields } from './flow/index.js';
export {
  compileForm,
  FIELD_TYPE_REGISTRY,
  describeFieldTypes,
  formatAutonumber,
  relatedListFilter,
  ruleRoots,
  recordTitle,
} from './form/index.js';
export { analyzeTemplate, checkTemplate, renderTemplate } from './template/index.js';
