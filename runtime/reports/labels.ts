/**
 * Human labels for stored values, as dashboards and exports show them: a select option's label, a
 * related record's display field, a user's display name. Lookups are batched per request (one
 * query per related form and page of ids) and cached for the request's life.
 */
import type { FieldDef, FormDef, LocalizedText } from '../../engine/index.js';
import type { Store, UserRow } from '../store/store.js';
import { localDateTime } from './local-time.js';

export type Lang = 'en' | 'zh';

export function localize(text: LocalizedText | undefined, lang: Lang): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}

/** A user as labels need them. */
export type UserName = Pick<UserRow, 'id' | 'displayName'>;

/** What labels are read from: the store, or (in an export's formatting thread) a proxy of it. */
export interface LabelSource {
  getUsers(ids: readonly string[]): Promise<UserName[]>;
  listUserNames(): Promise<UserName[]>;
  fieldValues: Store['fieldValues'];
  listRecords: Store['listRecords'];
}

const ID_CHUNK = 400;
const USERS_BY_ID = 1000;

/** Resolves labels for one request. */
export class Labeler {
  readonly #users = new Map<string, string>();
  #usersLoaded = false;
  /** `<form>` → record id → display text. */
  readonly #records = new Map<string, Map<string, string>>();

  constructor(
    private readonly store: LabelSource,
    private readonly app: string,
    private readonly forms: ReadonlyMap<string, FormDef>,
    readonly lang: Lang,
    /** The zone instants are written in (exports); UTC unless given. */
    timeZone = 'UTC',
  ) {
    this.dateTime = localDateTime(timeZone);
  }

  /** An ISO instant as local time with the offset (`2026-12-06 23:14:14 +08:00`). */
  readonly dateTime: (iso: string) => string;

  localize(text: LocalizedText | undefined): string {
    return localize(text, this.lang);
  }

  /** Loads whatever `values` of `field` need (relation records, users) before `label` is called. */
  async prepare(field: FieldDef | undefined, values: Iterable<unknown>): Promise<void> {
    if (!field) return;
    if (field.type === 'user' && !this.#usersLoaded) {
      const wanted = [
        ...new Set(
          [...values].filter(
            (v): v is string => typeof v === 'string' && v.length <= 100 && !this.#users.has(v),
          ),
        ),
      ];
      // A chart's groups (at most a thousand) by their ids: a seeded million requests have 60,000
      // portal accounts, and reading them all to name 150 technicians took 400 ms.
      if (wanted.length > USERS_BY_ID) await this.loadAllUsers();
      else if (wanted.length > 0) {
        for (const u of await this.store.getUsers(wanted)) this.#users.set(u.id, u.displayName);
        for (const id of wanted) if (!this.#users.has(id)) this.#users.set(id, id);
      }
    }
    if (field.type === 'relation' && field.form) {
      const known = this.#records.get(field.form) ?? new Map<string, string>();
      this.#records.set(field.form, known);
      const wanted = [
        ...new Set(
          [...values].filter((v): v is string => typeof v === 'string' && v.length <= 100 && !known.has(v)),
        ),
      ];
      await this.displayValues(field, wanted, known);
    }
  }

  /** The key of the related form's field a relation `field` shows (undefined: it shows ids). */
  displayKey(field: FieldDef): string | undefined {
    return this.#display(field).key;
  }

  /**
   * The display text of a relation `field`'s related record from its display field's typed column
   * value, as `displayValues` makes it: what an export's scan reads beside each record.
   */
  displayText(field: FieldDef): (value: string | number) => string {
    const { def } = this.#display(field);
    return (value) => this.#plain(def, this.#fromColumn(def, value));
  }

  /** The related form's display field of a relation `field` (its own `display`, else the first text). */
  #display(field: FieldDef): { key: string | undefined; def: FieldDef | undefined } {
    const related = field.form ? this.forms.get(field.form) : undefined;
    const key =
      field.display ?? related?.fields.find((f) => f.type === 'text' || f.type === 'autonumber')?.key;
    return { key, def: related?.fields.find((f) => f.key === key) };
  }

