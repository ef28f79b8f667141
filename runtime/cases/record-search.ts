/**
 * Free-text search over a form's records (`?q=` of the record list and exports): a record matches
 * when one of the fields its viewer may read contains the text, ignoring case: text, phone,
 * e-mail and autonumber fields directly, a select by its option's label, a relation by its linked
 * record's display value (the customer's name), a user field by the person's name (staff only).
 * The search becomes a JSON Logic filter over declared fields with the text as a literal, which
 * the store compiles with parameters only (LIKE with escaped wildcards); nothing of the text ever
 * becomes SQL or a field name.
 */
import type { FieldDef, JsonLogic, LocalizedText } from '../../engine/index.js';
import type { Store } from '../store/store.js';
import { isCustomerOf, readableFields } from './access.js';
import type { AppVersion } from './definitions.js';
import { displayField } from './display-values.js';
import type { Actor, CaseService } from './types.js';

export interface SearchDeps {
  store: Pick<Store, 'listRecords' | 'listUserNames'>;
  cases: Pick<CaseService, 'listRecords'>;
}

/** The longest search text taken (longer text is cut). */
export const SEARCH_MAX = 100;
/** Linked records or people a search names at most per field (the best-known ones first). */
const LINKED_MAX = 500;
const TEXT_TYPES = new Set(['text', 'textarea', 'phone', 'email', 'autonumber']);

function labels(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  return typeof text === 'string'
    ? [text]
    : [text.en, text.zh].filter((t): t is string => typeof t === 'string');
}

/** The records of `field`'s related form whose display value contains `needle`, as the actor may see them. */
async function linkedIds(
  deps: SearchDeps,
  version: AppVersion,
  field: FieldDef,
  needle: string,
  actor: Actor,
): Promise<string[]> {
  const show = displayField(version, field);
  if (!field.form || !show || !TEXT_TYPES.has(show.type)) return [];
  const query = { filter: { in: [needle, { var: show.key }] }, limit: LINKED_MAX };
  if (!isCustomerOf(actor, version))
    return (await deps.store.listRecords(version.app, field.form, query)).items.map((r) => r.id);
  // A customer searches linked records through their own access; a display field they may not read finds nothing.
  const readable = readableFields(actor, version, field.form);
  if (readable && !readable.includes(show.key)) return [];
  return (await deps.cases.listRecords(version.app, field.form, query, actor)).items.map((r) => r.id);
}

/**
 * The filter of records of `form` matching `q` for `actor`, undefined for an empty search (JSON
 * Logic is `unknown`, so that stays implicit in the type). A search that can match nothing is a
 * filter that matches nothing.
 */
export async function searchFilter(
  deps: SearchDeps,
  version: AppVersion,
  form: string,
  q: string | undefined,
  actor: Actor,
): Promise<JsonLogic> {
  const needle = (q ?? '').trim().slice(0, SEARCH_MAX);
  if (!needle) return undefined;
  const lower = needle.toLowerCase();
  const def = version.forms.get(form)?.def;
  const readable = readableFields(actor, version, form);
  const fields = (def?.fields ?? []).filter((f) => !readable || readable.includes(f.key));
  const customer = isCustomerOf(actor, version);
  let people: string[] | undefined;
  const parts: JsonLogic[] = [];
  for (const f of fields) {
    if (TEXT_TYPES.has(f.type)) parts.push({ in: [needle, { var: f.key }] });
    else if (f.type === 'select') {
      const values = (f.options ?? [])
        .filter((o) => [String(o.value), ...labels(o.label)].some((l) => l.toLowerCase().includes(lower)))
        .map((o) => o.value);
      if (values.length) parts.push({ in: [{ var: f.key }, values] });
    } else if (f.type === 'relation') {
      const ids = await linkedIds(deps, version, f, needle, actor);
      if (ids.length) parts.push({ in: [{ var: f.key }, ids] });
    } else if (f.type === 'user' && !customer) {
      people ??= (await deps.store.listUserNames())
        .filter((u) => u.displayName.toLowerCase().includes(lower))
        .slice(0, LINKED_MAX)
        .map((u) => u.id);
      if (people.length) parts.push({ in: [{ var: f.key }, people] });
    }
  }
  return parts.length ? { or: parts } : { in: [{ var: 'id' }, []] };
}
