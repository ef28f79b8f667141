/**
 * A dashboard widget as the server computed it: chart.js charts (a click on a bar, slice or point
 * opens its records), KPI cards with the change against the previous period, pivot tables with
 * totals, and data tables paged and sorted through the one-widget route.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, errorText, query } from '../api.js';
import type { FieldDef, WidgetDef } from '../../engine/definition/types.js';
import { fieldSpanText } from '../format/duration.js';
import { useI18n, type Lang, type Translate } from '../i18n.js';
import { Link, navigate } from '../router.js';
import { ChartCanvas } from './chart-canvas.js';
import { formatMoney, formatNumber, formatPercent, SCIENTIFIC_FROM } from '../format/numbers.js';
import type { JsonLogic, Series, WidgetData } from '../../runtime/web/src/reports/report-types.js';

/** Formats measure `m`'s values: a span of time in words or money with its currency when its field says so, else a number. */
export type MeasureFormat = (m: number, v: number | null | undefined) => string;

/** The measures' formats of `def` over the fields of its form. */
export function measureFormat(def: WidgetDef, fields: readonly FieldDef[], lang: Lang): MeasureFormat {
  const of = def.measures.map((m) =>
    m.op !== 'count' && m.field ? fields.find((f) => f.key === m.field) : undefined,
  );
  return (m, v) => {
    const field = of[m];
    if (v === null || v === undefined || !Number.isFinite(v) || !field) return formatNumber(v, lang);
    if (field.type === 'money' && Math.abs(v) < SCIENTIFIC_FROM) return formatMoney(v, field.currency, lang);
    return fieldSpanText(field.unit, v, lang) ?? formatNumber(v, lang);
  };
}

/** The measure a series or column key stands for (`m2`, `m2:open` → 2). */
function measureOf(key: string): number {
  return Number(/^m(\d+)/.exec(key)?.[1] ?? 0);
}

/** The record list of `form` matching `filter` (JSON Logic), titled for the page. */
export function recordsUrl(app: string, form: string, filter: JsonLogic, title: string): string {
  return `/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(form)}/records${query({
    filter: filter === undefined ? undefined : JSON.stringify(filter),
    title,
  })}`;
}

function and(a: JsonLogic, b: JsonLogic): JsonLogic {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { and: [a, b] };
}

/** Whether a chart has nothing to draw (no labels, or every value empty or zero). */
function isEmptyChart(w: WidgetData): boolean {
  if (!w.labels?.length || !w.series?.length) return true;
  return w.series.every((s) => s.data.every((v) => v === null || v === 0));
}

export interface WidgetProps {
  app: string;
  dashboard: string;
  widget: WidgetData | undefined;
  def: WidgetDef;
  title: string;
  /** The dashboard filter as query parameters (range and `f.` fields). */
  filterParams: Record<string, string | undefined>;
  loading: boolean;
  /** The fields of the widget's form (units of time for durations). */
  fields?: readonly FieldDef[];
}

export function WidgetCard(props: WidgetProps) {
  const { t } = useI18n();
  const { widget, def, loading, title } = props;
  const wide = def.type === 'table' || def.type === 'pivot';
  return (
    <section
      className={`card widget widget-${def.type}${wide ? ' wide' : ''}`}
      data-testid={`widget-${def.key}`}
      data-type={def.type}
      aria-busy={loading || undefined}
    >
      <h2 className="widget-title">{title}</h2>
      {!widget ? (
        <div className="widget-loading" aria-label={t('loading')}>
          <span className="muted">{t('loading')}</span>
        </div>
      ) : widget.restricted ? (
        <p className="muted widget-empty">{t('widgetRestricted')}</p>
      ) : (
        <WidgetBody {...props} widget={widget} />
      )}
    </section>
  );
}

function WidgetBody(props: WidgetProps & { widget: WidgetData }) {
  const { t, lang } = useI18n();
  const { widget, def, app, title, fields } = props;
  const format = useMemo(() => measureFormat(def, fields ?? [], lang), [def, fields, lang]);
  const seriesFormat = useCallback((s: Series, v: number) => format(measureOf(s.key), v), [format]);
  const pick = useCallback(
    (index: number, dataset: number) => {
      const filter = widget.filters?.[index];
      if (!widget.filters || index >= widget.filters.length) return;
      // A second dimension: the series stands for one of its values.
      const second = def.dimensions?.[1];
      const group = widget.series?.[dataset]?.group;
      const extra =
        second && !second.bucket && group !== undefined
          ? { '==': [{ var: second.field }, group] }
          : undefined;
      const label = widget.labels?.[index] ?? '';
      navigate(recordsUrl(app, widget.form, and(filter, extra), `${title}${t('colon')}${label}`));
    },
    [widget, def, app, title, t],
  );
  switch (widget.type) {
    case 'kpi':
      return <KpiBody widget={widget} format={format} />;
    case 'pivot':
      return <PivotBody widget={widget} def={def} app={app} title={title} format={format} />;
    case 'table':
      return <TableBody {...props} />;
    default:
      if (isEmptyChart(widget)) return <p className="muted widget-empty">{t('noData')}</p>;
      return (
        <>
          <ChartCanvas
            type={widget.type}
            labels={widget.labels!}
            series={widget.series!}
            title={title}
            onPick={widget.filters ? pick : undefined}
            format={seriesFormat}
          />
          {widget.truncated && <p className="muted small">{t('truncated')}</p>}
        </>
      );
  }
}

