/**
 * The store port: every durable read and write the runtime makes goes through `Store` (and, inside
 * one transaction, `StoreTx`). SQLite and PostgreSQL implement it with the same kysely code; the
 * contract suite in tests/store proves both. Timestamps are ISO-8601 strings (`toISOString()`
 * form, so they sort as text); ids are strings; JSON values are parsed objects.
 */
import type {
  AppBundle,
  Assignee,
  FieldChange,
  FlowSnapshot,
  HistoryEvent,
  InstanceStatus,
  JsonLogic,
  TaskStatus,
} from '../../engine/index.js';
import type { FieldValue } from './record-field-values.js';

export type Language = 'zh-CN' | 'en';

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
  language: Language;
  disabled: boolean;
  createdAt: string;
}

/** A user with the Argon2id hash; only the login path should ask for this shape. */
export interface UserWithPassword extends UserRow {
  passwordHash: string;
}

export interface NewUser {
  /** Generated when absent. */
  id?: string;
  username: string;
  displayName: string;
  passwordHash: string;
  roles: string[];
  language?: Language;
  disabled?: boolean;
}

export type UserPatch = Partial<
  Pick<NewUser, 'displayName' | 'passwordHash' | 'roles' | 'language' | 'disabled'>
>;

export type TokenKind = 'bearer' | 'session';

