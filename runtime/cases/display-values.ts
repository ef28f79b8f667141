/**
 * What a list shows for the ids in records: a relation's linked record by its display field (the
 * customer's name, the product's name) and a user by display name. Lists and the inbox send these
 * beside each row (`display`), so a page of fifty rows costs one read per linked form and one of
 * users, not a request per cell from the browser.
 *
 * Only values already in the row are named, so whatever cut the row's data (a task node's visible
 * fields, a customer's readable set) also limits the names. A customer's linked records are read
 * through their own access (the list route's scope and readable fields): a record they may not
 * open is not named.
 */
import type { FieldDef, LocalizedText } from '../../engine/index.js';
import type { Store } from '../store/store.js';
import { isCustomerOf } from './access.js';
import type { AppVersion } from './definitions.js';
import type { Actor, CaseService } from './types.js';

/** A row's data with its form, as lists and tasks carry them. */
export interface Row {
  form: string;
  data: Record<string, unknown>;
}

export interface DisplayDeps {
  store: Pick<Store, 'fieldValues' | 'getUsers'>;
  cases: Pick<CaseService, 'listRecords'>;
}

const IDS_PER_READ = 500;

function localize(text: LocalizedText | undefined, lang: 'en' | 'zh'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}

/** The related form's field a relation shows: its own `display`, else the first text or autonumber. */
export function displayField(version: AppVersion, field: FieldDef): FieldDef | undefined {
  const related = field.form ? version.forms.get(field.form)?.def : undefined;
  if (!related) return undefined;
  const key = field.display ?? related.fields.find((f) => f.type === 'text' || f.type === 'autonumber')?.key;
  return related.fields.find((f) => f.key === key);
}

function text(field: FieldDef | undefined, value: unknown, lang: 'en' | 'zh'): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') return undefined;
  if (field?.type === 'select')
    return localize(field.options?.find((o) => o.value === value)?.label, lang) || String(value);
  if (typeof value === 'boolean') return lang === 'en' ? (value ? 'yes' : 'no') : value ? '是' : '否';
  return String(value);
  return undefined;
}

/**
 * For each row, its relation and user values' display text by field key (`{ customer: '王小明',
 * technician: '张工' }`); ids that name nothing the viewer may see are left out.
 */
export async function displayValues(
  deps: DisplayDeps,
  version: AppVersion,
  rows: readonly Row[],
  actor: Actor,
): Promise<Record<string, string>[]> {
  const lang = actor.language === 'en' ? 'en' : 'zh';
  const customer = isCustomerOf(actor, version);
  const fieldsOf = (form: string): FieldDef[] => version.forms.get(form)?.def.fields ?? [];
  // Wanted ids per related form (with the field whose display names them), and user ids.
  const wanted = new Map<string, { show: FieldDef | undefined; ids: Set<string> }>();
  const users = new Set<string>();
  for (const row of rows) {
    for (const f of fieldsOf(row.form)) {
      const v = row.data[f.key];
      if (typeof v !== 'string' || v === '' || v.length > 100) continue;
      if (f.type === 'user') users.add(v);
      if (f.type === 'relation' && f.form) {
        const entry = wanted.get(f.form) ?? { show: displayField(version, f), ids: new Set<string>() };
        wanted.set(f.form, entry);
        entry.ids.add(v);
      }
    }
  }
  const names = new Map<string, Map<string, string>>();
  await Promise.all(
    [...wanted].map(async ([form, { show, ids }]) => {
      const found = new Map<string, string>();
      names.set(form, found);
      if (!show) return;
      const list = [...ids];
      for (let i = 0; i < list.length; i += IDS_PER_READ) {
        const page = list.slice(i, i + IDS_PER_READ);
        if (customer) {
          // Through the customer's own access: their scope and readable fields.
          const { items } = await deps.cases.listRecords(
            version.app,
            form,
            { filter: { in: [{ var: 'id' }, page] }, limit: IDS_PER_READ },
            actor,
          );
          for (const r of items) {
            const t = text(show, r.data[show.key], lang);
            if (t !== undefined) found.set(r.id, t);
          }
          continue;
        }
        const values = await deps.store.fieldValues(version.app, form, show.key, page);
        for (const v of values ?? []) {
          const t = text(show, show.type === 'boolean' ? v.value === 1 : v.value, lang);
          if (t !== undefined) found.set(v.id, t);
        }
      }
    }),
  );
  const userNames = new Map(
    (users.size ? await deps.store.getUsers([...users]) : []).map((u) => [u.id, u.displayName]),
  );
  return rows.map((row) => {
    const out: Record<string, string> = {};
    for (const f of fieldsOf(row.form)) {
      const v = row.data[f.key];
      if (typeof v !== 'string') continue;
      const name =
        f.type === 'user'
          ? userNames.get(v)
          : f.type === 'relation' && f.form
            ? names.get(f.form)?.get(v)
            : undefined;
      if (name !== undefined) out[f.key] = name;
    }
    return out;
  });
}
