/**
 * Subflows: a `subflow` node of one instance (the parent) starts another flow's instance (the
 * child). `subflow_links` keeps one row per start, keyed by the engine's call id, so the start is
 * applied once however often its outbox row is delivered; the child's row tells the runtime, when
 * the child ends, which parent node waits for it, and how deep the chain of parents is (the
 * runtime refuses a start beyond its depth limit). Looked up by child (`subflow_links_child`)
 * and listed by parent (`subflow_links_parent`) for the case view.
 */
import type { Kysely, Migration } from 'kysely';

export const subflowLinks: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('subflow_links')
      .addColumn('call_id', 'text', (c) => c.primaryKey())
      .addColumn('parent_instance_id', 'text', (c) => c.notNull())
      .addColumn('parent_record_id', 'text', (c) => c.notNull())
      .addColumn('parent_node', 'text', (c) => c.notNull())
      .addColumn('child_instance_id', 'text', (c) => c.notNull())
      .addColumn('child_record_id', 'text', (c) => c.notNull())
      .addColumn('depth', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('subflow_links_child')
      .on('subflow_links')
      .column('child_instance_id')
      .unique()
      .execute();
    await s
      .createIndex('subflow_links_parent')
      .on('subflow_links')
      .columns(['parent_instance_id', 'created_at'])
      .execute();
  },
};
