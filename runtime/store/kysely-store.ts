/**
 * The one implementation of `Store`, shared by SQLite and PostgreSQL: the dialect differences
 * (how a write transaction starts, row locks for claims, backup) are confined to a few branches.
 */
import { Migrator, sql } from 'kysely';
import { FlowcaseError, type AppBundle } from '../../engine/index.js';
import * as accounts from './account-queries.js';
import * as apps from './app-queries.js';
import type { Connection } from './connection.js';
import { compileFlowAnalytics } from './flow-analytics-queries.js';
import { syncFlowStats } from './flow-stats-sync.js';
import { FormRegistry } from './form-registry.js';
import { HistoryCache } from './history-cache.js';
import * as instances from './instance-queries.js';
import * as jobs from './job-queries.js';
import { LoginStateQueries, pruneLoginState } from './login-queries.js';
import { migrationProvider } from './migrations/migrations.js';
import * as misc from './misc-queries.js';
import * as migrations from './migration-queries.js';
import * as copies from './copy-queries.js';
import { aggregateRecords, compileAggregate, runRead } from './record-aggregate.js';
import { listRecords } from './record-list.js';
import { scanLabels, scanRecords, scanStatement } from './record-scan.js';
import { fieldValues } from './record-field-values.js';
import { compileRollup } from './rollup-read.js';
import { syncAllRollups, syncRollups } from './rollup-sync.js';
import * as records from './record-queries.js';
import type { Executor, StoreContext } from './store-context.js';
import * as tasks from './task-queries.js';
import { TxQueries } from './tx-queries.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';
import { WriteQueue } from './write-queue.js';

/** Commits after which a SQLite file store moves its WAL checkpoints to a worker thread. */
const CHECKPOINTER_AFTER_COMMITS = 100;
/** The main connection's own checkpoint threshold once the worker checkpoints (a safety net). */
const SAFETY_AUTOCHECKPOINT_PAGES = 10_000;
import type {
  AggregateOptions,
  CompiledRead,
  CopyListOptions,
  FileRow,
  RollupQuery,
  ScanLabel,
  FlowAnalyticsQuery,
  InboxOptions,
  InstanceMigrationProgress,
  InstanceMigrationRow,
  ListRecordsOptions,
  LoginStateTx,
  NewRecord,
  NewToken,
  NewUser,
  RecordWithInstance,
  Store,
  StoreTx,
  UserPatch,
} from './types.js';