export interface TokenRow {
  /** SHA-256 (hex) of the token; the token itself is never stored. See `hashToken`. */
  tokenHash: string;
  userId: string;
  kind: TokenKind;
  csrfHash: string | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

export interface NewToken {
  tokenHash: string;
  userId: string;
  kind: TokenKind;
  csrfHash?: string | null;
  expiresAt: string;
}

export interface AppRow {
  key: string;
  name: AppBundle['name'];
  /** Newest published version; null until the first publish. */
  currentVersion: number | null;
  /** The editable bundle; null when nothing was saved since install. */
  draft: AppBundle | null;
  /** Counts the draft's saves; a save made on an older revision is refused (`saveDraft`). */
  draftRevision: number;
  createdAt: string;
  updatedAt: string;
  /** When an administrator archived the app; null while it is in use. */
  archivedAt: string | null;
}

/** One place a migration run could not move a case, and why (`code` as FlowcaseError codes). */
export interface MigrationFailure {
  instance: string;
  recordId: string;
  code: string;
  message: string;
  path?: string;
}

/** What a migration run has done so far (updated after every batch). */
export interface InstanceMigrationProgress {
  status: 'running' | 'done';
  finishedAt: string | null;
  moved: number;
  skipped: number;
  failed: number;
  /** The first failures (the count is `failed`). */
  failures: MigrationFailure[];
}

/** A run moving the open cases of one version of an app onto another (migration 0018). */
export interface InstanceMigrationRow extends InstanceMigrationProgress {
  id: string;
  app: string;
  kind: 'migrate' | 'rollback';
  from: number;
  to: number;
  mapping: Record<string, Record<string, string>>;
  acceptChanges: boolean;
  startedBy: string;
  startedAt: string;
  /** Open cases of `from` when the run started. */
  total: number;
}

/** A published version as the version history lists it (no bundle). */
export interface AppVersionSummary {
  version: number;
  publishedAt: string;
  publishedBy: string;
}

export interface AppVersionRow {
  app: string;
  version: number;
  /** Immutable; its `version` property equals `version` above. */
  bundle: AppBundle;
  publishedAt: string;
  publishedBy: string;
}

export interface RecordRow {
  id: string;
  app: string;
  form: string;
  /** App version the record was created with; never changes. */
  version: number;
  data: Record<string, unknown>;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  instanceId?: string;
}

export interface NewRecord {
  id: string;
  app: string;
  form: string;
  version: number;
  data: Record<string, unknown>;
  createdBy: string;
  /** Defaults to the store clock. */
  createdAt?: string;
  /** Defaults to `createdAt` (bulk loaders insert a record with its final data and time). */
  updatedAt?: string;
  instanceId?: string;
}

export interface RecordPatch {
  /** The full new data (not a diff); typed columns are recomputed from it. */
  data?: Record<string, unknown>;
  instanceId?: string | null;
  updatedAt?: string;
}

export interface SortKey {
  /** A field key with a typed column, or `createdAt` / `updatedAt`. */
  field: string;
  dir?: 'asc' | 'desc';
}

export interface ListRecordsOptions {
  /** JSON Logic subset: ==, !=, <, <=, >, >=, and, or, !, !! (truthiness of a field), in (literal array), var. */
  filter?: JsonLogic;
  /** Defaults to `[{ field: 'createdAt', dir: 'desc' }]`. */
  sort?: SortKey[];
  /** 1..500, default 50. */
  limit?: number;
  /** Opaque `nextCursor` from the previous page. */
  cursor?: string;
  /** Only records this user created (customers). */
  createdBy?: string;
}

export interface Page<T> {
  items: T[];
  /** Present when there may be more rows. */
  nextCursor?: string;
}

export interface AggregateOptions {
  filter?: JsonLogic;
  createdBy?: string;
  dimensions?: { field: string; bucket?: Bucket }[];
  measures: { op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'distinct'; field?: string }[];
  /** Max groups returned, default 1000. */
  limit?: number;
  /** Groups by the value of measure `measure` (empty values last), not by their keys: a top N with `limit`. */
  byValue?: ValueOrder;
  /** IANA zone in which datetime fields (and createdAt/updatedAt) fall into date buckets; default UTC. */
  timeZone?: string;
  /**
   * Read at most this many matching records (the first in the table's order), so an unsaved
   * widget's preview costs the same over a million records as over this many.
   */
  rowCap?: number;
}

/**
 * A label an export wants beside each scanned record, read by the scan's own statement so no
 * process keeps a table of them: a user's display name (of `createdBy` or a user field), or the
 * typed column of a related record's display field (`relation` names this form's relation field).
 */
export type ScanLabel = { user: string } | { relation: string; form: string; display: string };

/**
 * A record as exports read it. `labels` holds one value per `ScanLabel` asked for, in order: null
 * where the scan could not read it (no such user or related record, an empty column, a label the
 * scan cannot join, or a scan that reads no labels) and the caller looks it up itself.
 */
export type ScannedRecord = Pick<RecordRow, 'id' | 'createdBy' | 'createdAt' | 'data'> & {
  labels?: readonly (string | number | null)[];
};

/** How an export scan reads one label: `id, label` rows. */
export interface LabelLookup {
  /** Of a JSON array of ids (`?`). */
  some: string;
  /** Of the whole table. */
  all: string;
  /** The table's highest rowid: about its number of rows. */
  rows: number;
}

/** The statements an export steps on a SQLite file (`Store.scanStatement`). */
export interface ScanStatement {
  file: string;
  /** Selects `id, created_by, created_at, data`, then one key column per label asked for. */
  sql: string;
  parameters: readonly unknown[];
  /** The same rows' `seq` keys in the same order, with the same `parameters`. */
  keys: string;
  /** Selects `id, created_by, created_at, data`, the label key columns, then `seq`, of the keys in a JSON array (`?`), in no order. */
  rows: string;
  /** The same columns of the keys from `?` to `?` (a chunk of consecutive keys: one range of the table). */
  range: string;
  /**
   * Per label, how its labels are read, or null when the scan cannot read it; whoever steps
   * `sql` replaces each key column with its label (`ScanLabelCache`).
   */
  lookups: readonly (LabelLookup | null)[];
  /** The table's highest rowid: at least the number of rows the statement can return. */
  estimatedRows: number;
}

/** Local-time date groups of a dimension. */
export type Bucket = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Groups in the order of one measure's value. */
export interface ValueOrder {
  measure: number;
  dir: 'asc' | 'desc';
}

/** A dashboard aggregate that a rollup may answer (see `Store.compileRollup`). */
export interface RollupQuery {
  /** The widget's own filter (the rollup was built with it). */
  filter?: JsonLogic;
  dimensions?: { field: string; bucket?: Bucket }[];
  measures: { op: 'count' | 'sum' | 'avg' | 'min' | 'max' | 'distinct'; field?: string }[];
  byValue?: ValueOrder;
  /** Whole local days of `createdAt`, inclusive. */
  days?: { from: string; to: string };
  /** `field in values` on select, relation or user fields (the dashboard's `f.<field>` filter). */
  fields?: Record<string, string[]>;
  timeZone: string;
  limit?: number;
}

/**
 * A read compiled to SQL but not run: `store.runRead(read)` runs it, or a read-only connection of
 * the same database elsewhere (the reports' SQLite readers) runs `sql` with `parameters` and
 * hands the rows to `decode`.
 */
export interface CompiledRead<T> {
  sql: string;
  parameters: readonly unknown[];
  decode(rows: readonly Record<string, unknown>[]): T;
}

/** One group: `keys[i]` per dimension, `values[j]` per measure (null when nothing to aggregate). */
export interface AggregateRow {
  keys: (string | number | null)[];
  values: (number | null)[];
}

export interface FlowAnalyticsQuery {
  app: string;
  flow: string;
  /** `[from, to)` as ISO instants; both or neither (all time). */
  from?: string;
  to?: string;
  /** For "open tasks right now" and overdue. */
  now: string;
  /** IANA zone of the day, week and month buckets. */
  timeZone: string;
  /** The periods `outcomesByWeek` counts finishes by (default `week`, as the analytics page shows). */
  bucket?: FlowBucket;
}

/** A period of process finishes: a local day, week (from Monday) or month. */
export type FlowBucket = 'day' | 'week' | 'month';

type Percentiles = { p50: number | null; p90: number | null };

/** The reads behind process analytics; durations in milliseconds. */
export interface FlowAnalyticsReads {
  /** Per task node, tasks completed in the range. */
  nodes: CompiledRead<
    { node: string; completed: number; avgMs: number | null; withSla: number; breached: number }[]
  >;
  nodePercentiles: CompiledRead<Map<string, Percentiles>>;
  /** Open tasks right now (whatever the range), with how many are past due. */
  open: CompiledRead<{ node: string; open: number; overdue: number }[]>;
  /** Instances started in the range (and how many of them are still active). */
  started: CompiledRead<{ started: number; stillActive: number }>;
  /** Instances finished in the range by history type, with the average cycle time. */
  finished: CompiledRead<{ type: string; count: number; avgMs: number | null }[]>;
  /** Cycle time percentiles of instances that ended normally (`instance.ended`). */
  cyclePercentiles: CompiledRead<Percentiles>;
  /**
   * Finishes by local period, history type and outcome. The period is the query's `bucket`, a week
   * unless it says otherwise; `week` is its label: `YYYY-MM-DD` (a day, a week's Monday) or `YYYY-MM`.
   */
  outcomesByWeek: CompiledRead<{ week: string; type: string; outcome: string | null; count: number }[]>;
}

export interface InstanceRow {
  id: string;
  app: string;
  flow: string;
  version: number;
  recordId: string;
  status: InstanceStatus;
  snapshot: FlowSnapshot;
  /** Optimistic-concurrency revision; 1 after insert, +1 per save. */
  rev: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewInstance {
  id: string;
  app: string;
  flow: string;
  version: number;
  recordId: string;
  snapshot: FlowSnapshot;
  createdAt?: string;
}

export interface TaskRow {
  id: string;
  instanceId: string;
  recordId: string;
  app: string;
  form: string;
  node: string;
  nodeName: string;
  status: TaskStatus;
  iteration: number;
  dueAt: string | null;
  breached: boolean;
  /** Higher first in the inbox (VIP customers). */
  priority: number;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  action: string | null;
  assignees: Assignee[];
}

export interface NewTask {
  id: string;
  instanceId: string;
  recordId: string;
  app: string;
  form: string;
  node: string;
  nodeName?: string;
  iteration?: number;
  dueAt?: string | null;
  priority?: number;
  createdAt?: string;
  assignees: Assignee[];
  /**
   * Final state for bulk loaders that insert a finished task in one go (the seeder); a running
   * flow always inserts open tasks and completes them with `updateTask`.
   */
  status?: TaskStatus;
  breached?: boolean;
  completedAt?: string | null;
  completedBy?: string | null;
  action?: string | null;
}

export type TaskPatch = Partial<
  Pick<
    TaskRow,
    'status' | 'dueAt' | 'breached' | 'priority' | 'completedAt' | 'completedBy' | 'action' | 'nodeName'
  >
>;

export interface InboxOptions {
  /** `open` (default) and `cancelled` list by assignee; `done` lists what the user completed. */
  status?: TaskStatus;
  limit?: number;
  cursor?: string;
}

export type TimerKind = 'sla.remind' | 'sla.due' | 'wait' | 'event.timeout' | 'event.fallback';

export interface TimerRow {
  id: string;
  instanceId: string;
  kind: TimerKind;
  node: string;
  taskId: string | null;
  dueAt: string;
  leaseOwner: string | null;
  leaseUntil: string | null;
  firedAt: string | null;
  cancelledAt: string | null;
}

export interface NewTimer {
  id: string;
  instanceId: string;
  kind: TimerKind;
  node: string;
  taskId?: string | null;
  dueAt: string;
}

/** `subflow.*` rows carry a subflow's start, end and cancellation (runtime/cases/subflows.ts), applied exactly once. */
export type OutboxKind =
  'inapp' | 'email' | 'sms' | 'webhook' | 'subflow.start' | 'subflow.done' | 'subflow.cancel';
export type OutboxStatus = 'pending' | 'done' | 'failed';

export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  status: OutboxStatus;
  /** Claims so far (incremented when claimed, so a crash mid-send still counts). */
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  instanceId: string | null;
  createdAt: string;
}

export interface NewOutbox {
  id: string;
  kind: OutboxKind;
  payload: Record<string, unknown>;
  instanceId?: string | null;
  /** Defaults to now. */
  nextAttemptAt?: string;
}

export interface NotificationRow {
  id: string;
  userId: string;
  title: string;
  body: string;
  recordId: string | null;
  readAt: string | null;
  createdAt: string;
}

export interface NewNotification {
  id: string;
  userId: string;
  title: string;
  body: string;
  recordId?: string | null;
  createdAt?: string;
}

/** One upload: its own id, name and uploader; uploads of the same bytes share the blob. */
export interface FileRow {
  /** Random, one per upload (64 hex digits): not derived from the content. */
  id: string;
  /** The content's hex SHA-256, naming the stored bytes. */
  blob: string;
  name: string;
  type: string;
  size: number;
  uploadedBy: string;
  createdAt: string;
}

export interface IncidentRow {
  id: string;
  instanceId: string;
  node: string;
  reason: string;
  createdAt: string;
  resolvedAt: string | null;
  resolvedBy: string | null;
}

export interface NewIncident {
  id: string;
  instanceId: string;
  node: string;
  reason: string;
  createdAt?: string;
}

/** A copy (抄送) as one recipient key holds it, with whether the reader has read it. */
export interface CopyRow {
  id: string;
  /** The user, or the role through which the reader holds the copy. */
  to: Assignee;
  app: string;
  instanceId: string;
  recordId: string;
  form: string;
  node: string;
  nodeName: string;
  /** The fields the copy shows. */
  fields: string[];
  reason: 'node' | 'sla.breach';
  taskId: string | null;
  createdAt: string;
  /** When the reader read it (per user, also for a role's copy); null while unread. */
  readAt: string | null;
}

export interface NewCopy {
  /** The engine's copy id: re-applying the step stores nothing new. */
  id: string;
  to: Assignee[];
  app: string;
  instanceId: string;
  recordId: string;
  form: string;
  node: string;
  nodeName: string;
  fields: string[];
  reason: 'node' | 'sla.breach';
  taskId?: string | null;
  createdAt: string;
}

export interface CopyListOptions {
  /** `unread`: only copies the reader has not marked read; default all. */
  status?: 'unread' | 'all';
  limit?: number;
  cursor?: string;
}

/** The last 催办 of a task. */
export interface TaskUrge {
  taskId: string;
  urgedAt: string;
  urgedBy: string;
}

/** A child instance a `subflow` node started, and the parent node waiting for it. */
export interface SubflowLink {
  /** The engine's call id of the start: one child per call. */
  callId: string;
  parentInstanceId: string;
  parentRecordId: string;
  parentNode: string;
  childInstanceId: string;
  childRecordId: string;
  /** 1 for the child of an instance nobody started, one more per level below. */
  depth: number;
  createdAt: string;
}

export interface RecordWithInstance {
  record: RecordRow;
  instance?: InstanceRow;
  tasks: TaskRow[];
  history: HistoryEvent[];
}

/**
 * Everything one engine step writes, inside one transaction. If the callback of `Store.write`
 * throws, none of it is stored. Never call `Store` methods from inside the callback: on SQLite the
 * one connection is held by the transaction, so they would wait forever; use `tx` instead.
 */
export interface StoreTx {
  getInstance(id: string): Promise<InstanceRow | undefined>;
  insertInstance(instance: NewInstance): Promise<InstanceRow>;
  /**
   * Saves a snapshot if the stored `rev` still equals `expectedRev` and returns the new rev;
   * otherwise throws `FC_CONFLICT` (the caller lost a race and must retry or report 409).
   * `statusAtRev`, the status the caller read at `expectedRev`, lets an unchanged status go unwritten.
   */
  saveInstance(
    id: string,
    snapshot: FlowSnapshot,
    expectedRev: number,
    updatedAt?: string,
    statusAtRev?: string,
  ): Promise<number>;
  /** Puts an instance on another version of its app (a migration; save its snapshot first). */
  setInstanceVersion(id: string, version: number): Promise<void>;

