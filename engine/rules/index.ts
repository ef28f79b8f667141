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
export {
  parseFormula,
  type FormulaCall,
  type FormulaError,
  type FormulaErrorCode,
  type FormulaParse,
  type FormulaRef,
  type FormulaSpan,
} from './formula-parse.js';
export { printFormula } from './formula-print.js';
