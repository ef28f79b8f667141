/**
 * Translates the JSON Logic subset that record lists accept into a SQL condition. Field names go
 * through the form's column map (never into SQL text) and every literal is a parameter; anything
 * outside the subset is `FC_BAD_REQUEST` with the JSON pointer of the offending part.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { FlowcaseError, pointerSegment, type JsonLogic } from '../../engine/index.js';
import type { ColumnType } from './record-columns.js';

export interface ResolvedColumn {
  ref: RawBuilder<unknown>;
  type: ColumnType;
}

/** Maps a `var` name to its column, or returns undefined for an unknown or unfilterable field. */
export type ColumnResolver = (name: string) => ResolvedColumn | undefined;

type Literal = string | number | null;
const COMPARISONS = { '==': '=', '!=': '<>', '<': '<', '<=': '<=', '>': '>', '>=': '>=' } as const;

function bad(message: string, path: string): FlowcaseError {
  return new FlowcaseError('FC_BAD_REQUEST', message, { path });
}

function isVar(x: unknown): x is { var: unknown } {
  return (
    typeof x === 'object' && x !== null && !Array.isArray(x) && Object.keys(x).length === 1 && 'var' in x
  );
}

/** A literal as a parameter of the column's type, so no database has to guess a cast. */
export function literal(x: unknown, type: ColumnType, path: string): Literal {
  if (x === null) return null;
  if (typeof x === 'boolean') x = x ? 1 : 0;
  if (typeof x === 'number' && !Number.isFinite(x)) throw bad('Expected a finite number here', path);
  if (typeof x !== 'string' && typeof x !== 'number')
    throw bad('Expected a string, number, boolean or null here', path);
  if (type === 'text') return String(x);
  const n = typeof x === 'number' ? x : x.trim() === '' ? NaN : Number(x);
  if (!Number.isFinite(n)) throw bad('Expected a number here', path);
  return n;
}

/** Compiles `filter` (found at `base`, e.g. `/filter`) into a SQL boolean expression. */
export function compileFilter(
  filter: JsonLogic,
  resolve: ColumnResolver,
  base = '/filter',
): RawBuilder<SqlBool> {
  return node(filter, base);

  function column(v: { var: unknown }, path: string): ResolvedColumn {
    const name = Array.isArray(v.var) ? (v.var[0] as unknown) : v.var;
    if (typeof name !== 'string') throw bad('A var must name a field', `${path}/var`);
    const col = resolve(name);
    if (!col) throw bad(`Unknown or unfilterable field "${name}"`, `${path}/var`);
    return col;
  }

  function node(expr: unknown, path: string): RawBuilder<SqlBool> {
    if (expr === true) return sql<SqlBool>`1 = 1`;
    if (expr === false) return sql<SqlBool>`1 = 0`;
    if (typeof expr !== 'object' || expr === null || Array.isArray(expr))
      throw bad('Expected an operation object', path);
    const keys = Object.keys(expr);
    if (keys.length !== 1) throw bad('An operation object has exactly one operator', path);
    const op = keys[0]!;
    const here = `${path}/${pointerSegment(op)}`;
    const raw = (expr as Record<string, unknown>)[op];
    const args = Array.isArray(raw) ? raw : [raw];
    switch (op) {
      case 'and':
      case 'or': {
        if (args.length === 0) throw bad(`"${op}" needs at least one operand`, here);
        return joined(
          args.map((a, i) => node(a, `${here}/${i}`)),
          op,
        );
      }
      case '!':
      case '!!': {
        if (args.length !== 1) throw bad(`"${op}" takes one operand`, here);
        const at = Array.isArray(raw) ? `${here}/0` : here;
        // On a field, JSON Logic truthiness: not null, not '' and not 0.
        if (isVar(args[0]))
          return op === '!!' ? truthy(column(args[0], at)) : sql<SqlBool>`not ${truthy(column(args[0], at))}`;
        return op === '!!' ? node(args[0], at) : sql<SqlBool>`not (${node(args[0], at)})`;
      }
      case 'in':
        return inList(args, here);
      case '==':
      case '!=':
      case '<':
      case '<=':
      case '>':
      case '>=':
        return comparison(op, args, here);
      default:
        throw bad(`Operator "${op}" is not supported in filters`, here);
    }
  }

  function comparison(op: keyof typeof COMPARISONS, args: unknown[], here: string): RawBuilder<SqlBool> {
    // JSON Logic's between form: {"<": [1, {"var": "x"}, 5]}.
    if (args.length === 3 && (op === '<' || op === '<=')) {
      return sql<SqlBool>`(${comparison(op, [args[0], args[1]], here)} and ${comparison(op, [args[1], args[2]], here)})`;
    }
    if (args.length !== 2) throw bad(`"${op}" takes two operands`, here);
    const [a, b] = args;
    const flip = !isVar(a) && isVar(b);
    const v = flip ? b : a;
    const lit = flip ? a : b;
    const varIndex = flip ? 1 : 0;
    if (!isVar(v)) throw bad('One operand must be {"var": field}', `${here}/0`);
    const col = column(v, `${here}/${varIndex}`);
    const value = literal(lit, col.type, `${here}/${1 - varIndex}`);
    if (value === null) {
      if (op === '==') return sql<SqlBool>`${col.ref} is null`;
      if (op === '!=') return sql<SqlBool>`${col.ref} is not null`;
      throw bad(`"${op}" cannot compare with null`, `${here}/${1 - varIndex}`);
    }
    const sqlOp = flip ? mirror(op) : COMPARISONS[op];
    return sql<SqlBool>`${col.ref} ${sql.raw(sqlOp)} ${value}`;
  }

  function inList(args: unknown[], here: string): RawBuilder<SqlBool> {
    const [needle, list] = args;
    if (args.length === 2 && typeof needle === 'string' && isVar(list)) {
      const col = column(list, `${here}/1`);
      if (col.type !== 'text')
        throw bad('A text search ("in" with a string first) needs a text field', `${here}/1/var`);
      return contains(needle, col);
    }
    if (args.length !== 2 || !isVar(needle)) throw bad('"in" takes {"var": field} and a literal array', here);
    if (!Array.isArray(list)) throw bad('"in" needs a literal array here', `${here}/1`);
    const col = column(needle, `${here}/0`);
    const values = list
      .map((x, i) => literal(x, col.type, `${here}/1/${i}`))
      .filter((x): x is string | number => x !== null);
    if (values.length === 0) return sql<SqlBool>`1 = 0`;
    return sql<SqlBool>`${col.ref} in (${sql.join(values)})`;
  }
}

