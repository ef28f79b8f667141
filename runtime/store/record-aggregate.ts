/**
 * Dashboard aggregates: GROUP BY over typed columns of one form's table. Grouping by an indexed
 * select column is a scan of that index alone, which keeps a million-record chart fast on SQLite.
 */
import { sql, type RawBuilder } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import { recordConditions, requireTable, resolveColumn } from './record-list.js';
import type { Executor, StoreContext } from './store-context.js';
import type { AggregateOptions, AggregateRow } from './types.js';

const DATE_TYPES = new Set(['date', 'datetime']);

export async function aggregateRecords(db: Executor, ctx: StoreContext, app: string, form: string, options: AggregateOptions): Promise<AggregateRow[]> {
  const ft = await requireTable(db, ctx, app, form);
  const dims = (options.dimensions ?? []).map((d, i): RawBuilder<unknown> => {
    const col = resolveColumn(ft, d.field);
    if (!col) throw new FlowcaseError('FC_BAD_REQUEST', `Cannot group by "${d.field}"`, { path: `/dimensions/${i}/field` });
    if (!d.bucket) return col.ref;
    const isDate = col.fieldType === undefined || DATE_TYPES.has(col.fieldType);
    if (!isDate) throw new FlowcaseError('FC_BAD_REQUEST', 'Only date fields have buckets', { path: `/dimensions/${i}/bucket` });
    if (d.bucket === 'day') return sql`substr(${col.ref}, 1, 10)`;
    if (d.bucket === 'month') return sql`substr(${col.ref}, 1, 7)`;
    if (d.bucket === 'week') {
      // The Monday starting the week, as YYYY-MM-DD.
      return ctx.dialect === 'postgres'
        ? sql`to_char(date_trunc('week', substr(${col.ref}, 1, 10)::date), 'YYYY-MM-DD')`
        : sql`date(substr(${col.ref}, 1, 10), 'weekday 0', '-6 days')`;
    }
    throw new FlowcaseError('FC_BAD_REQUEST', 'Bucket is day, week or month', { path: `/dimensions/${i}/bucket` });
  });
  if (options.measures.length === 0) throw new FlowcaseError('FC_BAD_REQUEST', 'At least one measure is needed', { path: '/measures' });
  const measures = options.measures.map((m, i): RawBuilder<unknown> => {
    if (m.op === 'count' && m.field === undefined) return sql`count(*)`;
    const col = m.field === undefined ? undefined : resolveColumn(ft, m.field);
    if (!col || (m.op !== 'count' && col.type === 'text')) {
      throw new FlowcaseError('FC_BAD_REQUEST', `Cannot ${m.op} over "${m.field ?? ''}"`, { path: `/measures/${i}/field` });
    }
    if (!['count', 'sum', 'avg', 'min', 'max'].includes(m.op)) {
      throw new FlowcaseError('FC_BAD_REQUEST', `Unknown measure "${String(m.op)}"`, { path: `/measures/${i}/op` });
    }
    return sql`${sql.raw(m.op)}(${col.ref})`;
  });
  const where = recordConditions(ft, options.filter, options.createdBy);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const cols = [...dims.map((d, i) => sql`${d} as ${sql.id(`d${i}`)}`), ...measures.map((m, i) => sql`${m} as ${sql.id(`m${i}`)}`)];
  const positions = dims.map((_, i) => sql.raw(String(i + 1)));
  // NULL groups first on both databases, as SQLite does by default.
  const order = positions.map((p) => (ctx.dialect === 'postgres' ? sql`${p} nulls first` : p));
  const groupSql = dims.length ? sql`group by ${sql.join(positions)} order by ${sql.join(order)}` : sql``;
  const limit = Math.min(10_000, Math.max(1, options.limit ?? 1000));
  const { rows } = await sql<Record<string, unknown>>`select ${sql.join(cols)} from ${sql.id(ft.table)} ${whereSql} ${groupSql} limit ${limit}`.execute(db);
  return rows.map((r) => ({
    keys: dims.map((_, i) => (r[`d${i}`] ?? null) as string | number | null),
    values: measures.map((_, i) => (r[`m${i}`] === null || r[`m${i}`] === undefined ? null : Number(r[`m${i}`]))),
  }));
}
