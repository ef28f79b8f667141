/**
 * Process analytics, built in for every flow (no definition needed): per task node, how much work
 * went through it and how long it sat there, so the bottleneck shows; per flow, throughput, cycle
 * time and outcomes by week. The figures come from SQL (store `compileFlowAnalytics`), run side by
 * side on the report reader; here they are only joined with the flow's node names. For all time or
 * whole local days (what the page asks for) the store sums aggregates kept with every task and
 * instance write, so the cost does not grow with the number of cases; p50/p90 then come from a
 * log-scale histogram (within about ±15% of the exact nearest-rank value, flow-stats-buckets.ts).
 * The answer's shape is the contract's (contract/reports.ts).
 */
import type { FlowAnalytics, NodeFigures } from '../../contract/index.js';
import type { FlowDef } from '../../engine/index.js';
import type { CompiledRead, FlowBucket, Store } from '../store/store.js';
import type { Range } from './dashboard-filter.js';
import { localize, type Lang } from './labels.js';
import type { Reader } from './read-pool.js';

const STATUS_OF: Record<string, 'done' | 'cancelled' | 'failed'> = {
  'instance.ended': 'done',
  'instance.cancelled': 'cancelled',
  'instance.failed': 'failed',
};

export interface AnalyticsContext {
  store: Store;
  reader: Reader;
  app: string;
  flow: FlowDef;
  range: Range | undefined;
  now: string;
  timeZone: string;
  lang: Lang;
  /** The periods `outcomesByWeek` counts finishes by: a week unless a throughput widget asks. */
  bucket?: FlowBucket;
}

export async function flowAnalytics(ctx: AnalyticsContext): Promise<FlowAnalytics> {
  const { flow } = ctx;
  const reads = ctx.store.compileFlowAnalytics({
    app: ctx.app,
    flow: flow.key,
    now: ctx.now,
    timeZone: ctx.timeZone,
    ...(ctx.bucket ? { bucket: ctx.bucket } : {}),
    ...(ctx.range ? { from: ctx.range.from, to: ctx.range.to } : {}),
  });
  // All time or whole local days: sums of a few thousand aggregate rows, which the store's own
  // connection answers at once (no read worker to start, as for dashboard rollups). A range of
  // instants reads the raw rows, off the store's connection. (A store opened with `rollups: false`
  // keeps no aggregates and answers every range from the raw rows; benchmarks and tests only.)
  const aggregates = ctx.range === undefined || ctx.range.fromDay !== undefined;
  const run = <T>(read: CompiledRead<T>): Promise<T> =>
    aggregates ? ctx.store.runRead(read) : ctx.reader.run(read);
  const [nodes, nodeP, open, started, finished, cycleP, weekly] = await Promise.all([
    run(reads.nodes),
    run(reads.nodePercentiles),
    run(reads.open),
    run(reads.started),
    run(reads.finished),
    run(reads.cyclePercentiles),
    run(reads.outcomesByWeek),
  ]);

  const byNode = new Map(nodes.map((n) => [n.node, n]));
  const openBy = new Map(open.map((n) => [n.node, n]));
  const ids = [
    ...Object.entries(flow.nodes)
      .filter(([, n]) => n.type === 'task')
      .map(([id]) => id),
  ];
  for (const id of [...byNode.keys(), ...openBy.keys()]) if (!ids.includes(id)) ids.push(id); // nodes of older versions
  const figures: NodeFigures[] = ids.map((id) => {
    const def = flow.nodes[id];
    const n = byNode.get(id);
    const p = nodeP.get(id);
    const o = openBy.get(id);
    const withSla = n?.withSla ?? 0;
    const breached = n?.breached ?? 0;
    return {
      node: id,
      name: localize(def?.name, ctx.lang) || id,
      type: def?.type ?? 'task',
      completed: n?.completed ?? 0,
      avgMs: n?.avgMs ?? null,
      p50Ms: p?.p50 ?? null,
      p90Ms: p?.p90 ?? null,
      withSla,
      breached,
      breachRate: withSla > 0 ? breached / withSla : null,
      open: o?.open ?? 0,
      overdue: o?.overdue ?? 0,
    };
  });

  const finishedBy = { done: 0, cancelled: 0, failed: 0 };
  for (const f of finished) {
    const status = STATUS_OF[f.type];
    if (status) finishedBy[status] += f.count;
  }
  const done = finished.find((f) => f.type === 'instance.ended');

  const labels = [...new Set(weekly.map((w) => w.week))];
  const seriesKey = (w: { type: string; outcome: string | null }) =>
    STATUS_OF[w.type] === 'done' ? `done:${w.outcome ?? ''}` : (STATUS_OF[w.type] ?? w.type);
  const keys = [...new Set(weekly.map(seriesKey))];
  const series = keys.map((key) => ({
    key,
    label: outcomeLabel(flow, key, ctx.lang),
    data: labels.map(() => 0),
  }));
  for (const w of weekly) series[keys.indexOf(seriesKey(w))]!.data[labels.indexOf(w.week)]! += w.count;

  return {
    app: ctx.app,
    flow: flow.key,
    name: localize(flow.name, ctx.lang) || flow.key,
    timeZone: ctx.timeZone,
    period: ctx.range ? { from: ctx.range.from, to: ctx.range.to } : null,
    started: started.started,
    stillActive: started.stillActive,
    finished: finishedBy.done + finishedBy.cancelled + finishedBy.failed,
    finishedBy,
    cycleTime: { avgMs: done?.avgMs ?? null, p50Ms: cycleP.p50, p90Ms: cycleP.p90 },
    nodes: figures,
    outcomesByWeek: { labels, series },
  };
}

/**
 * A series' name: an outcome is named by the end node that declares it (`end_declined`, named
 * "Quote declined" / "拒绝报价", for `declined`); an outcome no end node of this version declares
 * (an older version's) keeps its key.
 */
export function outcomeLabel(flow: FlowDef, key: string, lang: Lang): string {
  if (key === 'cancelled') return lang === 'en' ? 'Cancelled' : '已取消';
  if (key === 'failed') return lang === 'en' ? 'Failed' : '失败';
  const outcome = key.slice('done:'.length);
  if (!outcome) return lang === 'en' ? 'Done' : '已完成';
  const end = Object.values(flow.nodes).find((n) => n.type === 'end' && n.outcome === outcome);
  return localize(end?.name, lang) || outcome;
}
