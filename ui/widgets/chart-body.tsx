/**
 * The body of a chart widget (bar, line, pie): the chart.js canvas, where a click on a bar, slice
 * or point opens the records behind it (with a second dimension, those of the series' value too).
 */
import { useCallback } from 'react';
import { useI18n } from '../i18n.js';
import { navigate } from '../router.js';
import type { Series, WidgetData } from '../../contract/index.js';
import { ChartCanvas } from './chart-canvas.js';
import type { ChartType } from './chart-config.js';
import { bothFilters, measureOf, recordsUrl } from './measures.js';
import type { WidgetBodyProps } from './widget-part.js';

/** Whether a chart has nothing to draw (no labels, or every value empty or zero). */
function isEmptyChart(w: WidgetData): boolean {
  if (!w.labels?.length || !w.series?.length) return true;
  return w.series.every((s) => s.data.every((v) => v === null || v === 0));
}

export function ChartBody({
  widget,
  def,
  app,
  title,
  format,
  chart,
}: WidgetBodyProps & { chart: ChartType }) {
  const { t } = useI18n();
  const seriesFormat = useCallback((s: Series, v: number) => format(measureOf(s.key), v), [format]);
  // One figure: its ticks read as its values do (with the unit); several: plain numbers.
  const one = def.measures.length === 1;
  const axisFormat = useCallback((v: number) => format(0, v), [format]);
  const pick = useCallback(
    (index: number, dataset: number) => {
      const filter = widget.filters?.[index];
      if (!widget.filters || index >= widget.filters.length) return;
      // A second dimension: the series stands for one of its values (the server's filter of it,
      // date buckets included; older answers carry only the value).
      const second = def.dimensions?.[1];
      const s = widget.series?.[dataset];
      const group = s?.group;
      const extra =
        s?.filter ??
        (second && !second.bucket && group !== undefined
          ? { '==': [{ var: second.field }, group] }
          : undefined);
      const label = widget.labels?.[index] ?? '';
      navigate(recordsUrl(app, widget.form, bothFilters(filter, extra), `${title}${t('colon')}${label}`));
    },
    [widget, def, app, title, t],
  );
  if (isEmptyChart(widget)) return <p className="muted widget-empty">{t('noData')}</p>;
  return (
    <>
      <ChartCanvas
        type={chart}
        labels={widget.labels!}
        series={widget.series!}
        title={title}
        onPick={widget.filters && def.clickThrough !== false ? pick : undefined}
        format={seriesFormat}
        {...(def.colors?.length ? { colors: def.colors } : {})}
        {...(widget.other ? { other: true } : {})}
        {...(one ? { axisFormat } : {})}
      />
      {widget.truncated && <p className="muted small">{t('truncated')}</p>}
    </>
  );
}
