/**
 * A form's records: a free-text search (the server searches the fields the reader may read, the
 * linked customer's name included), a filter per shown column (an option, text it contains, a
 * range of days), sorting by a column's header, and a choice of columns remembered per user and
 * form on this device; all but the columns live in the URL. A form's list views (`views`: the ones
 * the server says the reader's roles allow) give the columns, a filter and a sort to start from:
 * the first is the default, the reader may change columns, filters and sort on top and reset to
 * the view, or choose none. A chart's bar or slice opens this page with its own filter (and no
 * view unless the link names one, so it lists what the chart counted). Staff export what
 * the list shows as CSV or Excel (under a view: its columns), and those who may create records of
 * the form import a CSV file here (`records-import.tsx`).
 */
import { useEffect, useMemo, useState } from 'react';
import { customerReadFields } from '../../../../engine/definition/form-access.js';
import { api, errorText, query, requestLanguage } from '../../../../ui/api.js';
import { formOf, loadApp, recordTitle, submittableForms, useAsync, useSession } from '../../../../ui/data.js';
import { FieldValue } from '../../../../ui/fields/field-value.js';
import { formatDateTime } from '../../../../ui/format/time.js';
import { FileRecord } from '../../../../ui/fields/files-input.js';
import { loc, useI18n } from '../i18n.js';
import { Link, navigate, useLocation } from '../../../../ui/router.js';
import {
  bothFilters,
  defaultColumns,
  filterKind,
  filterLogic,
  listableFields,
  listViewOf,
  nextSort,
  NO_VIEW,
  rememberColumns,
  rememberedColumns,
  stateFromParams,
  stateParams,
  titleField,
  viewSort,
  type ColumnFilter,
  type ListState,
} from '../records-query.js';
import { isStaffOf } from '../reports/staff.js';
import { serverTimeZone } from '../../../../ui/format/server-zone.js';
import type { AppView, FieldDef, FormDef, RecordRow, User } from '../types.js';
import { useRecordsImport } from './records-import.js';

const PAGE = 100;
const SEARCH_DELAY_MS = 300;

/** A listed record with the names of its linked records and people (the list API's `display`). */
type Listed = RecordRow & { display?: Record<string, string> };

/**
 * The fields a customer may read on records of `form` (the server's rule from the engine, without
 * the notice texts' fields, so a column may be missing, never one they cannot read); undefined for
 * staff and for forms a role of theirs reads whole.
 */
function readableBy(app: AppView, form: FormDef, user: User): Set<string> | undefined {
  if (isStaffOf(app, user)) return undefined;
  if (form.readRoles?.some((r) => user.roles.includes(r))) return undefined;
  const customerRoles = new Set(app.roles.filter((r) => r.customer === true).map((r) => r.key));
  const flow = app.flows.find((f) => f.form === form.key);
  return new Set(customerReadFields(form, flow, user.roles, customerRoles));
}

