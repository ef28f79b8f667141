/**
 * The dashboard's filter bar (筛选条件), designed once for the whole dashboard, not per widget: the
 * date field its period applies to and the range it opens on, and the select, relation and user
 * fields offered. Unticked, the web app derives the bar from the widgets' groups as before. The
 * fields offered are those of the forms the widgets read; a widget whose form lacks a filter field
 * ignores it, and the section names those widgets.
 */
import { useContext } from 'react';
import { DATE_PRESETS, DATE_PRESET_LABELS, presetRange } from '../../../engine/dashboard/date-presets.js';
import type { DashboardDef, DashboardFilters, FieldDef, FormDef } from '../../../engine/definition/types.js';
import { I18nContext, loc, translator, withSharedMessages } from '../../../ui/i18n.js';
import { serverTimeZone } from '../../../ui/format/server-zone.js';

const zh = {
  filters: '筛选条件',
  designFilters: '设计看板的筛选条件',
  derivedFilters: '未设计：按组件的分组字段自动生成，默认近 12 个月。',
  designedFilters: '所有组件都跟随这些筛选；组件的表单没有该字段时忽略它。',
  period: '时间范围字段',
  noPeriod: '（不按时间筛选）',
  createdAt: '创建时间',
  defaultRange: '默认范围',
  fields: '筛选字段',
  addField: '添加筛选字段…',
  removeField: '移除',
  ignoredBy: '不适用于：{w}',
  noCandidates: '组件的表单没有可筛选的选择、关联或人员字段。',
};

const en: typeof zh = {
  filters: 'Filters',
  designFilters: "Design the dashboard's filters",
  derivedFilters: "Not designed: made from the widgets' groups, over the last 12 months.",
  designedFilters: 'Every widget follows these; a widget whose form lacks a field ignores it.',
  period: 'Period on',
  noPeriod: '(no period)',
  createdAt: 'Created',
  defaultRange: 'Opens on',
  fields: 'Filter fields',
  addField: 'Add a filter field…',
  removeField: 'Remove',
  ignoredBy: 'Ignored by: {w}',
  noCandidates: "The widgets' forms have no select, relation or user field to filter on.",
};

const MESSAGES = withSharedMessages({ 'zh-CN': zh, en });

const CHOICE_TYPES = new Set(['select', 'relation', 'user']);
const DATE_TYPES = new Set(['date', 'datetime']);

/** Fields of `types` on the forms the widgets read, once per key, in form order. */
function candidates(
  dashboard: DashboardDef,
  forms: readonly FormDef[],
  types: ReadonlySet<string>,
): FieldDef[] {
  const read = new Set(dashboard.widgets.flatMap((w) => (w.form ? [w.form] : [])));
  const out = new Map<string, FieldDef>();
  for (const form of forms)
    if (read.has(form.key))
      for (const f of form.fields) if (types.has(f.type) && !out.has(f.key)) out.set(f.key, f);
  return [...out.values()];
}

/** Today (YYYY-MM-DD) in the server's zone, where report periods are counted. */
function today(): string {
  const zone = serverTimeZone();
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  } catch {
    return new Intl.DateTimeFormat('en-CA').format(new Date());
  }
}

/**
 * The query a widget preview sends so it shows what the dashboard opens on: the default range on
 * the designed date field (nothing when the filters are not designed or cover all time).
 */
export function previewQuery(dashboard: DashboardDef): Record<string, string> {
  const date = dashboard.filters?.date;
  if (!date) return {};
  const range = presetRange(date.default ?? 'all', today());
  return {
    ...(range ? { from: range.from, to: range.to } : {}),
    ...(date.field ? { dateField: date.field } : {}),
  };
}

