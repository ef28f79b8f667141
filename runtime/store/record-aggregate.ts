/**
 * Dashboard aggregates: GROUP BY over typed columns of one form's table. Grouping by an indexed
 * select column is a scan of that index alone, which keeps a million-record chart fast on SQLite.
 * `compileAggregate` returns the SQL without running it, so reports can run it on a read-only
 * connection of their own (several at once); `aggregateRecords` compiles and runs it here.
 */
import { CompiledQuery, sql, type RawBuilder, type SqlBool } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { FormTable } from './form-registry.js';
import { columnNameOf, resolveColumn, type Column } from './record-column-ref.js';
import { recordConditions, requireTable } from './record-list.js';
import { bucketExpression, offsetSegments, type OffsetSegment } from './record-time-zone.js';
import type { Executor, StoreContext } from './store-context.js';
import type { AggregateOptions, AggregateRow, CompiledRead, ValueOrder } from './types.js';

const DATE_TYPES = new Set(['date', 'datetime']);
const OPS = new Set(['count', 'sum', 'avg', 'min', 'max', 'distinct']);
const BUCKETS = new Set(['day', 'week', 'month', 'quarter', 'year']);

export async function aggregateRecords(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  options: AggregateOptions,
): Promise<AggregateRow[]> {
  return runRead(db, await compileAggregate(db, ctx, app, form, options));
}

/** Runs a compiled read on `db`. */
export async function runRead<T>(db: Executor, read: CompiledRead<T>): Promise<T> {
  const { rows } = await db.executeQuery<Record<string, unknown>>(
    CompiledQuery.raw(read.sql, [...read.parameters]),
  );
  return read.decode(rows);
}

export async function compileAggregate(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  options: AggregateOptions,
): Promise<CompiledRead<AggregateRow[]>> {
  const ft = await requireTable(db, ctx, app, form);
  const dims: RawBuilder<unknown>[] = [];
  for (const [i, d] of (options.dimensions ?? []).entries()) {
    const col = resolveColumn(ft, d.field);
    if (!col)
      throw new FlowcaseError('FC_BAD_REQUEST', `Cannot group by "${d.field}"`, {
        path: `/dimensions/${i}/field`,
      });
    if (!d.bucket) {
      dims.push(col.ref);
      continue;
    }
    if (col.fieldType === undefined || !DATE_TYPES.has(col.fieldType))
      throw new FlowcaseError('FC_BAD_REQUEST', 'Only date fields have buckets', {
        path: `/dimensions/${i}/bucket`,
      });
    if (!BUCKETS.has(d.bucket))
      throw new FlowcaseError('FC_BAD_REQUEST', 'Bucket is day, week, month, quarter or year', {
        path: `/dimensions/${i}/bucket`,
      });
    const instant = col.fieldType === 'datetime';
    const zone = options.timeZone ?? 'UTC';
    const segments = instant && ctx.dialect === 'sqlite' ? await zoneSegments(db, ft, col, zone) : [];
    dims.push(bucketExpression(ctx.dialect, col.ref, d.bucket, instant, { name: zone, segments }));
  }
  if (options.measures.length === 0)
    throw new FlowcaseError('FC_BAD_REQUEST', 'At least one measure is needed', { path: '/measures' });
  const measures = options.measures.map((m, i): RawBuilder<unknown> => {
    if (!OPS.has(m.op))
      throw new FlowcaseError('FC_BAD_REQUEST', `Unknown measure "${String(m.op)}"`, {
        path: `/measures/${i}/op`,
      });
    if (m.op === 'count' && m.field === undefined) return sql`count(*)`;
    const col = m.field === undefined ? undefined : resolveColumn(ft, m.field);
    if (!col || (m.op !== 'count' && m.op !== 'distinct' && col.type === 'text')) {
      throw new FlowcaseError('FC_BAD_REQUEST', `Cannot ${m.op} over "${m.field ?? ''}"`, {
        path: `/measures/${i}/field`,
      });
    }
    // Empty values are no value: count(distinct) skips NULLs on both databases.
    if (m.op === 'distinct') return sql`count(distinct ${col.ref})`;
    return sql`${sql.raw(m.op)}(${col.ref})`;
  });
  const where = recordConditions(ft, options.filter, options.createdBy);
  // A capped read groups the first rowCap matching rows: the subquery keeps the table's name, so
  // the column references read the same either way.
  // It reads only the columns the groups and figures use, not each record's JSON.
  const capped = options.rowCap !== undefined;
  const used = [
    ...new Set(
      [...(options.dimensions ?? []), ...options.measures]
        .map((x) => (x.field === undefined ? undefined : columnNameOf(ft, x.field)))
        .filter((c): c is string => c !== undefined),
    ),
  ];
  const picked = used.length ? sql.join(used.map((c) => sql.id(c))) : sql`1 as "one"`;
  const from = capped
    ? sql`(select ${picked} from ${sql.id(ft.table)} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``} limit ${Math.max(1, Math.floor(options.rowCap!))}) as ${sql.id(ft.table)}`
    : sql.id(ft.table);
  return groupedRead(db, ctx.dialect, {
    dims,
    measures,
    from,
    where: capped ? [] : where,
    ...(options.limit !== undefined ? { limit: options.limit } : {}),
    ...(options.byValue ? { byValue: options.byValue } : {}),
  });
}

