/**
 * `node_time`: bars of each step's time (average, median, 90th percentile). The server answers
 * milliseconds; the chart draws them in minutes, hours or days, whichever reads best for the
 * longest, and the hover label says the span in words.
 */
import { useCallback, useMemo } from 'react';
import type { Series } from '../../contract/index.js';
import { formatDuration } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import { ChartCanvas } from './chart-canvas.js';
import type { ProcessBodyProps, ProcessPart } from './process-card.js';
import { processWord } from './process-words.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The unit the longest time reads best in. */
export function timeUnit(longestMs: number): { ms: number; word: 'minutes' | 'hours' | 'days' } {
  if (longestMs >= 3 * DAY) return { ms: DAY, word: 'days' };
  if (longestMs >= 2 * HOUR) return { ms: HOUR, word: 'hours' };
  return { ms: MINUTE, word: 'minutes' };
}

function NodeTimeBody({ widget, title }: ProcessBodyProps) {
  const { t, lang } = useI18n();
  const series = widget.series ?? [];
  const unit = useMemo(
    () => timeUnit(Math.max(0, ...series.flatMap((s) => s.data.map((v) => v ?? 0)))),
    [series],
  );
  const scaled = useMemo(
    () => series.map((s) => ({ ...s, data: s.data.map((v) => (v === null ? null : v / unit.ms)) })),
    [series, unit],
  );
  const format = useCallback((_: Series, v: number) => formatDuration(v * unit.ms, lang), [unit, lang]);
  if (!widget.labels?.length) return <p className="muted widget-empty">{t('noData')}</p>;
  return (
    <>
      <ChartCanvas type="bar" labels={widget.labels} series={scaled} title={title} format={format} />
      <p className="muted small" data-testid="process-unit">
        {processWord(lang, unit.word)}
      </p>
    </>
  );
}

export const nodeTimeWidget: ProcessPart = { Body: NodeTimeBody };
