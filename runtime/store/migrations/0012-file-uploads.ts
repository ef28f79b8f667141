/**
 * A `files` row is one upload, no longer one content: its id is random and `blob` names the
 * content (its SHA-256, the file under `<dataDir>/files/`). Two people who upload the same bytes
 * share the blob but each keep their own row, name and id, so neither learns the other's file
 * name nor depends on the other's upload. Rows from before were keyed by their content hash,
 * which is therefore their blob.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const fileUploads: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('files')
      .addColumn('blob', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    await sql`update files set blob = id`.execute(db);
  },
};
