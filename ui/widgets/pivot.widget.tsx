/**
 * `pivot`: a table of the first dimension's groups (rows, each linking to its records) by the
 * measures (or the measures split by the second dimension, then a totals column per measure), with
 * column totals.
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
  // Rows split by a second dimension end with their own totals (the server's: an average of a row
  // is not the sum of its cells), one column per measure.
  const rowTotals = second && rows.some((r) => r.totals !== undefined);
  const measureCount = def.measures?.length ?? 1;
  const totalHeader = (m: number): string => {
    if (measureCount === 1) return t('total');
    // A column of several measures reads "<value> · <measure>"; a value may hold " · " itself.
    const label = columns.find((c, i) => i > 0 && measureOf(c.key) === m)?.label ?? '';
    return `${t('total')} · ${label.slice(label.lastIndexOf(' · ') + 3)}`;
  };
  const rowUrl = (r: (typeof rows)[number]): string | undefined =>
    open && r.filter !== undefined
      ? recordsUrl(app, widget.form, r.filter, `${title}${t('colon')}${r.label ?? ''}`)
      : undefined;
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
            {rowTotals &&
              Array.from({ length: measureCount }, (_, m) => (
                <th key={`total${m}`} scope="col" className="num" data-testid="pivot-row-total-header">
                  {totalHeader(m)}
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
                    {rowUrl(r) !== undefined ? (
                      <Link to={rowUrl(r)!}>{cellText(v, lang, t)}</Link>
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
              {rowTotals &&
                Array.from({ length: measureCount }, (_, m) => {
                  const v = r.totals?.[m] ?? null;
                  const text = cellText(v, lang, t, (x) => format(m, x));
                  const url = typeof v === 'number' && v !== 0 ? rowUrl(r) : undefined;
                  return (
                    <td key={`total${m}`} className="num row-total" data-testid="pivot-row-total">
                      {url ? <Link to={url}>{text}</Link> : text}
                    </td>
                  );
                })}
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
              {rowTotals &&
                Array.from({ length: measureCount }, (_, m) => (
                  <td key={`total${m}`} className="num row-total">
                    {cellText(widget.totals?.[m] ?? null, lang, t, (x) => format(m, x))}
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
