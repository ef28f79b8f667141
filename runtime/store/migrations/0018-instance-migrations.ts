/**
 * Moving open cases between versions (issue 23): one row per migration run, written when it starts
 * and updated after every batch, so the designer lists past migrations (who, when, from, to, how
 * many moved, were skipped or failed, and why) and a run stopped half-way (a killed process)
 * stays visible as `running` with the counts it reached. Listed per app, newest first.
 */
import type { Kysely, Migration } from 'kysely';

export const instanceMigrations: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('instance_migrations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_version', 'integer', (c) => c.notNull())
      .addColumn('to_version', 'integer', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('accept_changes', 'integer', (c) => c.notNull())
      .addColumn('started_by', 'text', (c) => c.notNull())
      .addColumn('started_at', 'text', (c) => c.notNull())
      .addColumn('finished_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull())
      .addColumn('moved', 'integer', (c) => c.notNull())
      .addColumn('skipped', 'integer', (c) => c.notNull())
      .addColumn('failed', 'integer', (c) => c.notNull())
      .addColumn('failures', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('instance_migrations_app')
      .on('instance_migrations')
      .columns(['app_key', 'started_at'])
      .execute();
  },
};
