/**
 * Dashboards and process analytics as the report routes answer them, shaped for chart.js: a
 * widget's `labels` are `data.labels`, each `series` entry one dataset (`label`, `data`); tables and
 * pivots have `columns` and `rows`. `keys` are the raw values behind `labels` and `filters` the
 * record-list filter (JSON Logic) of each label, so a click on a bar or slice opens its records.
 */
import { Type, type Static } from '@sinclair/typebox';
import type { JsonLogic } from '../engine/definition/types.js';
import { Nullable, Opaque, StringEnum } from './schema-kit.js';

const numberOrNull = () => Nullable('number');
const scalar = () => Type.Unsafe<string | number | null>({ type: ['string', 'number', 'null'] });
const ms = () => Nullable('number', { description: 'milliseconds' });

export const Period = Type.Object({ from: Type.String(), to: Type.String() });
export type Period = Static<typeof Period>;

export const WidgetType = StringEnum([
  'kpi',
  'bar',
  'line',
  'pie',
  'table',
  'pivot',
  'node_time',
  'sla_breach',
  'throughput',
  'bottleneck',
]);
export type WidgetType = Static<typeof WidgetType>;

export const Series = Type.Object({
  key: Type.String(),
  label: Type.String(),
  /** One value per label; null where nothing was aggregated (avg/min/max of no rows). */
  data: Type.Array(numberOrNull()),
  /** For a second dimension: the raw value this series stands for. */
  group: Type.Optional(scalar()),
  /** For a second dimension: the JSON Logic selecting that value's records (date buckets included). */
  filter: Type.Optional(Opaque<JsonLogic>()),
});
export type Series = Static<typeof Series>;

export const Column = Type.Object({
  key: Type.String(),
  label: Type.String(),
  /** `dimension`, `measure`, or a field type for table columns. */
  kind: Type.String(),
  /** A pivot column of a second dimension's value: the JSON Logic selecting that value's records. */
  filter: Type.Optional(Opaque<JsonLogic>()),
});
export type Column = Static<typeof Column>;

export const Row = Type.Object({
  /** Record id (table rows). */
  id: Type.Optional(Type.String()),
  /** Raw dimension value (pivot rows). */
  key: Type.Optional(scalar()),
  label: Type.Optional(Type.String()),
  values: Type.Array(scalar()),
  filter: Type.Optional(Opaque<JsonLogic>()),
  /** Pivot rows of two dimensions: the row's figure per measure over all its records (not a sum of its cells). */
  totals: Type.Optional(Type.Array(numberOrNull())),
});
export type Row = Static<typeof Row>;

export const WidgetData = Type.Object({
  key: Type.String(),
  type: WidgetType,
  title: Type.String(),
  /** A process widget: the form of its flow's cases. */
  form: Type.String(),
  /** A process widget: the flow whose cases it measures (its figures are in milliseconds or rates). */
  flow: Type.Optional(Type.String()),
  labels: Type.Optional(
    Type.Array(Type.String(), {
      description:
        'chart.js data.labels (kpi: measure names; pie without a dimension: one slice per measure)',
    }),
  ),
  keys: Type.Optional(Type.Array(scalar(), { description: 'raw dimension values behind labels' })),
  filters: Type.Optional(
    Type.Array(Opaque<JsonLogic>(), {
      description: 'per label: the JSON Logic filter of GET …/records that lists its records',
    }),
  ),
  series: Type.Optional(Type.Array(Series, { description: 'chart.js datasets' })),
  columns: Type.Optional(Type.Array(Column)),
  rows: Type.Optional(Type.Array(Row)),
  /** KPI: the value (first measure); pivot/table: grand totals per measure. */
  total: Type.Optional(numberOrNull()),
  totals: Type.Optional(Type.Array(numberOrNull())),
  /** Pivot: the totals row, one per measure column, of every matching record even when `topN` cut the rows. */
  columnTotals: Type.Optional(Type.Array(numberOrNull())),
  /** Pivot: the rows are the first N groups of more (the widget's limit); the totals are not cut. */
  topN: Type.Optional(Type.Integer({ minimum: 0 })),
  /** KPI: the same measure over the previous period of equal length (when a range is given). */
  previous: Type.Optional(numberOrNull()),
  /** KPI: (total − previous) / |previous|, or null. */
  change: Type.Optional(numberOrNull()),
  period: Type.Optional(Period),
  previousPeriod: Type.Optional(Period),
  /** Table: cursor of the next page. */
  nextCursor: Type.Optional(Type.String()),
  /** More groups exist than were returned. */
  truncated: Type.Optional(Type.Boolean()),
  /** A pie's top N: the last label is "Other", the groups past the limit summed (it has no key or filter). */
  other: Type.Optional(Type.Boolean()),
  /** The viewer may not see the fields this widget reads; it carries no data. */
  restricted: Type.Optional(Type.Boolean()),
});
export type WidgetData = Static<typeof WidgetData>;

