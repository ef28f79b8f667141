/**
 * The dashboard-level filter from the query string: a date range (`from`, `to`: local dates,
 * inclusive, or ISO instants) on the record creation time or a named date field (`dateField`),
 * and `f.<field>=value[,value…]` on select, relation and user fields. Each widget gets it as JSON
 * Logic for its own form, ANDed with the widget's own filter; KPI cards also get the previous
 * period of equal length.
 */
import { FlowcaseError, type FormDef, type JsonLogic } from '../../engine/index.js';
import { offsetMinutes } from '../store/record-time-zone.js';

export interface DashboardQuery {
  from?: string;
  to?: string;
  dateField?: string;
  /** `f.<field>` values, by field key. */
  fields: Record<string, string[]>;
}

/** A range of instants (`[from, to)`, ISO UTC) and the local dates it came from. */
export interface Range {
  from: string;
  to: string;
  /** Set when the range was given as local dates (inclusive `fromDay`…`toDay`). */
  fromDay?: string;
  toDay?: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const FIELD_PARAM = /^f\.([a-z][a-z0-9_]{0,62})$/;
const FILTERABLE = new Set(['select', 'relation', 'user']);
const DAY_MS = 86_400_000;

function bad(message: string, path: string): FlowcaseError {
  return new FlowcaseError('FC_BAD_REQUEST', message, { path });
}

/** Reads `from`, `to`, `dateField` and every `f.<field>` from a parsed query string. */
export function parseDashboardQuery(query: Record<string, unknown>): DashboardQuery {
  const out: DashboardQuery = { fields: {} };
  for (const [name, raw] of Object.entries(query)) {
    const value = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) =>
      typeof v === 'string' ? v : JSON.stringify(v),
    );
    if (name === 'from' || name === 'to' || name === 'dateField') {
      if (value.length !== 1 || value[0] === '') throw bad(`Give "${name}" once.`, `/${name}`);
      out[name] = value[0];
      continue;
    }
    const m = FIELD_PARAM.exec(name);
    if (m) out.fields[m[1]!] = value.flatMap((v) => v.split(',')).filter((v) => v !== '');
  }
  if ((out.from === undefined) !== (out.to === undefined))
    throw bad('Give both "from" and "to".', out.from === undefined ? '/from' : '/to');
  if (out.dateField !== undefined && !/^([a-z][a-z0-9_]{0,62}|createdAt|updatedAt)$/.test(out.dateField))
    throw bad('Not a field key.', '/dateField');
  return out;
}

