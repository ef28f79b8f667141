export {
  checkRule,
  evaluateRule,
  isTruthy,
  ruleEvaluator,
  type RuleCheckOptions,
  type RuleScope,
} from './rules.js';
export { dateAdd, dateDiff } from './date-operations.js';
export { ALLOWED_OPERATIONS, BUILTIN_VARIABLES } from './operations.js';
export { checkRuleSize } from './rule-size.js';
