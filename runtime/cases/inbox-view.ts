/**
 * The inbox as lists show it: each task with the display text of its visible relation and user
 * values (`display`: the customer's and the product's names), and a search (`q`) that finds a
 * task by its step's name or any value it shows, names included, in the reader's language.
 *
 * A search scans the inbox in its order, page by page (at most `SCAN_MAX` tasks per request), and
 * answers the matches of the pages it read: at least `limit` of them unless the tasks ran out,
 * with the cursor of the next page to scan.
 */
import { FlowcaseError, type FieldDef, type LocalizedText } from '../../engine/index.js';
import type { Store } from '../store/store.js';
import type { VersionCache } from '../apps/version-cache.js';
import { displayValues } from './display-values.js';
import type { Actor, CaseService, TaskView } from './types.js';

export interface InboxDeps {
  store: Pick<Store, 'fieldValues' | 'getUsers'>;
  cases: Pick<CaseService, 'inbox' | 'listRecords'>;
  definitions: VersionCache;
}

export type ListedTask = TaskView & { display: Record<string, string> };

/** Tasks one search request reads at most. */
export const SCAN_MAX = 1000;

function localize(text: LocalizedText | undefined, lang: 'en' | 'zh'): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  return (lang === 'en' ? (text.en ?? text.zh) : (text.zh ?? text.en)) ?? '';
}

/** The page's tasks with `display`, each app's definition read once. */
async function withDisplay(
  deps: InboxDeps,
  tasks: readonly TaskView[],
  actor: Actor,
): Promise<{ task: ListedTask; fields: FieldDef[] }[]> {
  const byApp = new Map<string, TaskView[]>();
  for (const t of tasks) byApp.set(t.app ?? '', [...(byApp.get(t.app ?? '') ?? []), t]);
  const out = new Map<string, { task: ListedTask; fields: FieldDef[] }>();
  for (const [app, list] of byApp) {
    // A task of an app that is gone still lists, without names.
    const version = app
      ? await deps.definitions.latest(app).catch((e: unknown) => {
          if (e instanceof FlowcaseError) return undefined;
          throw e;
        })
      : undefined;
    const display = version
      ? await displayValues(
          deps,
          version,
          list.map((t) => ({ form: t.form ?? '', data: t.data })),
          actor,
        )
      : [];
    list.forEach((t, i) =>
      out.set(t.id, {
        task: { ...t, display: display[i] ?? {} },
        fields: (version && t.form ? version.forms.get(t.form)?.def.fields : undefined) ?? [],
      }),
    );
  }
  return tasks.map((t) => out.get(t.id)!);
}

/** What a reader sees of a task, as one lower-case text: its step, its values by label, the names. */
function seenText(task: ListedTask, fields: readonly FieldDef[], lang: 'en' | 'zh'): string {
  const parts: string[] = [task.nodeName];
  const byKey = new Map(fields.map((f) => [f.key, f]));
  for (const [key, value] of Object.entries(task.data)) {
    const f = byKey.get(key);
    const shown = task.display[key];
    if (shown !== undefined) parts.push(shown);
    else if (f?.type === 'select' || f?.type === 'multiselect') {
      for (const v of Array.isArray(value) ? value : [value])
        parts.push(localize(f.options?.find((o) => o.value === v)?.label, lang) || String(v));
    } else if (typeof value === 'string' || typeof value === 'number') parts.push(String(value));
  }
  return parts.join('\n').toLowerCase();
}

/** One page of the actor's inbox with display text; with `q`, only the tasks matching it. */
export async function inboxPage(
  deps: InboxDeps,
  actor: Actor,
  status: 'open' | 'done' | 'cancelled',
  options: { limit?: number; cursor?: string; q?: string },
): Promise<{ items: ListedTask[]; nextCursor?: string }> {
  const limit = options.limit ?? 50;
  const needle = (options.q ?? '').trim().toLowerCase().slice(0, 100);
  const lang = actor.language === 'en' ? 'en' : 'zh';
  if (!needle) {
    const page = await deps.cases.inbox(actor, status, {
      limit,
      ...(options.cursor ? { cursor: options.cursor } : {}),
    });
    const items = (await withDisplay(deps, page.items, actor)).map((x) => x.task);
    return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
  }
  const items: ListedTask[] = [];
  let cursor = options.cursor;
  let scanned = 0;
  do {
    const page = await deps.cases.inbox(actor, status, { limit, ...(cursor ? { cursor } : {}) });
    scanned += page.items.length;
    for (const { task, fields } of await withDisplay(deps, page.items, actor))
      if (seenText(task, fields, lang).includes(needle)) items.push(task);
    cursor = page.nextCursor;
  } while (cursor && items.length < limit && scanned < SCAN_MAX);
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}
