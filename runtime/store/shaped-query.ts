/**
 * Hot queries compiled once. Building and compiling a kysely query costs far more than SQLite
 * takes to run it, and the store's hot path (one engine step) runs about twenty small queries
 * whose SQL depends only on their shape. `runShaped` has kysely build and compile a query once per
 * dialect and shape key, with placeholder values standing for the arguments, and from then on runs
 * that SQL text with the real arguments in the placeholders' positions.
 *
 * The builder must use each placeholder as a plain value (a bound parameter) and must not let the
 * arguments choose the query's shape: whatever does (a column list, a row count) goes in the key.
 */
import { CompiledQuery, type Compilable, type QueryResult } from 'kysely';

type Dialect = 'sqlite' | 'postgres';

/** What `runShaped` runs the SQL on: the store's executor (or any kysely instance). */
export interface QueryRunner {
  executeQuery<R>(query: CompiledQuery<R>): Promise<QueryResult<R>>;
}

/** A placeholder no real argument can equal (real arguments are never compared to it anyway). */
const MARK = '\u0000flowcase-arg-';

interface Shape {
  sql: string;
  /** For each bound parameter: the argument index it takes, or a constant the builder inlined. */
  slots: readonly (number | { constant: unknown })[];
}

const shapes = new Map<string, Shape>();
const MAX_SHAPES = 5_000;

function compileShape(
  key: string,
  arity: number,
  build: (args: readonly unknown[]) => Compilable<unknown>,
): Shape {
  const marks = Array.from({ length: arity }, (_, i) => `${MARK}${i}`);
  const compiled = build(marks).compile();
  const slots = compiled.parameters.map((p) =>
    typeof p === 'string' && p.startsWith(MARK) ? Number(p.slice(MARK.length)) : { constant: p },
  );
  const used = new Set(slots.filter((s): s is number => typeof s === 'number'));
  if (used.size !== arity) throw new Error(`shaped query ${key}: every argument must be a bound parameter`);
  return { sql: compiled.sql, slots };
}

/**
 * Runs the query `build` makes from `args`, compiling it only the first time `key` is seen on
 * this dialect. `undefined` arguments are bound as NULL.
 *
 * @example
 * await runShaped(db, ctx.dialect, 'instance.get', [id], ([id]) => db.selectFrom('instances').selectAll().where('id', '=', id as string));
 */
export function runShaped<R>(
  db: QueryRunner,
  dialect: Dialect,
  key: string,
  args: readonly unknown[],
  build: (args: readonly unknown[]) => Compilable<R>,
): Promise<QueryResult<R>> {
  const cacheKey = `${dialect}\u0001${key}`;
  let shape = shapes.get(cacheKey);
  if (shape === undefined) {
    shape = compileShape(key, args.length, build);
    // Keys are shapes the code can produce; the bound only guards against a runaway caller.
    if (shapes.size >= MAX_SHAPES) shapes.clear();
    shapes.set(cacheKey, shape);
  }
  const parameters = shape.slots.map((s) => (typeof s === 'number' ? (args[s] ?? null) : s.constant));
  return db.executeQuery(CompiledQuery.raw(shape.sql, parameters));
}

/** Rows a write touched, from a shaped query's result. */
export function affectedRows(result: QueryResult<unknown>): number {
  return Number(result.numAffectedRows ?? 0n);
}
