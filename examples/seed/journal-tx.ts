/**
 * A `StoreTx` that keeps one case's writes in memory while the seeder steps it through its whole
 * life, then writes the net result through the real transaction: a task opened and later done is
 * one insert plus one update instead of a row touched on every step, a record is inserted once
 * with its final data, the history is one multi-row insert. `applyEffects` (the runtime's own code)
 * does all the writing into it, so the rows are the ones the server would have produced.
 *
 * Notifications are delivered here as the outbox worker would deliver them (in-app rows for every
 * recipient, in their language): a year of history should not leave millions of pending outbox
 * rows for the worker to replay when the server starts. Only notices from `notifySince` on are
 * kept (older ones count as read and purged: SLA reminders to whole roles would otherwise add tens
 * of rows per case). Webhook calls stay pending outbox rows.
 */
import type { Assignee, FlowSnapshot, HistoryEvent } from '../../engine/index.js';
import { notificationFor } from '../../runtime/jobs/outbox-worker.js';
import type {
  InstanceRow,
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
  RecordRow,
  StoreTx,
  TaskPatch,
  TaskUrge,
  UserRow,
} from '../../runtime/store/store.js';

/** Records and users the seeder keeps in memory: base data (customers, products) and the staff. */
export interface SeedDirectory {
  record(id: string): RecordRow | undefined;
  user(id: string): UserRow | undefined;
  usersInRole(role: string): readonly UserRow[];
}

interface TaskEntry {
  row: NewTask;
  patch: TaskPatch;
  assignees?: Assignee[];
}

interface TimerEntry {
  row: NewTimer;
  cancelledAt?: string;
  firedAt?: string;
}

export class JournalTx implements StoreTx {
  private readonly newRecords = new Map<string, RecordRow>();
  private readonly changedRecords = new Map<string, RecordRow>();
  private instance: { row: InstanceRow } | undefined;
  private readonly tasks = new Map<string, TaskEntry>();
  private readonly timers = new Map<string, TimerEntry>();
  private readonly history: HistoryEvent[] = [];
  private readonly outbox: NewOutbox[] = [];
  private readonly notifications: NewNotification[] = [];
  private readonly incidents: NewIncident[] = [];
  private readonly copies: NewCopy[] = [];

  /** `sequence` hands out autonumbers (the real transaction's `nextSequence`; a stub for dry runs). */
  constructor(
    private readonly directory: SeedDirectory,
    /** The simulated clock, for rows the effects do not time themselves (set by `CaseSim`). */
    public clock: () => string,
    private readonly sequence: (app: string, form: string, field: string, day: string) => Promise<number>,
    private readonly notifySince = '',
  ) {}

  getInstance(id: string): Promise<InstanceRow | undefined> {
    return Promise.resolve(this.instance?.row.id === id ? this.instance.row : undefined);
  }

  insertInstance(i: NewInstance): Promise<InstanceRow> {
    const at = i.createdAt ?? this.clock();
    const row: InstanceRow = {
      id: i.id,
      app: i.app,
      flow: i.flow,
      version: i.version,
      recordId: i.recordId,
      status: i.snapshot.status,
      snapshot: i.snapshot,
      rev: 1,
      createdAt: at,
      updatedAt: at,
    };
    this.instance = { row };
    return Promise.resolve(row);
  }

  saveInstance(id: string, snapshot: FlowSnapshot, expectedRev: number, updatedAt?: string): Promise<number> {
    if (!this.instance || this.instance.row.id !== id)
      throw new Error(`The journal holds no instance ${id}.`);
    if (expectedRev !== this.instance.row.rev)
      throw new Error(`Instance ${id} is at revision ${this.instance.row.rev}, not ${expectedRev}.`);
    this.instance.row = {
      ...this.instance.row,
      snapshot,
      status: snapshot.status,
      rev: expectedRev + 1,
      updatedAt: updatedAt ?? this.clock(),
    };
    return Promise.resolve(expectedRev + 1);
  }

  setInstanceVersion(id: string, version: number): Promise<void> {
    if (!this.instance || this.instance.row.id !== id)
      throw new Error(`The journal holds no instance ${id}.`);
    this.instance.row = { ...this.instance.row, version };
    return Promise.resolve();
  }

