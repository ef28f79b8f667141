/** `bottleneck`: the flow's steps ranked by the work waiting at them, with their figures, as a table. */
import { formatDuration, formatNumber, formatPercent } from '../format/numbers.js';
import { useI18n } from '../i18n.js';
import type { ProcessBodyProps, ProcessPart } from './process-card.js';
import { processWord } from './process-words.js';

function BottleneckBody({ widget }: ProcessBodyProps) {
  const { t, lang } = useI18n();
  const columns = widget.columns ?? [];
  const rows = widget.rows ?? [];
  if (rows.length === 0) return <p className="muted widget-empty">{t('noData')}</p>;
  const cell = (kind: string | undefined, v: string | number | null) => {
    if (typeof v !== 'number') return t('emptyValue');
    if (kind === 'duration') return formatDuration(v, lang);
    if (kind === 'rate') return formatPercent(v, lang);
    return formatNumber(v, lang);
  };
  return (
    <div className="table-scroll">
      <table className="data pivot" data-testid="bottleneck">
        <thead>
          <tr>
            <th scope="col" className="num">
              {processWord(lang, 'rank')}
            </th>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind === 'dimension' ? undefined : 'num'}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={String(r.key)} data-node={r.key}>
              <td className="num">{ri + 1}</td>
              <th scope="row">{r.label}</th>
              {r.values.map((v, i) => (
                <td key={i} className="num">
                  {cell(columns[i + 1]?.kind, v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const bottleneckWidget: ProcessPart = { Body: BottleneckBody, wide: true };
