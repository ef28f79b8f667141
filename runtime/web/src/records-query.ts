/**
 * A record list's search, column filters, sort and chosen columns, kept in the page's URL (so a
 * list can be bookmarked and shared) and turned into the list API's `q`, `filter` (JSON Logic over
 * the form's fields) and `sort`. The chosen columns are remembered per user and form on this device.
 */
import type { FieldDef, FormDef, ListViewDef } from './types.js';

export type JsonLogic = unknown;

/** A column's filter: one option, text it contains, or a range of days (either end open). */
export type ColumnFilter =
  | { kind: 'option'; value: string }
  | { kind: 'text'; text: string }
  | { kind: 'days'; from?: string; to?: string };

export interface ListState {
  q: string;
  /** `field` or `-field` (descending); undefined: newest first. */
  sort?: string;
  filters: Record<string, ColumnFilter>;
}

/** Field types a list shows one cell of (long or nested values stay on the case page). */
const LISTABLE = new Set([
  'text',
  'phone',
  'email',
  'select',
  'multiselect',
  'relation',
  'user',
  'date',
  'datetime',
  'number',
  'integer',
  'money',
  'rating',
  'boolean',
  'autonumber',
]);
const TEXT = new Set(['text', 'phone', 'email', 'autonumber', 'textarea']);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The field a record's title comes from: its autonumber, else its first text field (as `recordTitle`). */
export function titleField(form: FormDef | undefined): FieldDef | undefined {
  const fields = form?.fields ?? [];
  return fields.find((f) => f.type === 'autonumber') ?? fields.find((f) => f.type === 'text');
}

/** The fields a list may show as columns (the title field has its own). */
export function listableFields(form: FormDef | undefined): FieldDef[] {
  const title = titleField(form);
  return (form?.fields ?? []).filter((f) => LISTABLE.has(f.type) && f.key !== title?.key);
}

/** The fields a column filter can be set on, and how. */
export function filterKind(field: FieldDef): ColumnFilter['kind'] | undefined {
  if (field.type === 'select') return 'option';
  if (TEXT.has(field.type)) return 'text';
  if (field.type === 'date' || field.type === 'datetime') return 'days';
  return undefined;
}

/** The list's state from its URL: `q`, `sort`, `fv.<field>` (option), `fc.<field>` (contains), `ff.`/`ft.<field>` (days). */
export function stateFromParams(params: URLSearchParams): ListState {
  const filters: Record<string, ColumnFilter> = {};
  for (const [k, v] of params) {
    const m = /^(fv|fc|ff|ft)\.([a-zA-Z][a-zA-Z0-9_]*)$/.exec(k);
    if (!m || v === '') continue;
    const key = m[2]!;
    if (m[1] === 'fv') filters[key] = { kind: 'option', value: v };
    else if (m[1] === 'fc') filters[key] = { kind: 'text', text: v };
    else if (DAY.test(v)) {
      const old = filters[key]?.kind === 'days' ? (filters[key] as { from?: string; to?: string }) : {};
      filters[key] = { kind: 'days', ...old, ...(m[1] === 'ff' ? { from: v } : { to: v }) };
    }
  }
  return { q: params.get('q') ?? '', ...(params.get('sort') ? { sort: params.get('sort')! } : {}), filters };
}

/** The URL parameters of `state` (undefined: not in the URL). */
export function stateParams(state: ListState): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = { q: state.q || undefined, sort: state.sort };
  for (const [key, f] of Object.entries(state.filters)) {
    if (f.kind === 'option') out[`fv.${key}`] = f.value;
    if (f.kind === 'text') out[`fc.${key}`] = f.text;
    if (f.kind === 'days') {
      out[`ff.${key}`] = f.from;
      out[`ft.${key}`] = f.to;
    }
  }
  return out;
}

/** The instant a local day starts in `zone` (the server's: lists count days as reports do). */
export function dayStart(day: string, zone: string | undefined): string {
  const utc = Date.parse(`${day}T00:00:00.000Z`);
  if (!zone) return new Date(`${day}T00:00:00`).toISOString();
  const offset = (ms: number): number => {
    const name =
      new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
        .formatToParts(ms)
        .find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
    const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
    return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  };
  // Twice: the offset at the guessed instant may differ from the one at midnight (a DST change).
  let at = utc - offset(utc) * 60_000;
  at = utc - offset(at) * 60_000;
  return new Date(at).toISOString();
}

