/**
 * The allow-list of rule operations. Anything not named here is rejected when a definition is
 * saved, so a designer can never reach an operation we did not mean to offer (json-logic-js also
 * resolves dotted operator names through its operation table, which this list closes off).
 */
export const STANDARD_OPERATIONS = [
  '==',
  '===',
  '!=',
  '!==',
  '>',
  '>=',
  '<',
  '<=',
  '!!',
  '!',
  '%',
  'in',
  'cat',
  'substr',
  '+',
  '*',
  '-',
  '/',
  'min',
  'max',
  'merge',
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  'and',
  'or',
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
] as const;

/** Our own safe date operations, registered with json-logic-js in `date-operations.ts`. */
export const DATE_OPERATIONS = ['today', 'now', 'date_add', 'date_diff'] as const;

export const ALLOWED_OPERATIONS: ReadonlySet<string> = new Set<string>([
  ...STANDARD_OPERATIONS,
  ...DATE_OPERATIONS,
]);

/** Operations whose second argument is evaluated against each array item, not the record. */
export const SCOPED_OPERATIONS: ReadonlySet<string> = new Set([
  'filter',
  'map',
  'reduce',
  'all',
  'none',
  'some',
]);

/** Built-in variables every rule may read besides the record's fields. */
export const BUILTIN_VARIABLES: ReadonlySet<string> = new Set(['$today', '$now', '$user']);

/** Path segments that would reach an object's prototype. */
export const FORBIDDEN_SEGMENTS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

export const MAX_RULE_DEPTH = 32;
export const MAX_RULE_NODES = 2000;
