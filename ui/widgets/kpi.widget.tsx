/** `kpi`: one figure, with its change against the previous period of equal length when a range is set. */
import { formatPercent } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import type { WidgetBodyProps, WidgetPart } from './widget-part.js';

function changeText(change: number | null | undefined, lang: 'zh-CN' | 'en'): string {
  if (change === null || change === undefined) return '';
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return `${arrow} ${formatPercent(Math.abs(change), lang)}`;
}

function KpiBody({ widget, def, format }: WidgetBodyProps) {
  const { t, lang } = useI18n();
  const change = widget.change;
  const value = format(0, widget.total);
  return (
    <div className="kpi">
      <p
        className={`kpi-value${/\s/.test(value) ? ' words' : ''}`}
        data-testid="kpi-value"
        // The designer's first colour, when set, colours the figure.
        style={def.colors?.[0] ? { color: def.colors[0] } : undefined}
        data-value={widget.total ?? ''}
      >
        {value}
      </p>
      {widget.previousPeriod && (
        <p className="kpi-change small">
          {change !== null && change !== undefined ? (
            <span
              className={change > 0 ? 'up' : change < 0 ? 'down' : 'flat'}
              data-testid="kpi-change"
              aria-label={`${change > 0 ? t('up') : change < 0 ? t('down') : t('unchanged')} ${formatPercent(Math.abs(change), lang)}`}
            >
              {changeText(change, lang)}
            </span>
          ) : (
            <span className="muted" data-testid="kpi-change">
              {t('emptyValue')}
            </span>
          )}{' '}
          <span className="muted" data-testid="kpi-previous" data-value={widget.previous ?? ''}>
            {t('vsPrevious', { v: format(0, widget.previous) })}
          </span>
        </p>
      )}
    </div>
  );
}

export const kpiWidget: WidgetPart = { Body: KpiBody };
