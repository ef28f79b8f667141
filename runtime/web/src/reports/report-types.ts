/**
 * What the report routes answer (`runtime/reports/widget-shapes.ts`, `flow-analytics.ts`): chart.js
 * labels and series, table and pivot columns and rows, KPI totals with the previous period.
 */
import type { JsonLogic } from '../../../../engine/definition/types.js';

export type { JsonLogic };

export type WidgetType = 'kpi' | 'bar' | 'line' | 'pie' | 'table' | 'pivot';

export interface Series {
  key: string;
  label: string;
  data: (number | null)[];
  group?: string | number | null;
}

export interface Column {
  key: string;
  label: string;
  /** `dimension`, `measure`, or a field type (table columns). */
  kind: string;
}

export interface Row {
  id?: string;
  key?: string | number | null;
  label?: string;
  values: (string | number | null)[];
  filter?: JsonLogic;
}

export interface Period {
  from: string;
  to: string;
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
  total?: number | null;
  totals?: (number | null)[];
  previous?: number | null;
  change?: number | null;
  period?: Period;
  previousPeriod?: Period;
  nextCursor?: string;
  truncated?: boolean;
  restricted?: boolean;
}

export interface DashboardData {
  app: string;
  key: string;
  name: string;
  timeZone: string;
  period?: Period;
  widgets: WidgetData[];
}

export interface NodeFigures {
  node: string;
  name: string;
  type: string;
  completed: number;
  avgMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  withSla: number;
  breached: number;
  breachRate: number | null;
  open: number;
  overdue: number;
}

export interface FlowAnalytics {
  app: string;
  flow: string;
  name: string;
  timeZone: string;
  period: Period | null;
  started: number;
  stillActive: number;
  finished: number;
  finishedBy: { done: number; cancelled: number; failed: number };
  cycleTime: { avgMs: number | null; p50Ms: number | null; p90Ms: number | null };
  nodes: NodeFigures[];
  outcomesByWeek: { labels: string[]; series: { key: string; label: string; data: number[] }[] };
}
