/**
 * Definitions: the `flowcase/app@1` types, its JSON Schema and `validateBundle`.
 */
export { validateBundle, bundleWarnings, MAX_PROBLEMS } from './validate-bundle.js';
export { normalizeFieldPermissions, type NormalizedFieldPermissions } from './field-permissions.js';
export { BUNDLE_SCHEMA, BUNDLE_SCHEMA_ID, FIELD_TYPES, NODE_TYPES, bundleSchema } from './bundle-schema.js';
export { kindCatalogue, type KindCatalogue } from './kind-catalogue.js';
export { INPUT_LIMITS } from './input-limits.js';
export { NUMBER_LIMITS } from './number-limits.js';
export { parseIsoDuration, type IsoDuration } from './iso-duration.js';
export { autonumberProblems } from '../form/fields/autonumber.field.js';
