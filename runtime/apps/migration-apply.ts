/**
 * Applying a migration (`POST /apps/:app/migrations` with `dryRun: false`): the open instances of
 * version `from` move onto version `to` in batches, each instance in its own transaction. Inside
 * it the instance is read again and judged again (it may have moved on since the plan), its record
 * is validated against the new form, the engine's pure `migrateInstance` moves its tokens, and the
 * effects (tasks kept, re-created or cancelled, timers re-computed, the history entry) are applied
 * like a step's, then the snapshot is saved with the revision check and the version column set.
 * An instance already on `to` (a rerun after a crash) is skipped, never moved twice. A failure
 * leaves its instance on `from` and is listed; the rest go on. Each run is recorded
 * (`instance_migrations`) and its counts are written after every batch.
 */
import { FlowcaseError, type StepEnv } from '../../engine/index.js';
import { migrateInstance, migrateRecord, migrationPlan, type NodeMapping } from '../../engine/flow/index.js';
import type { Actor } from '../cases/types.js';
import { applyEffects } from '../cases/apply-effects.js';
import { formOf, type AppVersion } from '../cases/definitions.js';
import { loadRelationsChecked } from '../cases/relation-lookups.js';
import { roleDirectory } from '../cases/step-runner.js';
import { localDate, localDateTime } from '../clock.js';
import { uuidv7 } from '../ids.js';
import type { Services } from '../services.js';
import type { InstanceMigrationRow, MigrationFailure } from '../store/store.js';
import { MigrationPlans, type MigrationPlanAnswer, type MigrationRequest } from './migration-plans.js';
import { runsInHand } from './migration-run-state.js';

/** Instances per batch: the run's counts are written after each. */
export const MIGRATION_BATCH = 100;
/** Failures kept in the run's record and answer (the count has them all). */
const FAILURES_KEPT = 200;

export interface ApplyRequest extends MigrationRequest {
  /** Move the groups whose step changes meaning (verdict `changes_meaning`) too; without it they stay. */
  acceptMeaningChanges?: boolean;
}

export interface SkippedCounts {
  /** No longer open on `from` when its turn came (moved by an earlier run, finished meanwhile). */
  already: number;
  /** A node it stands at is gone and the mapping names none. */
  needs_mapping: number;
  /** Its step changes meaning and the request did not accept that. */
  not_accepted: number;
}

export interface MigrationApplyAnswer extends Omit<MigrationPlanAnswer, 'dryRun'> {
  dryRun: false;
  migration: string;
  kind: 'migrate' | 'rollback';
  moved: number;
  skipped: SkippedCounts;
  failed: number;
  failures: MigrationFailure[];
}

type Outcome = 'moved' | keyof SkippedCounts;

export type MigrationDeps = Pick<Services, 'store' | 'versions' | 'clock' | 'config'>;

export class MigrationApply {
  readonly #plans: MigrationPlans;
  constructor(
    private readonly deps: MigrationDeps,
    private readonly options: {
      /** Instances per batch (default `MIGRATION_BATCH`). */
      batch?: number;
      /** Called after each batch with the instances handled so far (progress, tests). */
      onBatch?: (done: number) => void;
    } = {},
  ) {
    this.#plans = new MigrationPlans(deps);
  }