  /**
   * `forUpdate`: the transaction is about to write the record; it is read with every column and
   * its write then starts from this read instead of reading the row again.
   */
  getRecord(id: string, options?: { forUpdate?: boolean }): Promise<RecordRow | undefined>;
  /** Throws `FC_NOT_FOUND` when the form has never been published. */
  insertRecord(record: NewRecord): Promise<RecordRow>;
  /** Many new records at once (an import), in multi-row INSERTs; same checks as `insertRecord`. */
  insertRecords(records: readonly NewRecord[]): Promise<void>;
  /** Throws `FC_NOT_FOUND` for an unknown id. */
  updateRecord(id: string, patch: RecordPatch): Promise<RecordRow>;

  getTask(id: string): Promise<TaskRow | undefined>;
  listTasks(instanceId: string): Promise<TaskRow[]>;
  insertTask(task: NewTask): Promise<void>;
  updateTask(id: string, patch: TaskPatch): Promise<void>;
  setTaskAssignees(id: string, assignees: Assignee[]): Promise<void>;

  /** Appends events; a `seq` already used for the instance throws `FC_CONFLICT`. */
  appendHistory(instanceId: string, events: readonly HistoryEvent[]): Promise<void>;
  /** Every event of an instance in `seq` order, as this transaction sees it. */
  listHistory(instanceId: string): Promise<HistoryEvent[]>;