function parseJson(text: string | undefined): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

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
  const { path, params } = useLocation();
  const app = useAsync(() => loadApp(appKey), [appKey]);
  const [items, setItems] = useState<Listed[]>([]);
  const [cursor, setCursor] = useState<string>();
  const [state, setState] = useState<{ loading: boolean; error?: string }>({ loading: true });
  // Bumped after an import, so the list shows the new records.
  const [generation, setGeneration] = useState(0);
  const base = `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}`;
  const form = app.data ? formOf(app.data, formKey) : undefined;
  const list = stateFromParams(params);
  const [typed, setTyped] = useState(list.q);
  const [showFilters, setShowFilters] = useState(Object.keys(list.filters).length > 0);
  const [chosen, setChosen] = useState<string[] | undefined>();

  const update = (next: ListState, view?: string) => {
    const keep: Record<string, string | undefined> = {};
    for (const [k, v] of params) if (!/^(q|sort|fv\.|fc\.|ff\.|ft\.)/.test(k)) keep[k] = v;
    if (view !== undefined) keep.view = view;
    navigate(`${path}${query({ ...keep, ...stateParams(next) })}`, { replace: true });
  };

  // The URL's search (back and forward, a link) is what the box shows.
  useEffect(() => setTyped(list.q), [list.q]);
  // The search is sent once typing pauses.
  useEffect(() => {
    if (typed === list.q) return;
    const timer = window.setTimeout(() => update({ ...list, q: typed }), SEARCH_DELAY_MS);
    return () => window.clearTimeout(timer);
  });

  const readable = app.data && form ? readableBy(app.data, form, user) : undefined;
  const fields = listableFields(form).filter((f) => !readable || readable.has(f.key));
  const heading = titleField(form);
  const view = listViewOf(form, params.get('view'), filter !== undefined);
  // Under a view its columns are the list's, in its order; the title keeps its own first column.
  const viewKeys = view?.columns.filter((k) => k !== heading?.key);
  const columnKeys =
    chosen ?? viewKeys ?? (form ? (rememberedColumns(user.id, appKey, form) ?? defaultColumns(fields)) : []);
  const created: FieldDef = { key: 'createdAt', type: 'datetime', label: t('createdAt') };
  const columns: FieldDef[] = columnKeys
    .map((k) =>
      k === 'createdAt'
        ? created
        : (fields.find((f) => f.key === k) ??
          (view ? form?.fields.find((f) => f.key === k && (!readable || readable.has(k))) : undefined)),
    )
    .filter((f): f is FieldDef => f !== undefined);
  // Without a view the creation time is always the last column; a view places it, or leaves it out.
  const trailingCreated = !view;
  const sort = list.sort ?? viewSort(view);
  const columnFilter = useMemo(
    () => filterLogic(form?.fields ?? [], list.filters, serverTimeZone()),
    // The URL holds the filters.
    [form, params.toString()],
  );
  const combined = bothFilters(parseJson(filter), columnFilter);
  const filterText = combined === undefined ? undefined : JSON.stringify(combined);
  const listQuery = { q: list.q || undefined, filter: filterText, sort: list.sort, view: view?.key };

  useEffect(() => {
    let live = true;
    setItems([]);
    setCursor(undefined);
    setState({ loading: true });
    api<{ items: Listed[]; nextCursor?: string }>(
      'GET',
      `${base}/records${query({ ...listQuery, limit: PAGE })}`,
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
  }, [base, filterText, list.q, list.sort, view?.key, generation, lang]);

  const more = () => {
    if (!cursor) return;
    setState({ loading: true });
    api<{ items: Listed[]; nextCursor?: string }>(
      'GET',
      `${base}/records${query({ ...listQuery, limit: PAGE, cursor })}`,
    ).then(
      (p) => {
        setItems((old) => [...old, ...p.items]);
        setCursor(p.nextCursor);
        setState({ loading: false });
      },
      (e: unknown) => setState({ loading: false, error: errorText(e) }),
    );
  };

  const staff = app.data ? isStaffOf(app.data, user) : false;
  const mayImport =
    staff && app.data !== undefined && submittableForms(app.data, user).some((f) => f.key === formKey);
  const importer = useRecordsImport(base, form, () => setGeneration((g) => g + 1));
  const exportUrl = (format: 'csv' | 'xlsx') =>
    `/api/v1${base}/export${query({ format, ...listQuery, lang: requestLanguage() })}`;
  const count = `${items.length}${cursor ? '+' : ''}`;
  const filtered = Object.keys(list.filters).length > 0;

  const setFilter = (key: string, f: ColumnFilter | undefined) => {
    const filters = { ...list.filters };
    if (f) filters[key] = f;
    else delete filters[key];
    update({ ...list, filters });
  };
  const chooseColumns = (keys: string[]) => {
    setChosen(keys);
    // A view's columns are the view's to keep; a choice on top of one lasts for this page.
    if (!view) rememberColumns(user.id, appKey, formKey, keys);
  };
  const chooseView = (key: string) => {
    setChosen(undefined);
    update({ q: '', filters: {} }, key);
  };
  const changedFromView =
    view !== undefined && (chosen !== undefined || list.sort !== undefined || filtered || list.q !== '');
  const resetToView = () => {
    setChosen(undefined);
    setTyped('');
    update({ q: '', filters: {} });
  };

  const header = (key: string, label: string) => {
    const dir = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined;
    return (
      <th key={key} scope="col" aria-sort={dir ?? 'none'}>
        <button
          type="button"
          className="link sort"
          onClick={() => update({ ...list, sort: nextSort(sort, key, list.sort === undefined) })}
          data-testid={`sort-${key}`}
        >
          {label}
          <span aria-hidden="true">{dir === 'ascending' ? ' ▲' : dir === 'descending' ? ' ▼' : ''}</span>
        </button>
      </th>
    );
  };

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
      <div className="records-toolbar" role="search">
        {form?.views && form.views.length > 0 && (
          <label className="records-view">
            <span>{t('listView')}</span>
            <select
              value={view?.key ?? NO_VIEW}
              onChange={(e) => chooseView(e.target.value)}
              data-testid="records-view"
            >
              {form.views.map((v) => (
                <option key={v.key} value={v.key}>
                  {loc(v.name, lang)}
                </option>
              ))}
              <option value={NO_VIEW}>{t('noView')}</option>
            </select>
          </label>
        )}
        <label className="records-search">
          <span className="visually-hidden">{t('searchList')}</span>
          <input
            type="search"
            placeholder={t('searchList')}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            data-testid="records-search"
          />
        </label>
        <button
          type="button"
          className={`secondary small${filtered ? ' active' : ''}`}
          aria-expanded={showFilters}
          onClick={() => setShowFilters((s) => !s)}
          data-testid="records-filters-toggle"
        >
          {filtered ? t('filtersN', { n: Object.keys(list.filters).length }) : t('filters')}
        </button>
        <ColumnChooser fields={fields} shown={columnKeys} onChange={chooseColumns} keepOrder={!!view} />
        {changedFromView && (
          <button type="button" className="link" onClick={resetToView} data-testid="records-reset-view">
            {t('resetToView')}
          </button>
        )}
      </div>
      {showFilters && (
        <div className="records-filters" data-testid="records-filters">
          {[...(heading ? [heading] : []), ...columns.filter((c) => c !== created)].map((f) => (
            <ColumnFilterInput
              key={f.key}
              field={f}
              value={list.filters[f.key]}
              onChange={(v) => setFilter(f.key, v)}
            />
          ))}
          <ColumnFilterInput
            field={{ key: 'createdAt', type: 'datetime', label: t('createdAt') }}
            value={list.filters.createdAt}
            onChange={(v) => setFilter('createdAt', v)}
          />
          {filtered && (
            <button
              type="button"
              className="link"
              onClick={() => update({ ...list, filters: {} })}
              data-testid="records-filters-clear"
            >
              {t('clearFilters')}
            </button>
          )}
        </div>
      )}
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
        <p className="muted" data-testid="records-empty">
          {list.q || filtered ? t('noMatches') : t('noRecords')}
        </p>
      ) : (
        <div className="table-scroll card">
          <table className="data records" data-testid="records-table" aria-busy={state.loading || undefined}>
            <thead>
              <tr>
                {heading ? header(heading.key, loc(heading.label, lang)) : <th scope="col">{t('record')}</th>}
                {columns.map((c) => header(c.key, loc(c.label, lang)))}
                {trailingCreated && header('createdAt', t('createdAt'))}
              </tr>
            </thead>
            <tbody>
              {items.map((r) => (
                <tr key={r.id} data-testid="record-row" data-record={r.id}>
                  <th scope="row">
                    <Link to={`/cases/${encodeURIComponent(r.id)}`}>{recordTitle(form, r.data) || r.id}</Link>
                  </th>
                  {columns.map((c) =>
                    c === created ? (
                      <td key={c.key} data-column={c.key}>
                        {formatDateTime(r.createdAt, lang)}
                      </td>
                    ) : (
                      <td key={c.key} data-column={c.key}>
                        <FileRecord.Provider value={r.id}>
                          <FieldValue field={c} value={r.data[c.key]} display={r.display?.[c.key]} />
                        </FileRecord.Provider>
                      </td>
                    ),
                  )}
                  {trailingCreated && <td>{formatDateTime(r.createdAt, lang)}</td>}
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

/** One column's filter: a select's options, a text box (contains), or two dates. */
function ColumnFilterInput({
  field,
  value,
  onChange,
}: {
  field: FieldDef;
  value: ColumnFilter | undefined;
  onChange: (f: ColumnFilter | undefined) => void;
}) {
  const { t, lang } = useI18n();
  const kind = filterKind(field);
  const label = loc(field.label, lang);
  const [text, setText] = useState(value?.kind === 'text' ? value.text : '');
  useEffect(() => setText(value?.kind === 'text' ? value.text : ''), [value]);
  if (!kind) return null;
  const id = `filter-${field.key}`;
  if (kind === 'option')
    return (
      <label className="filter-field" htmlFor={id}>
        <span>{label}</span>
        <select
          id={id}
          value={value?.kind === 'option' ? value.value : ''}
          onChange={(e) => onChange(e.target.value ? { kind: 'option', value: e.target.value } : undefined)}
          data-testid={id}
        >
          <option value="">{t('allValues')}</option>
          {(field.options ?? []).map((o) => (
            <option key={String(o.value)} value={String(o.value)}>
              {loc(o.label, lang)}
            </option>
          ))}
        </select>
      </label>
    );
  if (kind === 'text')
    return (
      <label className="filter-field" htmlFor={id}>
        <span>{label}</span>
        <input
          id={id}
          type="search"
          placeholder={t('containsText')}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={() => onChange(text.trim() ? { kind: 'text', text } : undefined)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') onChange(text.trim() ? { kind: 'text', text } : undefined);
          }}
          data-testid={id}
        />
      </label>
    );
  const days: { from?: string; to?: string } = value?.kind === 'days' ? value : {};
  const set = (change: { from?: string; to?: string }) => {
    const next = { ...days, ...change };
    onChange(
      next.from || next.to
        ? { kind: 'days', ...(next.from ? { from: next.from } : {}), ...(next.to ? { to: next.to } : {}) }
        : undefined,
    );
  };
  return (
    <fieldset className="filter-field filter-days" data-testid={id}>
      <legend>{label}</legend>
      <input
        type="date"
        aria-label={`${label} ${t('dateFrom')}`}
        value={days.from ?? ''}
        onChange={(e) => set({ from: e.target.value || undefined })}
      />
      <span aria-hidden="true">–</span>
      <input
        type="date"
        aria-label={`${label} ${t('dateTo')}`}
        value={days.to ?? ''}
        onChange={(e) => set({ to: e.target.value || undefined })}
      />
    </fieldset>
  );
}

/** Which columns the list shows: in the form's order, or (on top of a view) the view's order, new ones last. */
function ColumnChooser({
  fields,
  shown,
  onChange,
  keepOrder,
}: {
  fields: FieldDef[];
  shown: string[];
  onChange: (keys: string[]) => void;
  keepOrder: boolean;
}) {
  const { t, lang } = useI18n();
  return (
    <details className="column-chooser" data-testid="column-chooser">
      <summary className="button secondary small">{t('columns')}</summary>
      <fieldset>
        <legend className="visually-hidden">{t('columns')}</legend>
        {fields.map((f) => (
          <label key={f.key} className="check">
            <input
              type="checkbox"
              checked={shown.includes(f.key)}
              onChange={(e) =>
                onChange(
                  keepOrder
                    ? e.target.checked
                      ? [...shown, f.key]
                      : shown.filter((k) => k !== f.key)
                    : fields
                        .map((x) => x.key)
                        .filter((k) => (k === f.key ? e.target.checked : shown.includes(k))),
                )
              }
              data-testid={`column-${f.key}`}
            />
            {loc(f.label, lang)}
          </label>
        ))}
      </fieldset>
    </details>
  );
}
