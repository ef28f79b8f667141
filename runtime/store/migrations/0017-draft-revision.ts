/**
 * Drafts as a domain: `apps.draft_revision` counts the saves of an app's draft, so a designer's
 * save names the revision it was made on and a save made on an older one is refused (409) instead
 * of overwriting someone else's work. Existing drafts start at revision 0.
 */
import type { Kysely, Migration } from 'kysely';

export const draftRevision: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .alterTable('apps')
      .addColumn('draft_revision', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};
