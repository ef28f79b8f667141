/**
 * An app's dashboards: every widget of the chosen dashboard (KPI cards first, then charts, pivot
 * and data tables), over a period and select-field filters kept in the URL and applied to all
 * widgets. Charts open the records behind a bar or slice; links lead to each flow's analytics.
 */
import { useMemo } from 'react';
import { api, errorText, query } from '../../../../ui/api.js';
import { formOf, loadApp, useAsync } from '../../../../ui/data.js';
import { loc, useI18n } from '../i18n.js';
import { Link, navigate, useLocation } from '../../../../ui/router.js';
import { Tab, TabList } from '../../../../ui/layout/tabs.js';
import {
  rangeFromParams,
  rangeParams,
  RangePicker,
  loadInServerZone,
  type DateRange,
} from '../reports/date-range.js';
import type { DashboardData } from '../reports/report-types.js';
import { WidgetCard } from '../../../../ui/widgets/widget-card.js';
import { RelationPicker } from '../../../../ui/fields/relation-picker.js';
import { UserPicker } from '../../../../ui/fields/user-picker.js';
import { DATE_PRESET_LABELS } from '../../../../engine/dashboard/date-presets.js';
import type { AppView, DashboardDef, FieldDef } from '../types.js';

const DATE_TYPES = new Set(['date', 'datetime']);

export function dashboardsOf(app: AppView | undefined): DashboardDef[] {
  return app?.dashboards ?? [];
}

const FILTERABLE = new Set(['select', 'relation', 'user']);

/** The first field of key `key` and one of `types` on the dashboard's widget forms. */
function fieldOnForms(
  app: AppView,
  dashboard: DashboardDef,
  key: string,
  types: ReadonlySet<string>,
): FieldDef | undefined {
  for (const w of dashboard.widgets) {
    const f = (w.form ? formOf(app, w.form) : undefined)?.fields.find((x) => x.key === key);
    if (f && types.has(f.type)) return f;
  }
  return undefined;
}

/**
 * The filter bar's fields: those the dashboard designs (in order), else every select field the
 * widgets group by. Each applies to every widget whose form has it.
 */
function selectFilters(app: AppView, dashboard: DashboardDef): FieldDef[] {
  const designed = dashboard.filters?.fields;
  if (dashboard.filters)
    return (designed ?? []).flatMap((key) => fieldOnForms(app, dashboard, key, FILTERABLE) ?? []);
  const out = new Map<string, FieldDef>();
  for (const w of dashboard.widgets) {
    const form = formOf(app, w.form);
    for (const d of w.dimensions ?? []) {
      const f = form?.fields.find((x) => x.key === d.field);
      if (f?.type === 'select' && !out.has(f.key)) out.set(f.key, f);
    }
  }
  return [...out.values()];
}

/** Date fields the period may apply to: the date dimensions of the widgets (a designed bar: none to pick). */
function dateFields(app: AppView, dashboard: DashboardDef): FieldDef[] {
  if (dashboard.filters) return [];
  const out = new Map<string, FieldDef>();
  for (const w of dashboard.widgets) {
    const form = formOf(app, w.form);
    for (const d of w.dimensions ?? []) {
      const f = form?.fields.find((x) => x.key === d.field);
      if (f && (f.type === 'date' || f.type === 'datetime') && !out.has(f.key)) out.set(f.key, f);
    }
  }
  return [...out.values()];
}

