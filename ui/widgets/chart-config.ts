/**
 * The chart.js configuration of a report chart, built from the server's labels and series without
 * touching the page, so a test can lay it out with chart.js itself.
 *
 * Values are drawn within ±PLOT_LIMIT. chart.js's linear scale rounds its maximum up to a "nice"
 * step past the data; near Number.MAX_VALUE that overflows to Infinity and its tick loop never
 * ends, which froze the whole dashboard on one stored 1.7e308. Aggregates that large (or infinite)
 * only come from values stored before numbers had limits; they are drawn at the limit, while the
 * hover text and the data table show the real value.
 */
import type { ActiveElement, ChartConfiguration, ChartEvent, Plugin } from 'chart.js';
import type { Lang } from '../i18n.js';
import { formatNumber } from '../format/numbers.js';
import type { Series } from '../../contract/index.js';

export type ChartType = 'bar' | 'line' | 'pie';

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

/** The grey of a pie's "Other" slice: the groups past its top N, not one of them. */
export const OTHER_COLOUR = '#9aa3ad';

/** Colour `i`: the widget's own colours first, then the palette (from its start). */
export function colourAt(i: number, colors: readonly string[] | undefined): string {
  const own = colors ?? [];
  return i < own.length ? own[i]! : PALETTE[(i - own.length) % PALETTE.length]!;
}

/**
 * The largest magnitude drawn: a million records at the largest number a field takes (1e15) sum
 * to 1e21, and chart.js's arithmetic stays far from overflow there.
 */
export const PLOT_LIMIT = 1e21;

/** A value as drawn: NaN is a gap, anything larger (Infinity included) sits at ±PLOT_LIMIT. */
export function plotValue(v: number | null | undefined): number | null {
  if (v === null || v === undefined || Number.isNaN(v)) return null;
  return Math.min(PLOT_LIMIT, Math.max(-PLOT_LIMIT, v));
}

export interface ChartInput {
  type: ChartType;
  labels: string[];
  series: Series[];
  lang: Lang;
  /** The widget's colours (`#rrggbb`), before the palette's. */
  colors?: readonly string[];
  /** A pie: its last label is "Other", drawn grey. */
  other?: boolean;
  /** How the value axis writes its ticks (a figure's designed format); numbers by default. */
  axisFormat?: (v: number) => string;
  onClick?: (event: ChartEvent, elements: ActiveElement[]) => void;
  onHover?: (event: ChartEvent, elements: ActiveElement[]) => void;
  plugins?: Plugin[];
}

function dataset(type: ChartType, s: Series, i: number, labels: string[], input: ChartInput) {
  const data = s.data.map(plotValue);
  const colour = colourAt(i, input.colors);
  if (type === 'pie')
    return {
      label: s.label,
      data,
      backgroundColor: labels.map((_, j) =>
        input.other && j === labels.length - 1 ? OTHER_COLOUR : colourAt(j, input.colors),
      ),
      borderColor: '#fff',
    };
  if (type === 'line')
    return {
      label: s.label,
      data,
      borderColor: colour,
      backgroundColor: colour,
      tension: 0.25,
      pointRadius: 3,
      pointHoverRadius: 5,
      spanGaps: true,
    };
  return { label: s.label, data, backgroundColor: colour, borderRadius: 3, maxBarThickness: 48 };
}

/** The configuration `new Chart(canvas, …)` takes for one report chart. */
export function chartConfig(input: ChartInput): ChartConfiguration<ChartType, (number | null)[], string> {
  const { type, labels, series, lang } = input;
  const integers = series.every((s) => s.data.every((v) => v === null || Number.isInteger(v)));
  return {
    type,
    data: { labels, datasets: series.map((s, i) => dataset(type, s, i, labels, input)) },
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
                ticks: {
                  // Counts get whole-number ticks.
                  precision: integers ? 0 : undefined,
                  maxTicksLimit: 11,
                  callback: (v) =>
                    typeof v === 'number' ? (input.axisFormat ?? ((x) => formatNumber(x, lang)))(v) : v,
                },
              },
            },
          }),
      ...(input.onClick ? { onClick: input.onClick } : {}),
      ...(input.onHover ? { onHover: input.onHover } : {}),
    },
    plugins: input.plugins ?? [],
  };
}
