/**
 * JSON Logic <-> the visual rule builder's query (react-querybuilder's rule groups), over our own
 * operator set: every operator writes only operations the engine allows (engine/rules/operations.ts),
 * and every shape written reads back as the same rules. A rule with any other shape (hand-written
 * JSON, `today()` on the right, an operation the builder has no row for) is not converted at all:
 * `logicToQuery` says so and the builder opens it as JSON, so nothing is ever silently dropped.
 */
import type { FieldType } from '../../../engine/definition/types.js';

export interface QueryRule {
  id?: string;
  field: string;
  operator: string;
  value: unknown;
  valueSource?: 'value' | 'field';
}

export interface QueryGroup {
  id?: string;
  combinator: string;
  not?: boolean;
  rules: (QueryRule | QueryGroup)[];
}

/** What the converter needs to know of a field: its var path and its type. */
export interface LogicField {
  name: string;
  type: FieldType;
}

export type RuleOperator =
  | '='
  | '!='
  | '<'
  | '<='
  | '>'
  | '>='
  | 'in'
  | 'notIn'
  | 'contains'
  | 'doesNotContain'
  | 'between'
  | 'notBetween'
  | 'empty'
  | 'notEmpty';

const NUMERIC: ReadonlySet<FieldType> = new Set(['number', 'integer', 'money', 'rating']);
const DATES: ReadonlySet<FieldType> = new Set(['date', 'datetime']);
const TEXTS: ReadonlySet<FieldType> = new Set(['text', 'textarea', 'phone', 'email', 'autonumber']);
/** Types read as a whole only (a record id, a user, a file list, an address). */
const OPAQUE: ReadonlySet<FieldType> = new Set(['relation', 'user', 'files', 'address']);

/** The operators that fit a field type, in the order the builder offers them. */
export function operatorsFor(type: FieldType): RuleOperator[] {
  if (NUMERIC.has(type) || DATES.has(type))
    return ['=', '!=', '<', '<=', '>', '>=', 'between', 'notBetween', 'empty', 'notEmpty'];
  if (TEXTS.has(type)) return ['=', '!=', 'contains', 'doesNotContain', 'in', 'notIn', 'empty', 'notEmpty'];
  if (type === 'select') return ['=', '!=', 'in', 'notIn', 'empty', 'notEmpty'];
  if (type === 'multiselect') return ['contains', 'doesNotContain', 'empty', 'notEmpty'];
  if (type === 'boolean') return ['=', '!='];
  if (OPAQUE.has(type)) return ['empty', 'notEmpty'];
  return [];
}

/** Whether a type can be compared with another field's value (numbers and dates). */
export function comparesFields(type: FieldType): boolean {
  return NUMERIC.has(type) || DATES.has(type);
}

export const UNARY_OPERATORS: ReadonlySet<string> = new Set(['empty', 'notEmpty']);

