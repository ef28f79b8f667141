/**
 * Which fields of each form something designed queries, so the store indexes their columns and
 * no others (every index is paid for by every write of the record). A field is queried when:
 * - a widget groups by it or filters on it (its `dimensions` and the fields its `filter` reads);
 * - the dashboard page's filter bar may filter a widget on it: the select and date fields its
 *   dashboard groups by (or, when it designs its `filters`, those fields and its period's date
 *   field) apply to every widget whose form has a field of that key;
 * - a related list (关联查询) matches on it (the related form's `match` fields);
 * - it is the form's `ownerField` (customers' own records are found by it);
 * - a list view filters or sorts on it (its columns alone do not).
 * A measured field is not: a figure reads every matching row, which an index on the measured
 * column does not shorten.
 */
import { ruleRoots } from '../form/rule-dependencies.js';
import { isProcessWidget, type AppBundle, type WidgetDef } from './types.js';

/** Per form key, per field key: why it is queried, in words (`dashboard overview, widget by_status: grouped`). */
export type QueriedFields = Map<string, Map<string, string[]>>;

const FILTER_BAR_TYPES: ReadonlySet<string> = new Set(['select', 'date', 'datetime']);
/** The types a designed filter (`dashboards[].filters`) works on: its period and its choice fields. */
const DESIGNED_BAR_TYPES: ReadonlySet<string> = new Set(['select', 'relation', 'user', 'date', 'datetime']);

export function queriedFields(bundle: AppBundle): QueriedFields {
  const out: QueriedFields = new Map();
  const forms = new Map(bundle.forms.map((f) => [f.key, f]));
  const add = (form: string, field: string, why: string) => {
    const def = forms.get(form);
    if (!def?.fields.some((f) => f.key === field)) return;
    let fields = out.get(form);
    if (!fields) out.set(form, (fields = new Map<string, string[]>()));
    const whys = fields.get(field) ?? [];
    if (!whys.includes(why)) fields.set(field, [...whys, why]);
  };
  for (const dashboard of bundle.dashboards) {
    const barFields = new Set<string>();
    // Process widgets read a flow's cases, no form's records.
    const widgets = dashboard.widgets.filter((w): w is WidgetDef => !isProcessWidget(w));
    for (const widget of widgets) {
      const at = `dashboard ${dashboard.key}, widget ${widget.key}`;
      for (const d of widget.dimensions ?? []) {
        add(widget.form, d.field, `${at}: grouped`);
        const type = forms.get(widget.form)?.fields.find((f) => f.key === d.field)?.type;
        if (type !== undefined && FILTER_BAR_TYPES.has(type)) barFields.add(d.field);
      }
      for (const root of ruleRoots(widget.filter)) add(widget.form, root, `${at}: filtered`);
    }
    // A designed filter bar shows its own fields instead of those derived from the groups.
    const designed = dashboard.filters;
    const bar = designed
      ? new Set([
          ...(designed.fields ?? []),
          ...(designed.date?.field && designed.date.field !== 'createdAt' ? [designed.date.field] : []),
        ])
      : barFields;
    const barTypes = designed ? DESIGNED_BAR_TYPES : FILTER_BAR_TYPES;
    for (const widget of widgets)
      for (const key of bar) {
        const type = forms.get(widget.form)?.fields.find((f) => f.key === key)?.type;
        if (type !== undefined && barTypes.has(type))
          add(widget.form, key, `dashboard ${dashboard.key}: filter bar`);
      }
  }
  for (const form of bundle.forms) {
    for (const list of form.relatedLists ?? [])
      for (const m of list.match)
        add(list.form, m.field, `form ${form.key}, related list ${list.key}: matched`);
    if (form.ownerField !== undefined) add(form.key, form.ownerField, 'owner field');
    for (const view of form.views ?? []) {
      // A view's columns are only read; its filter and sort choose and order the rows.
      for (const root of ruleRoots(view.filter)) add(form.key, root, `list view ${view.key}: filtered`);
      if (view.sort) add(form.key, view.sort.field, `list view ${view.key}: sorted`);
    }
  }
  return out;
}
