/**
 * Dashboard rollups: aggregates kept per widget key and local day in the same transaction as each
 * record write (rollup-*.ts). `rollup_defs` holds what each rollup sums (a JSON spec derived from
 * the published dashboards); `record_rollups` holds the additive parts per (rollup, key, day).
 * Keys are text with `''` for NULL and `'=' || value` otherwise, so they can be part of the
 * primary key (an upsert target) on both databases.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const rollups: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('rollup_defs')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('form_table_id', 'integer', (c) => c.notNull().references('form_tables.id'))
      .addColumn('spec', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('rollup_defs_form').on('rollup_defs').column('form_table_id').execute();
    let t = s
      .createTable('record_rollups')
      .addColumn('rollup_id', 'integer', (c) => c.notNull())
      .addColumn('k1', 'text', (c) => c.notNull())
      .addColumn('k2', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('c', 'bigint', (c) => c.notNull());
    for (let i = 1; i <= 4; i++) {
      t = t
        .addColumn(`s${i}`, sql`double precision`, (c) => c.notNull())
        .addColumn(`n${i}`, 'bigint', (c) => c.notNull());
    }
    await t.addPrimaryKeyConstraint('record_rollups_pk', ['rollup_id', 'k1', 'k2', 'day']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('record_rollups').execute();
    await db.schema.dropTable('rollup_defs').execute();
  },
};
