/**
 * The widget UI registry: a dashboard widget type's card body is one `<type>.widget.tsx` file and
 * one line here (or one `registerWidgetPart` call from outside ui/). A type without a part of its
 * own is drawn by what its answer holds: a figure as a KPI, labels and series as a bar chart,
 * rows as a pivot table.
 */
import type { WidgetData } from '../../contract/index.js';
import { barWidget } from './bar.widget.js';
import { kpiWidget } from './kpi.widget.js';
import { lineWidget } from './line.widget.js';
import { pieWidget } from './pie.widget.js';
import { pivotWidget } from './pivot.widget.js';
import { tableWidget } from './table.widget.js';
import type { WidgetPart } from './widget-part.js';

const parts = new Map<string, WidgetPart>([
  ['kpi', kpiWidget],
  ['bar', barWidget],
  ['line', lineWidget],
  ['pie', pieWidget],
  ['table', tableWidget],
  ['pivot', pivotWidget],
]);

/** Adds (or replaces) the UI part of a widget type. */
export function registerWidgetPart(type: string, part: WidgetPart): void {
  parts.set(type, part);
}

/** The part a widget of `type` is drawn with; `answer` decides for a type without one. */
export function widgetPart(type: string, answer?: WidgetData): WidgetPart {
  const own = parts.get(type);
  if (own) return own;
  if (answer?.series && answer.labels) return barWidget;
  if (answer?.rows) return pivotWidget;
  return kpiWidget;
}
