/**
 * Record lists: filter, sort and keyset paging over one form's table. The cursor carries only the
 * last row's id, never its values (a value the viewer may not read must not ride along in a URL);
 * the next page reads that row's sort values, `created_at` and `seq` by primary key and continues
 * with "rows after that tuple", which the `(column, seq)`
 * indexes answer as a range at any depth (no OFFSET). NULLs sort first ascending and last
 * descending on both databases.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { FormTable } from './form-registry.js';
import type { ColumnType } from './record-columns.js';
import { compileFilter } from './record-filter.js';
import { resolveColumn } from './record-column-ref.js';
import { RECORD_COLUMNS, toRecordRow, type RawRecord } from './record-queries.js';
import { decodeCursor, encodeCursor, pageLimit } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { JsonLogic } from '../../engine/index.js';
import type { ListRecordsOptions, Page, RecordRow } from './types.js';

/** The form's table or `FC_NOT_FOUND`. */
export async function requireTable(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
): Promise<FormTable> {
  const ft = await ctx.registry.get(db, app, form);
  if (!ft) throw new FlowcaseError('FC_NOT_FOUND', `Form ${app}/${form} has no published version`);
  return ft;
}

/** The WHERE conditions shared by lists and aggregates. */
export function recordConditions(
  ft: FormTable,
  filter: JsonLogic,
  createdBy: string | undefined,
): RawBuilder<SqlBool>[] {
  const where: RawBuilder<SqlBool>[] = [];
  if (createdBy !== undefined) where.push(sql<SqlBool>`"created_by" = ${createdBy}`);
  if (filter !== undefined && filter !== null)
    where.push(compileFilter(filter, (name) => resolveColumn(ft, name)));
  return where;
}

export async function listRecords(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  options: ListRecordsOptions = {},
): Promise<Page<RecordRow>> {
  const ft = await requireTable(db, ctx, app, form);
  const limit = pageLimit(options.limit);
  const { keys, orderBy } = listOrder(ft, ctx.dialect, options.sort);

  const where = recordConditions(ft, options.filter, options.createdBy);
  const sortValues = keys.map((k, i) => sql`${k.ref} as ${sql.id(`k${i}`)}`);
  if (options.cursor !== undefined)
    where.push(after(keys, await cursorValues(db, ft, keys, sortValues, where, options.cursor)));

  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const { rows } =
    await sql<RawRecord>`select ${RECORD_COLUMNS} from ${sql.id(ft.table)} ${whereSql} order by ${sql.join(orderBy)} limit ${limit + 1}`.execute(
      db,
    );

  const page: Page<RecordRow> = { items: rows.slice(0, limit).map(toRecordRow) };
  if (rows.length > limit) page.nextCursor = encodeCursor([rows[limit - 1]!.id]);
  return page;
}

/**
 * The sort values of the row a cursor names, looked up under the list's own conditions so a cursor
 * naming a row outside the list (another customer's) reveals nothing of it; a cursor of a row that
 * is gone or outside the list cannot continue.
 */
async function cursorValues(
  db: Executor,
  ft: FormTable,
  keys: Key[],
  sortValues: RawBuilder<unknown>[],
  where: RawBuilder<SqlBool>[],
  cursor: string,
): Promise<unknown[]> {
  const [id] = decodeCursor(cursor, 1);
  if (typeof id !== 'string')
    throw new FlowcaseError('FC_BAD_REQUEST', 'The cursor is not valid for this query', { path: '/cursor' });
  const { rows } = await sql<
    Record<string, unknown>
  >`select ${sql.join(sortValues)} from ${sql.id(ft.table)} where ${sql.join([sql<SqlBool>`"id" = ${id}`, ...where], sql` and `)}`.execute(
    db,
  );
  const row = rows[0];
  if (!row)
    throw new FlowcaseError(
      'FC_BAD_REQUEST',
      'The record this cursor continues from is gone; start from the first page',
      { path: '/cursor' },
    );
  return keys.map((_, i) => row[`k${i}`] ?? null);
}

