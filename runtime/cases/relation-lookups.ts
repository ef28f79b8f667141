/**
 * The engine resolves relations synchronously (rules read `customer.tier`), while the store is
 * async. So before a step we load every record the data points to, once, inside the transaction.
 * The same load decides whether the writer may link those records at all: a customer may link only
 * records they may read (their own, or a catalogue their role reads), never another customer's.
 */
import type { FieldDef, LocalizedText, Problem } from '../../engine/index.js';
import type { RecordLookup } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { message } from '../../engine/form/index.js';
import type { RecordRow, StoreTx } from '../store/store.js';
import { canLinkRecord, isCustomerOf } from './access.js';
import type { AppVersion } from './definitions.js';
import type { Actor } from './types.js';
import type { Rejection } from './write-problems.js';

type Reader = Pick<StoreTx, 'getRecord'>;

/** Who writes which data, for the link check; `previous` values resent unchanged are not judged. */
export interface LinkGuard {
  actor: Actor;
  version: AppVersion;
  written: unknown;
  previous?: Readonly<Record<string, unknown>>;
}

interface RelationValue {
  id: string;
  form: string;
  path: string;
  label: LocalizedText;
}

function collect(fields: readonly FieldDef[], data: unknown, base: string, out: RelationValue[]): void {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return;
  const values = data as Record<string, unknown>;
  for (const field of fields) {
    const value = Object.prototype.hasOwnProperty.call(values, field.key) ? values[field.key] : undefined;
    const path = `${base}/${field.key}`;
    if (field.type === 'relation' && typeof value === 'string' && field.form)
      out.push({ id: value, form: field.form, path, label: field.label });
    if (field.type === 'table' && Array.isArray(value))
      value.forEach((row, i) => collect(field.columns ?? [], row, `${path}/${i}`, out));
  }
}

function labelIn(label: LocalizedText, language: 'en' | 'zh'): string {
  if (typeof label === 'string') return label;
  return (language === 'en' ? (label.en ?? label.zh) : (label.zh ?? label.en)) ?? '';
}

/**
 * Relation values in the guard's written data that the writer may not link. A missing record and
 * another customer's record get the same answer, so the error does not reveal which ids exist.
 */
function unlinkable(
  guard: LinkGuard,
  fields: readonly FieldDef[],
  found: ReadonlyMap<string, RecordRow>,
  language: 'en' | 'zh',
): (Problem & { label: LocalizedText })[] {
  const values: RelationValue[] = [];
  collect(fields, guard.written, '', values);
  const problems: (Problem & { label: LocalizedText })[] = [];
  for (const value of values) {
    const top = value.path.split('/')[1] ?? '';
    const written = (guard.written as Record<string, unknown>)[top];
    if (guard.previous && JSON.stringify(guard.previous[top]) === JSON.stringify(written)) continue;
    const row = found.get(value.id);
    if (row && row.form === value.form && canLinkRecord(guard.actor, guard.version, row)) continue;
    // The catalogue's words, so the web app can re-word them in the language on screen.
    problems.push({
      path: value.path,
      code: 'field.relation_not_allowed',
      message: message('field.relation_not_allowed', language),
      label: value.label,
    });
  }
  return problems;
}

/**
 * Loads the records referenced by relation fields in any of `sources` and returns a lookup that
 * answers only for records of the expected app and form (an id of another form resolves to nothing).
 * With `guard`, also the written links the writer may not make (one problem per field, as
 * `field.relation_not_allowed`), which the lookup does not resolve either: the form's rules see
 * such a record as missing, so the answer is the same for another customer's record and an id
 * that does not exist.
 */
export async function loadRelationsChecked(
  reader: Reader,
  app: string,
  fields: readonly FieldDef[],
  sources: readonly unknown[],
  guard?: LinkGuard,
): Promise<{ lookup: RecordLookup; refused?: Rejection }> {
  const values: RelationValue[] = [];
  for (const source of sources) collect(fields, source, '', values);
  if (guard) collect(fields, guard.written, '', values);
  const found = new Map<string, RecordRow>();
  for (const id of new Set(values.map((v) => v.id))) {
    if (id.length > 100) continue;
    const row = await reader.getRecord(id);
    if (row && row.app === app) found.set(id, row);
  }
  let refused: Rejection | undefined;
  // Staff may link any record of the app; a missing one is the form's own `relation_not_found`.
  if (guard && isCustomerOf(guard.actor, guard.version)) {
    const language = guard.actor.language === 'en' ? 'en' : 'zh';
    const problems = unlinkable(guard, fields, found, language);
    const first = problems[0];
    // The detail names the field by its label; each problem names it by its path.
    if (first) {
      refused = {
        message: {
          en: `${labelIn(first.label, 'en')}: ${message('field.relation_not_allowed', 'en')}`,
          zh: `${labelIn(first.label, 'zh')}：${message('field.relation_not_allowed', 'zh')}`,
        },
        problems: problems.map(({ path, code, message: text }) => ({ path, code, message: text })),
      };
      const written: RelationValue[] = [];
      collect(fields, guard.written, '', written);
      for (const path of new Set(problems.map((p) => p.path))) {
        const id = written.find((v) => v.path === path)?.id;
        if (id !== undefined) found.delete(id);
      }
    }
  }
  // Rules call this for every relation they read (each row of an import, several rules a step):
  // each record's view is made once. Nothing that reads a lookup writes to it.
  const views = new Map<string, Record<string, unknown>>();
  const lookup: RecordLookup = (form, id) => {
    const row = found.get(id);
    if (!row || row.form !== form) return undefined;
    let view = views.get(id);
    if (!view) views.set(id, (view = { ...row.data, id: row.id }));
    return view;
  };
  return refused ? { lookup, refused } : { lookup };
}

/**
 * `loadRelationsChecked`, throwing `FC_VALIDATION_FAILED` (422, one problem per field) when the
 * guard's written data links a record the writer may not read.
 */
export async function loadRelations(
  reader: Reader,
  app: string,
  fields: readonly FieldDef[],
  sources: readonly unknown[],
  guard?: LinkGuard,
): Promise<RecordLookup> {
  const { lookup, refused } = await loadRelationsChecked(reader, app, fields, sources, guard);
  if (refused)
    throw new FlowcaseError('FC_VALIDATION_FAILED', refused.message, { problems: refused.problems });
  return lookup;
}
