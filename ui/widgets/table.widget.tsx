/**
 * `table`: records of the form, one column per field it lists, paged (cursors) and sorted through
 * the one-widget route (`GET …/widgets/:key/data`); each row links to its case.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { api, errorText, query } from '../api.js';
import { useI18n } from '../i18n.js';
import { Link, navigate } from '../router.js';
import type { WidgetData } from '../../contract/index.js';
import { cellText } from './measures.js';
import type { WidgetBodyProps, WidgetPart } from './widget-part.js';

const TABLE_PAGE = 20;

/**
 * A click on the row opens its record, unless it was on the link (or another control) inside it:
 * the link navigates by itself, and a second navigation would leave Back on the record page.
 */
function openRow(e: MouseEvent<HTMLTableRowElement>, id: string) {
  if (e.target instanceof Element && e.target.closest('a, button, input, select, textarea, label')) return;
  navigate(`/cases/${encodeURIComponent(id)}`);
}

function TableBody({ widget: first, app, dashboard, def, filterParams, format }: WidgetBodyProps) {
  const { t, lang } = useI18n();
  const pageSize = def.limit ?? TABLE_PAGE;
  const open = def.clickThrough !== false;
  const [sort, setSort] = useState<string>();
  // Cursors of the pages seen so far: [undefined, page 2's, page 3's, …].
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [page, setPage] = useState<WidgetData>(first);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const at = cursors.length - 1;

  // A new dashboard answer (another filter) starts again from its first page.
  useEffect(() => {
    setPage(first);
    setSort(undefined);
    setCursors([undefined]);
  }, [first]);

  const load = (nextSort: string | undefined, cursor: string | undefined, stack: (string | undefined)[]) => {
    setBusy(true);
    setError(undefined);
    api<WidgetData>(
      'GET',
      `/apps/${encodeURIComponent(app)}/dashboards/${encodeURIComponent(dashboard)}/widgets/${encodeURIComponent(def.key)}/data${query({ ...filterParams, sort: nextSort, cursor, limit: pageSize })}`,
    ).then(
      (w) => {
        setPage(w);
        setSort(nextSort);
        setCursors(stack);
        setBusy(false);
      },
      (e: unknown) => {
        setError(errorText(e));
        setBusy(false);
      },
    );
  };

  const sortBy = (key: string) => {
    const next = sort === key ? `-${key}` : sort === `-${key}` ? undefined : key;
    load(next, undefined, [undefined]);
  };
  // Every page has the same columns; the first answer's are worded in the language on screen.
  const columns = first.columns ?? page.columns ?? [];
  const rows = page.rows ?? [];
  return (
    <div aria-busy={busy || undefined}>
      {error && <p className="notice error">{t('serverError', { m: error })}</p>}
      {page.total !== undefined && page.total !== null && (
        <p className="muted small" data-testid="table-total">
          {def.measures[0] ? `${t('total')}${t('colon')}${format(0, page.total)}` : ''}
        </p>
      )}
      <div className="table-scroll">
        <table className="data widget-table" data-testid="data-table">
          <thead>
            <tr>
              {columns.map((c) => {
                const dir = sort === c.key ? 'ascending' : sort === `-${c.key}` ? 'descending' : undefined;
                return (
                  <th key={c.key} scope="col" aria-sort={dir ?? 'none'}>
                    <button
                      type="button"
                      className="link sort"
                      onClick={() => sortBy(c.key)}
                      data-testid={`sort-${c.key}`}
                    >
                      {c.label}
                      <span aria-hidden="true">
                        {dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}
                      </span>
                    </button>
                  </th>
                );
              })}
              {open && (
                <th scope="col">
                  <span className="visually-hidden">{t('openCase')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + (open ? 1 : 0)} className="muted">
                  {t('noData')}
                </td>
              </tr>
            ) : (
              rows.map((r, i) => (
                <tr
                  key={r.id ?? i}
                  data-testid="table-row"
                  // The whole row opens its record; the link in its last cell is the keyboard's way.
                  className={open && r.id ? 'clickable' : undefined}
                  onClick={open && r.id ? (e) => openRow(e, r.id!) : undefined}
                >
                  {r.values.map((v, j) => (
                    <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                      {cellText(v, lang, t)}
                    </td>
                  ))}
                  {open && (
                    <td>{r.id && <Link to={`/cases/${encodeURIComponent(r.id)}`}>{t('openCase')}</Link>}</td>
                  )}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
      <div className="pager">
        <button
          type="button"
          className="secondary small"
          disabled={busy || at === 0}
          onClick={() => load(sort, cursors[at - 1], cursors.slice(0, -1))}
          data-testid="table-prev"
        >
          {t('previousPage')}
        </button>
        <span className="muted small" data-testid="table-page">
          {t('pageN', { n: at + 1 })}
        </span>
        <button
          type="button"
          className="secondary small"
          disabled={busy || !page.nextCursor}
          onClick={() => load(sort, page.nextCursor, [...cursors, page.nextCursor])}
          data-testid="table-next"
        >
          {t('nextPage')}
        </button>
      </div>
    </div>
  );
}

export const tableWidget: WidgetPart = { Body: TableBody, wide: true };
