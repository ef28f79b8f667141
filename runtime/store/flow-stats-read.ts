/**
 * Process analytics answered from the aggregates (flow-stats-write.ts) instead of the tasks and
 * history: a few hundred rows per flow and year of local days, summed over the queried days.
 * Counts, sums, averages and breach rates are exact; p50/p90 are the middle of the histogram bucket
 * the nearest-rank value falls in (flow-stats-buckets.ts).
 */
import { sql, type RawBuilder } from 'kysely';
import { percentiles } from './flow-stats-buckets.js';
import { localDay } from './rollup-write.js';
import type { Executor } from './store-context.js';
import type { CompiledRead, FlowAnalyticsQuery, FlowAnalyticsReads, FlowBucket } from './types.js';

type Rows = readonly Record<string, unknown>[];
type Percentiles = { p50: number | null; p90: number | null };

const TYPE_OF: Record<string, string> = {
  done: 'instance.ended',
  cancelled: 'instance.cancelled',
  failed: 'instance.failed',
};
const DAY_MS = 86_400_000;

function num(v: unknown): number {
  return v === null || v === undefined ? 0 : Number(v);
}

function read<T>(db: Executor, query: RawBuilder<unknown>, decode: (rows: Rows) => T): CompiledRead<T> {
  const compiled = query.compile(db);
  return { sql: compiled.sql, parameters: compiled.parameters, decode };
}

/** Whether `iso` is the first instant of a local day in `zone`. */
function isLocalMidnight(iso: string, zone: string): boolean {
  const at = Date.parse(iso);
  return localDay(new Date(at - 1).toISOString(), zone) !== localDay(iso, zone);
}

/**
 * The local days `[from, to)` of the query when the aggregates can answer it (they are kept in
 * the query's zone and the range is whole local days), `'all'` without a range, else undefined.
 */
export function statsDays(
  q: FlowAnalyticsQuery,
  keptZone: string | null,
): { from: string; to: string } | 'all' | undefined {
  if (keptZone === null || keptZone !== q.timeZone) return undefined;
  if (q.from === undefined || q.to === undefined) return 'all';
  if (!isLocalMidnight(q.from, keptZone) || !isLocalMidnight(q.to, keptZone)) return undefined;
  const from = localDay(q.from, keptZone);
  const to = localDay(q.to, keptZone);
  return from === null || to === null ? undefined : { from, to };
}

/** The Monday (YYYY-MM-DD) of the week of a local day. */
function mondayOf(day: string): string {
  const at = Date.parse(`${day}T00:00:00.000Z`);
  return new Date(at - ((new Date(at).getUTCDay() + 6) % 7) * DAY_MS).toISOString().slice(0, 10);
}

/** The label of the period of a local day, as the raw reads' `bucketExpression` gives it. */
function periodOf(day: string, bucket: FlowBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  return mondayOf(day);
}

/** `done:<outcome>` → the history type and outcome the raw reads report. */
function endOf(kind: string): { type: string; outcome: string | null } {
  const [status, ...rest] = kind.split(':');
  const outcome = rest.join(':');
  return { type: TYPE_OF[status!] ?? kind, outcome: status === 'done' && outcome !== '' ? outcome : null };
}

function histograms(rows: Rows): Map<string, Percentiles> {
  const byGroup = new Map<string, Map<number, number>>();
  for (const r of rows) {
    const grp = String(r.grp);
    const h = byGroup.get(grp) ?? new Map<number, number>();
    h.set(num(r.bucket), (h.get(num(r.bucket)) ?? 0) + num(r.n));
    byGroup.set(grp, h);
  }
  return new Map([...byGroup.entries()].map(([grp, h]) => [grp, percentiles(h)]));
}

/** The reads of `q` over the aggregates, for `days` from `statsDays`; open tasks are `open`, counted live. */
export function compileStatsReads(
  db: Executor,
  q: FlowAnalyticsQuery,
  days: { from: string; to: string } | 'all',
  open: FlowAnalyticsReads['open'],
): FlowAnalyticsReads {
  const inDays = days === 'all' ? sql`` : sql`and day >= ${days.from} and day < ${days.to}`;
  const tasks = sql`from flow_task_stats where app_key = ${q.app} and flow_key = ${q.flow} ${inDays}`;
  const instances = sql`from flow_instance_stats where app_key = ${q.app} and flow_key = ${q.flow} ${inDays}`;
  const ends = sql`${instances} and kind not in ('started', 'active')`;
  return {
    nodes: read(
      db,
      sql`select node, sum(n) as n, sum(ms) as ms, sum(sla) as sla, sum(breached) as breached ${tasks} group by node`,
      (rows) =>
        rows
          .map((r) => ({
            node: String(r.node),
            completed: num(r.n),
            avgMs: num(r.n) > 0 ? num(r.ms) / num(r.n) : null,
            withSla: num(r.sla),
            breached: num(r.breached),
          }))
          .filter((r) => r.completed > 0),
    ),
    nodePercentiles: read(
      db,
      sql`select node as grp, bucket, sum(n) as n ${tasks} group by node, bucket`,
      histograms,
    ),
    open,
    started: read(
      db,
      sql`select kind, sum(n) as n ${instances} and kind in ('started', 'active') group by kind`,
      (rows) => ({
        started: num(rows.find((r) => r.kind === 'started')?.n),
        stillActive: num(rows.find((r) => r.kind === 'active')?.n),
      }),
    ),
    finished: read(db, sql`select kind, sum(n) as n, sum(ms) as ms ${ends} group by kind`, (rows) => {
      const byType = new Map<string, { n: number; ms: number }>();
      for (const r of rows) {
        const { type } = endOf(String(r.kind));
        const t = byType.get(type) ?? { n: 0, ms: 0 };
        t.n += num(r.n);
        t.ms += num(r.ms);
        byType.set(type, t);
      }
      return [...byType.entries()]
        .filter(([, t]) => t.n > 0)
        .map(([type, t]) => ({ type, count: t.n, avgMs: t.ms / t.n }));
    }),
    cyclePercentiles: read(
      db,
      sql`select 'all' as grp, bucket, sum(n) as n ${ends} and kind >= 'done:' and kind < 'done;' group by bucket`,
      (rows) => histograms(rows).get('all') ?? { p50: null, p90: null },
    ),
    outcomesByWeek: read(db, sql`select day, kind, sum(n) as n ${ends} group by day, kind`, (rows) => {
      const merged = new Map<string, { week: string; type: string; outcome: string | null; count: number }>();
      for (const r of rows) {
        const week = periodOf(String(r.day), q.bucket ?? 'week');
        const end = endOf(String(r.kind));
        const id = `${week}\u0001${end.type}\u0001${end.outcome ?? ''}`;
        const m = merged.get(id) ?? { week, ...end, count: 0 };
        m.count += num(r.n);
        merged.set(id, m);
      }
      const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      return [...merged.values()]
        .filter((m) => m.count !== 0)
        .sort((a, b) => cmp(a.week, b.week) || cmp(a.type, b.type) || cmp(a.outcome ?? '', b.outcome ?? ''));
    }),
  };
}
