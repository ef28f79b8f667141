/**
 * The engine's public face. Server and browser import from here only.
 */
export * from './errors.js';
export * from './definition/types.js';
export * from './flow/types.js';
export * from './form/types.js';
export { checkRule, evaluateRule, isTruthy, dateAdd, dateDiff, type RuleScope, type RuleCheckOptions } from './rules/index.js';