const COMPARISONS: Record<string, RuleOperator> = {
  '==': '=',
  '!=': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

// ------------------------------------------------------------------ JSON Logic → query

class NotShown extends Error {}

function isOp(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

function opOf(node: Record<string, unknown>): [string, unknown[]] {
  const op = Object.keys(node)[0]!;
  const raw = node[op];
  return [op, Array.isArray(raw) ? raw : [raw]];
}

function varName(node: unknown, fields: ReadonlyMap<string, LogicField>): string | undefined {
  if (!isOp(node) || Object.keys(node)[0] !== 'var') return undefined;
  const name = node['var'];
  if (typeof name !== 'string') return undefined;
  if (!fields.has(name)) throw new NotShown();
  return name;
}

function isScalar(value: unknown): value is string | number | boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

function rule(
  field: string,
  operator: RuleOperator,
  value: unknown,
  fields: ReadonlyMap<string, LogicField>,
): QueryRule {
  const type = fields.get(field)!.type;
  if (!operatorsFor(type).includes(operator)) throw new NotShown();
  // The builder picks yes/no from a list of strings; `typed` turns them back into booleans.
  if (type === 'boolean') {
    if (typeof value !== 'boolean') throw new NotShown();
    return { field, operator, value: String(value) };
  }
  return { field, operator, value };
}

function toRule(node: unknown, fields: ReadonlyMap<string, LogicField>, negated = false): QueryRule {
  if (!isOp(node)) throw new NotShown();
  const [op, args] = opOf(node);
  if (op === '!' && !negated && args.length === 1) {
    const name = varName(args[0], fields);
    if (name) return rule(name, 'empty', '', fields);
    return toRule(args[0], fields, true);
  }
  if (op === '!!' && !negated && args.length === 1) {
    const name = varName(args[0], fields);
    if (name) return rule(name, 'notEmpty', '', fields);
    throw new NotShown();
  }
  if (COMPARISONS[op] && args.length === 2 && !negated) {
    const name = varName(args[0], fields);
    if (!name) throw new NotShown();
    const other = varName(args[1], fields);
    if (other) {
      if (!comparesFields(fields.get(name)!.type)) throw new NotShown();
      return { ...rule(name, COMPARISONS[op], other, fields), valueSource: 'field' };
    }
    if (args[1] === null && (op === '==' || op === '!='))
      return rule(name, op === '==' ? 'empty' : 'notEmpty', '', fields);
    if (!isScalar(args[1])) throw new NotShown();
    return rule(name, COMPARISONS[op], args[1], fields);
  }
  if (op === 'in' && args.length === 2) {
    const name = varName(args[0], fields);
    if (name && Array.isArray(args[1]) && args[1].every(isScalar))
      return rule(name, negated ? 'notIn' : 'in', [...(args[1] as unknown[])], fields);
    const container = varName(args[1], fields);
    if (container && isScalar(args[0]))
      return rule(container, negated ? 'doesNotContain' : 'contains', args[0], fields);
    throw new NotShown();
  }
  if (op === '<=' && args.length === 3 && isScalar(args[0]) && isScalar(args[2])) {
    const name = varName(args[1], fields);
    if (name) return rule(name, negated ? 'notBetween' : 'between', [args[0], args[2]], fields);
  }
  throw new NotShown();
}

function toGroup(node: unknown, fields: ReadonlyMap<string, LogicField>): QueryGroup | QueryRule {
  if (isOp(node)) {
    const [op, args] = opOf(node);
    if ((op === 'and' || op === 'or') && Array.isArray(Object.values(node)[0]))
      return { combinator: op, rules: args.map((a) => toGroup(a, fields)) };
    if (op === '!' && args.length === 1 && isOp(args[0])) {
      const [inner, innerArgs] = opOf(args[0]);
      if ((inner === 'and' || inner === 'or') && Array.isArray(Object.values(args[0])[0]))
        return { combinator: inner, not: true, rules: innerArgs.map((a) => toGroup(a, fields)) };
    }
  }
  return toRule(node, fields);
}

/**
 * The builder's query for a rule, or undefined when the rule has a shape the builder cannot show
 * (the caller shows it as JSON). No rule is an empty group.
 */
export function logicToQuery(logic: unknown, fields: readonly LogicField[]): QueryGroup | undefined {
  if (logic === undefined || logic === null) return { combinator: 'and', rules: [] };
  const byName = new Map(fields.map((f) => [f.name, f]));
  try {
    const top = toGroup(logic, byName);
    return 'rules' in top ? top : { combinator: 'and', rules: [top] };
  } catch (e) {
    if (e instanceof NotShown) return undefined;
    throw e;
  }
}

// ------------------------------------------------------------------ query → JSON Logic

/** A value as the field stores it: numbers for numeric fields, booleans for yes/no. */
function typed(value: unknown, type: FieldType): unknown {
  if (NUMERIC.has(type)) {
    if (typeof value === 'number') return value;
    const n = Number(value);
    return typeof value === 'string' && value.trim() !== '' && Number.isFinite(n) ? n : value;
  }
  if (type === 'boolean') return value === true || value === 'true';
  return value === undefined || value === null ? '' : value;
}

function list(value: unknown): unknown[] {
  if (Array.isArray(value)) return value as unknown[];
  if (typeof value !== 'string' || value.trim() === '') return [];
  return value.split(',').map((s) => s.trim());
}

function ruleToLogic(r: QueryRule, fields: ReadonlyMap<string, LogicField>): unknown {
  const field = fields.get(r.field);
  if (!field) return undefined;
  const v = { var: field.name };
  const type = field.type;
  if (r.valueSource === 'field') {
    const other = fields.get(String(r.value));
    const op = Object.keys(COMPARISONS).find((k) => COMPARISONS[k] === r.operator);
    return other && op ? { [op]: [v, { var: other.name }] } : undefined;
  }
  switch (r.operator as RuleOperator) {
    case 'empty':
      // A number 0 is a value: numbers and dates are empty when they hold nothing at all.
      return NUMERIC.has(type) || DATES.has(type) ? { '==': [v, null] } : { '!': v };
    case 'notEmpty':
      return NUMERIC.has(type) || DATES.has(type) ? { '!=': [v, null] } : { '!!': v };
    case 'in':
    case 'notIn': {
      const logic = { in: [v, list(r.value).map((x) => typed(x, type))] };
      return r.operator === 'in' ? logic : { '!': logic };
    }
    case 'contains':
    case 'doesNotContain': {
      const logic = { in: [typed(r.value, type), v] };
      return r.operator === 'contains' ? logic : { '!': logic };
    }
    case 'between':
    case 'notBetween': {
      const [a, b] = list(r.value);
      const logic = { '<=': [typed(a ?? '', type), v, typed(b ?? '', type)] };
      return r.operator === 'between' ? logic : { '!': logic };
    }
    default: {
      const op = Object.keys(COMPARISONS).find((k) => COMPARISONS[k] === r.operator);
      return op ? { [op]: [v, typed(r.value, type)] } : undefined;
    }
  }
}

function groupToLogic(g: QueryGroup, fields: ReadonlyMap<string, LogicField>): unknown {
  const parts = g.rules
    .map((r) => ('rules' in r ? groupToLogic(r, fields) : ruleToLogic(r, fields)))
    .filter((x) => x !== undefined);
  if (parts.length === 0) return undefined;
  const logic = { [g.combinator === 'or' ? 'or' : 'and']: parts };
  return g.not ? { '!': logic } : logic;
}

/**
 * The JSON Logic of a query; undefined for a query with no rules. A top group of one rule is
 * written as that rule alone (`{"==": [{"var": "tier"}, "vip"]}`), as a person would write it.
 */
export function queryToLogic(query: QueryGroup, fields: readonly LogicField[]): unknown {
  const byName = new Map(fields.map((f) => [f.name, f]));
  if (!query.not && query.rules.length === 1) {
    const only = query.rules[0]!;
    return 'rules' in only ? groupToLogic(only, byName) : ruleToLogic(only, byName);
  }
  return groupToLogic(query, byName);
}