  /** A display field's typed column value as the record's data holds it (booleans are 0/1 there). */
  #fromColumn(def: FieldDef | undefined, value: string | number): unknown {
    return def?.type === 'boolean' ? value === 1 : value;
  }

  /** Reads every user's name once: an export names thousands of creators, chunk after chunk. */
  async loadAllUsers(): Promise<void> {
    if (this.#usersLoaded) return;
    for (const u of await this.store.listUserNames()) this.#users.set(u.id, u.displayName);
    this.#usersLoaded = true;
  }

  /**
   * Sets each of `ids` (related records of a relation `field`) in `into` to its display text, or to
   * the id when no such record exists. The display field's typed column is read (no record JSON),
   * 500 ids a query; a display field without a column, or an empty column, reads the records.
   */
  async displayValues(field: FieldDef, ids: readonly string[], into: Map<string, string>): Promise<void> {
    if (field.type !== 'relation' || !field.form) return;
    const { key: display, def: displayField } = this.#display(field);
    let rest = ids;
    if (display && ids.length) {
      const values = await this.store.fieldValues(this.app, field.form, display, ids);
      if (values) {
        for (const v of values)
          if (v.value !== null)
            into.set(v.id, this.#plain(displayField, this.#fromColumn(displayField, v.value)));
        rest = ids.filter((id) => !into.has(id));
      }
    }
    for (let i = 0; i < rest.length; i += ID_CHUNK) {
      const page = rest.slice(i, i + ID_CHUNK);
      const found = await this.store.listRecords(this.app, field.form, {
        filter: { in: [{ var: 'id' }, page] },
        limit: ID_CHUNK,
      });
      for (const r of found.items)
        into.set(r.id, display ? this.#plain(displayField, r.data[display]) : r.id);
      for (const id of page) if (!into.has(id)) into.set(id, id);
    }
  }

  /**
   * The display text of every record of the related form of `field`, read in one pass over the
   * display field's column, when the form has at most `limit` records; else undefined.
   */
  async allDisplayValues(field: FieldDef, limit: number): Promise<Map<string, string> | undefined> {
    if (field.type !== 'relation' || !field.form) return undefined;
    const { key: display, def: displayField } = this.#display(field);
    if (!display) return undefined;
    const values = await this.store.fieldValues(this.app, field.form, display, undefined, limit + 1);
    if (!values || values.length > limit) return undefined;
    const out = new Map<string, string>();
    const empty: string[] = [];
    for (const v of values) {
      if (v.value === null) empty.push(v.id);
      else out.set(v.id, this.#plain(displayField, this.#fromColumn(displayField, v.value)));
    }
    // An empty column may still hold a value of another type in the JSON: those few read it.
    if (empty.length) await this.displayValues(field, empty, out);
    return out;
  }

  /** The label of one value of `field` (after `prepare` for relations and users). */
  label(field: FieldDef | undefined, value: unknown): string {
    if (value === null || value === undefined || value === '')
      return this.lang === 'en' ? '(empty)' : '（空）';
    if (!field) return typeof value === 'string' ? value : JSON.stringify(value);
    if (field.type === 'relation' && field.form && typeof value === 'string')
      return this.#records.get(field.form)?.get(value) ?? value;
    if (field.type === 'user' && typeof value === 'string') return this.#users.get(value) ?? value;
    return this.#plain(field, value);
  }

  /** A value as export text: select labels, booleans as words, lists joined. Relations and users via `label`. */
  #plain(field: FieldDef | undefined, value: unknown): string {
    if (value === null || value === undefined) return '';
    if (field?.type === 'select' || field?.type === 'multiselect') {
      const one = (v: unknown) =>
        localize(field.options?.find((o) => o.value === v)?.label, this.lang) || String(v);
      return Array.isArray(value) ? value.map(one).join(', ') : one(value);
    }
    if (typeof value === 'boolean') return this.lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
    if (typeof value === 'string' || typeof value === 'number') return String(value);
    return JSON.stringify(value);
  }

  /** A field's value as a spreadsheet cell: numbers stay numbers, everything else is its label. */
  cell(field: FieldDef, value: unknown): string | number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number' && field.type !== 'select') return value;
    if (
      field.type === 'relation' ||
      field.type === 'user' ||
      field.type === 'select' ||
      field.type === 'multiselect' ||
      field.type === 'boolean'
    )
      return this.label(field, value);
    if (field.type === 'address' && typeof value === 'object')
      return Object.values(value as Record<string, unknown>)
        .filter((v) => typeof v === 'string' && v !== '')
        .join(' ');
    if (field.type === 'files' && Array.isArray(value))
      return value.length ? `${value.length} file(s)` : null;
    if (field.type === 'table' && Array.isArray(value)) return JSON.stringify(value);
    return this.#plain(field, value);
  }
}
