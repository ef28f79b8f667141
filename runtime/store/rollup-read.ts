/**
 * Dashboard aggregates answered from a rollup instead of the records: the same groups, in the
 * same order and with the same values as `compileAggregate` over the records, for queries a
 * rollup can answer exactly (the widget's filter, dimensions the rollup keys on, whole local days
 * of `createdAt`, `f.<field>` values on a key). Anything else gets `undefined` and reads the
 * records live.
 */
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { groupedRead } from './record-aggregate.js';
import { resolveColumn } from './record-column-ref.js';
import { requireTable } from './record-list.js';
import { bucketExpression } from './record-time-zone.js';
import { MONTH_PREFIX, notSummable, stableJson, type RollupDef } from './rollup-spec.js';
import { encodeKey, SLOT_COLUMNS } from './rollup-write.js';
import type { Executor, StoreContext } from './store-context.js';
import type { AggregateRow, CompiledRead, RollupQuery } from './types.js';

/** The rollup answering `q` with the fewest key columns, and where each dimension's key is. */
function pick(
  rollups: readonly RollupDef[],
  q: RollupQuery,
): { def: RollupDef; keyOf: number[] } | undefined {
  const filter = stableJson(q.filter ?? null);
  const fields = q.measures.flatMap((m) => (m.field === undefined ? [] : [m.field]));
  const filtered = Object.keys(q.fields ?? {});
  let best: { def: RollupDef; keyOf: number[] } | undefined;
  for (const def of rollups) {
    const { spec } = def;
    if (
      spec.timeZone !== q.timeZone ||
      stableJson(spec.filter) !== filter ||
      !fields.every((f) => spec.fields.includes(f))
    )
      continue;
    const keyOf = (q.dimensions ?? []).map((d) =>
      spec.dims.findIndex((k) => k.field === d.field && k.day === (d.bucket !== undefined)),
    );
    if (keyOf.includes(-1)) continue;
    if (!filtered.every((f) => spec.dims.some((k) => k.field === f && !k.day))) continue;
    if (!best || spec.dims.length < best.def.spec.dims.length) best = { def, keyOf };
  }
  return best;
}

export async function compileRollup(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  q: RollupQuery,
): Promise<CompiledRead<AggregateRow[]> | undefined> {
  if (q.measures.length === 0 || q.measures.some(notSummable)) return undefined;
  const ft = await requireTable(db, ctx, app, form);
  const found = pick(ft.rollups, q);
  if (!found) return undefined;
  const { def, keyOf } = found;
  const k = (i: number) => sql.id(`k${i + 1}`);
  const decoded = (i: number) => sql`case when ${k(i)} = '' then null else substr(${k(i)}, 2) end`;
  const dims = (q.dimensions ?? []).map((d, i): RawBuilder<unknown> => {
    const key = keyOf[i]!;
    if (d.bucket)
      return bucketExpression(ctx.dialect, decoded(key), d.bucket, false, { name: 'UTC', segments: [] });
    const type = resolveColumn(ft, d.field)?.type;
    if (type !== 'integer') return decoded(key);
    return ctx.dialect === 'postgres'
      ? sql`cast(${decoded(key)} as bigint)`
      : sql`cast(${decoded(key)} as integer)`;
  });
  const real = ctx.dialect === 'postgres' ? sql.raw('double precision') : sql.raw('real');
  const measures = q.measures.map((m): RawBuilder<unknown> => {
    if (m.field === undefined) return sql`coalesce(sum(c), 0)`;
    const slot = def.spec.fields.indexOf(m.field) + 1;
    const s = sql.id(`s${slot}`);
    const n = sql.id(`n${slot}`);
    if (m.op === 'count') return sql`coalesce(sum(${n}), 0)`;
    if (m.op === 'sum') return sql`case when sum(${n}) > 0 then sum(${s}) end`;
    return sql`case when sum(${n}) > 0 then sum(${s}) / cast(sum(${n}) as ${real}) end`;
  });
  const where: RawBuilder<SqlBool>[] = [];
  for (const [field, values] of Object.entries(q.fields ?? {})) {
    const key = def.spec.dims.findIndex((d) => d.field === field && !d.day);
    where.push(
      values.length
        ? sql<SqlBool>`${k(key)} in (${sql.join(values.map((v) => encodeKey(v)))})`
        : sql<SqlBool>`1 = 0`,
    );
  }
  // A group whose records all moved away keeps a row with c = 0; the records have no such group.
  // One range of (rollup_id, day) per part, each its own index search whatever the statistics say.
  const parts = dayRanges(def.spec.months === true, q.days).map(([lo, hi]) => {
    const upper = hi ? sql` and day ${sql.raw(hi.inclusive ? '<=' : '<')} ${hi.day}` : sql``;
    return sql`select k1, k2, c, ${sql.raw(SLOT_COLUMNS.join(', '))} from record_rollups where rollup_id = ${def.id} and day >= ${lo}${upper}`;
  });
  const from = sql`(${sql.join(parts, sql` union all `)}) as rolled`;
  return groupedRead(db, ctx.dialect, {
    dims,
    measures,
    from,
    where,
    having: sql<SqlBool>`sum(c) > 0`,
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.byValue ? { byValue: q.byValue } : {}),
  });
}

/** `YYYY-MM` of the month after (`+1`) or before (`-1`) the month of `day`. */
function shiftMonth(day: string, by: 1 | -1): string {
  const d = new Date(`${day.slice(0, 7)}-01T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + by);
  return d.toISOString().slice(0, 7);
}

function lastDayOf(month: string): string {
  const d = new Date(`${shiftMonth(`${month}-01`, 1)}-01T00:00:00Z`);
  d.setUTCDate(0);
  return d.toISOString().slice(0, 10);
}

/** A range of `day`: from `lo` (inclusive) to `hi` (none: every greater key). */
type DayRange = [string, { day: string; inclusive: boolean } | undefined];

/**
 * The ranges of `day` whose rows cover `days` exactly once: with month rows, the whole months
 * inside the range come from their month rows and only the partial months at either end from day
 * rows; all time is every month row (and the day rows of records without a day, `''`, which have
 * no month). Without month rows, the days themselves (all time: every row).
 */
export function dayRanges(months: boolean, days: { from: string; to: string } | undefined): DayRange[] {
  if (!days)
    return months
      ? [
          ['', { day: '', inclusive: true }],
          [MONTH_PREFIX, undefined],
        ]
      : [['', undefined]];
  const { from, to } = days;
  const firstWhole = from.endsWith('-01') ? from.slice(0, 7) : shiftMonth(from, 1);
  const lastWhole = to === lastDayOf(to.slice(0, 7)) ? to.slice(0, 7) : shiftMonth(to, -1);
  if (!months || firstWhole > lastWhole) return [[from, { day: to, inclusive: true }]];
  const ranges: DayRange[] = [
    [MONTH_PREFIX + firstWhole, { day: MONTH_PREFIX + lastWhole, inclusive: true }],
  ];
  if (from.slice(0, 7) < firstWhole) ranges.push([from, { day: `${firstWhole}-01`, inclusive: false }]);
  if (to.slice(0, 7) > lastWhole)
    ranges.push([`${shiftMonth(`${lastWhole}-01`, 1)}-01`, { day: to, inclusive: true }]);
  return ranges;
}
