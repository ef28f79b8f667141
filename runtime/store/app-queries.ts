/**
 * Apps, drafts and immutable published versions. Publishing is one transaction: the version row,
 * the record tables of its forms, and the app's current version move together.
 */
import { sql, type Selectable } from 'kysely';
import { FlowcaseError, type AppBundle } from '../../engine/index.js';
import { DraftRevisionConflict } from './draft-revision.js';
import { syncFormTables } from './form-registry.js';
import type { AppsTable } from './schema.js';
import { parseJson, parseJsonOrNull, touchedNone } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { AppRow, AppVersionRow, AppVersionSummary } from './types.js';

function toApp(r: Selectable<AppsTable>): AppRow {
  // The draft is a whole bundle: parsed on first read only (most callers want the current
  // version). Redefining the property keeps its place in the key order.
  const text = r.draft;
  const app: AppRow = {
    key: r.key,
    name: parseJson(r.name),
    currentVersion: r.current_version === null ? null : Number(r.current_version),
    get draft(): AppBundle | null {
      return settle(parseJsonOrNull<AppBundle>(text));
    },
    set draft(value: AppBundle | null) {
      settle(value);
    },
    draftRevision: Number(r.draft_revision ?? 0),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    archivedAt: r.archived_at ?? null,
  };
  function settle(value: AppBundle | null): AppBundle | null {
    Object.defineProperty(app, 'draft', { value, writable: true, enumerable: true, configurable: true });
    return value;
  }
  return app;
}

export async function listApps(db: Executor): Promise<AppRow[]> {
  return (await db.selectFrom('apps').selectAll().orderBy('key').execute()).map(toApp);
}

export async function getApp(db: Executor, key: string): Promise<AppRow | undefined> {
  const r = await db.selectFrom('apps').selectAll().where('key', '=', key).executeTakeFirst();
  return r ? toApp(r) : undefined;
}

/**
 * Only the current version: every record creation asks for it, and the app row also holds the
 * whole draft bundle, which a `select *` copies out of its overflow pages each time.
 */
export async function getCurrentVersion(db: Executor, key: string): Promise<number | null | undefined> {
  const r = await db.selectFrom('apps').select('current_version').where('key', '=', key).executeTakeFirst();
  return r ? (r.current_version === null ? null : Number(r.current_version)) : undefined;
}

export async function getAppVersion(
  db: Executor,
  key: string,
  version: number,
): Promise<AppVersionRow | undefined> {
  const r = await db
    .selectFrom('app_versions')
    .selectAll()
    .where('app_key', '=', key)
    .where('version', '=', version)
    .executeTakeFirst();
  return r
    ? {
        app: r.app_key,
        version: Number(r.version),
        bundle: parseJson(r.bundle),
        publishedAt: r.published_at,
        publishedBy: r.published_by,
      }
    : undefined;
}

/** Every published version of an app, newest first, without their bundles. */
export async function listAppVersions(db: Executor, key: string): Promise<AppVersionSummary[]> {
  const rows = await db
    .selectFrom('app_versions')
    .select(['version', 'published_at', 'published_by'])
    .where('app_key', '=', key)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({
    version: Number(r.version),
    publishedAt: r.published_at,
    publishedBy: r.published_by,
  }));
}

/** Archives (`at`) or unarchives (null) an app; false when there is no such app. */
export async function setAppArchived(db: Executor, key: string, at: string | null): Promise<boolean> {
  const result = await db
    .updateTable('apps')
    .set({ archived_at: at })
    .where('key', '=', key)
    .executeTakeFirst();
  return !touchedNone(result);
}

/**
 * Stores the draft and returns its new revision. With `revision`, the update is made only where
 * the stored revision still equals it (one statement, so two saves on the same revision cannot
 * both win); otherwise nothing is written and `DraftRevisionConflict` names the current revision.
 */
export async function saveDraft(
  db: Executor,
  ctx: StoreContext,
  key: string,
  bundle: AppBundle,
  options: { revision?: number } = {},
): Promise<number> {
  const at = ctx.now();
  const text = JSON.stringify(bundle);
  if (options.revision !== undefined) {
    const updated = await db
      .updateTable('apps')
      .set({ draft: text, draft_revision: sql<number>`draft_revision + 1`, updated_at: at })
      .where('key', '=', key)
      .where('draft_revision', '=', options.revision)
      .returning('draft_revision')
      .executeTakeFirst();
    if (updated) return Number(updated.draft_revision);
    const current = await db
      .selectFrom('apps')
      .select('draft_revision')
      .where('key', '=', key)
      .executeTakeFirst();
    if (!current) throw new FlowcaseError('FC_NOT_FOUND', `There is no app ${key}.`);
    throw new DraftRevisionConflict(key, Number(current.draft_revision), options.revision);
  }
  const row = await db
    .insertInto('apps')
    .values({
      key,
      name: JSON.stringify(bundle.name),
      current_version: null,
      draft: text,
      draft_revision: 1,
      created_at: at,
      updated_at: at,
    })
    .onConflict((oc) =>
      oc
        .column('key')
        .doUpdateSet({ draft: text, draft_revision: sql<number>`apps.draft_revision + 1`, updated_at: at }),
    )
    .returning('draft_revision')
    .executeTakeFirstOrThrow();
  return Number(row.draft_revision);
}

export async function publishApp(
  db: Executor,
  ctx: StoreContext,
  key: string,
  options: { by: string; bundle?: AppBundle; at?: string; draft?: AppBundle },
): Promise<number> {
  const at = options.at ?? ctx.now();
  const app = await getApp(db, key);
  const source = options.bundle ?? app?.draft;
  if (!source) throw new FlowcaseError('FC_NOT_FOUND', `App ${key} has no draft to publish`);
  if (source.key !== key)
    throw new FlowcaseError('FC_BAD_REQUEST', `Bundle key ${source.key} does not match app ${key}`, {
      path: '/key',
    });
  const version = (app?.currentVersion ?? 0) + 1;
  const bundle: AppBundle = { ...source, version };
  if (!app) {
    await db
      .insertInto('apps')
      .values({
        key,
        name: JSON.stringify(bundle.name),
        current_version: null,
        draft: null,
        draft_revision: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
  }
  await db
    .insertInto('app_versions')
    .values({
      app_key: key,
      version,
      bundle: JSON.stringify(bundle),
      published_at: at,
      published_by: options.by,
    })
    .execute();
  await syncFormTables(db, ctx.dialect, key, bundle, version);
  await db
    .updateTable('apps')
    .set({
      current_version: version,
      name: JSON.stringify(bundle.name),
      updated_at: at,
      // An administrator's change to the published app (its name, who designs it) is made to the
      // draft too, in the same transaction, so the next publish keeps it.
      ...(options.draft
        ? { draft: JSON.stringify(options.draft), draft_revision: sql<number>`draft_revision + 1` }
        : {}),
    })
    .where('key', '=', key)
    .execute();
  return version;
}
