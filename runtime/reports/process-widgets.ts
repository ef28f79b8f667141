/**
 * Process analytics widgets (`node_time`, `sla_breach`, `throughput`, `bottleneck`): each is a view
 * of the flow analytics page's answer (flow-analytics.ts, the same store reads over the same range),
 * shaped as a widget's data for the shared widget cards. Times are milliseconds and rates fractions
 * of 1; the cards format them. Only task nodes appear, as on the analytics page.
 */
import type { FlowAnalytics, NodeFigures, WidgetData } from '../../contract/index.js';
import type { ProcessWidgetDef } from '../../engine/index.js';
import type { Lang } from './labels.js';

const WORDS = {
  en: {
    avg: 'Average',
    p50: 'Median',
    p90: '90th percentile',
    rate: 'Breach rate',
    started: 'Started',
    finished: 'Finished',
    stillActive: 'Still running',
    step: 'Step',
    open: 'Open now',
    overdue: 'Overdue now',
    avgTime: 'Average time',
    p90Time: '90th percentile time',
    breachRate: 'Breach rate',
  },
  zh: {
    avg: '平均',
    p50: '中位数',
    p90: '90 分位',
    rate: '超时率',
    started: '发起',
    finished: '办结',
    stillActive: '进行中',
    step: '节点',
    open: '当前待办',
    overdue: '当前超时',
    avgTime: '平均耗时',
    p90Time: '90 分位耗时',
    breachRate: '超时率',
  },
} satisfies Record<Lang, Record<string, string>>;

/** The widget's data from its flow's analytics (`base` holds its key, type, title, form and flow). */
export function processWidgetData(
  widget: ProcessWidgetDef,
  analytics: FlowAnalytics,
  base: WidgetData,
  lang: Lang,
): WidgetData {
  const w = WORDS[lang];
  const withPeriod = analytics.period ? { ...base, period: analytics.period } : base;
  const tasks = analytics.nodes.filter((n) => n.type === 'task');
  switch (widget.type) {
    case 'node_time': {
      const done = tasks.filter((n) => n.completed > 0);
      return {
        ...withPeriod,
        labels: done.map((n) => n.name),
        keys: done.map((n) => n.node),
        series: [
          { key: 'avg', label: w.avg, data: done.map((n) => n.avgMs) },
          { key: 'p50', label: w.p50, data: done.map((n) => n.p50Ms) },
          { key: 'p90', label: w.p90, data: done.map((n) => n.p90Ms) },
        ],
      };
    }
    case 'sla_breach': {
      const timed = tasks.filter((n) => n.withSla > 0);
      const withSla = timed.reduce((sum, n) => sum + n.withSla, 0);
      const breached = timed.reduce((sum, n) => sum + n.breached, 0);
      return {
        ...withPeriod,
        labels: timed.map((n) => n.name),
        keys: timed.map((n) => n.node),
        series: [{ key: 'rate', label: w.rate, data: timed.map((n) => n.breachRate) }],
        total: withSla > 0 ? breached / withSla : null,
        totals: [breached, withSla],
      };
    }
    case 'throughput':
      return {
        ...withPeriod,
        labels: analytics.outcomesByWeek.labels,
        series: analytics.outcomesByWeek.series,
        columns: [
          { key: 'started', label: w.started, kind: 'count' },
          { key: 'finished', label: w.finished, kind: 'count' },
          { key: 'stillActive', label: w.stillActive, kind: 'count' },
        ],
        totals: [analytics.started, analytics.finished, analytics.stillActive],
        total: analytics.finished,
      };
    case 'bottleneck': {
      const ranked = tasks.filter((n) => n.open > 0 || n.completed > 0).sort(byLoad);
      return {
        ...withPeriod,
        columns: [
          { key: 'step', label: w.step, kind: 'dimension' },
          { key: 'open', label: w.open, kind: 'count' },
          { key: 'overdue', label: w.overdue, kind: 'count' },
          { key: 'avgMs', label: w.avgTime, kind: 'duration' },
          { key: 'p90Ms', label: w.p90Time, kind: 'duration' },
          { key: 'breachRate', label: w.breachRate, kind: 'rate' },
        ],
        rows: ranked.map((n) => ({
          key: n.node,
          label: n.name,
          values: [n.open, n.overdue, n.avgMs, n.p90Ms, n.breachRate],
        })),
      };
    }
  }
}

/** The work waiting at a step: overdue tasks first, then open tasks × the usual time there, then open tasks. */
export function byLoad(a: NodeFigures, b: NodeFigures): number {
  const load = (n: NodeFigures) => n.open * (n.p50Ms ?? n.avgMs ?? 0);
  return b.overdue - a.overdue || load(b) - load(a) || b.open - a.open || a.node.localeCompare(b.node);
}
