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
export { queriedFields, type QueriedFields } from './definition/queried-fields.js';
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
// Kinds that describe themselves: the registries, their palettes and property panels (engine/README.md).
export { kindCatalogue, type KindCatalogue } from './definition/kind-catalogue.js';
export type { Bilingual, ControlKind, PropertySpec } from './definition/property-list.js';
export {
  COMMON_NODE_PROPERTIES,
  nodeKinds,
  registerNodeKind,
  type KindDescription,
  type NodeKind,
} from './flow/index.js';
export {
  COMMON_FIELD_PROPERTIES,
  fieldTypeModules,
  registerFieldType,
  type FieldTypeDescription,
  type FieldTypeModule,
  type InputControl,
} from './form/index.js';
export {
  COMMON_WIDGET_PROPERTIES,
  describeWidgetTypes,
  registerWidgetType,
  validateWidget,
  widgetTypeModules,
  DATE_PRESETS,
  DATE_PRESET_LABELS,
  isDatePreset,
  presetRange,
  type DatePreset,
  type WidgetTypeDescription,
  type WidgetTypeModule,
} from './dashboard/index.js';
export { startSimulation, simulate, choicesFor, runScenario, runScenarios } from './flow/simulator/index.js';
export type {
  CollectedEffect,
  Persona,
  Simulation,
  SimulationChoice,
  SimulationMove,
  SimulationSetup,
  ScenarioResult,
} from './flow/simulator/index.js';