/**
 * A list's order: the sort keys (default newest first), then `created_at` and `seq` as tie-breakers,
 * matching the (column, created_at, seq) indexes; NULLs first ascending and last descending.
 */
export function listOrder(
  ft: FormTable,
  dialect: 'sqlite' | 'postgres',
  sort: ListRecordsOptions['sort'],
): { keys: Key[]; orderBy: RawBuilder<unknown>[] } {
  const sortSpec = sort?.length ? sort : [{ field: 'createdAt', dir: 'desc' as const }];
  const sorts = sortSpec.map((s, i) => {
    const col = resolveColumn(ft, s.field);
    if (!col)
      throw new FlowcaseError('FC_BAD_REQUEST', `Cannot sort by "${s.field}"`, { path: `/sort/${i}/field` });
    if (s.dir !== undefined && s.dir !== 'asc' && s.dir !== 'desc') {
      throw new FlowcaseError('FC_BAD_REQUEST', 'Sort direction is asc or desc', { path: `/sort/${i}/dir` });
    }
    return { ...col, dir: s.dir ?? 'asc' };
  });
  const lastDir = sorts[sorts.length - 1]!.dir;
  // Ties break by age then seq, matching the (column, created_at, seq) indexes.
  const tieBreak =
    sortSpec[sortSpec.length - 1]!.field === 'createdAt'
      ? []
      : [{ ref: sql.id('created_at'), type: 'text' as ColumnType, nullable: false, dir: lastDir }];
  const keys = [
    ...sorts,
    ...tieBreak,
    { ref: sql.id('seq'), type: 'integer' as ColumnType, nullable: false, dir: lastDir },
  ];

  const orderBy = keys.map((k) => {
    const nulls =
      dialect === 'postgres' && k.nullable ? (k.dir === 'asc' ? sql` nulls first` : sql` nulls last`) : sql``;
    return sql`${k.ref} ${sql.raw(k.dir)}${nulls}`;
  });
  return { keys, orderBy };
}

type Key = { ref: RawBuilder<unknown>; nullable: boolean; dir: 'asc' | 'desc' };

/** "Strictly after the cursor tuple" in the list's order, as index-friendly as the values allow. */
function after(keys: Key[], values: unknown[]): RawBuilder<SqlBool> {
  const dir = keys[0]!.dir;
  const sameDir = keys.every((k) => k.dir === dir);
  const noNullValues = values.every((v) => v !== null);
  if (sameDir && noNullValues) {
    // A row-value comparison is one index range on SQLite and PostgreSQL.
    const op = sql.raw(dir === 'asc' ? '>' : '<');
    const tuple = sql<SqlBool>`(${sql.join(keys.map((k) => k.ref))}) ${op} (${sql.join(values)})`;
    if (dir === 'asc' || keys.every((k) => !k.nullable)) return tuple;
    // Descending, NULLs come last: after any non-null tuple come all rows whose first key is null.
    if (keys.length === 3) return sql<SqlBool>`(${tuple} or ${keys[0]!.ref} is null)`;
  }
  return lexicographic(keys, values, 0);
}

function lexicographic(keys: Key[], values: unknown[], i: number): RawBuilder<SqlBool> {
  const k = keys[i]!;
  const v = values[i];
  let gt: RawBuilder<SqlBool>;
  if (k.dir === 'asc') gt = v === null ? sql<SqlBool>`${k.ref} is not null` : sql<SqlBool>`${k.ref} > ${v}`;
  else if (v === null) gt = sql<SqlBool>`1 = 0`;
  else gt = k.nullable ? sql<SqlBool>`(${k.ref} < ${v} or ${k.ref} is null)` : sql<SqlBool>`${k.ref} < ${v}`;
  if (i === keys.length - 1) return gt;
  const eq = v === null ? sql<SqlBool>`${k.ref} is null` : sql<SqlBool>`${k.ref} = ${v}`;
  return sql<SqlBool>`(${gt} or (${eq} and ${lexicographic(keys, values, i + 1)}))`;
}
