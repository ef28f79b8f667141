/**
 * What a dashboard widget type's UI part is: the body of its card, drawn from what the server
 * computed. One file per type (`<type>.widget.tsx`), one line in `registry.ts`.
 */
import type { ComponentType } from 'react';
import type { FieldDef, WidgetDef } from '../../engine/definition/types.js';
import type { WidgetData } from '../../contract/index.js';

/** Formats measure `m`'s values: a span of time in words or money with its currency when its field says so, else a number. */
export type MeasureFormat = (m: number, v: number | null | undefined) => string;

/** What a page gives a widget's card. */
export interface WidgetProps {
  app: string;
  dashboard: string;
  /** The server's answer; undefined while loading. */
  widget: WidgetData | undefined;
  def: WidgetDef;
  title: string;
  /** The dashboard filter as query parameters (range and `f.` fields). */
  filterParams: Record<string, string | undefined>;
  loading: boolean;
  /** The fields of the widget's form (units of time for durations). */
  fields?: readonly FieldDef[];
}

/** What a widget type's body gets: the answer, and the measures' formats over the form's fields. */
export type WidgetBodyProps = Omit<WidgetProps, 'widget' | 'loading'> & {
  widget: WidgetData;
  format: MeasureFormat;
};

export interface WidgetPart {
  Body: ComponentType<WidgetBodyProps>;
  /** The card spans the grid's width (tables). */
  wide?: boolean;
}
