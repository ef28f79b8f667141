/** `sla_breach`: the flow's overall breach rate as a figure, then each step's rate as bars (in %), one step too. */
import { useCallback, useMemo } from 'react';
import type { Series } from '../../contract/index.js';
import { formatNumber, formatPercent } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import { ChartCanvas } from './chart-canvas.js';
import type { ProcessBodyProps, ProcessPart } from './process-card.js';
import { processWord } from './process-words.js';

function SlaBreachBody({ widget, title }: ProcessBodyProps) {
  const { lang } = useI18n();
  const [breached, timed] = widget.totals ?? [];
  const percent = useMemo(
    () =>
      (widget.series ?? []).map((s) => ({ ...s, data: s.data.map((v) => (v === null ? null : v * 100)) })),
    [widget.series],
  );
  const format = useCallback((_: Series, v: number) => formatPercent(v / 100, lang), [lang]);
  if (!timed) return <p className="muted widget-empty">{processWord(lang, 'noTimed')}</p>;
  return (
    <>
      <div className="kpi">
        <p className="kpi-value" data-testid="kpi-value" data-value={widget.total ?? ''}>
          {formatPercent(widget.total, lang)}
        </p>
        <p className="muted small">
          {processWord(lang, 'breachedOf', {
            b: formatNumber(breached, lang),
            n: formatNumber(timed, lang),
          })}
        </p>
      </div>
      {/* Even one step gets its bar: it names the step the rate is about, and fills the card
          as tall as its neighbours on the dashboard's grid instead of leaving it blank. */}
      {(widget.labels?.length ?? 0) > 0 && (
        <ChartCanvas
          type="bar"
          labels={widget.labels!}
          series={percent}
          title={title}
          format={format}
          height={180}
        />
      )}
    </>
  );
}

export const slaBreachWidget: ProcessPart = { Body: SlaBreachBody };