/** `%`, `_` and the escape character itself, escaped for LIKE … ESCAPE '\\'. */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * JSON Logic's substring test, `{"in": ["王", {"var": "name"}]}`: the field's text contains the
 * needle, ignoring case (ASCII letters); the needle is a parameter and its wildcards are escaped.
 */
function contains(needle: string, col: ResolvedColumn): RawBuilder<SqlBool> {
  if (needle === '') return sql<SqlBool>`${col.ref} is not null`;
  return sql<SqlBool>`lower(${col.ref}) like ${likePattern(needle)} escape '\\'`;
}

/** Short lists stay flat; longer ones are split in halves, as nesting grows with every operand. */
const FLAT_OPERANDS = 8;

/**
 * `(a or b or …)` as a balanced tree: SQLite nests one level per binary operator and refuses
 * expressions deeper than 1,000, so a flat `or` of 1,000 operands (a filter within the rule
 * limits) would fail; halves keep the depth logarithmic. AND and OR are associative in SQL's
 * three-valued logic, so the result is the same.
 */
function joined(parts: RawBuilder<SqlBool>[], op: 'and' | 'or'): RawBuilder<SqlBool> {
  if (parts.length <= FLAT_OPERANDS) return sql<SqlBool>`(${sql.join(parts, sql.raw(` ${op} `))})`;
  const half = Math.ceil(parts.length / 2);
  return sql<SqlBool>`(${joined(parts.slice(0, half), op)} ${sql.raw(op)} ${joined(parts.slice(half), op)})`;
}

function truthy(col: ResolvedColumn): RawBuilder<SqlBool> {
  return col.type === 'text'
    ? sql<SqlBool>`(${col.ref} is not null and ${col.ref} <> '')`
    : sql<SqlBool>`(${col.ref} is not null and ${col.ref} <> 0)`;
}

function mirror(op: keyof typeof COMPARISONS): string {
  const m: Record<string, string> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=', '==': '=', '!=': '<>' };
  return m[op]!;
}