export function DashboardFiltersSection(props: {
  dashboard: DashboardDef;
  forms: readonly FormDef[];
  onChange(filters: DashboardFilters | undefined): void;
}) {
  const { lang } = useContext(I18nContext);
  const t = translator(MESSAGES, lang);
  const filters = props.dashboard.filters;
  const dates = candidates(props.dashboard, props.forms, DATE_TYPES);
  const choices = candidates(props.dashboard, props.forms, CHOICE_TYPES);
  const chosen = filters?.fields ?? [];
  const set = (next: DashboardFilters) => {
    const out: DashboardFilters = {};
    if (next.date) out.date = next.date;
    if (next.fields && next.fields.length > 0) out.fields = next.fields;
    props.onChange(out);
  };
  const ignoredBy = (key: string) =>
    props.dashboard.widgets
      .filter((w) => w.form && !props.forms.find((f) => f.key === w.form)?.fields.some((x) => x.key === key))
      .map((w) => w.key);
  const label = (key: string) => {
    const f = choices.find((x) => x.key === key);
    return f ? loc(f.label, lang) || key : key;
  };
  return (
    <fieldset className="dd-name dd-roles dd-filters" data-testid="dashboard-filters">
      <legend>{t('filters')}</legend>
      <label>
        <input
          type="checkbox"
          data-testid="dashboard-filters-on"
          checked={filters !== undefined}
          onChange={(e) =>
            props.onChange(e.target.checked ? { date: { field: 'createdAt', default: '30d' } } : undefined)
          }
        />
        <span>{t('designFilters')}</span>
      </label>
      <p className="muted">{filters ? t('designedFilters') : t('derivedFilters')}</p>
      {filters && (
        <>
          <label className="dd-filter-row">
            <span>{t('period')}</span>
            <select
              data-testid="dashboard-filter-date-field"
              value={filters.date ? (filters.date.field ?? 'createdAt') : ''}
              onChange={(e) => {
                const field = e.target.value;
                set({
                  ...filters,
                  date: field ? { ...filters.date, field } : undefined,
                });
              }}
            >
              <option value="">{t('noPeriod')}</option>
              <option value="createdAt">{t('createdAt')}</option>
              {dates.map((f) => (
                <option key={f.key} value={f.key}>
                  {loc(f.label, lang) || f.key}
                </option>
              ))}
            </select>
          </label>
          {filters.date && (
            <label className="dd-filter-row">
              <span>{t('defaultRange')}</span>
              <select
                data-testid="dashboard-filter-date-default"
                value={filters.date.default ?? 'all'}
                onChange={(e) =>
                  set({
                    ...filters,
                    date: { ...filters.date, default: e.target.value as (typeof DATE_PRESETS)[number] },
                  })
                }
              >
                {DATE_PRESETS.map((p) => (
                  <option key={p} value={p}>
                    {lang === 'en' ? DATE_PRESET_LABELS[p].en : DATE_PRESET_LABELS[p].zh}
                  </option>
                ))}
              </select>
            </label>
          )}
          <p className="dd-filters-head">{t('fields')}</p>
          <ul className="dd-filter-fields">
            {chosen.map((key) => {
              const ignored = ignoredBy(key);
              return (
                <li key={key} data-testid={`dashboard-filter-${key}`}>
                  <span>{label(key)}</span>
                  <button
                    type="button"
                    data-testid={`dashboard-filter-remove-${key}`}
                    onClick={() => set({ ...filters, fields: chosen.filter((k) => k !== key) })}
                  >
                    {t('removeField')}
                  </button>
                  {ignored.length > 0 && (
                    <small className="muted" data-testid={`dashboard-filter-ignored-${key}`}>
                      {t('ignoredBy', { w: ignored.join(', ') })}
                    </small>
                  )}
                </li>
              );
            })}
          </ul>
          {choices.length === 0 ? (
            <p className="muted">{t('noCandidates')}</p>
          ) : (
            <select
              data-testid="dashboard-filter-add"
              value=""
              onChange={(e) => e.target.value && set({ ...filters, fields: [...chosen, e.target.value] })}
            >
              <option value="">{t('addField')}</option>
              {choices
                .filter((f) => !chosen.includes(f.key))
                .map((f) => (
                  <option key={f.key} value={f.key}>
                    {loc(f.label, lang) || f.key}
                  </option>
                ))}
            </select>
          )}
        </>
      )}
    </fieldset>
  );
}