export class KyselyStore extends TxQueries implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly sqliteFile: string | undefined;
  readonly #connection: Connection;
  readonly #history: HistoryCache;
  /** SQLite: group commit of concurrent write transactions (write-queue.ts). */
  readonly #writes: WriteQueue | undefined;
  #commits = 0;
  #checkpointer: Checkpointer | undefined;

  constructor(
    connection: Connection,
    clock: { now: () => string; newId: () => string; rollupTimeZone: string | null },
  ) {
    const ctx: StoreContext = {
      dialect: connection.dialect,
      now: clock.now,
      newId: clock.newId,
      registry: new FormRegistry(),
      rollupTimeZone: clock.rollupTimeZone,
    };
    super(connection.db, ctx);
    this.dialect = connection.dialect;
    this.sqliteFile = connection.sqlite && !connection.sqlite.memory ? connection.sqlite.name : undefined;
    this.#connection = connection;
    this.#history = new HistoryCache(connection.dialect);
    this.#writes =
      connection.dialect === 'sqlite'
        ? new WriteQueue(connection.db, () => ctx.registry.clear(), { onCommit: () => this.#committed() })
        : undefined;
  }

  write<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.#writeWith((db) => fn(new TxQueries(db, this.ctx, new Map())));
  }

  /**
   * One write transaction. On SQLite, concurrent writes share one transaction and one commit,
   * each in its own savepoint (write-queue.ts); the lock is taken up front with `BEGIN IMMEDIATE`.
   */
  async #writeWith<T>(fn: (db: Executor) => Promise<T>): Promise<T> {
    if (this.#writes) return this.#writes.run(fn);
    try {
      return await this.db.transaction().execute(fn);
    } catch (e) {
      this.ctx.registry.clear();
      throw e;
    }
  }

  /** A busy file store (not short-lived ones, as in tests) gets its WAL checkpoints off the request path. */
  #committed(): void {
    this.#commits += 1;
    const sqlite = this.#connection.sqlite;
    if (this.#commits !== CHECKPOINTER_AFTER_COMMITS || !sqlite || sqlite.memory || !this.sqliteFile) return;
    try {
      this.#checkpointer = startCheckpointer(this.sqliteFile, this.#connection.synchronous ?? 'NORMAL');
      sqlite.pragma(`wal_autocheckpoint = ${SAFETY_AUTOCHECKPOINT_PAGES}`);
    } catch {
      // No worker: SQLite keeps checkpointing inside commits, as before.
    }
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.db,
      provider: migrationProvider,
      // Migrations written side by side may land out of number order (0012 before 0011); each one
      // touches its own tables, so a database that ran a later one still takes an earlier one.
      allowUnorderedMigrations: true,
      ...(this.#connection.schema ? { migrationTableSchema: this.#connection.schema } : {}),
    });
    if (this.#connection.schema)
      await sql`create schema if not exists ${sql.id(this.#connection.schema)}`.execute(this.db);
    const { error } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
    // Databases from before rollups, or kept in another time zone, get theirs built now.
    await this.#writeWith((db) => syncAllRollups(db, this.ctx));
    await this.#writeWith((db) => syncFlowStats(db, this.ctx));
  }

  async close(): Promise<void> {
    // The worker closes its connection first, so ours is the last and checkpoints the WAL away.
    this.#checkpointer?.stop();
    await this.db.destroy();
  }

  async optimize(): Promise<void> {
    if (this.dialect === 'sqlite') {
      // Bounded: without a limit the first optimize of a large file runs a full ANALYZE, minutes
      // over millions of rows; sampled statistics choose the same plans.
      await sql`pragma analysis_limit = 1000`.execute(this.db);
      await sql`pragma optimize`.execute(this.db);
    }
  }

  async backup(file: string): Promise<void> {
    const sqlite = this.#connection.sqlite;
    if (!sqlite)
      throw new FlowcaseError('FC_BAD_REQUEST', 'Online backup is for SQLite; use pg_dump for PostgreSQL');
    await sqlite.backup(file);
  }

  // users and auth
  createUser(u: NewUser) {
    return this.#writeWith((db) => accounts.createUser(db, this.ctx, u));
  }
  updateUser(id: string, patch: UserPatch, options: { signOutAt?: string } = {}) {
    return this.#writeWith(async (db) => {
      const user = await accounts.updateUser(db, id, patch);
      if (options.signOutAt !== undefined)
        await accounts.revokeUserTokens(db, this.ctx, id, options.signOutAt);
      return user;
    });
  }
  getUser(id: string) {
    return accounts.getUser(this.db, id);
  }
  getUsers(ids: readonly string[]) {
    return accounts.getUsers(this.db, ids);
  }
  getUserByUsername(username: string) {
    return accounts.getUserByUsername(this.db, username);
  }
  listUsers() {
    return accounts.listUsers(this.db);
  }
  listUserNames() {
    return accounts.listUserNames(this.db);
  }
  listUsersByRole(role: string) {
    return accounts.listUsersByRole(this.db, role);
  }
  createToken(t: NewToken) {
    return this.#writeWith((db) => accounts.createToken(db, this.ctx, t));
  }
  findToken(tokenHash: string) {
    return accounts.findToken(this.db, tokenHash);
  }
  revokeToken(tokenHash: string, at?: string) {
    return this.#writeWith((db) => accounts.revokeToken(db, this.ctx, tokenHash, at));
  }
  revokeUserTokens(userId: string, at?: string) {
    return this.#writeWith((db) => accounts.revokeUserTokens(db, this.ctx, userId, at));
  }
  setUserPassword(userId: string, passwordHash: string, at?: string) {
    return this.#writeWith(async (db) => {
      const user = await accounts.updateUser(db, userId, { passwordHash });
      await accounts.revokeUserTokens(db, this.ctx, userId, at);
      return user;
    });
  }
  writeLoginState<T>(fn: (tx: LoginStateTx) => Promise<T>): Promise<T> {
    return this.#writeWith((db) => fn(new LoginStateQueries(db, this.ctx)));
  }
  pruneLoginState(countersBefore: string, addressesBefore: string) {
    return this.#writeWith((db) => pruneLoginState(db, countersBefore, addressesBefore));
  }

  // apps
  listApps() {
    return apps.listApps(this.db);
  }
  getApp(key: string) {
    return apps.getApp(this.db, key);
  }
  getCurrentVersion(key: string) {
    return apps.getCurrentVersion(this.db, key);
  }
  getAppVersion(key: string, version: number) {
    return apps.getAppVersion(this.db, key, version);
  }
  saveDraft(key: string, bundle: AppBundle, options: { revision?: number } = {}) {
    return this.#writeWith((db) => apps.saveDraft(db, this.ctx, key, bundle, options));
  }
  listAppVersions(key: string) {
    return apps.listAppVersions(this.db, key);
  }
  countOpenInstancesByVersion(app: string) {
    return instances.countOpenInstancesByVersion(this.db, app);
  }
  listOpenInstancePositions(app: string, version: number) {
    return instances.listOpenInstancePositions(this.db, app, version);
  }
  insertInstanceMigration(run: InstanceMigrationRow) {
    return this.#writeWith((db) => migrations.insertInstanceMigration(db, run));
  }
  updateInstanceMigration(id: string, progress: InstanceMigrationProgress) {
    return this.#writeWith((db) => migrations.updateInstanceMigration(db, id, progress));
  }
  listInstanceMigrations(app: string) {
    return migrations.listInstanceMigrations(this.db, app);
  }
  setAppArchived(key: string, at: string | null) {
    return this.#writeWith((db) => apps.setAppArchived(db, key, at));
  }
  async publishApp(key: string, options: { by: string; bundle?: AppBundle; at?: string; draft?: AppBundle }) {
    try {
      return await this.#writeWith(async (db) => {
        const version = await apps.publishApp(db, this.ctx, key, options);
        const published = await apps.getAppVersion(db, key, version);
        if (published) await syncRollups(db, this.ctx, key, published.bundle);
        return version;
      });
    } finally {
      this.ctx.registry.clear();
    }
  }

  // records
  async listRecords(app: string, form: string, options?: ListRecordsOptions) {
    return listRecords(this.db, this.ctx, app, form, options);
  }
  aggregateRecords(app: string, form: string, options: AggregateOptions) {
    return aggregateRecords(this.db, this.ctx, app, form, options);
  }
  compileAggregate(app: string, form: string, options: AggregateOptions) {
    return compileAggregate(this.db, this.ctx, app, form, options);
  }
  compileRollup(app: string, form: string, query: RollupQuery) {
    return compileRollup(this.db, this.ctx, app, form, query);
  }
  fieldValues(app: string, form: string, field: string, ids?: readonly string[], limit?: number) {
    return fieldValues(this.db, this.ctx, app, form, field, ids, limit);
  }
  scanRecords(app: string, form: string, options: ListRecordsOptions, labels: readonly ScanLabel[] = []) {
    return scanRecords(this.db, this.ctx, this.sqliteFile, app, form, options, labels);
  }
  scanStatement(app: string, form: string, options: ListRecordsOptions, labels: readonly ScanLabel[] = []) {
    return scanStatement(this.db, this.ctx, this.sqliteFile, app, form, options, labels);
  }
  scanLabels(app: string, form: string, labels: readonly ScanLabel[]) {
    return scanLabels(this.db, this.ctx, this.sqliteFile, app, form, labels);
  }
  compileFlowAnalytics(query: FlowAnalyticsQuery) {
    return compileFlowAnalytics(this.db, this.ctx, query);
  }
  runRead<T>(read: CompiledRead<T>): Promise<T> {
    return runRead(this.db, read);
  }
  override insertRecords(recs: readonly NewRecord[]) {
    return this.#writeWith((db) => records.insertRecords(db, this.ctx, recs));
  }
  getRecords(ids: readonly string[]) {
    return records.getRecords(this.db, this.ctx, ids);
  }
  async getRecordWithInstance(id: string): Promise<RecordWithInstance | undefined> {
    const record = await records.getRecord(this.db, this.ctx, id);
    if (!record) return undefined;
    const instance = record.instanceId
      ? await instances.getInstance(this.db, this.ctx, record.instanceId)
      : await instances.getInstanceByRecord(this.db, id);
    if (!instance) return { record, tasks: [], history: [] };
    return {
      record,
      instance,
      tasks: await tasks.listTasks(this.db, this.ctx, instance.id),
      history: await this.#history.list(this.db, instance.id),
    };
  }
  getInstanceByRecord(recordId: string) {
    return instances.getInstanceByRecord(this.db, recordId);
  }

  // work
  inbox(userId: string, roles: readonly string[], options?: InboxOptions) {
    return tasks.inbox(this.db, this.ctx, userId, roles, options);
  }
  override listHistory(instanceId: string) {
    return this.#history.list(this.db, instanceId);
  }
  listNotifications(userId: string, options?: { unreadOnly?: boolean; limit?: number }) {
    return misc.listNotifications(this.db, userId, options);
  }
  markNotificationRead(id: string, userId: string, at?: string) {
    return this.#writeWith((db) => misc.markNotificationRead(db, this.ctx, id, userId, at));
  }
  listIncidents(options?: { instanceId?: string; open?: boolean }) {
    return misc.listIncidents(this.db, options);
  }
  listCopies(userId: string, roles: readonly string[], options?: CopyListOptions) {
    return copies.listCopies(this.db, userId, roles, options);
  }
  copiesOnInstance(instanceId: string, userId: string, roles: readonly string[]) {
    return copies.copiesOnInstance(this.db, instanceId, userId, roles);
  }
  markCopyRead(id: string, userId: string, roles: readonly string[], at?: string) {
    return this.#writeWith((db) => copies.markCopyRead(db, this.ctx, id, userId, roles, at));
  }
  holdsCopyIn(app: string, userId: string, roles: readonly string[]) {
    return copies.holdsCopyIn(this.db, app, userId, roles);
  }
  resolveIncident(id: string, by: string, at?: string) {
    return this.#writeWith((db) => misc.resolveIncident(db, this.ctx, id, by, at));
  }
  putFile(f: Omit<FileRow, 'createdAt'> & { createdAt?: string }) {
    return this.#writeWith((db) => misc.putFile(db, this.ctx, f));
  }
  getFile(id: string) {
    return misc.getFile(this.db, id);
  }

  // jobs
  claimDueTimers(now: string, owner: string, leaseMs: number, limit: number) {
    return this.#writeWith((db) => jobs.claimDueTimers(db, this.ctx, now, owner, leaseMs, limit));
  }
  override markTimerFired(id: string, at?: string) {
    return this.#writeWith((db) => jobs.markTimerFired(db, this.ctx, id, at));
  }
  claimOutbox(now: string, owner: string, leaseMs: number, limit: number) {
    return this.#writeWith((db) => jobs.claimOutbox(db, this.ctx, now, owner, leaseMs, limit));
  }
  override completeOutbox(id: string) {
    return this.#writeWith((db) => jobs.completeOutbox(db, id));
  }
  override failOutbox(id: string, nextAttemptAt: string | null, error: string) {
    return this.#writeWith((db) => jobs.failOutbox(db, id, nextAttemptAt, error));
  }
  getOutbox(id: string) {
    return jobs.getOutbox(this.db, id);
  }
  retryOutbox(id: string) {
    return this.#writeWith((db) => jobs.retryOutbox(db, id, this.ctx.now()));
  }
  getTimer(id: string) {
    return jobs.getTimer(this.db, id);
  }
}