function changeText(change: number | null | undefined, lang: 'zh-CN' | 'en'): string {
  if (change === null || change === undefined) return '';
  const arrow = change > 0 ? '▲' : change < 0 ? '▼' : '■';
  return `${arrow} ${formatPercent(Math.abs(change), lang)}`;
}

function KpiBody({ widget, format }: { widget: WidgetData; format: MeasureFormat }) {
  const { t, lang } = useI18n();
  const change = widget.change;
  const value = format(0, widget.total);
  return (
    <div className="kpi">
      <p
        className={`kpi-value${/\s/.test(value) ? ' words' : ''}`}
        data-testid="kpi-value"
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
          <span className="muted">{t('vsPrevious', { v: format(0, widget.previous) })}</span>
        </p>
      )}
    </div>
  );
}

function cell(
  v: string | number | null | undefined,
  lang: 'zh-CN' | 'en',
  t: Translate,
  format?: (v: number) => string,
): string {
  if (v === null || v === undefined || v === '') return t('emptyValue');
  if (typeof v !== 'number') return v;
  return format ? format(v) : formatNumber(v, lang);
}

function PivotBody({
  widget,
  def,
  app,
  title,
  format,
}: {
  widget: WidgetData;
  def: WidgetDef;
  app: string;
  title: string;
  format: MeasureFormat;
}) {
  const { t, lang } = useI18n();
  const columns = widget.columns ?? [];
  const rows = widget.rows ?? [];
  if (rows.length === 0) return <p className="muted widget-empty">{t('noData')}</p>;
  const hasDim = columns[0]?.kind === 'dimension';
  const measures = def.measures;
  const second = (def.dimensions?.length ?? 0) > 1;
  // Column totals: the server's grand totals (one dimension), or sums of additive measures.
  const footer: (number | null | undefined)[] = columns.slice(hasDim ? 1 : 0).map((c, i) => {
    if (!second) return widget.totals?.[i];
    const m = Number(/^m(\d+):/.exec(c.key)?.[1] ?? -1);
    const op = measures[m]?.op;
    if (op !== 'count' && op !== 'sum') return undefined;
    return rows.reduce(
      (sum, r) => sum + (typeof r.values[i + 1] === 'number' ? (r.values[i + 1] as number) : 0),
      0,
    );
  });
  return (
    <div className="table-scroll">
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
                    {r.filter !== undefined ? (
                      <Link
                        to={recordsUrl(app, widget.form, r.filter, `${title}${t('colon')}${r.label ?? ''}`)}
                      >
                        {cell(v, lang, t)}
                      </Link>
                    ) : (
                      cell(v, lang, t)
                    )}
                  </th>
                ) : (
                  <td key={i} className="num">
                    {cell(v, lang, t, (x) => format(measureOf(columns[i]?.key ?? ''), x))}
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
                    : cell(v, lang, t, (x) => format(measureOf(columns[i + (hasDim ? 1 : 0)]?.key ?? ''), x))}
                </td>
              ))}
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

const TABLE_PAGE = 20;

function TableBody({
  widget: first,
  app,
  dashboard,
  def,
  filterParams,
}: WidgetProps & { widget: WidgetData }) {
  const { t, lang } = useI18n();
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
      `/apps/${encodeURIComponent(app)}/dashboards/${encodeURIComponent(dashboard)}/widgets/${encodeURIComponent(def.key)}/data${query({ ...filterParams, sort: nextSort, cursor, limit: TABLE_PAGE })}`,
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
          {def.measures[0] ? `${t('total')}${t('colon')}${formatNumber(page.total, lang)}` : ''}
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
              <th scope="col">
                <span className="visually-hidden">{t('openCase')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? (
              <tr>
                <td colSpan={columns.length + 1} className="muted">
                  {t('noData')}
                </td>
              </tr>
            ) : (
              rows.map((r, i) => (
                <tr key={r.id ?? i} data-testid="table-row">
                  {r.values.map((v, j) => (
                    <td key={j} className={typeof v === 'number' ? 'num' : undefined}>
                      {cell(v, lang, t)}
                    </td>
                  ))}
                  <td>{r.id && <Link to={`/cases/${encodeURIComponent(r.id)}`}>{t('openCase')}</Link>}</td>
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