/** The UTC instant at which local `day` (YYYY-MM-DD) begins in `zone`. */
export function localMidnight(day: string, zone: string): string {
  const guess = Date.parse(`${day}T00:00:00.000Z`);
  let at = guess - offsetMinutes(zone, guess) * 60_000;
  at = guess - offsetMinutes(zone, at) * 60_000;
  return new Date(at).toISOString();
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The range of the query, or undefined when it has none. */
export function rangeOf(query: DashboardQuery, zone: string): Range | undefined {
  if (query.from === undefined || query.to === undefined) return undefined;
  const { from, to } = query;
  if (DAY.test(from) && DAY.test(to)) {
    if (Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) throw bad('Not a date.', '/from');
    if (to < from) throw bad('"to" is before "from".', '/to');
    return {
      from: localMidnight(from, zone),
      to: localMidnight(addDays(to, 1), zone),
      fromDay: from,
      toDay: to,
    };
  }
  const a = Date.parse(from);
  const b = Date.parse(to);
  if (Number.isNaN(a)) throw bad('"from" is a date (YYYY-MM-DD) or an ISO-8601 instant.', '/from');
  if (Number.isNaN(b)) throw bad('"to" is a date (YYYY-MM-DD) or an ISO-8601 instant.', '/to');
  if (b <= a) throw bad('"to" is not after "from".', '/to');
  return { from: new Date(a).toISOString(), to: new Date(b).toISOString() };
}

/** The period of equal length just before `range` (in whole days when it was given in days). */
export function previousRange(range: Range, zone: string): Range {
  if (range.fromDay && range.toDay) {
    const days = Math.round((Date.parse(range.toDay) - Date.parse(range.fromDay)) / DAY_MS) + 1;
    const fromDay = addDays(range.fromDay, -days);
    const toDay = addDays(range.fromDay, -1);
    return { from: localMidnight(fromDay, zone), to: range.from, fromDay, toDay };
  }
  const length = Date.parse(range.to) - Date.parse(range.from);
  return { from: new Date(Date.parse(range.from) - length).toISOString(), to: range.from };
}

/** The field a range applies to on `form`: `dateField` when the form has it, else `createdAt`. */
export function rangeField(query: DashboardQuery, form: FormDef): { key: string; type: 'date' | 'datetime' } {
  const named = query.dateField;
  if (named === undefined || named === 'createdAt') return { key: 'createdAt', type: 'datetime' };
  if (named === 'updatedAt') return { key: 'updatedAt', type: 'datetime' };
  const field = form.fields.find((f) => f.key === named);
  if (field && (field.type === 'date' || field.type === 'datetime')) return { key: named, type: field.type };
  return { key: 'createdAt', type: 'datetime' };
}

/** JSON Logic for `range` on the range field of `form`. */
export function rangeFilter(query: DashboardQuery, form: FormDef, range: Range): JsonLogic {
  const field = rangeField(query, form);
  const v = { var: field.key };
  if (field.type === 'date') {
    const fromDay = range.fromDay ?? range.from.slice(0, 10);
    const toDay = range.toDay ?? range.to.slice(0, 10);
    return range.toDay
      ? { and: [{ '>=': [v, fromDay] }, { '<=': [v, toDay] }] }
      : { and: [{ '>=': [v, fromDay] }, { '<': [v, toDay] }] };
  }
  return { and: [{ '>=': [v, range.from] }, { '<': [v, range.to] }] };
}

/** The `f.<field>` values that apply to `form` (other forms' fields are ignored). */
export function formFieldValues(query: DashboardQuery, form: FormDef): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, values] of Object.entries(query.fields)) {
    const field = form.fields.find((f) => f.key === key);
    if (field && FILTERABLE.has(field.type)) out[key] = values;
  }
  return out;
}

/** JSON Logic for the `f.<field>` values that `form` has. */
export function fieldFilters(query: DashboardQuery, form: FormDef): JsonLogic[] {
  return Object.entries(formFieldValues(query, form)).map(([key, values]) =>
    values.length === 1 ? { '==': [{ var: key }, values[0]] } : { in: [{ var: key }, values] },
  );
}

/** `and` of the parts that are present, or undefined. */
export function allOf(parts: JsonLogic[]): JsonLogic {
  const present = parts.filter((p): p is JsonLogic => p !== undefined && p !== null);
  if (present.length === 0) return undefined;
  return present.length === 1 ? present[0] : { and: present };
}

/** Checks the `f.<field>` names against every form the dashboard reads (a typo is a 400, not an empty chart). */
export function checkFieldParams(query: DashboardQuery, forms: readonly FormDef[]): void {
  for (const key of Object.keys(query.fields)) {
    const known = forms.some((form) => form.fields.some((f) => f.key === key && FILTERABLE.has(f.type)));
    if (!known)
      throw bad(`No select, relation or user field "${key}" on this dashboard's forms.`, `/f.${key}`);
    // A select's value outside its options would only ever answer empty charts: say which one.
    const sameKey = forms.flatMap((form) => form.fields.filter((f) => f.key === key));
    if (!sameKey.every((f) => f.type === 'select')) continue;
    const offered = new Set(sameKey.flatMap((f) => (f.options ?? []).map((o) => o.value)));
    const stray = query.fields[key]!.find((v) => !offered.has(v));
    if (stray !== undefined) throw bad(`"${stray}" is not an option of the field "${key}".`, `/f.${key}`);
  }
}
