/**
 * A related list (关联查询) of a record: the related form's records that match it, as the viewer
 * may see both. The record is read as the viewer sees it (404 when hidden from them), so a match
 * never reads a field the viewer is not shown; the related records come from the viewer's own
 * record list (a customer only finds what they may read), newest first, cut to the list's fields.
 */
import type { FieldDef, LocalizedText, RelatedListDef } from '../../engine/index.js';
import { FlowcaseError, relatedListFilter } from '../../engine/index.js';
import type { RecordRow, Store } from '../store/store.js';
import type { VersionCache } from '../apps/version-cache.js';
import { loadRelations } from './relation-lookups.js';
import type { Actor, CaseService, RecordView } from './types.js';

export interface RelatedList {
  key: string;
  label: LocalizedText;
  form: string;
  /** The related form's fields each item shows, in order. */
  fields: string[];
  items: { id: string; createdAt: string; data: Record<string, unknown> }[];
}

export interface RelatedListDeps {
  store: Store;
  definitions: VersionCache;
  view(recordId: string, actor: Actor): Promise<RecordView>;
  listRecords: CaseService['listRecords'];
  now(): Date;
  today(): string;
}

const DEFAULT_LIMIT = 10;
const DEFAULT_FIELDS = 4;

function relationForms(fields: readonly FieldDef[]): Map<string, string> {
  return new Map(fields.filter((f) => f.type === 'relation' && f.form).map((f) => [f.key, f.form!]));
}

export async function relatedList(
  deps: RelatedListDeps,
  recordId: string,
  key: string,
  actor: Actor,
): Promise<RelatedList> {
  const { record } = await deps.view(recordId, actor);
  const version = await deps.definitions.get(record.app, record.version);
  const form = version.forms.get(record.form)?.def;
  const list: RelatedListDef | undefined = form?.relatedLists?.find((r) => r.key === key);
  if (!form || !list)
    throw new FlowcaseError('FC_NOT_FOUND', `Form "${record.form}" has no related list "${key}".`, {
      path: '/key',
    });
  const target = (await deps.definitions.latest(record.app)).forms.get(list.form)?.def;
  if (!target)
    throw new FlowcaseError('FC_NOT_FOUND', `The related form "${list.form}" is no longer part of the app.`, {
      path: '/key',
    });

  const fields =
    list.show ??
    target.fields
      .filter((f) => f.type !== 'files' && f.type !== 'table')
      .slice(0, DEFAULT_FIELDS)
      .map((f) => f.key);
  const answer: RelatedList = { key: list.key, label: list.label, form: list.form, fields, items: [] };
  // Rules may read linked records (`product.category`): those the viewer's data names, read once.
  const lookup = await loadRelations(deps.store, record.app, form.fields, [record.data]);
  const byField = relationForms(form.fields);
  const query = relatedListFilter(list, {
    data: record.data,
    today: deps.today(),
    now: deps.now().toISOString(),
    user: actor.id,
    lookup: (field, id) => {
      const linked = byField.get(field);
      return linked === undefined ? undefined : lookup(linked, id);
    },
  });
  if (query === undefined) return answer;
  const page = await deps.listRecords(
    record.app,
    list.form,
    { filter: query.filter, sort: [{ field: 'createdAt', dir: 'desc' }], limit: list.limit ?? DEFAULT_LIMIT },
    actor,
  );
  answer.items = page.items.map((r: RecordRow) => ({
    id: r.id,
    createdAt: r.createdAt,
    data: pick(r.data, fields),
  }));
  return answer;
}

function pick(data: Readonly<Record<string, unknown>>, keys: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (Object.hasOwn(data, key) && data[key] !== undefined) out[key] = data[key];
  return out;
}
