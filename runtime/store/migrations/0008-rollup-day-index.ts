/**
 * Rollup rows by day: a dashboard reads one rollup over a range of days (and, since rollups keep
 * month rows too, over a range of months), so `(rollup_id, day)` lets it read only those rows
 * instead of every key of the rollup. Rollups built before month rows existed are rebuilt when the
 * store opens (their spec no longer matches what the dashboards want).
 */
import type { Kysely, Migration } from 'kysely';

export const rollupDayIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('record_rollups_day')
      .on('record_rollups')
      .columns(['rollup_id', 'day'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('record_rollups_day').execute();
  },
};