  scheduleTimer(timer: NewTimer): Promise<void>;
  /** Several timers in one statement (one engine step's). */
  scheduleTimers(timers: readonly NewTimer[]): Promise<void>;
  cancelTimer(id: string, at?: string): Promise<void>;
  /** Bulk loaders: many finished cases, each table's rows in multi-row statements. */
  loadCases(cases: readonly LoadedCase[]): Promise<void>;
  /** Cancels each timer of `ids` still pending, in one statement. */
  cancelTimers(ids: readonly string[], at?: string): Promise<void>;
  /** Exactly once: throws `FC_CONFLICT` if the timer already fired or was cancelled. */
  markTimerFired(id: string, at?: string): Promise<void>;

  enqueueOutbox(item: NewOutbox): Promise<void>;
  /** Adds an in-app notification; one whose id is stored already is left as it is. */
  insertNotification(n: NewNotification): Promise<void>;
  /** Marks an outbox row delivered. */
  completeOutbox(id: string): Promise<void>;
  /** Records a failed delivery: pending again at `nextAttemptAt`, or failed for good when null. */
  failOutbox(id: string, nextAttemptAt: string | null, error: string): Promise<void>;

  /** Next number of an autonumber counter for `day` (`YYYYMMDD`), starting at 1. */
  /** The next number of an autonumber's daily sequence; with `count`, the first of that many consecutive ones. */
  nextSequence(app: string, form: string, field: string, day: string, count?: number): Promise<number>;

