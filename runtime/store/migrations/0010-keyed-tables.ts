/**
 * On SQLite, the open-task rows live in their primary key's B-tree (WITHOUT ROWID) instead of in
 * a rowid table beside a separate key index: nearly every step adds one open task and removes
 * another, and each wrote a page of both B-trees, now of one. The table holds open tasks only, so
 * it is copied over in the migration. PostgreSQL has no rowid tables and keeps its layout.
 * (The rollup rows stay as they are: an upsert of an existing rollup row only reads the key index
 * and rewrites the row, so moving the rows into the key's B-tree saved no page.)
 */
import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';

export const keyedTables: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
    await sql`create table flow_open_tasks_keyed (task_id text not null primary key, app_key text not null, flow_key text not null, node text not null, due_at text, breached integer not null) without rowid`.execute(
      db,
    );
    await sql`insert into flow_open_tasks_keyed select task_id, app_key, flow_key, node, due_at, breached from flow_open_tasks`.execute(
      db,
    );
    await sql`drop table flow_open_tasks`.execute(db);
    await sql`alter table flow_open_tasks_keyed rename to flow_open_tasks`.execute(db);
    await db.schema
      .createIndex('flow_open_tasks_flow')
      .on('flow_open_tasks')
      .columns(['app_key', 'flow_key', 'node', 'due_at', 'breached'])
      .execute();
  },
};