  /** Checks access, plans, then moves every allowed instance of `from`. */
  async apply(
    app: string,
    request: ApplyRequest,
    actor: Actor,
    kind: 'migrate' | 'rollback' = 'migrate',
  ): Promise<MigrationApplyAnswer> {
    const plan = await this.#plans.plan(app, request, actor);
    const { from, to, mapping = {} } = request;
    const accept = request.acceptMeaningChanges === true;
    const [source, target] = await Promise.all([
      this.deps.versions.get(app, from),
      this.deps.versions.get(app, to),
    ]);
    const ids = (await this.deps.store.listOpenInstancePositions(app, from)).map((p) => p.id);
    const started = this.deps.clock.now().toISOString();
    const run: InstanceMigrationRow = {
      id: uuidv7(this.deps.clock.now().getTime()),
      app,
      kind,
      from,
      to,
      mapping,
      acceptChanges: accept,
      startedBy: actor.id,
      startedAt: started,
      finishedAt: null,
      status: 'running',
      total: ids.length,
      moved: 0,
      skipped: 0,
      failed: 0,
      failures: [],
    };
    await this.deps.store.insertInstanceMigration(run);
    // In hand until it ends, however it ends: the runs list tells a live run from a dead one by this.
    runsInHand.add(run.id);
    const skipped: SkippedCounts = { already: 0, needs_mapping: 0, not_accepted: 0 };
    try {
      const roles = new Map<string, (role: string) => string[]>();
      for (const flow of target.flows.keys())
        roles.set(flow, await roleDirectory(this.deps.store, target, flow));
      const batch = this.options.batch ?? MIGRATION_BATCH;
      for (let at = 0; at < ids.length; at += batch) {
        for (const id of ids.slice(at, at + batch)) {
          try {
            const outcome = await this.#moveOne(id, source, target, mapping, accept, roles, actor);
            if (outcome === 'moved') run.moved += 1;
            else skipped[outcome] += 1;
          } catch (e) {
            run.failed += 1;
            if (run.failures.length < FAILURES_KEPT) run.failures.push(await this.#failure(id, e));
          }
        }
        run.skipped = skipped.already + skipped.needs_mapping + skipped.not_accepted;
        const done = Math.min(at + batch, ids.length);
        if (done < ids.length) await this.deps.store.updateInstanceMigration(run.id, run);
        this.options.onBatch?.(done);
      }
      run.status = 'done';
      run.finishedAt = this.deps.clock.now().toISOString();
      await this.deps.store.updateInstanceMigration(run.id, run);
    } finally {
      runsInHand.delete(run.id);
    }
    const { dryRun: _planned, ...planned } = plan;
    return {
      ...planned,
      dryRun: false,
      migration: run.id,
      kind,
      moved: run.moved,
      skipped,
      failed: run.failed,
      failures: run.failures,
    };
  }

  async #failure(id: string, e: unknown): Promise<MigrationFailure> {
    const instance = await this.deps.store.getInstance(id).catch(() => undefined);
    const error =
      e instanceof FlowcaseError
        ? e
        : new FlowcaseError('FC_INTERNAL', e instanceof Error ? e.message : String(e));
    return {
      instance: id,
      recordId: instance?.recordId ?? '',
      code: error.code,
      message: error.message,
      ...(error.path ? { path: error.path } : {}),
    };
  }

  /** One instance, in its own transaction; throws (and nothing is kept) when it cannot move. */
  #moveOne(
    id: string,
    source: AppVersion,
    target: AppVersion,
    mapping: NodeMapping,
    accept: boolean,
    roles: Map<string, (role: string) => string[]>,
    actor: Actor,
  ): Promise<Outcome> {
    const { store, clock, config } = this.deps;
    return store.write(async (tx): Promise<Outcome> => {
      const instance = await tx.getInstance(id);
      if (!instance || instance.version !== source.version || instance.status !== 'active') return 'already';
      const position = {
        id,
        recordId: instance.recordId,
        flow: instance.flow,
        nodes: instance.snapshot.tokens.map((t) => t.node),
      };
      const group = migrationPlan(source.bundle, target.bundle, [position], mapping).groups[0]!;
      if (group.verdict === 'needs_mapping') return 'needs_mapping';
      if (group.verdict === 'changes_meaning' && !accept) return 'not_accepted';
      const flowFrom = source.flows.get(instance.flow)!;
      const flowTo = target.flows.get(instance.flow)!;
      const record = await tx.getRecord(instance.recordId, { forUpdate: true });
      if (!record) throw new FlowcaseError('FC_NOT_FOUND', `The record of instance ${id} is gone.`);
      const form = formOf(target, flowTo.form);
      const { lookup } = await loadRelationsChecked(tx, instance.app, form.def.fields, [record.data]);
      const at = clock.now();
      const now = at.toISOString();
      const today = localDate(at, config.timeZone);
      const migrated = migrateRecord(form.compiled, record.data, { now, today, lookup });
      if (!migrated.ok) {
        const first = migrated.errors[0];
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          `The record does not fit version ${target.version}'s form: ${first?.message ?? 'invalid'}`,
          { ...(first ? { path: first.path } : {}), problems: migrated.errors },
        );
      }
      const newId = () => uuidv7(clock.now().getTime());
      const env: StepEnv = {
        now,
        today,
        newId,
        actor: actor.id,
        actorRoles: [...actor.roles],
        record: migrated.data,
        submitter: record.createdBy,
        lookup,
        form: form.compiled,
        usersInRole: roles.get(instance.flow) ?? (() => []),
        formatTime: (iso) => localDateTime(new Date(iso), config.timeZone),
      };
      const result = migrateInstance(
        flowTo,
        instance.snapshot,
        {
          from: flowFrom,
          fromVersion: source.version,
          toVersion: target.version,
          ...(mapping[instance.flow] ? { mapping: mapping[instance.flow] } : {}),
          recordChanges: migrated.changes,
        },
        env,
      );
      await applyEffects(
        { tx, version: target, instance, form: flowTo.form, now, today, newId, lookup },
        result,
        record.data,
      );
      await tx.saveInstance(id, result.snapshot, instance.rev, now, instance.status);
      await tx.setInstanceVersion(id, target.version);
      return 'moved';
    });
  }
}
