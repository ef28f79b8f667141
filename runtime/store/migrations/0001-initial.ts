/**
 * The fixed tables. Record tables (`form_<n>`) are not here: publishing creates them from the
 * form definitions (record-tables.ts). Indexes are shaped by the queries that use them; the
 * contract suite checks the SQLite plans.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const initial: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const s = db.schema;
    await s
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('password_hash', 'text', (c) => c.notNull())
      .addColumn('roles', 'text', (c) => c.notNull())
      .addColumn('language', 'text', (c) => c.notNull())
      .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('auth_tokens')
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('csrf_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .execute();
    await s.createIndex('auth_tokens_user').on('auth_tokens').column('user_id').execute();

    await s
      .createTable('apps')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('current_version', 'integer')
      .addColumn('draft', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('app_versions')
      .addColumn('app_key', 'text', (c) => c.notNull().references('apps.key'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('bundle', 'text', (c) => c.notNull())
      .addColumn('published_at', 'text', (c) => c.notNull())
      .addColumn('published_by', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('app_versions_pk', ['app_key', 'version'])
      .execute();

    await s
      .createTable('form_tables')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('app_key', 'text', (c) => c.notNull().references('apps.key'))
      .addColumn('form_key', 'text', (c) => c.notNull())
      .addColumn('synced_version', 'integer', (c) => c.notNull())
      .addUniqueConstraint('form_tables_app_form', ['app_key', 'form_key'])
      .execute();

    await s
      .createTable('form_columns')
      .addColumn('form_table_id', 'integer', (c) => c.notNull().references('form_tables.id'))
      .addColumn('field_key', 'text', (c) => c.notNull())
      .addColumn('column_name', 'text', (c) => c.notNull())
      .addColumn('sql_type', 'text', (c) => c.notNull())
      .addColumn('field_type', 'text', (c) => c.notNull())
      .addColumn('indexed', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('form_columns_pk', ['form_table_id', 'field_key'])
      .execute();

    await s
      .createTable('record_index')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('form_table_id', 'integer', (c) => c.notNull().references('form_tables.id'))
      .execute();

    await s
      .createTable('instances')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('flow_key', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('snapshot', 'text', (c) => c.notNull())
      .addColumn('rev', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await s.createIndex('instances_record').on('instances').column('record_id').execute();
    await s.createIndex('instances_status').on('instances').columns(['app_key', 'status']).execute();

    await s
      .createTable('tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instance_id', 'text', (c) => c.notNull().references('instances.id'))
      .addColumn('record_id', 'text', (c) => c.notNull())
      .addColumn('app_key', 'text', (c) => c.notNull())
      .addColumn('form_key', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('node_name', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('iteration', 'integer', (c) => c.notNull())
      .addColumn('due_at', 'text')
      .addColumn('breached', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('completed_at', 'text')
      .addColumn('completed_by', 'text')
      .addColumn('action', 'text')
      .execute();
    await s.createIndex('tasks_instance').on('tasks').column('instance_id').execute();
    await s
      .createIndex('tasks_done_by')
      .on('tasks')
      .columns(['completed_by', 'completed_at', 'id'])
      .execute();

    await s
      .createTable('task_assignees')
      .addColumn('task_id', 'text', (c) => c.notNull().references('tasks.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('rank', 'integer', (c) => c.notNull())
      .addColumn('due_sort', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('task_assignees_pk', ['task_id', 'kind', 'value'])
      .execute();
    await s
      .createIndex('task_assignees_inbox')
      .on('task_assignees')
      .columns(['kind', 'value', 'status', 'rank', 'due_sort', 'created_at', 'task_id'])
      .execute();

    await s
      .createTable('history')
      .addColumn('instance_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('actor', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('node', 'text')
      .addColumn('action', 'text')
      .addColumn('comment', 'text')
      .addColumn('changes', 'text')
      .addColumn('detail', 'text')
      .addPrimaryKeyConstraint('history_pk', ['instance_id', 'seq'])
      .execute();

    await s
      .createTable('timers')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instance_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('task_id', 'text')
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('fired_at', 'text')
      .addColumn('cancelled_at', 'text')
      .execute();
    // Only live timers are ever scanned by the scheduler, so the index holds only those.
    await s
      .createIndex('timers_due')
      .on('timers')
      .column('due_at')
      .where(sql.ref('fired_at'), 'is', null)
      .where(sql.ref('cancelled_at'), 'is', null)
      .execute();
    await s.createIndex('timers_instance').on('timers').column('instance_id').execute();

    await s
      .createTable('outbox')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('lease_owner', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('instance_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('outbox_due')
      .on('outbox')
      .column('next_attempt_at')
      .where(sql.ref('status'), '=', 'pending')
      .execute();

    await s
      .createTable('notifications')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('record_id', 'text')
      .addColumn('read_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await s
      .createIndex('notifications_user')
      .on('notifications')
      .columns(['user_id', 'created_at'])
      .execute();

    await s
      .createTable('idempotency_keys')
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('response', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_keys_pk', ['scope', 'key'])
      .execute();

    await s
      .createTable('files')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('size', 'integer', (c) => c.notNull())
      .addColumn('uploaded_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();

    await s
      .createTable('sequences')
      .addColumn('scope', 'text', (c) => c.primaryKey())
      .addColumn('value', 'integer', (c) => c.notNull())
      .execute();

    await s
      .createTable('incidents')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('instance_id', 'text', (c) => c.notNull())
      .addColumn('node', 'text', (c) => c.notNull())
      .addColumn('reason', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('resolved_at', 'text')
      .addColumn('resolved_by', 'text')
      .execute();
    await s
      .createIndex('incidents_instance')
      .on('incidents')
      .columns(['instance_id', 'created_at'])
      .execute();
  },
};
