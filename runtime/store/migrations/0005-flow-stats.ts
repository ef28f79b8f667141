/**
 * Process analytics from aggregates kept in the transaction of every task and instance write
 * (flow-stats-*.ts), instead of reading every task and finishing event of a flow.
 * - `flow_task_stats`: per (app, flow, node, local day of completion, duration bucket) the tasks
 *   completed, their summed time spent (ms), how many had a due time and how many breached it.
 * - `flow_instance_stats`: per (app, flow, local day, kind, duration bucket) a count and summed
 *   cycle time (ms); kinds are `started` and `active` (by start day: started, still running) and
 *   `done:<outcome>`, `cancelled`, `failed` (by end day, bucketed by cycle time).
 * - `flow_stats_state`: the zone the days are local to; the store (re)builds the aggregates on
 *   open when it is missing or another (flow-stats-sync.ts).
 * Open tasks are counted live: the flow's active instances from a partial index, then their open
 * tasks from the covering `tasks_flow_figures` index of migration 0003.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const flowStats: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('flow_stats_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('time_zone', 'text', (c) => c.notNull())
      .execute();
    await s
      .createTable('flow_task_stats')
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('flow_key', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addColumn('ms', sql`double precision`, (c) => c.notNull())
      .addColumn('sla', 'bigint', (c) => c.notNull())
      .addColumn('breached', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('flow_task_stats_pk', ['app_key', 'flow_key', 'node', 'day', 'bucket'])
      .execute();
    await s
      .createTable('flow_instance_stats')
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('flow_key', 'text', (c) => c.notNull())
      .addColumn('day', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('bucket', 'integer', (c) => c.notNull())
      .addColumn('n', 'bigint', (c) => c.notNull())
      .addColumn('ms', sql`double precision`, (c) => c.notNull())
      .addPrimaryKeyConstraint('flow_instance_stats_pk', ['app_key', 'flow_key', 'day', 'kind', 'bucket'])
      .execute();
    await s
      .createIndex('instances_active_flow')
      .on('instances')
      .columns(['app_key', 'flow_key', 'id'])
      .where(sql.ref('status'), '=', 'active')
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('instances_active_flow').execute();
    await db.schema.dropTable('flow_instance_stats').execute();
    await db.schema.dropTable('flow_task_stats').execute();
    await db.schema.dropTable('flow_stats_state').execute();
  },
};
