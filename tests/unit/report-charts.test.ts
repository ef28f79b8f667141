/**
 * Report widgets draw and print any aggregate, however large: a stored 1.7e308 (saved before
 * numbers had limits) once froze the staff dashboard, because chart.js's tick loop never ends
 * when its rounded-up axis maximum overflows to Infinity. The page's own chart configuration is
 * laid out here by chart.js itself, outside a browser.
 */
import {
  BasicPlatform,
  CategoryScale,
  Chart,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
} from 'chart.js';
import { describe, expect, it } from 'vitest';
import { chartConfig, plotValue, PLOT_LIMIT } from '../../ui/widgets/chart-config.js';
import { formatNumber, formatPercent } from '../../ui/format/numbers.js';

Chart.register(
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  BarController,
  BarElement,
);

const HUGE = [1.7e308, Number.POSITIVE_INFINITY, Number.NaN, -1.7e308, null, 12];

/** A canvas that draws nothing: enough for chart.js to lay a chart out. */
function stubCanvas() {
  const canvas: Record<string, unknown> = { width: 600, height: 300, style: {} };
  const context = new Proxy({ canvas } as Record<string | symbol, unknown>, {
    get: (target, key) =>
      key === 'measureText' ? () => ({ width: 12 }) : key in target ? target[key] : () => undefined,
    set: (target, key, value) => {
      target[key] = value;
      return true;
    },
  });
  canvas.getContext = () => context;
  return canvas as unknown as HTMLCanvasElement;
}

describe('numbers in reports', () => {
  it('prints huge numbers in scientific notation and overflowed ones as "—"', () => {
    expect(formatNumber(1e308, 'en')).toBe('1E308');
    expect(formatNumber(-1.7e308, 'zh-CN')).toBe('-1.7E308');
    expect(formatNumber(1234.5, 'en')).toBe('1,234.5');
    for (const v of [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN, null])
      expect(formatNumber(v, 'en')).toBe('—');
    expect(formatPercent(Number.POSITIVE_INFINITY, 'en')).toBe('—');
    expect(formatPercent(1e14, 'en')).toBe('1E16%');
    expect(formatPercent(0.25, 'en')).toBe('25%');
  });

  it('draws values within ±PLOT_LIMIT: NaN is a gap, Infinity and 1.7e308 sit at the limit', () => {
    expect(HUGE.map(plotValue)).toEqual([PLOT_LIMIT, PLOT_LIMIT, null, -PLOT_LIMIT, null, 12]);
  });

  for (const type of ['line', 'bar'] as const) {
    it(`lets chart.js lay out a ${type} chart of huge and infinite values at once, with finite ticks`, () => {
      const config = chartConfig({
        type,
        labels: HUGE.map((_, i) => `m${i}`),
        series: [{ key: 'm0', label: 'Revenue', data: HUGE }],
        lang: 'en',
      });
      const drawn = config.data.datasets[0]!.data;
      // Checked first: unclamped, chart.js below would not return.
      expect(drawn.every((v) => v === null || Math.abs(v) <= PLOT_LIMIT)).toBe(true);
      const started = performance.now();
      const chart = new Chart(stubCanvas(), {
        ...config,
        platform: BasicPlatform,
        options: { ...config.options, responsive: false, animation: false },
      });
      const ticks = chart.scales.y!.ticks.map((t) => t.value);
      chart.destroy();
      expect(performance.now() - started).toBeLessThan(1000);
      expect(ticks.length).toBeGreaterThan(1);
      expect(ticks.length).toBeLessThanOrEqual(11);
      expect(ticks.every(Number.isFinite)).toBe(true);
    });
  }
});
