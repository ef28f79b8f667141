/**
 * Fewer index pages per task and timer write, the same plans:
 * - `tasks_instance (instance_id)` repeats the first column of `tasks_flow_figures`, which serves
 *   every look-up by instance as well; each task insert paid for both.
 * - `timers_instance (instance_id)`: no query reads timers by instance (they are cancelled by
 *   id, found due through `timers_due`), yet every timer insert paid for it.
 * - `history_by_type` keeps only the events that end an instance, the only ones read through it
 *   (process analytics' finishes, with the same literal list in their WHERE clause): it had an
 *   entry for every event, a dozen per case.
 * - `tasks_done_by` keeps only completed tasks. Open ones (no `completed_by`) all sat in its NULL
 *   group, so opening a task wrote an entry there and completing it moved the entry: two leaf
 *   pages per completion instead of one. The done inbox asks `completed_by = ?`, which implies
 *   `completed_by is not null`, so both databases still read it from this index.
 */
import { sql, type Kysely, type Migration } from 'kysely';

/** The analytics queries' term, word for word (flow-analytics-queries.ts): otherwise neither database uses the index. */
const FINISHES = sql`type in ('instance.ended', 'instance.cancelled', 'instance.failed')`;

export const leanStepIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('tasks_instance').execute();
    await db.schema.dropIndex('timers_instance').execute();
    await db.schema.dropIndex('tasks_done_by').execute();
    await db.schema
      .createIndex('tasks_done_by')
      .on('tasks')
      .columns(['completed_by', 'completed_at', 'id'])
      .where(sql.ref('completed_by'), 'is not', null)
      .execute();
    await db.schema.dropIndex('history_by_type').execute();
    await sql`create index history_by_type on history (instance_id, type, at) where ${FINISHES}`.execute(db);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('history_by_type').execute();
    await db.schema
      .createIndex('history_by_type')
      .on('history')
      .columns(['instance_id', 'type', 'at'])
      .execute();
    await db.schema.dropIndex('tasks_done_by').execute();
    await db.schema
      .createIndex('tasks_done_by')
      .on('tasks')
      .columns(['completed_by', 'completed_at', 'id'])
      .execute();
    await db.schema.createIndex('tasks_instance').on('tasks').column('instance_id').execute();
    await db.schema.createIndex('timers_instance').on('timers').column('instance_id').execute();
  },
};