function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The JSON Logic of the column filters over `fields` (unknown fields and empty filters are left
 * out), or undefined when none applies. Days of a datetime field are the server zone's days.
 */
export function filterLogic(
  fields: readonly FieldDef[],
  filters: ListState['filters'],
  zone: string | undefined,
): JsonLogic {
  const parts: JsonLogic[] = [];
  for (const [key, f] of Object.entries(filters)) {
    const field =
      key === 'createdAt'
        ? ({ key, type: 'datetime', label: '' } as FieldDef)
        : fields.find((x) => x.key === key);
    if (!field || filterKind(field) !== f.kind) continue;
    const v = { var: key };
    if (f.kind === 'option') parts.push({ '==': [v, f.value] });
    if (f.kind === 'text' && f.text.trim()) parts.push({ in: [f.text.trim(), v] });
    if (f.kind === 'days') {
      const instant = field.type === 'datetime';
      if (f.from) parts.push({ '>=': [v, instant ? dayStart(f.from, zone) : f.from] });
      if (f.to) parts.push(instant ? { '<': [v, dayStart(nextDay(f.to), zone)] } : { '<=': [v, f.to] });
    }
  }
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** Both filters, either of which may be absent. */
export function bothFilters(a: JsonLogic, b: JsonLogic): JsonLogic {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { and: [a, b] };
}

/**
 * The next sort when a column's header is clicked: ascending, descending, then the default. When
 * `current` is a view's default (`isDefault`), its column turns round at once: going back to the
 * default would change nothing.
 */
export function nextSort(current: string | undefined, key: string, isDefault = false): string | undefined {
  if (isDefault && current === `-${key}`) return key;
  if (current === key) return `-${key}`;
  if (current === `-${key}`) return undefined;
  return key;
}

/** The URL's `view` when the reader chose no view (not a key: keys start with a letter). */
export const NO_VIEW = '-';

/**
 * The list view `key` of `form` (from the URL); without one, its first (the reader's default),
 * unless the list was opened with a filter of its own (a chart's click-through shows exactly what
 * the chart counted) or the reader chose none.
 */
export function listViewOf(
  form: FormDef | undefined,
  key: string | null,
  openedWithFilter = false,
): ListViewDef | undefined {
  const views = form?.views ?? [];
  if (key === NO_VIEW || (key === null && openedWithFilter)) return undefined;
  return views.find((v) => v.key === key) ?? views[0];
}

/** A view's default sort as the URL writes a sort (`field` or `-field`). */
export function viewSort(view: ListViewDef | undefined): string | undefined {
  if (!view?.sort) return undefined;
  return view.sort.dir === 'desc' ? `-${view.sort.field}` : view.sort.field;
}

const COLUMNS_KEY = 'flowcase.columns';

/** The columns this user chose for the form on this device, if any (only keys the form still lists). */
export function rememberedColumns(
  user: string,
  app: string,
  form: FormDef | undefined,
): string[] | undefined {
  try {
    const raw = localStorage.getItem(`${COLUMNS_KEY}:${user}:${app}:${form?.key ?? ''}`);
    if (!raw) return undefined;
    const keys = JSON.parse(raw) as unknown;
    if (!Array.isArray(keys)) return undefined;
    const known = new Set(listableFields(form).map((f) => f.key));
    return keys.filter((k): k is string => typeof k === 'string' && known.has(k));
  } catch {
    return undefined;
  }
}

export function rememberColumns(user: string, app: string, form: string, keys: readonly string[]): void {
  try {
    localStorage.setItem(`${COLUMNS_KEY}:${user}:${app}:${form}`, JSON.stringify(keys));
  } catch {
    // private mode: the choice lasts for this page
  }
}

/** The columns shown before any choice: the first six of `fields` (listable ones) that are not computed. */
export function defaultColumns(fields: readonly FieldDef[]): string[] {
  return fields
    .filter((f) => f.formula === undefined)
    .slice(0, 6)
    .map((f) => f.key);
}
