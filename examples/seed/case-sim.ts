/**
 * One case in memory: creates its record and instance the way `createRecord` does, then steps it
 * with the runtime's `stepInTx` (engine step + `applyEffects`) on a simulated clock, firing its
 * timers when they fall due, exactly as the scheduler would. All writes go into a `JournalTx`.
 */
import type { FlowDef, FlowEvent, FlowSnapshot, PendingTimer } from '../../engine/index.js';
import { FlowcaseError, initialSnapshot } from '../../engine/index.js';
import { formOf, type AppVersion } from '../../runtime/cases/definitions.js';
import { loadRelations } from '../../runtime/cases/relation-lookups.js';
import { stepInTx, type StepDeps } from '../../runtime/cases/step-runner.js';
import type { Actor } from '../../runtime/cases/types.js';
import type { InstanceRow, RecordRow } from '../../runtime/store/store.js';
import type { JournalTx } from './journal-tx.js';

export const TIMER_ACTOR: Actor = { id: 'system', username: 'system', roles: [] };

export interface SimContext {
  version: AppVersion;
  flow: FlowDef;
  /** `newId` draws from the case's own PRNG (the seeder swaps it per case). */
  deps: StepDeps;
  usersInRole: (role: string) => string[];
}

export class CaseSim {
  snapshot!: FlowSnapshot;
  record!: RecordRow;
  private instance!: InstanceRow;
  /** The simulated clock, in ms. */
  now = 0;

  constructor(
    private readonly ctx: SimContext,
    readonly tx: JournalTx,
  ) {
    tx.clock = () => this.iso;
  }

  get iso(): string {
    return new Date(this.now).toISOString();
  }

  /** Validates and stores the record and starts its flow, as `CaseService.createRecord` does. */
  async create(at: number, input: Record<string, unknown>, actor: Actor): Promise<void> {
    const { version, flow, deps } = this.ctx;
    this.now = at;
    const when = new Date(at);
    const now = when.toISOString();
    const today = deps.today(when);
    const { def, compiled } = formOf(version, flow.form);
    const lookup = await loadRelations(this.tx, version.app, def.fields, [input]);
    const sequences = new Map<string, number>();
    for (const field of def.fields) {
      if (field.type === 'autonumber')
        sequences.set(
          field.key,
          await this.tx.nextSequence(version.app, flow.form, field.key, today.replace(/-/g, '')),
        );
    }
    const submitted = compiled.submit(input, {
      mode: 'create',
      now,
      today,
      user: actor.id,
      lookup,
      nextSequence: (key) => sequences.get(key) ?? 1,
    });
    if (!submitted.ok)
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        `Seed record refused: ${JSON.stringify(submitted.errors)}`,
        { problems: submitted.errors },
      );
    const recordId = deps.newId();
    const instanceId = deps.newId();
    await this.tx.insertRecord({
      id: recordId,
      app: version.app,
      form: flow.form,
      version: version.version,
      data: submitted.data,
      createdBy: actor.id,
      createdAt: now,
    });
    const snapshot = initialSnapshot(flow, version.version);
    this.instance = await this.tx.insertInstance({
      id: instanceId,
      app: version.app,
      flow: flow.key,
      version: version.version,
      recordId,
      snapshot,
      createdAt: now,
    });
    this.record = await this.tx.updateRecord(recordId, { instanceId, updatedAt: now });
    this.snapshot = snapshot;
    await this.run(this.record, { type: 'start', changes: submitted.changes }, actor);
  }

  /** Steps the instance with `event` at `at` (ms). */
  async send(at: number, event: FlowEvent, actor: Actor): Promise<void> {
    this.now = Math.max(this.now, at);
    await this.run(this.record, event, actor);
  }

  private async run(record: RecordRow, event: FlowEvent, actor: Actor): Promise<void> {
    const result = await stepInTx(
      this.ctx.deps,
      { tx: this.tx, instance: this.instance, record, version: this.ctx.version },
      this.snapshot,
      event,
      actor,
      this.ctx.usersInRole,
      new Date(this.now),
    );
    this.snapshot = result.snapshot;
    this.record = { ...record, data: result.record };
    const rev = await this.tx.saveInstance(this.instance.id, result.snapshot, this.instance.rev, this.iso);
    this.instance = { ...this.instance, snapshot: result.snapshot, status: result.snapshot.status, rev };
  }

  get active(): boolean {
    return this.snapshot.status === 'active';
  }

  /** The pending timer that falls due first (ties by id, as the scheduler's claim orders them). */
  nextTimer(): PendingTimer | undefined {
    let first: PendingTimer | undefined;
    for (const t of this.snapshot.timers)
      if (!first || t.dueAt < first.dueAt || (t.dueAt === first.dueAt && t.id < first.id)) first = t;
    return first;
  }

  /** Fires one timer at its due time, marking it fired in the same step as `fireTimer` does. */
  async fire(timer: PendingTimer): Promise<void> {
    this.now = Math.max(this.now, Date.parse(timer.dueAt));
    await this.tx.markTimerFired(timer.id, this.iso);
    await this.send(this.now, { type: 'timer.fire', timerId: timer.id }, TIMER_ACTOR);
  }

  /** Fires every timer due at or before `until` (ms), in order. */
  async fireUntil(until: number): Promise<void> {
    for (let t = this.nextTimer(); t && Date.parse(t.dueAt) <= until && this.active; t = this.nextTimer())
      await this.fire(t);
  }

  /** The open task at `node`, if any. */
  openTask(node: string): FlowSnapshot['tasks'][number] | undefined {
    return this.snapshot.tasks.find((t) => t.node === node);
  }
}