/** `POST /apps/:app/widgets/preview`: an unsaved widget definition (checked as a published widget is). */
export const WidgetPreviewRequest = Type.Object(
  {
    widget: Type.Unknown({
      description:
        "A widget as in a bundle's dashboards (key, type, title, form, filter, dimensions, measures); its problems are answered at /widget/…",
    }),
  },
  { additionalProperties: false },
);
export type WidgetPreviewRequest = Static<typeof WidgetPreviewRequest>;

/** A preview's data: a widget's, and whether the row cap or the time limit cut it. */
export const WidgetPreview = Type.Object({
  ...WidgetData.properties,
  /** Some figure was computed over only the first `rowCap` matching records, or the time ran out. */
  capped: Type.Boolean(),
  /** The time limit ran out: no figures, only the widget's name. */
  timedOut: Type.Optional(Type.Boolean()),
  rowCap: Type.Integer({ description: 'The most records one figure reads' }),
  elapsedMs: Type.Integer(),
});
export type WidgetPreview = Static<typeof WidgetPreview>;

export const DashboardData = Type.Object({
  app: Type.String(),
  key: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  period: Type.Optional(Period),
  widgets: Type.Array(WidgetData),
});
export type DashboardData = Static<typeof DashboardData>;

/** Per task node: how much work went through it and how long it sat there. */
export const NodeFigures = Type.Object({
  node: Type.String(),
  name: Type.String(),
  type: Type.String(),
  completed: Type.Integer({ description: 'tasks completed in the range' }),
  /** Time spent, task created → completed, in milliseconds (p50/p90 to the histogram bucket). */
  avgMs: ms(),
  p50Ms: ms(),
  p90Ms: ms(),
  /** Completed tasks that had a due time, and how many of them breached it. */
  withSla: Type.Integer({ description: 'completed tasks that had a due time' }),
  breached: Type.Integer(),
  breachRate: Nullable('number', { description: 'breached / withSla' }),
  /** Open right now (whatever the range), and how many of those are past due. */
  open: Type.Integer({ description: 'open right now' }),
  overdue: Type.Integer({ description: 'open and past due right now' }),
});
export type NodeFigures = Static<typeof NodeFigures>;

export const FlowAnalytics = Type.Object({
  app: Type.String(),
  flow: Type.String(),
  name: Type.String(),
  timeZone: Type.String(),
  period: Type.Unsafe<Period | null>({ ...Period, type: ['object', 'null'] }),
  started: Type.Integer(),
  /** Of those started in the range, still running. */
  stillActive: Type.Integer(),
  finished: Type.Integer(),
  /** By end status: done, cancelled, failed. */
  finishedBy: Type.Object({
    done: Type.Integer(),
    cancelled: Type.Integer(),
    failed: Type.Integer(),
  }),
  /** Cycle time (instance created → ended normally) in milliseconds. */
  cycleTime: Type.Object({ avgMs: ms(), p50Ms: ms(), p90Ms: ms() }),
  nodes: Type.Array(NodeFigures),
  /** Per local week (Monday): finishes by outcome (`done:<outcome>`, `cancelled`, `failed`), chart.js-ready. */
  outcomesByWeek: Type.Object(
    {
      labels: Type.Array(Type.String()),
      series: Type.Array(
        Type.Object({ key: Type.String(), label: Type.String(), data: Type.Array(Type.Number()) }),
      ),
    },
    { description: 'chart.js: labels are the Mondays of local weeks; one series per outcome' },
  ),
});
export type FlowAnalytics = Static<typeof FlowAnalytics>;
