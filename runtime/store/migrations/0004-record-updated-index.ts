/**
 * Record tables lose their `(updated_at, seq)` index. Every record update rewrites `updated_at`, so
 * the index cost a page write on every step that changes a record, and nothing reads through it:
 * dashboards count from rollups or by `created_at`, and no list in the product sorts or filters
 * by update time (an API client still may; it then sorts instead of reading an index range).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const recordUpdatedIndex: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const { rows } = await sql<{ id: number }>`select id from form_tables`.execute(db);
    for (const r of rows) await sql`drop index if exists ${sql.id(`ix_${Number(r.id)}_updated`)}`.execute(db);
  },
};