  getRecord(id: string): Promise<RecordRow | undefined> {
    return Promise.resolve(
      this.newRecords.get(id) ?? this.changedRecords.get(id) ?? this.directory.record(id),
    );
  }

  insertRecord(r: NewRecord): Promise<RecordRow> {
    const at = r.createdAt ?? this.clock();
    const row: RecordRow = {
      id: r.id,
      app: r.app,
      form: r.form,
      version: r.version,
      data: r.data,
      createdBy: r.createdBy,
      createdAt: at,
      updatedAt: at,
      ...(r.instanceId ? { instanceId: r.instanceId } : {}),
    };
    this.newRecords.set(r.id, row);
    return Promise.resolve(row);
  }

  async insertRecords(list: readonly NewRecord[]): Promise<void> {
    for (const r of list) await this.insertRecord(r);
  }

  updateRecord(id: string, patch: RecordPatch): Promise<RecordRow> {
    const current = this.newRecords.get(id) ?? this.changedRecords.get(id) ?? this.directory.record(id);
    if (!current) throw new Error(`No record ${id} to update.`);
    const next: RecordRow = {
      ...current,
      data: patch.data ?? current.data,
      updatedAt: patch.updatedAt ?? this.clock(),
    };
    if (patch.instanceId !== undefined) {
      if (patch.instanceId === null) delete next.instanceId;
      else next.instanceId = patch.instanceId;
    }
    (this.newRecords.has(id) ? this.newRecords : this.changedRecords).set(id, next);
    return Promise.resolve(next);
  }

  getTask(): Promise<undefined> {
    return Promise.reject(new Error('The seeder does not read tasks back.'));
  }

  listTasks(): Promise<never[]> {
    return Promise.reject(new Error('The seeder does not read tasks back.'));
  }

  insertTask(t: NewTask): Promise<void> {
    this.tasks.set(t.id, { row: { ...t, createdAt: t.createdAt ?? this.clock() }, patch: {} });
    return Promise.resolve();
  }

  updateTask(id: string, patch: TaskPatch): Promise<void> {
    const entry = this.tasks.get(id);
    if (!entry) throw new Error(`No task ${id} in this case.`);
    Object.assign(entry.patch, patch);
    return Promise.resolve();
  }

  setTaskAssignees(id: string, assignees: Assignee[]): Promise<void> {
    const entry = this.tasks.get(id);
    if (!entry) throw new Error(`No task ${id} in this case.`);
    entry.assignees = assignees;
    return Promise.resolve();
  }

  appendHistory(_instanceId: string, events: readonly HistoryEvent[]): Promise<void> {
    this.history.push(...events);
    return Promise.resolve();
  }

  listHistory(): Promise<HistoryEvent[]> {
    return Promise.resolve([...this.history]);
  }

  scheduleTimer(t: NewTimer): Promise<void> {
    this.timers.set(t.id, { row: t });
    return Promise.resolve();
  }

  async scheduleTimers(timers: readonly NewTimer[]): Promise<void> {
    for (const t of timers) await this.scheduleTimer(t);
  }

  async cancelTimers(ids: readonly string[], at?: string): Promise<void> {
    for (const id of ids) await this.cancelTimer(id, at);
  }

  cancelTimer(id: string, at?: string): Promise<void> {
    const entry = this.timers.get(id);
    if (entry && !entry.firedAt && !entry.cancelledAt) entry.cancelledAt = at ?? this.clock();
    return Promise.resolve();
  }

  markTimerFired(id: string, at?: string): Promise<void> {
    const entry = this.timers.get(id);
    if (!entry || entry.firedAt || entry.cancelledAt)
      throw new Error(`Timer ${id} already fired or was cancelled.`);
    entry.firedAt = at ?? this.clock();
    return Promise.resolve();
  }

  enqueueOutbox(item: NewOutbox): Promise<void> {
    if (item.kind === 'webhook') {
      this.outbox.push(item);
      return Promise.resolve();
    }
    const at = this.clock();
    if (at < this.notifySince) return Promise.resolve();
    const to = (item.payload.to ?? []) as Assignee[];
    const seen = new Set<string>();
    for (const a of to) {
      const users =
        'user' in a
          ? [this.directory.user(a.user)].filter((u) => u !== undefined)
          : this.directory.usersInRole(a.role);
      for (const user of users) {
        if (seen.has(user.id) || user.disabled) continue;
        seen.add(user.id);
        this.notifications.push(notificationFor({ id: item.id, payload: item.payload }, user, at));
      }
    }
    return Promise.resolve();
  }

