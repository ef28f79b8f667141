/**
 * `pivot`: a table of the first dimension's groups (rows, each linking to its records) by the
 * measures (or the measures split by the second dimension), with column totals.
 */
import { useI18n } from '../i18n.js';
import { Link } from '../router.js';
import { bothFilters, cellText, measureOf, recordsUrl } from './measures.js';
import type { WidgetBodyProps, WidgetPart } from './widget-part.js';

function PivotBody({ widget, def, app, title, format }: WidgetBodyProps) {
  const { t, lang } = useI18n();
  const columns = widget.columns ?? [];
  const rows = widget.rows ?? [];
  if (rows.length === 0) return <p className="muted widget-empty">{t('noData')}</p>;
  const hasDim = columns[0]?.kind === 'dimension';
  const second = (def.dimensions?.length ?? 0) > 1;
  const open = def.clickThrough !== false;
  /** The records of a row's cell: the row's, and the column's value of a second dimension. */
  const cellUrl = (r: (typeof rows)[number], i: number): string | undefined => {
    const column = columns[i];
    if (!open || r.filter === undefined || !column) return undefined;
    return recordsUrl(
      app,
      widget.form,
      bothFilters(r.filter, column.filter),
      `${title}${t('colon')}${r.label ?? ''}${second ? ` · ${column.label}` : ''}`,
    );
  };
  // The totals row is the server's, of every matching record even when the rows are the top N.
  const footer = widget.columnTotals ?? widget.totals ?? [];
  return (
    <div className="table-scroll">
      {widget.topN !== undefined && (
        <p className="muted small" data-testid="pivot-top-n" data-n={widget.topN}>
          {t('topN', { n: widget.topN })}
        </p>
      )}
      <table className="data pivot" data-testid="pivot">
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.kind === 'measure' ? 'num' : undefined}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r, ri) => (
            <tr key={ri}>
              {r.values.map((v, i) =>
                i === 0 && hasDim ? (
                  <th key={i} scope="row">
                    {open && r.filter !== undefined ? (
                      <Link
                        to={recordsUrl(app, widget.form, r.filter, `${title}${t('colon')}${r.label ?? ''}`)}
                      >
                        {cellText(v, lang, t)}
                      </Link>
                    ) : (
                      cellText(v, lang, t)
                    )}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {(() => {
                      const text = cellText(v, lang, t, (x) => format(measureOf(columns[i]?.key ?? ''), x));
                      const url = typeof v === 'number' && v !== 0 ? cellUrl(r, i) : undefined;
                      return url ? <Link to={url}>{text}</Link> : text;
                    })()}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        {hasDim && (
          <tfoot>
            <tr data-testid="pivot-totals">
              <th scope="row">{t('total')}</th>
              {footer.map((v, i) => (
                <td key={i} className="num">
                  {v === undefined
                    ? ''
                    : cellText(v, lang, t, (x) =>
                        format(measureOf(columns[i + (hasDim ? 1 : 0)]?.key ?? ''), x),
                      )}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export const pivotWidget: WidgetPart = { Body: PivotBody, wide: true };
