/**
 * One chart.js chart (bar, line or pie) in a sized box: `responsive` with the box's height, so it
 * follows the window; destroyed on unmount. Only the controllers and elements used are
 * registered, to keep the bundle small. A click on a bar, slice or point calls `onPick` with the
 * label's index. The drawn element centres are kept in `data-points` (CSS pixels) for tests and
 * tools, and the numbers are repeated in a table for screen readers. The legend and the hover
 * label are plain HTML (chart.js's Legend and Tooltip plugins would add 8 KB gzipped).
 */
import {
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
  type Plugin,
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.js';
import { chartConfig, colourAt, OTHER_COLOUR, type ChartType } from './chart-config.js';
import { formatNumber } from '../format/numbers.js';
import type { Series } from '../../contract/index.js';

Chart.register(
  ArcElement,
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PieController,
  PointElement,
);

interface Centre {
  x: number;
  y: number;
}

/** Writes where each element of the first dataset was drawn (final positions, after animation). */
const pointsPlugin: Plugin = {
  id: 'flowcasePoints',
  afterUpdate(chart) {
    const meta = chart.getDatasetMeta(0);
    const points = meta.data.map((el) => {
      const e = el as unknown as {
        getCenterPoint?: (final: boolean) => Centre;
        tooltipPosition: (final: boolean) => Centre;
      };
      const c = e.getCenterPoint ? e.getCenterPoint(true) : e.tooltipPosition(true);
      return { x: Math.round(c.x), y: Math.round(c.y) };
    });
    chart.canvas.dataset.points = JSON.stringify(points);
  },
};

export function ChartCanvas({
  type,
  labels,
  series,
  title,
  onPick,
  height = 260,
  format,
  colors,
  other,
  axisFormat,
}: {
  type: ChartType;
  labels: string[];
  series: Series[];
  title: string;
  onPick?: (index: number, dataset: number) => void;
  height?: number;
  /** A value of series `s` as text (durations in words); numbers by default. */
  format?: (s: Series, v: number) => string;
  /** The widget's colours, before the palette's. */
  colors?: readonly string[];
  /** A pie whose last label is "Other" (drawn grey). */
  other?: boolean;
  /** The value axis's ticks. */
  axisFormat?: (v: number) => string;
}) {
  const { lang, t } = useI18n();
  const canvas = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<{ x: number; y: number; text: string }>();
  const pick = useRef(onPick);
  useEffect(() => {
    pick.current = onPick;
  }, [onPick]);

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const many = series.length > 1;
    const config = chartConfig({
      type,
      labels,
      series,
      lang,
      ...(colors ? { colors } : {}),
      ...(other ? { other } : {}),
      ...(axisFormat ? { axisFormat } : {}),
      onClick: (_e, elements) => {
        const hit = elements[0];
        if (hit && pick.current) pick.current(hit.index, hit.datasetIndex);
      },
      onHover: (e, elements) => {
        const target = e.native?.target;
        if (target instanceof HTMLElement)
          target.style.cursor = elements.length && pick.current ? 'pointer' : 'default';
        const hit = elements[0];
        if (!hit) {
          setHover(undefined);
          return;
        }
        // The real value, not the one drawn (huge values are drawn at the plot limit).
        const s = series[hit.datasetIndex];
        const v = s?.data[hit.index];
        const name = type === 'pie' || !many ? labels[hit.index] : `${labels[hit.index]} · ${s?.label ?? ''}`;
        const text = `${name ?? ''}${t('colon')}${v === null || v === undefined || !s ? t('emptyValue') : format ? format(s, v) : formatNumber(v, lang)}`;
        const at = hit.element.tooltipPosition(true);
        setHover((old) => (old?.text === text ? old : { x: at.x ?? 0, y: at.y ?? 0, text }));
      },
      plugins: [pointsPlugin],
    });
    const chart = new Chart(el, config);
    return () => chart.destroy();
  }, [type, labels, series, lang, t, format, colors, other, axisFormat]);

  const legend = type === 'pie' ? labels : series.map((s) => s.label);
  return (
    <>
      <div className="chart-box" style={{ height }}>
        <canvas ref={canvas} role="img" aria-label={title} data-testid="chart-canvas" />
        {hover && (
          <div className="chart-hover" style={{ left: hover.x, top: hover.y }} aria-hidden="true">
            {hover.text}
          </div>
        )}
        <table className="visually-hidden" data-testid="chart-data">
          <caption>{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('category')}</th>
              {series.map((s) => (
                <th key={s.key} scope="col">
                  {s.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {labels.map((label, i) => (
              <tr key={i} data-index={i}>
                <th scope="row">{label}</th>
                {series.map((s) => (
                  <td key={s.key} data-value={s.data[i] ?? ''}>
                    {s.data[i] === null || s.data[i] === undefined
                      ? t('emptyValue')
                      : format
                        ? format(s, s.data[i])
                        : formatNumber(s.data[i], lang)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {legend.length > 1 && (
        <ul className="chart-legend" aria-hidden="true">
          {legend.map((name, i) => (
            <li key={i}>
              <span
                className="swatch"
                style={{
                  background:
                    other && type === 'pie' && i === legend.length - 1 ? OTHER_COLOUR : colourAt(i, colors),
                }}
              />
              {name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
