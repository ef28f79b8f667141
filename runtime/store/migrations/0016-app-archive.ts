/**
 * Archived apps (the app studio's 归档): `apps.archived_at` holds when an administrator archived
 * the app, null while it is in use. An archived app leaves the end users' app list; its versions,
 * records and cases stay as they were (links to them keep working), and unarchiving brings it back.
 */
import type { Kysely, Migration } from 'kysely';

export const appArchive: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('apps').addColumn('archived_at', 'text').execute();
  },
};
