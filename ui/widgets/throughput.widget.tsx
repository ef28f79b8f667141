/**
 * `throughput`: cases started, finished and still running in the period, then finishes per day,
 * week or month (the widget's `bucket`) by outcome.
 */
import { formatNumber } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import { ChartCanvas } from './chart-canvas.js';
import type { ProcessBodyProps, ProcessPart } from './process-card.js';
import { processWord } from './process-words.js';

const CAPTION = { day: 'perDay', week: 'perWeek', month: 'perMonth' } as const;

function ThroughputBody({ widget, title, def }: ProcessBodyProps) {
  const { lang } = useI18n();
  const columns = widget.columns ?? [];
  return (
    <>
      <dl className="process-figures" data-testid="throughput-figures">
        {columns.map((c, i) => (
          <div key={c.key} data-testid={`throughput-${c.key}`} data-value={widget.totals?.[i] ?? ''}>
            <dt className="muted small">{c.label}</dt>
            <dd>{formatNumber(widget.totals?.[i], lang)}</dd>
          </div>
        ))}
      </dl>
      {(widget.labels?.length ?? 0) > 0 && (
        <>
          <p className="muted small">{processWord(lang, CAPTION[def.bucket ?? 'week'])}</p>
          <ChartCanvas
            type="bar"
            labels={widget.labels!}
            series={widget.series ?? []}
            title={title}
            height={200}
          />
        </>
      )}
    </>
  );
}

export const throughputWidget: ProcessPart = { Body: ThroughputBody };
