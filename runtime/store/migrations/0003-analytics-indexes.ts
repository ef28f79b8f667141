/**
 * Process analytics read, per instance of a flow, its done and open tasks and its finishing
 * history events. These indexes answer both from the index alone or nearly: the task figures
 * (node, status, times, SLA) without reading task rows, and a flow's finishing events without
 * stepping over every other event of the instance.
 */
import type { Kysely, Migration } from 'kysely';

export const analyticsIndexes: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('tasks_flow_figures')
      .on('tasks')
      .columns(['instance_id', 'status', 'node', 'created_at', 'completed_at', 'due_at', 'breached'])
      .execute();
    await db.schema
      .createIndex('history_by_type')
      .on('history')
      .columns(['instance_id', 'type', 'at'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('history_by_type').execute();
    await db.schema.dropIndex('tasks_flow_figures').execute();
  },
};
