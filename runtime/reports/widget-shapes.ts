/**
 * What the dashboard endpoint returns per widget, shaped for chart.js: `labels` are `data.labels`,
 * each `series` entry is one dataset (`label`, `data`). Tables and pivots have `columns` and `rows`.
 * `keys` are the raw values behind `labels` and `filters` the record-list filter (JSON Logic) of
 * each label, so a click on a bar or slice opens the matching records.
 */
import type { JsonLogic, WidgetType } from '../../engine/index.js';

export interface Series {
  key: string;
  label: string;
  /** One value per label; null where nothing was aggregated (avg/min/max of no rows). */
  data: (number | null)[];
  /** For a second dimension: the raw value this series stands for. */
  group?: string | number | null;
}

export interface Column {
  key: string;
  label: string;
  /** `dimension`, `measure`, or a field type for table columns. */
  kind: string;
}

export interface Row {
  /** Record id (table rows). */
  id?: string;
  /** Raw dimension value (pivot rows). */
  key?: string | number | null;
  label?: string;
  values: (string | number | null)[];
  filter?: JsonLogic;
}

export interface WidgetData {
  key: string;
  type: WidgetType;
  title: string;
  form: string;
  labels?: string[];
  keys?: (string | number | null)[];
  filters?: JsonLogic[];
  series?: Series[];
  columns?: Column[];
  rows?: Row[];
  /** KPI: the value (first measure); pivot/table: grand totals per measure. */
  total?: number | null;
  totals?: (number | null)[];
  /** KPI: the same measure over the previous period of equal length (when a range is given). */
  previous?: number | null;
  /** KPI: (total − previous) / |previous|, or null. */
  change?: number | null;
  period?: { from: string; to: string };
  previousPeriod?: { from: string; to: string };
  /** Table: cursor of the next page. */
  nextCursor?: string;
  /** More groups exist than were returned. */
  truncated?: boolean;
  /** The viewer may not see the fields this widget reads; it carries no data. */
  restricted?: boolean;
}

const numberOrNull = { type: ['number', 'null'] } as const;
const scalar = { type: ['string', 'number', 'null'] } as const;

/** JSON Schema of `WidgetData`, for the OpenAPI document. */
export const widgetDataSchema = {
  type: 'object',
  required: ['key', 'type', 'title', 'form'],
  properties: {
    key: { type: 'string' },
    type: { type: 'string', enum: ['kpi', 'bar', 'line', 'pie', 'table', 'pivot'] },
    title: { type: 'string' },
    form: { type: 'string' },
    labels: {
      type: 'array',
      items: { type: 'string' },
      description:
        'chart.js data.labels (kpi: measure names; pie without a dimension: one slice per measure)',
    },
    keys: { type: 'array', items: scalar, description: 'raw dimension values behind labels' },
    filters: {
      type: 'array',
      items: {},
      description: 'per label: the JSON Logic filter of GET …/records that lists its records',
    },
    series: {
      type: 'array',
      description: 'chart.js datasets',
      items: {
        type: 'object',
        required: ['key', 'label', 'data'],
        properties: {
          key: { type: 'string' },
          label: { type: 'string' },
          data: { type: 'array', items: numberOrNull },
          group: scalar,
        },
      },
    },
    columns: {
      type: 'array',
      items: {
        type: 'object',
        required: ['key', 'label', 'kind'],
        properties: { key: { type: 'string' }, label: { type: 'string' }, kind: { type: 'string' } },
      },
    },
    rows: {
      type: 'array',
      items: {
        type: 'object',
        required: ['values'],
        properties: {
          id: { type: 'string' },
          key: scalar,
          label: { type: 'string' },
          values: { type: 'array', items: scalar },
          filter: {},
        },
      },
    },
    total: numberOrNull,
    totals: { type: 'array', items: numberOrNull },
    previous: numberOrNull,
    change: numberOrNull,
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    previousPeriod: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    nextCursor: { type: 'string' },
    truncated: { type: 'boolean' },
    restricted: { type: 'boolean' },
  },
} as const;