export function DashboardPage({ appKey, dashboardKey }: { appKey: string; dashboardKey?: string }) {
  const { t, lang } = useI18n();
  const { path, params } = useLocation();
  const app = useAsync(() => loadApp(appKey), [appKey]);
  const dashboards = dashboardsOf(app.data);
  const dashboard =
    dashboards.find((d) => d.key === dashboardKey) ?? (dashboardKey ? undefined : dashboards[0]);

  // A designed bar opens on its default range and applies the period to its date field.
  const designed = dashboard?.filters;
  const preset = designed ? (designed.date?.default ?? 'all') : undefined;
  const range = rangeFromParams(params, preset);
  const dateField = params.get('dateField') ?? designed?.date?.field;
  const fieldParams: Record<string, string> = {};
  for (const [k, v] of params) if (k.startsWith('f.') && v) fieldParams[k] = v;
  const filterParams = { from: range.from, to: range.to, dateField, ...fieldParams };
  const search = params.toString();

  const data = useAsync<DashboardData | undefined>(
    () =>
      dashboard
        ? loadInServerZone(
            params,
            (r) =>
              api<DashboardData>(
                'GET',
                `/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(dashboard.key)}/data${query({ ...filterParams, from: r.from, to: r.to })}`,
              ),
            preset,
          )
        : Promise.resolve(undefined),
    // The server words labels in the language on screen: another language reads them again.
    [appKey, dashboard?.key, search, lang],
  );
  const current = data.data?.key === dashboard?.key ? data.data : undefined;
  // The server words labels in the language the page sends (X-Flowcase-Language).
  const byKey = useMemo(() => new Map((current?.widgets ?? []).map((w) => [w.key, w])), [current]);

  const update = (changes: Record<string, string | undefined>) => {
    const next: Record<string, string | undefined> = {};
    for (const [k, v] of params) next[k] = v;
    Object.assign(next, changes);
    navigate(`${path}${query(next)}`, { replace: true });
  };

  if (app.error) return <p className="notice error">{t('notFound')}</p>;
  if (!app.data) return <p className="muted">{t('loading')}</p>;
  if (!dashboard)
    return (
      <section>
        <h1>{t('dashboards')}</h1>
        <p className="muted">{dashboardKey ? t('notFound') : t('noDashboards')}</p>
      </section>
    );
  const appView = app.data;
  const selects = selectFilters(appView, dashboard);
  const dates = dateFields(appView, dashboard);
  const kpis = dashboard.widgets.filter((w) => w.type === 'kpi');
  const others = dashboard.widgets.filter((w) => w.type !== 'kpi');
  // Another dashboard keeps the period (its forms may not have these fields).
  const keep = query(rangeParamsOf(range, params));
  const periodField = designed?.date?.field
    ? fieldOnForms(appView, dashboard, designed.date.field, DATE_TYPES)
    : undefined;

  const card = (w: DashboardDef['widgets'][number]) => {
    const got = byKey.get(w.key);
    return (
      <WidgetCard
        key={w.key}
        app={appKey}
        dashboard={dashboard.key}
        def={w}
        widget={got}
        title={loc(w.title, lang) || got?.title || w.key}
        filterParams={filterParams}
        loading={data.loading}
        fields={formOf(appView, w.form)?.fields}
      />
    );
  };

  return (
    <section
      className="dashboard"
      data-testid="dashboard"
      data-key={dashboard.key}
      aria-busy={data.loading || undefined}
    >
      <div className="page-head">
        <h1>
          <span className="muted">{loc(appView.name, lang)} · </span>
          {loc(dashboard.name, lang)}
        </h1>
        {appView.flows.length > 0 && (
          <nav className="report-links" aria-label={t('processAnalytics')}>
            {appView.flows.map((f) => (
              <Link
                key={f.key}
                to={`/apps/${encodeURIComponent(appKey)}/flows/${encodeURIComponent(f.key)}/analytics`}
              >
                {t('analyticsOf', { name: loc(f.name, lang) })}
              </Link>
            ))}
          </nav>
        )}
      </div>
      {dashboards.length > 1 && (
        <TabList label={t('dashboards')}>
          {dashboards.map((d) => (
            <Tab
              key={d.key}
              selected={d.key === dashboard.key}
              to={`/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(d.key)}${keep}`}
              testId={`dashboard-tab-${d.key}`}
            >
              {loc(d.name, lang)}
            </Tab>
          ))}
        </TabList>
      )}
      <div className="filters report-filters" role="search" aria-label={t('filters')}>
        {(!designed || designed.date) && (
          <RangePicker
            value={range}
            onChange={(r: DateRange) => update(rangeParams(r))}
            {...(preset
              ? {
                  designed: {
                    label: lang === 'en' ? DATE_PRESET_LABELS[preset].en : DATE_PRESET_LABELS[preset].zh,
                    range: rangeFromParams(new URLSearchParams(), preset),
                  },
                }
              : {})}
          />
        )}
        {periodField && (
          <p className="filter-field muted" data-testid="period-field">
            {t('dateField')}: {loc(periodField.label, lang)}
          </p>
        )}
        {dates.length > 0 && (
          <label className="filter-field">
            <span>{t('dateField')}</span>
            <select
              value={dateField ?? ''}
              onChange={(e) => update({ dateField: e.target.value || undefined })}
              data-testid="date-field"
            >
              <option value="">{t('createdAt')}</option>
              {dates.map((f) => (
                <option key={f.key} value={f.key}>
                  {loc(f.label, lang)}
                </option>
              ))}
            </select>
          </label>
        )}
        {selects.map((f) =>
          f.type === 'select' ? (
            <label key={f.key} className="filter-field">
              <span>{loc(f.label, lang)}</span>
              <select
                value={fieldParams[`f.${f.key}`] ?? ''}
                onChange={(e) => update({ [`f.${f.key}`]: e.target.value || undefined })}
                data-testid={`filter-${f.key}`}
              >
                <option value="">{t('allValues')}</option>
                {(f.options ?? []).map((o) => (
                  <option key={String(o.value)} value={String(o.value)}>
                    {loc(o.label, lang)}
                  </option>
                ))}
              </select>
            </label>
          ) : (
            // A designed relation or user filter: one record or person, picked as in a form.
            <div key={f.key} className="filter-field" data-testid={`filter-${f.key}`}>
              <label htmlFor={`filter-${f.key}-input`}>{loc(f.label, lang)}</label>
              {f.type === 'relation' ? (
                <RelationPicker
                  id={`filter-${f.key}-input`}
                  app={appKey}
                  field={f}
                  value={fieldParams[`f.${f.key}`]}
                  onChange={(v) => update({ [`f.${f.key}`]: v })}
                />
              ) : (
                <UserPicker
                  id={`filter-${f.key}-input`}
                  app={appKey}
                  value={fieldParams[`f.${f.key}`]}
                  onChange={(v) => update({ [`f.${f.key}`]: v })}
                />
              )}
            </div>
          ),
        )}
      </div>
      {data.error !== undefined && (
        <p className="notice error" role="alert">
          {t('serverError', { m: errorText(data.error) })}
        </p>
      )}
      {kpis.length > 0 && <div className="kpi-grid">{kpis.map(card)}</div>}
      <div className="widget-grid">{others.map(card)}</div>
    </section>
  );
}

function rangeParamsOf(range: DateRange, params: URLSearchParams): Record<string, string | undefined> {
  return params.has('from') || params.has('range') ? rangeParams(range) : {};
}