  insertNotification(n: NewNotification): Promise<void> {
    this.notifications.push(n);
    return Promise.resolve();
  }

  /** A delivered row is no longer pending: it leaves the journal's outbox. */
  completeOutbox(id: string): Promise<void> {
    const i = this.outbox.findIndex((o) => o.id === id);
    if (i >= 0) this.outbox.splice(i, 1);
    return Promise.resolve();
  }

  /** Case simulation delivers nothing: the journal keeps its rows pending, to be delivered when served. */
  failOutbox(): Promise<void> {
    return Promise.resolve();
  }

  async nextSequence(app: string, form: string, field: string, day: string, count = 1): Promise<number> {
    // The seeder's sequences hand out one number at a time; a block is that many in a row.
    const first = await this.sequence(app, form, field, day);
    for (let i = 1; i < count; i++) await this.sequence(app, form, field, day);
    return first;
  }

  getIdempotency(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  putIdempotency(): Promise<void> {
    return Promise.resolve();
  }

  openIncident(incident: NewIncident): Promise<void> {
    this.incidents.push(incident);
    return Promise.resolve();
  }

  /** Simulated cases start no subflows, and none of them is another's child. */
  insertSubflowLink(): Promise<void> {
    return Promise.reject(new Error('The seeder does not simulate subflows.'));
  }

  getSubflowLink(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  subflowLinkOfChild(): Promise<undefined> {
    return Promise.resolve(undefined);
  }

  listSubflowLinks(): Promise<never[]> {
    return Promise.resolve([]);
  }

  /** Copies (抄送) stay, as the server keeps them: the supervisor's tab shows a year of escalations. */
  insertCopies(copies: readonly NewCopy[]): Promise<void> {
    this.copies.push(...copies);
    return Promise.resolve();
  }

  /** Simulated cases are never urged. */
  taskUrges(): Promise<Map<string, TaskUrge>> {
    return Promise.resolve(new Map<string, TaskUrge>());
  }

  putTaskUrge(): Promise<void> {
    return Promise.resolve();
  }

  /**
   * The case's net rows, as plain data (a seeding worker posts them to the writer): a record with
   * its final data and times, a task with its final state, and only the timers still pending
   * (fired and cancelled ones are never read again: the scheduler claims pending rows only).
   */
  rows(): LoadedCase {
    const i = this.instance?.row;
    return {
      records: [...this.newRecords.values()].map((r) => ({
        id: r.id,
        app: r.app,
        form: r.form,
        version: r.version,
        data: r.data,
        createdBy: r.createdBy,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        ...(r.instanceId ? { instanceId: r.instanceId } : {}),
      })),
      recordUpdates: [...this.changedRecords.values()].map((r) => ({
        id: r.id,
        data: r.data,
        updatedAt: r.updatedAt,
      })),
      ...(i
        ? {
            instance: {
              id: i.id,
              app: i.app,
              flow: i.flow,
              version: i.version,
              recordId: i.recordId,
              snapshot: i.snapshot,
              createdAt: i.createdAt,
              rev: i.rev,
              updatedAt: i.updatedAt,
            },
          }
        : {}),
      tasks: [...this.tasks.values()].map(({ row, patch, assignees }) => ({
        ...row,
        ...(assignees ? { assignees } : {}),
        ...patch,
      })),
      timers: [...this.timers.values()].filter((t) => !t.firedAt && !t.cancelledAt).map((t) => t.row),
      history: this.history,
      outbox: this.outbox,
      notifications: this.notifications,
      incidents: this.incidents,
      copies: this.copies,
    };
  }

  /** Writes the case through the real transaction. */
  flush(real: StoreTx): Promise<void> {
    return real.loadCases([this.rows()]);
  }

  loadCases(): Promise<void> {
    return Promise.reject(new Error('A case journal holds one case; it does not load others.'));
  }
}
