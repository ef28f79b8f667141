/**
 * The dashboard designer's document: the dashboard definition and its entry of the bundle's layout,
 * where each widget sits on the grid (`layout.dashboards[<key>].widgets[<widget>] = {x, y, w, h}`,
 * in grid units of 12 columns). Widgets without a kept place are put below the others.
 */
import { describeWidgetTypes } from '../../../engine/dashboard/index.js';
import {
  PROCESS_WIDGET_TYPES,
  type DashboardDef,
  type DashboardWidgetDef,
  type ProcessWidgetType,
  type RecordWidgetType,
  type WidgetType,
} from '../../../engine/definition/types.js';

export interface Cell {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface DashboardLayout {
  widgets: Record<string, Cell>;
}

export interface DashboardDoc {
  dashboard: DashboardDef;
  layout: DashboardLayout;
}

export const COLUMNS = 12;

export function blankDashboard(key: string): DashboardDef {
  return { key, name: { zh: key, en: key }, widgets: [] };
}

/** A new widget's size by type: figures small, tables and pivots wide. */
export function defaultCell(type: string): Omit<Cell, 'x' | 'y'> {
  // A key figure has room for its previous period and change under the figure.
  if (type === 'kpi') return { w: 3, h: 3 };
  if (type === 'table' || type === 'pivot' || type === 'bottleneck') return { w: 12, h: 4 };
  return { w: 6, h: 5 };
}

/** The stored layout entry, keeping well-formed places of widgets the dashboard has; the rest go below. */
export function fitDashboardLayout(dashboard: DashboardDef, stored: unknown): DashboardLayout {
  const raw = (stored as { widgets?: unknown } | undefined)?.widgets;
  const widgets: Record<string, Cell> = {};
  const kept = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
  let bottom = 0;
  for (const w of dashboard.widgets) {
    const c = (kept[w.key] ?? {}) as Partial<Cell>;
    if ([c.x, c.y, c.w, c.h].every((n) => Number.isInteger(n) && n! >= 0) && c.w! > 0 && c.h! > 0) {
      widgets[w.key] = { x: c.x!, y: c.y!, w: Math.min(c.w!, COLUMNS), h: c.h! };
      bottom = Math.max(bottom, c.y! + c.h!);
    }
  }
  for (const w of dashboard.widgets)
    if (!widgets[w.key]) {
      const size = defaultCell(w.type);
      widgets[w.key] = { x: 0, y: bottom, ...size };
      bottom += size.h;
    }
  return { widgets };
}

/** A key not taken by the dashboard's widgets: `<type>_<n>`. */
export function freeWidgetKey(dashboard: DashboardDef, type: string): string {
  const taken = new Set(dashboard.widgets.map((w) => w.key));
  for (let n = 1; ; n++) if (!taken.has(`${type}_${n}`)) return `${type}_${n}`;
}

/**
 * A new widget's title: its type's name in both languages (柱状图 / Bar chart), numbered from 2 when
 * another widget of the dashboard already has that title in either language (柱状图 2, 柱状图 3…), so
 * the card reads as what it is in the page's language, not as its key.
 */
export function defaultWidgetTitle(dashboard: DashboardDef, type: string): { zh: string; en: string } {
  const { zh, en } = describeWidgetTypes().find((d) => d.type === type)?.label ?? { zh: type, en: type };
  const taken = new Set(
    dashboard.widgets.flatMap((w) =>
      typeof w.title === 'string' ? [w.title] : [w.title?.zh, w.title?.en].filter((t) => t !== undefined),
    ),
  );
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? '' : ` ${n}`;
    if (!taken.has(zh + suffix) && !taken.has(en + suffix)) return { zh: zh + suffix, en: en + suffix };
  }
}

/** A new widget of `type`: on `form`, a count grouped by nothing yet; a process widget, of `flow`. */
export function newWidget(
  dashboard: DashboardDef,
  type: WidgetType,
  form: string,
  flow: string,
): DashboardWidgetDef {
  const key = freeWidgetKey(dashboard, type);
  const title = defaultWidgetTitle(dashboard, type);
  if ((PROCESS_WIDGET_TYPES as readonly string[]).includes(type))
    return { key, type: type as ProcessWidgetType, title, flow };
  return { key, type: type as RecordWidgetType, title, form, measures: [{ op: 'count' }] };
}
