/**
 * 抄送 (copies) and 催办 (urges).
 *
 * `copies`: one row per recipient (a user or a role, as `task_assignees` keys them) of a node's
 * copy: the case, the node, and the fields the copy shows (`fields`, a JSON array), so a copied
 * person reads exactly those even when they otherwise could not open the record. Listed newest
 * first per recipient key (`copies_inbox`) and looked up per instance when a record is opened.
 * `copy_reads`: who has read which copy (a role's copy is read per holder).
 *
 * `task_urges`: the last reminder sent for each task, so the once-an-hour limit holds across
 * restarts and servers sharing a database.
 */
import type { Kysely, Migration } from 'kysely';

export const copiesUrges: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('copies')
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('app', 'text', (c) => c.notNull())
      .addColumn('instance_id', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('form', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('node_name', 'text', (c) => c.notNull())
      .addColumn('fields', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('copies_pk', ['id', 'kind', 'value'])
      .execute();
    await s.createIndex('copies_inbox').on('copies').columns(['kind', 'value', 'created_at', 'id']).execute();
    await s.createIndex('copies_instance').on('copies').columns(['instance_id', 'kind', 'value']).execute();
    await s
      .createTable('copy_reads')
      .addColumn('copy_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('copy_reads_pk', ['copy_id', 'user_id'])
      .execute();
    await s
      .createTable('task_urges')
      .addColumn('task_id', 'text', (c) => c.primaryKey())
      .addColumn('urged_at', 'text', (c) => c.notNull())
      .addColumn('urged_by', 'text', (c) => c.notNull())
      .execute();
  },
};
