/**
 * Which rollups a form keeps: one per distinct (dimensions, widget filter, time zone) among the
 * published dashboards' widgets on that form, summing the fields their measures read. Days are
 * local days of `createdAt` in the time zone (the dashboard's default date range), and each day's
 * parts are also added to its month's row, so whole months of a range read one row per group;
 * date dimensions are kept at day granularity, so every bucket (day … year) comes from the same rows.
 * A widget gets no rollup (and its dashboard reads the records live) when a measure is min, max or
 * distinct (not maintainable under updates and deletes without keeping every value), a dimension is a
 * decimal number (its text form differs between JavaScript and SQL), or its filter compares text
 * in an order only the database's collation knows.
 */
import { isProcessWidget, type AppBundle, type JsonLogic, type WidgetDef } from '../../engine/index.js';
import type { FormTable } from './form-registry.js';
import { compileFilter } from './record-filter.js';
import { resolveColumn } from './record-column-ref.js';
import { rollupFilterSupported } from './rollup-filter.js';
import type { Bucket } from './types.js';

/** A rollup key part: a field's value, or (`day`) the local day of a date or datetime field. */
export interface RollupDim {
  field: string;
  day: boolean;
}

export interface RollupSpec {
  dims: RollupDim[];
  filter: JsonLogic;
  /** Summed fields, at most `ROLLUP_SLOTS`, in slot order (`s1`/`n1` …). */
  fields: string[];
  timeZone: string;
  /**
   * Whether the rollup also keeps a row per local month (`day` = `MONTH_PREFIX` + `YYYY-MM`), so a
   * year reads twelve rows per group instead of 365. Every rollup built now does.
   */
  months?: boolean;
}

/** Month rows sort after every day row (`m` > any digit), so each level is one range of `day`. */
export const MONTH_PREFIX = 'm';

export interface RollupDef {
  id: number;
  spec: RollupSpec;
}

export const ROLLUP_SLOTS = 4;
/** Key columns `k1`, `k2`: charts and pivots group by at most two dimensions. */
export const ROLLUP_KEYS = 2;
const DATE_TYPES = new Set(['date', 'datetime']);

/**
 * Whether a rollup's sums and counts cannot answer a measure: a min, max or distinct count needs
 * every value (two days' distinct customers do not add up to the two days' distinct customers).
 */
export function notSummable(m: { op: string }): boolean {
  return m.op === 'min' || m.op === 'max' || m.op === 'distinct';
}

/** JSON with object keys sorted, so equal filters compare equal as text. */
export function stableJson(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(stableJson).join(',')}]`;
  if (typeof x === 'object' && x !== null) {
    return `{${Object.keys(x)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((x as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(x ?? null);
}

/** What identifies a rollup apart from the fields it sums. */
export function groupKey(spec: Pick<RollupSpec, 'dims' | 'filter' | 'timeZone' | 'months'>): string {
  return stableJson({
    dims: spec.dims,
    filter: spec.filter,
    timeZone: spec.timeZone,
    months: spec.months ?? false,
  });
}

/** The dimensions a widget groups by (KPIs and tables: none; their dimensions are columns). */
export function widgetDims(
  widget: Pick<WidgetDef, 'type' | 'dimensions'>,
): { field: string; bucket?: Bucket }[] {
  return widget.type === 'kpi' || widget.type === 'table'
    ? []
    : (widget.dimensions ?? []).slice(0, ROLLUP_KEYS);
}

/** Whether a rollup of `ft` can hold `dims`, `filter` and `fields`. */
export function rollupable(
  ft: FormTable,
  dims: readonly { field: string; bucket?: string }[],
  filter: JsonLogic,
  fields: readonly string[],
): boolean {
  const resolve = (name: string) => resolveColumn(ft, name);
  for (const d of dims) {
    const col = resolve(d.field);
    if (!col) return false;
    if (d.bucket ? !DATE_TYPES.has(col.fieldType ?? '') : col.type === 'real') return false;
  }
  if (fields.some((f) => !resolve(f))) return false;
  if (filter !== undefined && filter !== null) {
    try {
      compileFilter(filter, resolve);
    } catch {
      return false;
    }
  }
  return rollupFilterSupported(filter, resolve);
}

/** The rollups `bundle`'s dashboards want on `ft`'s form, in a stable order. */
export function rollupSpecs(bundle: AppBundle, ft: FormTable, timeZone: string): RollupSpec[] {
  const out: RollupSpec[] = [];
  // Process widgets read a flow's cases, no form's records.
  const widgets = (bundle.dashboards ?? [])
    .flatMap((d) => d.widgets)
    .filter((w): w is WidgetDef => !isProcessWidget(w));
  for (const widget of widgets) {
    if (widget.form !== ft.form || widget.measures.some(notSummable)) continue;
    const dims = widgetDims(widget);
    const fields = [...new Set(widget.measures.flatMap((m) => (m.field === undefined ? [] : [m.field])))];
    if (fields.length > ROLLUP_SLOTS || !rollupable(ft, dims, widget.filter, fields)) continue;
    const spec: RollupSpec = {
      dims: dims.map((d) => ({ field: d.field, day: d.bucket !== undefined })),
      filter: widget.filter ?? null,
      fields: [],
      timeZone,
      months: true,
    };
    const key = groupKey(spec);
    // Widgets with the same key share a rollup while its slots last.
    let into = out.find((s) => groupKey(s) === key && new Set([...s.fields, ...fields]).size <= ROLLUP_SLOTS);
    if (!into) {
      into = spec;
      out.push(spec);
    }
    for (const f of fields) if (!into.fields.includes(f)) into.fields.push(f);
  }
  return out;
}
