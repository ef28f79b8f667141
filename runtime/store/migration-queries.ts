/**
 * `instance_migrations` (migration 0018): the record of each run moving open cases from one
 * version to another, and the one write a moved instance needs besides its snapshot: its version.
 */
import type { Executor } from './store-context.js';
import { parseJson } from './sql-helpers.js';
import type { InstanceMigrationRow, InstanceMigrationProgress } from './types.js';
import type { InstanceMigrationsTable } from './schema.js';

function fromRow(r: InstanceMigrationsTable): InstanceMigrationRow {
  return {
    id: r.id,
    app: r.app_key,
    kind: r.kind === 'rollback' ? 'rollback' : 'migrate',
    from: Number(r.from_version),
    to: Number(r.to_version),
    mapping: parseJson(r.mapping),
    acceptChanges: Number(r.accept_changes) === 1,
    startedBy: r.started_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    status: r.status === 'done' ? 'done' : 'running',
    total: Number(r.total),
    moved: Number(r.moved),
    skipped: Number(r.skipped),
    failed: Number(r.failed),
    failures: parseJson(r.failures),
  };
}

export async function insertInstanceMigration(db: Executor, m: InstanceMigrationRow): Promise<void> {
  await db
    .insertInto('instance_migrations')
    .values({
      id: m.id,
      app_key: m.app,
      kind: m.kind,
      from_version: m.from,
      to_version: m.to,
      mapping: JSON.stringify(m.mapping),
      accept_changes: m.acceptChanges ? 1 : 0,
      started_by: m.startedBy,
      started_at: m.startedAt,
      finished_at: m.finishedAt,
      status: m.status,
      total: m.total,
      moved: m.moved,
      skipped: m.skipped,
      failed: m.failed,
      failures: JSON.stringify(m.failures),
    })
    .execute();
}

export async function updateInstanceMigration(
  db: Executor,
  id: string,
  p: InstanceMigrationProgress,
): Promise<void> {
  await db
    .updateTable('instance_migrations')
    .set({
      status: p.status,
      finished_at: p.finishedAt,
      moved: p.moved,
      skipped: p.skipped,
      failed: p.failed,
      failures: JSON.stringify(p.failures),
    })
    .where('id', '=', id)
    .execute();
}

/** An app's migration runs, newest first. */
export async function listInstanceMigrations(db: Executor, app: string): Promise<InstanceMigrationRow[]> {
  const rows = await db
    .selectFrom('instance_migrations')
    .selectAll()
    .where('app_key', '=', app)
    .orderBy('started_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map(fromRow);
}

/** Puts a moved instance on its new version (its snapshot is saved with the revision check first). */
export async function setInstanceVersion(db: Executor, id: string, version: number): Promise<void> {
  await db.updateTable('instances').set({ version }).where('id', '=', id).execute();
}