/**
 * `select <dims> as d0…, <measures> as m0… from <from> where … group by <dims> [having …]`, with
 * NULL groups first on both databases (as SQLite does by default), decoded into groups.
 */
export function groupedRead(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  q: {
    dims: RawBuilder<unknown>[];
    measures: RawBuilder<unknown>[];
    from: RawBuilder<unknown>;
    where: RawBuilder<SqlBool>[];
    having?: RawBuilder<SqlBool>;
    limit?: number;
    byValue?: ValueOrder;
  },
): CompiledRead<AggregateRow[]> {
  const { dims, measures } = q;
  const whereSql = q.where.length ? sql`where ${sql.join(q.where, sql` and `)}` : sql``;
  const cols = [
    ...dims.map((d, i) => sql`${d} as ${sql.id(`d${i}`)}`),
    ...measures.map((m, i) => sql`${m} as ${sql.id(`m${i}`)}`),
  ];
  const positions = dims.map((_, i) => sql.raw(String(i + 1)));
  const byKey = positions.map((p) => (dialect === 'postgres' ? sql`${p} nulls first` : p));
  // A top N: the database sorts and cuts, so only N groups come back whatever the table holds.
  const measure = q.byValue && q.byValue.measure < measures.length ? q.byValue : undefined;
  const order = measure
    ? [
        sql`${sql.id(`m${measure.measure}`)} ${sql.raw(measure.dir === 'asc' ? 'asc' : 'desc')} nulls last`,
        ...byKey,
      ]
    : byKey;
  const havingSql = q.having ? sql`having ${q.having}` : sql``;
  const groupSql = dims.length
    ? sql`group by ${sql.join(positions)} ${havingSql} order by ${sql.join(order)}`
    : sql``;
  const limit = Math.min(10_000, Math.max(1, q.limit ?? 1000));
  const compiled =
    sql`select ${sql.join(cols)} from ${q.from} ${whereSql} ${groupSql} limit ${limit}`.compile(db);
  return {
    sql: compiled.sql,
    parameters: compiled.parameters,
    decode: (rows) =>
      rows.map((r) => ({
        keys: dims.map((_, i) => (r[`d${i}`] ?? null) as string | number | null),
        values: measures.map((_, i) =>
          r[`m${i}`] === null || r[`m${i}`] === undefined ? null : settle(Number(r[`m${i}`])),
        ),
      })),
  };
}

/**
 * A fractional sum or average to 12 significant digits: the records and a rollup add the same
 * values in another order, which moves the last bits, and a dashboard should not show that.
 */
function settle(v: number): number {
  return Number.isInteger(v) ? v : Number(v.toPrecision(12));
}

const SEGMENTS = new Map<string, OffsetSegment[]>();
const SPAN_FROM = Date.UTC(1970, 0, 1);
const SPAN_TO = Date.UTC(2100, 0, 1);

/**
 * SQLite: the zone's offsets over the column's values. A zone without changes since 1970 is one
 * modifier; otherwise only the changes between the column's min and max (two index lookups) count.
 */
export async function zoneSegments(
  db: Executor,
  ft: FormTable,
  col: Column,
  zone: string,
): Promise<OffsetSegment[]> {
  let all = SEGMENTS.get(zone);
  if (!all) {
    all = offsetSegments(zone, SPAN_FROM, SPAN_TO);
    SEGMENTS.set(zone, all);
  }
  if (all.length <= 2) return all;
  const { rows } = await sql<{
    lo: string | null;
    hi: string | null;
  }>`select min(${col.ref}) as lo, max(${col.ref}) as hi from ${sql.id(ft.table)}`.execute(db);
  const lo = rows[0]?.lo;
  const hi = rows[0]?.hi;
  if (!lo || !hi) return [all[all.length - 1]!];
  const kept = all.filter(
    (s, i) => (s.until === null || s.until > lo) && (i === 0 || all[i - 1]!.until! <= hi),
  );
  return kept.map((s, i) => (i === kept.length - 1 ? { ...s, until: null } : s));
}
