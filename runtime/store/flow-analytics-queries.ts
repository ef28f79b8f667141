/**
 * Process analytics, compiled for either database: per task node (completed, time spent with
 * p50/p90, SLA breaches, open now) and per flow (started, finished, cycle time, outcomes by week,
 * or by day or month when the query asks).
 * Answered from the aggregates (flow-stats-read.ts) when they are kept in the query's zone and the
 * range is whole local days; otherwise over the tasks, instances and history tables, with exact
 * nearest-rank percentiles picked in SQL with window functions. Open tasks are counted in both
 * cases from `flow_open_tasks`, one row per open task kept with each task write.
 */
import { sql, type RawBuilder } from 'kysely';
import { compileStatsReads, statsDays } from './flow-stats-read.js';
import { bucketExpression, offsetSegments } from './record-time-zone.js';
import type { Executor, StoreContext } from './store-context.js';
import type { CompiledRead, FlowAnalyticsQuery, FlowAnalyticsReads } from './types.js';

type Rows = readonly Record<string, unknown>[];

/**
 * The events that end an instance, as literals: `history_by_type` holds only these rows
 * (migration 0009), and a database uses such an index only for a query that repeats its condition.
 */
const FINISHES = sql`h."type" in ('instance.ended', 'instance.cancelled', 'instance.failed')`;

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function numOrNull(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function read<T>(db: Executor, query: RawBuilder<unknown>, decode: (rows: Rows) => T): CompiledRead<T> {
  const compiled = query.compile(db);
  return { sql: compiled.sql, parameters: compiled.parameters, decode };
}

/** Milliseconds from `a` to `b`, both ISO text columns. */
function millis(ctx: StoreContext, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return ctx.dialect === 'postgres'
    ? sql`(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) * 1000)`
    : sql`((julianday(${b}) - julianday(${a})) * 86400000.0)`;
}

function inRange(col: RawBuilder<unknown>, q: FlowAnalyticsQuery): RawBuilder<unknown> {
  return q.from !== undefined && q.to !== undefined
    ? sql`and ${col} >= ${q.from} and ${col} < ${q.to}`
    : sql``;
}

/** p50 and p90 rows (nearest rank) of `durations` (a subquery with `grp` and `dur`). */
function percentiles(durations: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`select grp, rn, n, dur from (
    select grp, dur, row_number() over (partition by grp order by dur) as rn, count(*) over (partition by grp) as n from (${durations}) d
  ) x where rn = (n + 1) / 2 or rn = (9 * n + 9) / 10`;
}

function decodePercentiles(rows: Rows): Map<string, { p50: number | null; p90: number | null }> {
  const out = new Map<string, { p50: number | null; p90: number | null }>();
  for (const r of rows) {
    const grp = String(r.grp);
    const n = num(r.n);
    const rn = num(r.rn);
    const entry = out.get(grp) ?? { p50: null, p90: null };
    if (rn === Math.floor((n + 1) / 2)) entry.p50 = numOrNull(r.dur);
    if (rn === Math.floor((9 * n + 9) / 10)) entry.p90 = numOrNull(r.dur);
    out.set(grp, entry);
  }
  return out;
}

/** Open tasks now per node, from the rows kept with each task write (flow-stats-open.ts). */
function openTasks(db: Executor, q: FlowAnalyticsQuery): FlowAnalyticsReads['open'] {
  return read(
    db,
    sql`select node, count(*) as open, sum(case when breached = 1 or (due_at is not null and due_at < ${q.now}) then 1 else 0 end) as overdue
      from flow_open_tasks where app_key = ${q.app} and flow_key = ${q.flow} group by node`,
    (rows) => rows.map((r) => ({ node: String(r.node), open: num(r.open), overdue: num(r.overdue) })),
  );
}

export function compileFlowAnalytics(
  db: Executor,
  ctx: StoreContext,
  q: FlowAnalyticsQuery,
): FlowAnalyticsReads {
  const days = statsDays(q, ctx.rollupTimeZone);
  return days === undefined
    ? compileRawAnalytics(db, ctx, q)
    : compileStatsReads(db, q, days, openTasks(db, q));
}

function compileRawAnalytics(db: Executor, ctx: StoreContext, q: FlowAnalyticsQuery): FlowAnalyticsReads {
  const flowTasks = sql`from "tasks" t join "instances" i on i."id" = t."instance_id" where i."app_key" = ${q.app} and i."flow_key" = ${q.flow}`;
  const spent = millis(ctx, sql`t."created_at"`, sql`t."completed_at"`);
  const doneInRange = sql`${flowTasks} and t."status" = 'done' and t."completed_at" is not null ${inRange(sql`t."completed_at"`, q)}`;
  const finishes = sql`from "history" h join "instances" i on i."id" = h."instance_id"
    where i."app_key" = ${q.app} and i."flow_key" = ${q.flow} and ${FINISHES} ${inRange(sql`h."at"`, q)}`;
  const cycle = millis(ctx, sql`i."created_at"`, sql`h."at"`);
  const from = q.from ? Date.parse(q.from) : Date.UTC(1970, 0, 1);
  const to = q.to ? Date.parse(q.to) : Date.UTC(2100, 0, 1);
  // The bucket is one of three literals (FlowBucket), never text from a request.
  const period = bucketExpression(ctx.dialect, sql`h."at"`, q.bucket ?? 'week', true, {
    name: q.timeZone,
    segments: ctx.dialect === 'sqlite' ? offsetSegments(q.timeZone, from, to) : [],
  });
  const outcome =
    ctx.dialect === 'postgres'
      ? sql`(h."detail"::json ->> 'outcome')`
      : sql`json_extract(h."detail", '$.outcome')`;

  return {
    nodes: read(
      db,
      sql`select t."node" as node, count(*) as completed, avg(${spent}) as avg_ms,
        sum(case when t."due_at" is not null then 1 else 0 end) as with_sla, sum(case when t."breached" = 1 then 1 else 0 end) as breached
        ${doneInRange} group by t."node"`,
      (rows) =>
        rows.map((r) => ({
          node: String(r.node),
          completed: num(r.completed),
          avgMs: numOrNull(r.avg_ms),
          withSla: num(r.with_sla),
          breached: num(r.breached),
        })),
    ),
    nodePercentiles: read(
      db,
      percentiles(sql`select t."node" as grp, ${spent} as dur ${doneInRange}`),
      decodePercentiles,
    ),
    open: openTasks(db, q),
    started: read(
      db,
      sql`select count(*) as n, sum(case when i."status" = 'active' then 1 else 0 end) as active from "instances" i
        where i."app_key" = ${q.app} and i."flow_key" = ${q.flow} ${inRange(sql`i."created_at"`, q)}`,
      (rows) => ({ started: num(rows[0]?.n), stillActive: num(rows[0]?.active) }),
    ),
    finished: read(
      db,
      sql`select h."type" as type, count(*) as n, avg(${cycle}) as avg_ms ${finishes} group by h."type"`,
      (rows) => rows.map((r) => ({ type: String(r.type), count: num(r.n), avgMs: numOrNull(r.avg_ms) })),
    ),
    cyclePercentiles: read(
      db,
      percentiles(sql`select 'all' as grp, ${cycle} as dur ${finishes} and h."type" = 'instance.ended'`),
      (rows) => decodePercentiles(rows).get('all') ?? { p50: null, p90: null },
    ),
    outcomesByWeek: read(
      db,
      sql`select ${period} as week, h."type" as type, ${outcome} as outcome, count(*) as n ${finishes} group by 1, 2, 3 order by 1, 2, 3`,
      (rows) =>
        rows.map((r) => ({
          week: String(r.week),
          type: String(r.type),
          outcome: typeof r.outcome === 'string' ? r.outcome : null,
          count: num(r.n),
        })),
    ),
  };
}
