/**
 * A form's records matching a JSON Logic filter from the URL (what a chart's bar or slice
 * stands for): the count, a link to each case, more pages on demand, and the same list exported
 * as CSV or Excel through the export route (staff); staff who may create records of the form
 * import a CSV file here (`records-import.tsx`).
 */
import { useEffect, useState } from 'react';
import { api, errorText, query } from '../api.js';
import { formOf, loadApp, recordTitle, submittableForms, useAsync, useSession } from '../data.js';
import { FieldValue, formatDateTime } from '../fields/field-value.js';
import { FileRecord } from '../fields/files-input.js';
import { loc, useI18n } from '../i18n.js';
import { Link } from '../router.js';
import { isStaffOf } from '../reports/staff.js';
import type { FieldDef, RecordRow } from '../types.js';
import { useRecordsImport } from './records-import.js';

const PAGE = 100;
// Long or nested values stay on the case page; the autonumber is the row's title already.
const SKIP = new Set(['table', 'files', 'textarea', 'address', 'autonumber']);

export function RecordsPage({
  appKey,
  formKey,
  filter,
  title,
}: {
  appKey: string;
  formKey: string;
  filter?: string;
  title?: string;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const app = useAsync(() => loadApp(appKey), [appKey]);
  const [items, setItems] = useState<RecordRow[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [state, setState] = useState<{ loading: boolean; error?: string }>({ loading: true });
  // Bumped after an import, so the list shows the new records.
  const [generation, setGeneration] = useState(0);
  const base = `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}`;

  useEffect(() => {
    let live = true;
    setItems([]);
    setCursor(undefined);
    setState({ loading: true });
    api<{ items: RecordRow[]; nextCursor?: string }>(
      'GET',
      `${base}/records${query({ filter, limit: PAGE })}`,
    ).then(
      (p) => {
        if (!live) return;
        setItems(p.items);
        setCursor(p.nextCursor);
        setState({ loading: false });
      },
      (e: unknown) => live && setState({ loading: false, error: errorText(e) }),
    );
    return () => {
      live = false;
    };
  }, [base, filter, generation]);

  const more = () => {
    if (!cursor) return;
    setState({ loading: true });
    api<{ items: RecordRow[]; nextCursor?: string }>(
      'GET',
      `${base}/records${query({ filter, limit: PAGE, cursor })}`,
    ).then(
      (p) => {
        setItems((old) => [...old, ...p.items]);
        setCursor(p.nextCursor);
        setState({ loading: false });
      },
      (e: unknown) => setState({ loading: false, error: errorText(e) }),
    );
  };

  const form = app.data ? formOf(app.data, formKey) : undefined;
  const columns: FieldDef[] = (form?.fields ?? []).filter((f) => !SKIP.has(f.type)).slice(0, 6);
  const staff = app.data ? isStaffOf(app.data, user) : false;
  const mayImport = staff && app.data !== undefined && submittableForms(app.data, user).some((f) => f.key === formKey);
  const importer = useRecordsImport(base, form, () => setGeneration((g) => g + 1));
  const exportUrl = (format: 'csv' | 'xlsx') => `/api/v1${base}/export${query({ format, filter })}`;
  const count = `${items.length}${cursor ? '+' : ''}`;

  return (
    <section className="records-page" data-testid="records-page">
      <div className="page-head">
        <h1>
          {form ? loc(form.name, lang) : formKey}
          {title && <span className="muted"> · {title}</span>}
        </h1>
        {staff && (
          <div className="export-buttons">
            <a className="button secondary small" href={exportUrl('csv')} download data-testid="export-csv">
              {t('exportCsv')}
            </a>
            <a className="button secondary small" href={exportUrl('xlsx')} download data-testid="export-xlsx">
              {t('exportExcel')}
            </a>
            {mayImport && importer.button}
          </div>
        )}
      </div>
      {mayImport && importer.status}
      <p className="muted">
        <button type="button" className="link" onClick={() => history.back()}>
          ← {t('back')}
        </button>
        {' · '}
        {!state.loading || items.length > 0 ? (
          <span data-testid="record-count" data-count={items.length} data-more={cursor ? 'true' : 'false'}>
            {t('recordCount', { n: count })}
          </span>
        ) : (
          t('loading')
        )}
      </p>
      {state.error && <p className="notice error">{t('serverError', { m: state.error })}</p>}
      {!state.loading && items.length === 0 && !state.error ? (
        <p className="muted">{t('noData')}</p>
      ) : (
        <div className="table-scroll card">
          <table className="data records" data-testid="records-table">
            <thead>
              <tr>
                <th scope="col">{t('caseTitle')}</th>
                {columns.map((c) => (
                  <th key={c.key} scope="col">
                    {loc(c.label, lang)}
                  </th>
                ))}
                <th scope="col">{t('createdAt')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="record-row">
                  <th scope="row">
                    <Link to={`/cases/${encodeURIComponent(r.id)}`}>{recordTitle(form, r.data) || r.id}</Link>
                  </th>
                  {columns.map((c) => (
                    <td key={c.key}>
                      <FileRecord.Provider value={r.id}>
                        <FieldValue field={c} value={r.data[c.key]} />
                      </FileRecord.Provider>
                    </td>
                  ))}
                  <td>{formatDateTime(r.createdAt, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {cursor && (
        <button
          type="button"
          className="secondary"
          onClick={more}
          disabled={state.loading}
          data-testid="records-more"
        >
          {t('loadMore')}
        </button>
      )}
    </section>
  );
}
