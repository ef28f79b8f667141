/**
 * Kysely's view of the fixed tables (the per-form record tables are dynamic and typed in
 * record-tables.ts). Booleans are 0/1 integers and JSON is text on both databases, so one set of
 * queries serves SQLite and PostgreSQL alike.
 */
export interface UsersTable {
  id: string;
  username: string;
  /** The username in lower case (ASCII), unique: see `usernameKey` and migration 0011. */
  username_key: string | null;
  display_name: string;
  password_hash: string;
  roles: string;
  language: string;
  disabled: number;
  created_at: string;
}

export interface AuthTokensTable {
  token_hash: string;
  user_id: string;
  kind: string;
  csrf_hash: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface AppsTable {
  key: string;
  name: string;
  current_version: number | null;
  draft: string | null;
  /** How many times the draft was saved (migration 0017); a save names the revision it was made on. */
  draft_revision: number;
  created_at: string;
  updated_at: string;
  /** When an administrator archived the app; null while it is in use (migration 0016). */
  archived_at: string | null;
}

export interface AppVersionsTable {
  app_key: string;
  version: number;
  bundle: string;
  published_at: string;
  published_by: string;
}

export interface FormTablesTable {
  id: number;
  app_key: string;
  form_key: string;
  /** Highest app version whose fields are reflected in the columns. */
  synced_version: number;
}

export interface FormColumnsTable {
  form_table_id: number;
  field_key: string;
  column_name: string;
  /** `text` | `real` | `integer`: the column's type, fixed when first added. */
  sql_type: string;
  field_type: string;
  indexed: number;
}

export interface RecordIndexTable {
  id: string;
  form_table_id: number;
}

export interface InstancesTable {
  id: string;
  app_key: string;
  flow_key: string;
  version: number;
  record_id: string;
  status: string;
  snapshot: string;
  rev: number;
  created_at: string;
  updated_at: string;
}

export interface TasksTable {
  id: string;
  instance_id: string;
  record_id: string;
  app_key: string;
  form_key: string;
  node: string;
  node_name: string;
  status: string;
  iteration: number;
  due_at: string | null;
  breached: number;
  priority: number;
  created_at: string;
  completed_at: string | null;
  completed_by: string | null;
  action: string | null;
}

/**
 * One row per (task, assignee), carrying the task's sort keys so the inbox is one ordered index
 * range per assignee key: `rank` is `-priority` and `due_sort` is `due_at` or a far-future
 * sentinel, so every key sorts ascending and a row-value keyset is a plain range.
 */
export interface TaskAssigneesTable {
  task_id: string;
  kind: string;
  value: string;
  status: string;
  rank: number;
  due_sort: string;
  created_at: string;
}

export interface HistoryTable {
  instance_id: string;
  seq: number;
  at: string;
  actor: string;
  type: string;
  node: string | null;
  action: string | null;
  comment: string | null;
  changes: string | null;
  detail: string | null;
}

export interface TimersTable {
  id: string;
  instance_id: string;
  kind: string;
  node: string;
  task_id: string | null;
  due_at: string;
  lease_owner: string | null;
  lease_until: string | null;
  fired_at: string | null;
  cancelled_at: string | null;
}

export interface OutboxTable {
  id: string;
  kind: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  last_error: string | null;
  lease_owner: string | null;
  lease_until: string | null;
  instance_id: string | null;
  created_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  title: string;
  body: string;
  record_id: string | null;
  read_at: string | null;
  created_at: string;
}

export interface IdempotencyKeysTable {
  scope: string;
  key: string;
  response: string;
  created_at: string;
}

export interface FilesTable {
  id: string;
  /** The content's SHA-256: the file under `<dataDir>/files/` (shared by uploads of the same bytes). */
  blob: string;
  name: string;
  type: string;
  size: number;
  uploaded_by: string;
  created_at: string;
}

export interface SequencesTable {
  scope: string;
  value: number;
}

export interface IncidentsTable {
  id: string;
  instance_id: string;
  node: string;
  reason: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by: string | null;
}

/** Migration 0014: one row per child instance a subflow node started (runtime/store/subflow-queries.ts). */
export interface SubflowLinksTable {
  call_id: string;
  parent_instance_id: string;
  parent_record_id: string;
  parent_node: string;
  child_instance_id: string;
  child_record_id: string;
  depth: number;
  created_at: string;
}

export interface LoginCountersTable {
  key: string;
  failures: number;
  since: string;
  blocked_until: string | null;
  expires_at: string;
}

export interface LoginAddressesTable {
  account: string;
  address: string;
  last_success_at: string;
}

/** 抄送: one row per copy and recipient key (migration 0013). */
export interface CopiesTable {
  id: string;
  kind: string;
  value: string;
  app: string;
  instance_id: string;
  record_id: string;
  form: string;
  node: string;
  node_name: string;
  /** JSON array of the field keys the copy shows. */
  fields: string;
  reason: string;
  task_id: string | null;
  created_at: string;
}

export interface CopyReadsTable {
  copy_id: string;
  user_id: string;
  read_at: string;
}

/** 催办: the last urge of each task. */
export interface TaskUrgesTable {
  task_id: string;
  urged_at: string;
  urged_by: string;
}

/** Migration 0018: one row per run moving open cases between versions (migration-queries.ts). */
export interface InstanceMigrationsTable {
  id: string;
  app_key: string;
  /** `migrate` (a migration) or `rollback` (a republish that moved the cases with it). */
  kind: string;
  from_version: number;
  to_version: number;
  /** JSON: per flow, old node → new node. */
  mapping: string;
  accept_changes: number;
  started_by: string;
  started_at: string;
  finished_at: string | null;
  /** `running` until the last batch; a run whose process died stays `running`. */
  status: string;
  total: number;
  moved: number;
  skipped: number;
  failed: number;
  /** JSON array of `MigrationFailure`. */
  failures: string;
}

export interface Database {
  users: UsersTable;
  auth_tokens: AuthTokensTable;
  apps: AppsTable;
  app_versions: AppVersionsTable;
  form_tables: FormTablesTable;
  form_columns: FormColumnsTable;
  record_index: RecordIndexTable;
  instances: InstancesTable;
  tasks: TasksTable;
  task_assignees: TaskAssigneesTable;
  history: HistoryTable;
  timers: TimersTable;
  outbox: OutboxTable;
  notifications: NotificationsTable;
  idempotency_keys: IdempotencyKeysTable;
  files: FilesTable;
  sequences: SequencesTable;
  incidents: IncidentsTable;
  login_counters: LoginCountersTable;
  login_addresses: LoginAddressesTable;
  subflow_links: SubflowLinksTable;
  copies: CopiesTable;
  copy_reads: CopyReadsTable;
  task_urges: TaskUrgesTable;
  instance_migrations: InstanceMigrationsTable;
}

/** Far-future sort key for tasks without a due time, so they come after every dated task. */
export const NO_DUE_SORT = '9999-12-31T23:59:59.999Z';
