/**
 * `StoreTx` over any executor: the plain database for single reads, or a transaction inside
 * `Store.write`. Each method forwards to the query file that owns its tables.
 */
import type { Assignee, FlowSnapshot, HistoryEvent } from '../../engine/index.js';
import { loadCases } from './case-load.js';
import * as instances from './instance-queries.js';
import * as jobs from './job-queries.js';
import * as misc from './misc-queries.js';
import * as migrations from './migration-queries.js';
import * as records from './record-queries.js';
import * as copies from './copy-queries.js';
import type { Executor, StoreContext } from './store-context.js';
import * as tasks from './task-queries.js';
import * as subflows from './subflow-queries.js';
import type { SubflowLink } from './types.js';
import type {
  LoadedCase,
  NewCopy,
  NewIncident,
  NewInstance,
  NewNotification,
  NewOutbox,
  NewRecord,
  NewTask,
  NewTimer,
  RecordPatch,
  StoreTx,
  TaskPatch,
  TaskUrge,
} from './types.js';

export class TxQueries implements StoreTx {
  constructor(
    protected readonly db: Executor,
    protected readonly ctx: StoreContext,
    /** Inside a write transaction: the record rows it read, for its own updates (record-queries.ts). */
    private readonly readRecords?: records.ReadRecords,
  ) {}

  getInstance(id: string) {
    return instances.getInstance(this.db, this.ctx, id);
  }
  insertCopies(list: readonly NewCopy[]) {
    return copies.insertCopies(this.db, list);
  }
  taskUrges(taskIds: readonly string[]) {
    return copies.taskUrges(this.db, taskIds);
  }
  putTaskUrge(urge: TaskUrge) {
    return copies.putTaskUrge(this.db, urge);
  }
  insertInstance(i: NewInstance) {
    return instances.insertInstance(this.db, this.ctx, i);
  }
  saveInstance(
    id: string,
    snapshot: FlowSnapshot,
    expectedRev: number,
    updatedAt?: string,
    statusAtRev?: string,
  ) {
    return instances.saveInstance(this.db, this.ctx, id, snapshot, expectedRev, updatedAt, statusAtRev);
  }
  setInstanceVersion(id: string, version: number) {
    return migrations.setInstanceVersion(this.db, id, version);
  }
  getRecord(id: string, options?: { forUpdate?: boolean }) {
    return records.getRecord(this.db, this.ctx, id, options?.forUpdate ? this.readRecords : undefined);
  }
  insertRecord(r: NewRecord) {
    return records.insertRecord(this.db, this.ctx, r);
  }
  insertRecords(list: readonly NewRecord[]) {
    return records.insertRecords(this.db, this.ctx, list);
  }
  updateRecord(id: string, patch: RecordPatch) {
    return records.updateRecord(this.db, this.ctx, id, patch, this.readRecords);
  }
  getTask(id: string) {
    return tasks.getTask(this.db, this.ctx, id);
  }
  listTasks(instanceId: string) {
    return tasks.listTasks(this.db, this.ctx, instanceId);
  }
  insertTask(t: NewTask) {
    return tasks.insertTask(this.db, this.ctx, t);
  }
  updateTask(id: string, patch: TaskPatch) {
    return tasks.updateTask(this.db, this.ctx, id, patch);
  }
  setTaskAssignees(id: string, assignees: Assignee[]) {
    return tasks.setTaskAssignees(this.db, this.ctx, id, assignees);
  }
  appendHistory(instanceId: string, events: readonly HistoryEvent[]) {
    return instances.appendHistory(this.db, this.ctx, instanceId, events);
  }
  listHistory(instanceId: string) {
    return instances.listHistory(this.db, this.ctx, instanceId);
  }
  scheduleTimer(t: NewTimer) {
    return jobs.scheduleTimer(this.db, this.ctx, t);
  }
  loadCases(cases: readonly LoadedCase[]) {
    return loadCases(this.db, this.ctx, cases);
  }
  scheduleTimers(timers: readonly NewTimer[]) {
    return jobs.scheduleTimers(this.db, this.ctx, timers);
  }
  cancelTimer(id: string, at?: string) {
    return jobs.cancelTimer(this.db, this.ctx, id, at);
  }
  cancelTimers(ids: readonly string[], at?: string) {
    return jobs.cancelTimers(this.db, this.ctx, ids, at);
  }
  markTimerFired(id: string, at?: string) {
    return jobs.markTimerFired(this.db, this.ctx, id, at);
  }
  enqueueOutbox(o: NewOutbox) {
    return jobs.enqueueOutbox(this.db, this.ctx, o);
  }
  insertNotification(n: NewNotification) {
    return misc.insertNotification(this.db, this.ctx, n);
  }
  completeOutbox(id: string) {
    return jobs.completeOutbox(this.db, id);
  }
  failOutbox(id: string, nextAttemptAt: string | null, error: string) {
    return jobs.failOutbox(this.db, id, nextAttemptAt, error);
  }
  nextSequence(app: string, form: string, field: string, day: string, count?: number) {
    return misc.nextSequence(this.db, app, form, field, day, count);
  }
  getIdempotency(scope: string, key: string) {
    return misc.getIdempotency(this.db, scope, key);
  }
  putIdempotency(scope: string, key: string, response: unknown) {
    return misc.putIdempotency(this.db, this.ctx, scope, key, response);
  }
  openIncident(i: NewIncident) {
    return misc.openIncident(this.db, this.ctx, i);
  }
  insertSubflowLink(link: SubflowLink) {
    return subflows.insertSubflowLink(this.db, link);
  }
  getSubflowLink(callId: string) {
    return subflows.getSubflowLink(this.db, callId);
  }
  subflowLinkOfChild(childInstanceId: string) {
    return subflows.subflowLinkOfChild(this.db, childInstanceId);
  }
  listSubflowLinks(parentInstanceId: string) {
    return subflows.listSubflowLinks(this.db, parentInstanceId);
  }
}
