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
  type ChartConfiguration,
  type Plugin,
} from 'chart.js';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n.js';
import { formatNumber } from './format.js';
import type { Series } from './report-types.js';

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

export const PALETTE = [
  '#1f5fbf',
  '#e8833a',
  '#2e9e6a',
  '#c23b6b',
  '#7a5cc7',
  '#c9a227',
  '#3aa5c2',
  '#8a6d5a',
  '#5b6675',
  '#b3261e',
];

export type ChartType = 'bar' | 'line' | 'pie';

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
}: {
  type: ChartType;
  labels: string[];
  series: Series[];
  title: string;
  onPick?: (index: number, dataset: number) => void;
  height?: number;
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
    const fmt = (v: number) => formatNumber(v, lang);
    const many = series.length > 1;
    const integers = series.every((s) => s.data.every((v) => v === null || Number.isInteger(v)));
    const config: ChartConfiguration<ChartType, (number | null)[], string> = {
      type,
      data: {
        labels,
        datasets: series.map((s, i) => {
          const colour = PALETTE[i % PALETTE.length]!;
          if (type === 'pie')
            return {
              label: s.label,
              data: s.data,
              backgroundColor: labels.map((_, j) => PALETTE[j % PALETTE.length]!),
              borderColor: '#fff',
            };
          if (type === 'line')
            return {
              label: s.label,
              data: s.data,
              borderColor: colour,
              backgroundColor: colour,
              tension: 0.25,
              pointRadius: 3,
              pointHoverRadius: 5,
              spanGaps: true,
            };
          return {
            label: s.label,
            data: s.data,
            backgroundColor: colour,
            borderRadius: 3,
            maxBarThickness: 48,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        locale: lang === 'en' ? 'en-US' : 'zh-CN',
        interaction:
          type === 'line' ? { mode: 'index', intersect: false } : { mode: 'nearest', intersect: true },
        ...(type === 'pie'
          ? {}
          : {
              scales: {
                x: { ticks: { autoSkip: true, maxRotation: 45 } },
                y: {
                  beginAtZero: true,
                  // Counts get whole-number ticks.
                  ticks: {
                    precision: integers ? 0 : undefined,
                    callback: (v) => (typeof v === 'number' ? fmt(v) : v),
                  },
                },
              },
            }),
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
          const s = series[hit.datasetIndex];
          const v = s?.data[hit.index];
          const name =
            type === 'pie' || !many ? labels[hit.index] : `${labels[hit.index]} · ${s?.label ?? ''}`;
          const text = `${name ?? ''}: ${v === null || v === undefined ? t('emptyValue') : fmt(v)}`;
          const at = hit.element.tooltipPosition(true);
          setHover((old) => (old?.text === text ? old : { x: at.x ?? 0, y: at.y ?? 0, text }));
        },
      },
      plugins: [pointsPlugin],
    };
    const chart = new Chart(el, config);
    return () => chart.destroy();
  }, [type, labels, series, lang, t]);

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
              <span className="swatch" style={{ background: PALETTE[i % PALETTE.length] }} />
              {name}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
