/**
 * A widget filter evaluated on one record in JavaScript, with the semantics the SQL translation
 * (record-filter.ts) has, so that a rollup maintained record by record counts exactly the records
 * the live GROUP BY counts. The engine's JSON Logic rules are not used on purpose: SQL compares
 * typed column values with three-valued logic (`NULL = 'x'` is unknown, and `not unknown` is
 * still unknown, where JSON Logic says `!(null == 'x')` is true), so the values here are the typed
 * column values (`columnValue`) and every operator returns true, false or null (unknown).
 */
import type { JsonLogic } from '../../engine/index.js';
import type { ColumnType } from './record-columns.js';
import { literal } from './record-filter.js';

type Value = string | number | null;
type Truth = boolean | null;

/** A typed column value of the record, or undefined for a name the form has no column for. */
export type ValueOf = (name: string) => { value: Value; type: ColumnType; fieldType?: string } | undefined;

const ORDERING = new Set(['<', '<=', '>', '>=']);
const DATE_TYPES = new Set(['date', 'datetime']);

function isVar(x: unknown): x is { var: unknown } {
  return (
    typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1 && 'var' in x
  );
}

function varName(v: { var: unknown }): string {
  const name = Array.isArray(v.var) ? (v.var[0] as unknown) : v.var;
  return typeof name === 'string' ? name : '';
}

function opOf(expr: unknown): { op: string; args: unknown[] } | undefined {
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) return undefined;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return undefined;
  const raw = (expr as Record<string, unknown>)[keys[0]!];
  return { op: keys[0]!, args: Array.isArray(raw) ? raw : [raw] };
}

/**
 * Whether the JavaScript evaluation agrees with SQL for `filter` (which `compileFilter` already
 * accepted): ordering comparisons on text are only allowed on date and datetime columns, whose
 * ISO strings sort the same under every collation; other text orderings follow the database's
 * collation, which JavaScript does not know.
 */
export function rollupFilterSupported(
  filter: JsonLogic,
  resolve: (name: string) => { type: ColumnType; fieldType?: string } | undefined,
): boolean {
  const walk = (expr: unknown): boolean => {
    if (expr === true || expr === false) return true;
    const node = opOf(expr);
    if (!node) return false;
    if (node.op === 'var') return resolve(varName(expr as { var: unknown })) !== undefined;
    // A text search (`in` with a string first) is LIKE in SQL: the records answer it.
    if (node.op === 'in' && typeof node.args[0] === 'string') return false;
    if (ORDERING.has(node.op)) {
      for (const a of node.args) {
        if (!isVar(a)) continue;
        const col = resolve(varName(a));
        if (!col || (col.type === 'text' && !DATE_TYPES.has(col.fieldType ?? ''))) return false;
      }
      return true;
    }
    return (
      node.args.every((a) => !opOf(a) || walk(a)) &&
      node.args.every((a) => !isVar(a) || resolve(varName(a)) !== undefined)
    );
  };
  return filter === undefined || filter === null || walk(filter);
}

/** True when the record passes `filter` (unknown counts as not passing, as in a WHERE clause). */
export function matchesFilter(filter: JsonLogic, valueOf: ValueOf): boolean {
  if (filter === undefined || filter === null) return true;
  return evaluate(filter, valueOf) === true;
}

function column(v: unknown, valueOf: ValueOf): { value: Value; type: ColumnType } {
  const col = isVar(v) ? valueOf(varName(v)) : undefined;
  // compileFilter accepted this filter when the rollup was defined, so every var resolves.
  if (!col) throw new Error(`rollup filter: unknown field ${JSON.stringify(v)}`);
  return col;
}

function truthy(col: { value: Value; type: ColumnType }): boolean {
  return col.value !== null && (col.type === 'text' ? col.value !== '' : col.value !== 0);
}

function not(t: Truth): Truth {
  return t === null ? null : !t;
}

function evaluate(expr: unknown, valueOf: ValueOf): Truth {
  if (expr === true || expr === false) return expr;
  const { op, args } = opOf(expr)!;
  switch (op) {
    case 'and': {
      const parts = args.map((a) => evaluate(a, valueOf));
      return parts.includes(false) ? false : parts.includes(null) ? null : true;
    }
    case 'or': {
      const parts = args.map((a) => evaluate(a, valueOf));
      return parts.includes(true) ? true : parts.includes(null) ? null : false;
    }
    case '!':
    case '!!': {
      const t = isVar(args[0]) ? truthy(column(args[0], valueOf)) : evaluate(args[0], valueOf);
      return op === '!!' ? t : not(t);
    }
    case 'in': {
      const col = column(args[0], valueOf);
      const values = (args[1] as unknown[]).map((x) => literal(x, col.type, '')).filter((x) => x !== null);
      if (values.length === 0) return false;
      if (col.value === null) return null;
      return values.includes(col.value);
    }
    default:
      return compare(op, args, valueOf);
  }
}

function compare(op: string, args: unknown[], valueOf: ValueOf): Truth {
  if (args.length === 3) {
    const a = compare(op, [args[0], args[1]], valueOf);
    const b = compare(op, [args[1], args[2]], valueOf);
    return a === false || b === false ? false : a === null || b === null ? null : true;
  }
  const flip = !isVar(args[0]) && isVar(args[1]);
  const col = column(flip ? args[1] : args[0], valueOf);
  const lit = literal(flip ? args[0] : args[1], col.type, '');
  if (lit === null) return op === '==' ? col.value === null : col.value !== null;
  if (col.value === null) return null;
  const [l, r] = flip ? [lit, col.value] : [col.value, lit];
  switch (op) {
    case '==':
      return l === r;
    case '!=':
      return l !== r;
    case '<':
      return l < r;
    case '<=':
      return l <= r;
    case '>':
      return l > r;
    default:
      return l >= r;
  }
}