  getIdempotency(scope: string, key: string): Promise<unknown>;
  /** Throws `FC_CONFLICT` if `(scope, key)` is already stored. */
  putIdempotency(scope: string, key: string, response: unknown): Promise<void>;

  openIncident(incident: NewIncident): Promise<void>;

  /** Records a subflow start; a call id stored already is `FC_CONFLICT`. */
  insertSubflowLink(link: SubflowLink): Promise<void>;
  getSubflowLink(callId: string): Promise<SubflowLink | undefined>;
  /** The link that started `childInstanceId`, if a subflow did. */
  subflowLinkOfChild(childInstanceId: string): Promise<SubflowLink | undefined>;
  /** The children `parentInstanceId` started, oldest first. */
  listSubflowLinks(parentInstanceId: string): Promise<SubflowLink[]>;

  /** Stores a copy (抄送) per recipient; one stored already is left as it is. */
  insertCopies(copies: readonly NewCopy[]): Promise<void>;
  /** The last urge of each of `taskIds` that was urged. */
  taskUrges(taskIds: readonly string[]): Promise<Map<string, TaskUrge>>;
  /** Records the last urge of a task (replacing the one before). */
  putTaskUrge(urge: TaskUrge): Promise<void>;
}

/** The login limiter's state inside one write transaction (`Store.writeLoginState`). */
export interface LoginStateTx {
  /** Holds off every other transaction's limiter decision on these keys until this one ends. */
  lockLoginKeys(keys: readonly string[]): Promise<void>;
  /** The stored counters of `keys` (expired ones too: the caller decides). */
  getLoginCounters(keys: readonly string[]): Promise<LoginCounter[]>;
  /** Inserts or replaces each counter. */
  putLoginCounters(counters: readonly LoginCounter[]): Promise<void>;
  deleteLoginCounters(keys: readonly string[]): Promise<void>;
  /** Whether `account` signed in successfully from `address` at `since` or later. */
  knownLoginAddress(account: string, address: string, since: string): Promise<boolean>;
  rememberLoginAddress(account: string, address: string, at: string): Promise<void>;
}

/**
 * One counter of the login limiter: `failures` counted since `since`, attempts refused until
 * `blockedUntil`, the whole row meaningless (and deleted by a prune) from `expiresAt`.
 */
export interface LoginCounter {
  key: string;
  failures: number;
  since: string;
  blockedUntil: string | null;
  expiresAt: string;
}

/**
 * A whole case as a bulk loader writes it (`StoreTx.loadCases`): its records with their final
 * data, its instance with its final snapshot, its tasks in their final state, its pending timers,
 * its history and what it left for the outbox.
 */
export interface LoadedCase {
  records: NewRecord[];
  /** Records of other forms the case changed (a `record` node's update). */
  recordUpdates: { id: string; data: Record<string, unknown>; updatedAt: string }[];
  instance?: NewInstance & { rev: number; updatedAt: string };
  tasks: NewTask[];
  timers: NewTimer[];
  history: HistoryEvent[];
  outbox: NewOutbox[];
  notifications: NewNotification[];
  incidents: NewIncident[];
  /** 抄送 the case made. */
  copies?: NewCopy[];
}

/** The durable store. Open one per process with `openStore`. */
export interface Store extends Omit<
  StoreTx,
  | 'insertInstance'
  | 'saveInstance'
  | 'setInstanceVersion'
  | 'insertRecord'
  | 'updateRecord'
  | 'insertTask'
  | 'updateTask'
  | 'setTaskAssignees'
  | 'appendHistory'
  | 'scheduleTimer'
  | 'scheduleTimers'
  | 'loadCases'
  | 'cancelTimer'
  | 'cancelTimers'
  | 'markTimerFired'
  | 'enqueueOutbox'
  | 'insertNotification'
  | 'nextSequence'
  | 'putIdempotency'
  | 'openIncident'
  | 'insertSubflowLink'
> {
  readonly dialect: 'sqlite' | 'postgres';
  /** SQLite: the database file (for extra read-only connections); undefined on PostgreSQL and `:memory:`. */
  readonly sqliteFile: string | undefined;

  /** Runs `fn` in one write transaction (SQLite: `BEGIN IMMEDIATE`); rolls back if it throws. */
  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Runs pending migrations; `openStore` already did, so a second call is a no-op. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** SQLite `PRAGMA optimize`; a no-op on PostgreSQL. */
  optimize(): Promise<void>;
  /** SQLite online backup to `file` while the store stays usable; `FC_BAD_REQUEST` on PostgreSQL. */
  backup(file: string): Promise<void>;

  // users and auth
  createUser(user: NewUser): Promise<UserRow>;
  /** `signOutAt`: every token of the user is revoked in the same transaction (a disabled account). */
  updateUser(id: string, patch: UserPatch, options?: { signOutAt?: string }): Promise<UserRow>;
  getUser(id: string): Promise<UserRow | undefined>;
  /** The users of `ids` that exist, in any order. */
  getUsers(ids: readonly string[]): Promise<UserRow[]>;
  getUserByUsername(username: string): Promise<UserWithPassword | undefined>;
  listUsers(): Promise<UserRow[]>;
  /** Every user's id and display name only (labels for exports). */
  listUserNames(): Promise<{ id: string; displayName: string }[]>;
  listUsersByRole(role: string): Promise<UserRow[]>;
  createToken(token: NewToken): Promise<void>;
  /** The token row if it exists (expired or revoked ones too: the caller decides). */
  findToken(tokenHash: string): Promise<TokenRow | undefined>;
  revokeToken(tokenHash: string, at?: string): Promise<void>;
  revokeUserTokens(userId: string, at?: string): Promise<void>;
  /** A new password hash and every token of the user revoked, in one transaction; `FC_NOT_FOUND` for an unknown id. */
  setUserPassword(userId: string, passwordHash: string, at?: string): Promise<UserRow>;
  /** Runs `fn` in one write transaction over the login limiter's state (runtime/auth/login-limiter.ts). */
  writeLoginState<T>(fn: (tx: LoginStateTx) => Promise<T>): Promise<T>;
  /** Deletes limiter counters expired by `countersBefore` and sign-in addresses unused since `addressesBefore`; returns how many rows. */
  pruneLoginState(countersBefore: string, addressesBefore: string): Promise<number>;

  // apps and definitions
  listApps(): Promise<AppRow[]>;
  getApp(key: string): Promise<AppRow | undefined>;
  /** The app's current published version (null when unpublished, undefined when no such app), without reading its draft. */
  getCurrentVersion(key: string): Promise<number | null | undefined>;
  getAppVersion(key: string, version: number): Promise<AppVersionRow | undefined>;
  /**
   * Creates the app row on first save; returns the draft's new revision. With `revision`, the save
   * is made only if the draft is still at that revision (checked and written in one statement),
   * else `FC_CONFLICT` (`DraftRevisionConflict`, with the current revision) and nothing is stored.
   */
  saveDraft(key: string, bundle: AppBundle, options?: { revision?: number }): Promise<number>;
  /**
   * Publishes `bundle` (default: the saved draft) as the next immutable version, creates or
   * extends the record tables of its forms, and returns the new version number.
   */
  publishApp(
    key: string,
    options: { by: string; bundle?: AppBundle; at?: string; draft?: AppBundle },
  ): Promise<number>;
  /** Published versions, newest first, without their bundles. */
  listAppVersions(key: string): Promise<AppVersionSummary[]>;
  /** How many instances of each version of the app are still open, by version (absent: none). */
  countOpenInstancesByVersion(app: string): Promise<Map<number, number>>;
  /** The open instances of one version of an app, oldest first: flow, record and the nodes their tokens are at. */
  listOpenInstancePositions(
    app: string,
    version: number,
  ): Promise<{ id: string; flow: string; recordId: string; nodes: string[] }[]>;
  /** Records a migration run as it starts (migration-queries.ts). */
  insertInstanceMigration(run: InstanceMigrationRow): Promise<void>;
  /** Its counts and failures after a batch, and `done` at its end. */
  updateInstanceMigration(id: string, progress: InstanceMigrationProgress): Promise<void>;
  /** An app's migration runs, newest first. */
  listInstanceMigrations(app: string): Promise<InstanceMigrationRow[]>;
  /** Archives (`at`) or unarchives (null) an app; false when there is no such app. */
  setAppArchived(key: string, at: string | null): Promise<boolean>;

  // records
  listRecords(app: string, form: string, options?: ListRecordsOptions): Promise<Page<RecordRow>>;
  /** GROUP BY over typed columns, for dashboards. */
  aggregateRecords(app: string, form: string, options: AggregateOptions): Promise<AggregateRow[]>;
  /** The same aggregate as SQL, to run here (`runRead`) or on a read-only connection elsewhere. */
  compileAggregate(
    app: string,
    form: string,
    options: AggregateOptions,
  ): Promise<CompiledRead<AggregateRow[]>>;
  /**
   * The same groups and values from a dashboard rollup kept with every record write, or undefined
   * when no rollup answers `query` exactly (then read the records with `compileAggregate`).
   */
  compileRollup(
    app: string,
    form: string,
    query: RollupQuery,
  ): Promise<CompiledRead<AggregateRow[]> | undefined>;
  /**
   * One field's typed column (no JSON read) for the records `ids` names, or for every record of the
   * form up to `limit` (default 200,000) without `ids`; undefined when the field has no column.
   */
  fieldValues(
    app: string,
    form: string,
    field: string,
    ids?: readonly string[],
    limit?: number,
  ): Promise<FieldValue[] | undefined>;
  /**
   * Every record of a list (filter, sort, `createdBy`; no paging) in chunks, for exports, with the
   * `labels` the scan can read beside each (see `scanLabels`).
   */
  scanRecords(
    app: string,
    form: string,
    options: ListRecordsOptions,
    labels?: readonly ScanLabel[],
  ): AsyncIterable<ScannedRecord[]>;
  /**
   * The one statement `scanRecords` steps on a SQLite file, for a caller that steps it on worker
   * threads itself (the parallel CSV export); undefined on PostgreSQL and in memory.
   */
  scanStatement(
    app: string,
    form: string,
    options: ListRecordsOptions,
    labels?: readonly ScanLabel[],
  ): Promise<ScanStatement | undefined>;
  /** For each of `labels`, whether `scanRecords` reads it in SQL (on a SQLite file, when both columns exist). */
  scanLabels(app: string, form: string, labels: readonly ScanLabel[]): Promise<boolean[]>;
  /** The SQL of process analytics for one flow (see `FlowAnalyticsReads`). */
  compileFlowAnalytics(query: FlowAnalyticsQuery): FlowAnalyticsReads;
  /** Runs a compiled read on the store's own connection (pool). */
  runRead<T>(read: CompiledRead<T>): Promise<T>;
  /**
   * Bulk import: inserts every record in one transaction with multi-row INSERTs (one prepared
   * statement per form and batch size). All or nothing; `FC_NOT_FOUND` for an unpublished form.
   */
  insertRecords(records: readonly NewRecord[]): Promise<void>;
  /** The records of `ids` that exist, in the order of `ids` (one query per record table). */
  getRecords(ids: readonly string[]): Promise<RecordRow[]>;
  getRecordWithInstance(id: string): Promise<RecordWithInstance | undefined>;
  getInstanceByRecord(recordId: string): Promise<InstanceRow | undefined>;

  // work
  inbox(userId: string, roles: readonly string[], options?: InboxOptions): Promise<Page<TaskRow>>;
  listHistory(instanceId: string): Promise<HistoryEvent[]>;
  listNotifications(
    userId: string,
    options?: { unreadOnly?: boolean; limit?: number },
  ): Promise<NotificationRow[]>;
  markNotificationRead(id: string, userId: string, at?: string): Promise<void>;
  listIncidents(options?: { instanceId?: string; open?: boolean }): Promise<IncidentRow[]>;
  /** Copies addressed to the user or one of their roles, newest first, keyset-paged. */
  listCopies(userId: string, roles: readonly string[], options?: CopyListOptions): Promise<Page<CopyRow>>;
  /** The copies of one instance addressed to the user or one of their roles. */
  copiesOnInstance(instanceId: string, userId: string, roles: readonly string[]): Promise<CopyRow[]>;
  /** Marks a copy read by the user; `FC_NOT_FOUND` when it is not addressed to them. */
  markCopyRead(id: string, userId: string, roles: readonly string[], at?: string): Promise<void>;
  /** Whether the user or one of their roles holds a copy of any case of `app`. */
  holdsCopyIn(app: string, userId: string, roles: readonly string[]): Promise<boolean>;
  resolveIncident(id: string, by: string, at?: string): Promise<void>;

  // files
  putFile(file: Omit<FileRow, 'createdAt'> & { createdAt?: string }): Promise<FileRow>;
  getFile(id: string): Promise<FileRow | undefined>;

  // jobs
  /** Leases due, unfired timers to `owner`; a row is never leased to two owners at once. */
  claimDueTimers(now: string, owner: string, leaseMs: number, limit: number): Promise<TimerRow[]>;
  markTimerFired(id: string, at?: string): Promise<void>;
  /** Leases due pending outbox rows to `owner` and counts the attempt. */
  claimOutbox(now: string, owner: string, leaseMs: number, limit: number): Promise<OutboxRow[]>;
  completeOutbox(id: string): Promise<void>;
  /** `nextAttemptAt: null` gives up (status `failed`); otherwise the row is retried then. */
  failOutbox(id: string, nextAttemptAt: string | null, error: string): Promise<void>;
  getOutbox(id: string): Promise<OutboxRow | undefined>;
  /** Requeues a `failed` row with a fresh attempt budget; false when it is not failed. */
  retryOutbox(id: string): Promise<boolean>;
  getTimer(id: string): Promise<TimerRow | undefined>;
}

export type { FieldChange };
export type { FieldValue };
