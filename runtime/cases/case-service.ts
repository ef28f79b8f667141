/**
 * The case service: creates records and starts their flows, completes tasks, delivers external
 * events and timers, and shows records and inboxes redacted to what each user may see. Each change
 * is one store transaction (see `step-runner.ts`).
 */
import type { FlowEvent, HistoryEvent } from '../../engine/index.js';
import { FlowcaseError, isFlowcaseError } from '../../engine/index.js';
import { initialSnapshot } from '../../engine/flow/index.js';
import type { Clock } from '../clock.js';
import { localDate, localDateTime } from '../clock.js';
import type { Config } from '../config.js';
import { uuidv7 } from '../ids.js';
import type { InstanceRow, RecordRow, Store, TaskRow } from '../store/store.js';
import { asStoredHistory } from '../store/store.js';
import {
  assertCanCreate,
  assertReadableQuery,
  canSeeRecord,
  isAdmin,
  isCustomerOf,
  readableFields,
  scopeRecordQuery,
  usesApp,
  writableAtCreation,
} from './access.js';
import { customerHistory, customerTask } from './customer-view.js';
import { CaseStates, TaskLedger, type CaseState } from './case-states.js';
import { VersionCache } from '../apps/version-cache.js';
import { formOf } from './definitions.js';
import { assertAppOpen } from './app-open.js';
import { importCsv, importRecords } from './record-import.js';
import { namesReferences, referenceProblems } from './reference-checks.js';
import { relatedList } from './related-lists.js';
import { applySubflowRow } from './subflows.js';
import { linksShownTo, subflowLinks } from './subflow-view.js';
import { loadRelationsChecked } from './relation-lookups.js';
import {
  InstanceHeads,
  roleDirectory,
  runEvent,
  stepInTx,
  type StepDeps,
  type StepOutcome,
} from './step-runner.js';
import { withFlowState } from './task-flow-state.js';
import { toTaskView } from './task-view.js';
import { waitingOf } from './waiting-view.js';
import { fieldsThroughCopies, listCopyViews, markCopyRead } from './copies.js';
import { urgeTask, withUrges } from './task-urge.js';
import type { Actor, CaseService, RecordView, TaskCompletion, TaskView } from './types.js';
import { rejectWrite, type Rejection } from './write-problems.js';

export interface CaseServiceOptions {
  /** The process's cache of published versions (`Services.versions`); a private one by default. */
  versions?: VersionCache;
  newId?: () => string;
}

function assignedTo(task: Pick<TaskRow, 'assignees'>, actor: Actor): boolean {
  return task.assignees.some((a) => ('user' in a ? a.user === actor.id : actor.roles.includes(a.role)));
}

const CONFLICT_RETRIES = 3;
const ALREADY_FINISHED = { en: 'Someone has already finished this task.', zh: '此任务已由他人办理完成。' };
const NOT_YOURS = { en: 'This task is not assigned to you.', zh: '此任务未分配给您。' };
const SOME_FIELDS_INVALID = { en: 'Some fields are invalid.', zh: '部分字段有误。' };

/** Retries a step that lost an optimistic race: the retry re-reads and usually gets a clean 409. */
async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (e) {
      if (!(isFlowcaseError(e) && e.code === 'FC_CONFLICT' && attempt < CONFLICT_RETRIES)) throw e;
    }
  }
}

/**
 * `localDate` in one zone, remembered for the quarter hour of UTC it was asked for: every zone's
 * offset from UTC has been a whole number of quarter hours since 1972, so a local date cannot
 * change inside one, and the steps of a busy minute format the date once.
 */
function todayIn(timeZone: string): (at: Date) => string {
  let quarter = Number.NaN;
  let day = '';
  return (at) => {
    const q = Math.floor(at.getTime() / 900_000);
    if (q !== quarter) {
      day = localDate(at, timeZone);
      quarter = q;
    }
    return day;
  };
}

export function createCaseService(
  store: Store,
  clock: Clock,
  config: Pick<Config, 'timeZone'>,
  options: CaseServiceOptions = {},
): CaseService & { definitions: VersionCache } {
  const definitions = options.versions ?? new VersionCache(store);
  const deps: StepDeps = {
    store,
    definitions,
    now: () => clock.now(),
    today: todayIn(config.timeZone),
    formatTime: (iso) => localDateTime(new Date(iso), config.timeZone),
    newId: options.newId ?? (() => uuidv7(clock.now().getTime())),
    heads: new InstanceHeads(),
    states: new CaseStates(),
  };
  // Which instance a task belongs to never changes: remembered from task rows the store returned,
  // so completing a task shown in a view does not read it once more before its transaction.
  const taskInstances = new Map<string, string>();
  const rememberTasks = (tasks: readonly TaskRow[]): void => {
    for (const t of tasks) if (t.status === 'open') taskInstances.set(t.id, t.instanceId);
    while (taskInstances.size > 20_000) taskInstances.delete(taskInstances.keys().next().value!);
  };

  /**
   * The record as `actor` may see it. `known` is the record and instance a transaction just wrote,
   * with the instance's tasks and history after it when the step kept them (none is read again).
   */
  async function view(
    recordId: string,
    actor: Actor,
    known?: { record: RecordRow; instance: InstanceRow; state?: CaseState },
  ): Promise<RecordView> {
    const found = known
      ? {
          record: known.record,
          instance: known.instance,
          ...(known.state ?? (await tasksAndHistory(known.instance.id))),
        }
      : await store.getRecordWithInstance(recordId);
    if (!found) throw new FlowcaseError('FC_NOT_FOUND', `No record ${recordId}.`, { path: '/id' });
    rememberTasks(found.tasks);
    const version = await definitions.get(found.record.app, found.record.version);
    const assignedHere = found.tasks.some((t) => assignedTo(t, actor) || t.completedBy === actor.id);
    // 抄送: someone copied on the case who could not open it otherwise reads the copy's fields.
    let throughCopy: string[] | undefined;
    if (!canSeeRecord(actor, version, found.record, assignedHere)) {
      throughCopy = await fieldsThroughCopies(store, actor, version, found.record, found.instance?.id);
      if (!throughCopy) throw new FlowcaseError('FC_NOT_FOUND', `No record ${recordId}.`, { path: '/id' });
    }
    const instance = found.instance;
    const form = formOf(version, found.record.form);
    const visible = throughCopy ?? readableFields(actor, version, found.record.form);
    const record = {
      ...found.record,
      data: visible ? form.compiled.redact(found.record.data, visible) : found.record.data,
    };
    if (!instance) return { record, ...(throughCopy ? { viaCopy: true } : {}) };
    const scope = {
      redacted: new Map<readonly string[], Record<string, unknown>>(),
      ...(visible ? { viewerFields: visible } : {}),
    };
    let tasks = found.tasks.map((t) =>
      toTaskView(t, version, instance.flow, found.record, actor.language, scope),
    );
    tasks = withFlowState(tasks, instance.snapshot, version.flows.get(instance.flow), actor);
    // A customer sees their own steps in full, staff steps only as where the case is.
    if (visible)
      tasks = tasks.map((t) => customerTask(t, actor.id, assignedTo(t, actor) || t.completedBy === actor.id));
    if (instance.status === 'active')
      tasks = await withUrges(store, actor, version, found.record, tasks, deps.now());
    const incidents = isAdmin(actor) ? await store.listIncidents({ instanceId: instance.id }) : undefined;
    // Parent and child cases, from the history; a customer follows only links to records they may open.
    const links = await linksShownTo(
      subflowLinks(found.history),
      visible
        ? async (ids) =>
            new Set(
              (await store.getRecords(ids))
                .filter((r) => canSeeRecord(actor, version, r, false))
                .map((r) => r.id),
            )
        : undefined,
    );
    return {
      ...(throughCopy ? { viaCopy: true } : {}),
      record,
      instance: {
        id: instance.id,
        flow: instance.flow,
        version: instance.version,
        status: instance.status,
        ...(instance.snapshot.outcome ? { outcome: instance.snapshot.outcome } : {}),
        activeNodes: [...new Set(instance.snapshot.tokens.map((t) => t.node))],
        tasks,
        history: visible ? customerHistory(found.history, actor.id, visible) : [...found.history],
        ...(incidents ? { incidents } : {}),
        ...links,
        ...waitingOf(
          instance.snapshot,
          version.flows.get(instance.flow),
          actor.language,
          visible !== undefined,
        ),
      },
    };
  }

  async function tasksAndHistory(
    instanceId: string,
  ): Promise<{ tasks: readonly TaskRow[]; history: readonly HistoryEvent[] }> {
    const [tasks, history] = [await store.listTasks(instanceId), await store.listHistory(instanceId)];
    return { tasks, history };
  }

  const viewOf = (outcome: Pick<StepOutcome, 'record' | 'instance' | 'state'>, actor: Actor) =>
    view(outcome.record.id, actor, outcome);

  /**
   * Users and files a write names must exist (checked against the record's form, before the step;
   * reported by the step with the form's own problems, `write-problems.ts`).
   */
  async function checkWrite(recordId: string, data: unknown, actor: Actor): Promise<Rejection | undefined> {
    const record = await store.getRecord(recordId);
    if (!record) return undefined;
    const version = await definitions.get(record.app, record.version);
    return referenceProblems(store, formOf(version, record.form).def.fields, data, actor, record.data);
  }

  /** `checkWrite` for a task's data; skipped without a read when the data names no user or file. */
  async function checkTaskWrite(
    instanceId: string,
    data: Record<string, unknown>,
    actor: Actor,
  ): Promise<Rejection | undefined> {
    const head = deps.heads?.get(instanceId) ?? (await store.getInstance(instanceId));
    if (!head) return undefined;
    deps.heads?.remember(instanceId, head);
    const version = await definitions.get(head.app, head.version);
    const flow = version.flows.get(head.flow);
    // The instance's flow runs on its record's form, so these are the fields checkWrite would use.
    if (flow && version.forms.has(flow.form) && !namesReferences(formOf(version, flow.form).def.fields, data))
      return undefined;
    return checkWrite(head.recordId, data, actor);
  }

  const service: CaseService & { definitions: VersionCache } = {
    definitions,

    async createRecord(app, form, input, actor) {
      const version = await definitions.latest(app);
      if (!usesApp(actor, version))
        throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
      const { def, compiled } = formOf(version, form);
      assertCanCreate(actor, version, form);
      await assertAppOpen(store, app);
      const writable = writableAtCreation(actor, version, def);
      const flow = version.flowByForm.get(form);
      const references = await referenceProblems(store, def.fields, input, actor);
      const usersInRole = flow ? await roleDirectory(store, version, flow.key) : () => [];
      const recordId = deps.newId();
      const written = await store.write(
        async (tx): Promise<{ record: RecordRow; instance: InstanceRow; state: CaseState } | undefined> => {
          const at = deps.now();
          const now = at.toISOString();
          const today = deps.today(at);
          const { lookup, refused } = await loadRelationsChecked(tx, app, def.fields, [input], {
            actor,
            version,
            written: input,
          });
          const sequences = new Map<string, number>();
          for (const field of def.fields) {
            if (field.type === 'autonumber')
              sequences.set(field.key, await tx.nextSequence(app, form, field.key, today.replace(/-/g, '')));
          }
          const submitted = compiled.submit(input, {
            mode: 'create',
            now,
            today,
            user: actor.id,
            ...(actor.language ? { language: actor.language === 'en' ? 'en' : 'zh' } : {}),
            lookup,
            nextSequence: (key) => sequences.get(key) ?? 1,
            writable,
          });
          // Every problem at once: users and files, links the creator may not make, the form's own.
          const formError = submitted.ok
            ? undefined
            : new FlowcaseError('FC_VALIDATION_FAILED', SOME_FIELDS_INVALID, {
                problems: submitted.errors,
              });
          const refusal = rejectWrite(def.fields, [references, refused], formError);
          if (refusal) throw refusal;
          const instanceId = flow ? deps.newId() : undefined;
          const inserted = await tx.insertRecord({
            id: recordId,
            app,
            form,
            version: version.version,
            data: submitted.data,
            createdBy: actor.id,
            createdAt: now,
          });
          if (!flow || !instanceId) return undefined;
          const snapshot = initialSnapshot(flow, version.version);
          const instance = await tx.insertInstance({
            id: instanceId,
            app,
            flow: flow.key,
            version: version.version,
            recordId,
            snapshot,
            createdAt: now,
          });
          deps.heads?.remember(instanceId, instance);
          const record = await tx.updateRecord(recordId, { instanceId, updatedAt: now });
          const start: FlowEvent = { type: 'start', changes: submitted.changes };
          const tasks = new TaskLedger([], now);
          const result = await stepInTx(
            deps,
            { tx, instance, record: { ...inserted, ...record }, version, tasks },
            snapshot,
            start,
            actor,
            usersInRole,
            at,
          );
          const rev = await tx.saveInstance(instanceId, result.snapshot, instance.rev, now, instance.status);
          return {
            record: { ...record, data: result.record, updatedAt: now },
            instance: {
              ...instance,
              snapshot: result.snapshot,
              status: result.snapshot.status,
              rev,
              updatedAt: now,
            },
            state: { rev, tasks: tasks.rows(), history: asStoredHistory(result.appended) },
          };
        },
      );
      if (written) deps.states?.remember(written.instance.id, written.state);
      return view(recordId, actor, written);
    },

    importRecords: (app, form, rows, actor) => importRecords(deps, app, form, rows, actor),
    importCsv: (app, form, text, actor) => importCsv(deps, app, form, text, actor),

    getRecord: view,

    async completeTask(taskId, completion: TaskCompletion, actor) {
      const instanceId = taskInstances.get(taskId) ?? (await store.getTask(taskId))?.instanceId;
      if (!instanceId) throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
      const problems =
        completion.data && Object.keys(completion.data).length > 0
          ? await checkTaskWrite(instanceId, completion.data, actor)
          : undefined;
      const outcome = await withRetry(() =>
        runEvent(deps, instanceId, { type: 'task.complete', taskId, ...completion }, actor, {
          withState: true,
          ...(problems ? { problems } : {}),
          check: async ({ tx, state }) => {
            const current = state?.tasks.find((t) => t.id === taskId) ?? (await tx.getTask(taskId));
            if (!current || current.instanceId !== instanceId)
              throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
            if (current.status !== 'open')
              throw new FlowcaseError('FC_TASK_ALREADY_DONE', ALREADY_FINISHED, {
                path: '/id',
              });
            if (!assignedTo(current, actor))
              throw new FlowcaseError('FC_TASK_NOT_ASSIGNEE', NOT_YOURS, {
                path: '/id',
              });
          },
        }),
      );
      taskInstances.delete(taskId);
      return viewOf(outcome, actor);
    },

    async addSigner(taskId, request, actor) {
      const instanceId = taskInstances.get(taskId) ?? (await store.getTask(taskId))?.instanceId;
      if (!instanceId) throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
      const event: FlowEvent = { type: 'task.addSigner', taskId, ...request };
      const outcome = await withRetry(() =>
        runEvent(deps, instanceId, event, actor, {
          withState: true,
          check: async ({ tx, state }) => {
            const current = state?.tasks.find((t) => t.id === taskId) ?? (await tx.getTask(taskId));
            if (!current || current.instanceId !== instanceId)
              throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
            if (current.status !== 'open')
              throw new FlowcaseError('FC_TASK_ALREADY_DONE', ALREADY_FINISHED, {
                path: '/id',
              });
            if (!assignedTo(current, actor))
              throw new FlowcaseError('FC_TASK_NOT_ASSIGNEE', NOT_YOURS, {
                path: '/id',
              });
          },
        }),
      );
      return viewOf(outcome, actor);
    },

    async withdrawTask(taskId, comment, actor) {
      const instanceId = (await store.getTask(taskId))?.instanceId;
      if (!instanceId) throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
      const event: FlowEvent = { type: 'task.withdraw', taskId, ...(comment ? { comment } : {}) };
      const outcome = await withRetry(() =>
        runEvent(deps, instanceId, event, actor, {
          withState: true,
          check: async ({ tx, state }) => {
            const current = state?.tasks.find((t) => t.id === taskId) ?? (await tx.getTask(taskId));
            if (!current || current.instanceId !== instanceId)
              throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
            if (current.status !== 'done')
              throw new FlowcaseError(
                'FC_ACTION_NOT_ALLOWED',
                { en: 'Only a completed step can be withdrawn.', zh: '只能撤回已办理的步骤。' },
                {
                  path: '/id',
                },
              );
            if (current.completedBy !== actor.id)
              throw new FlowcaseError(
                'FC_FORBIDDEN',
                { en: 'Only its completer may withdraw a step.', zh: '只有办理该步骤的人可以撤回。' },
                {
                  path: '/id',
                },
              );
          },
        }),
      );
      return viewOf(outcome, actor);
    },

    async urgeTask(taskId, comment, actor) {
      const outcome = await urgeTask(deps, taskId, comment, actor);
      return viewOf(outcome, actor);
    },

    listCopies: (actor, status, options) => listCopyViews(store, definitions, actor, status, options),
    markCopyRead: (id, actor) => markCopyRead(store, actor, id),

    async deliverEvent(instanceId, name, payload, idempotencyKey, actor) {
      const instance = await store.getInstance(instanceId);
      if (!instance) throw new FlowcaseError('FC_NOT_FOUND', `No instance ${instanceId}.`, { path: '/id' });
      // External events speak for the business (a payment confirmed): admins and the app's staff
      // accounts (e.g. the payment gateway's, holding the cashier role) may send them; customers never.
      const version = await definitions.get(instance.app, instance.version);
      if (!usesApp(actor, version))
        throw new FlowcaseError('FC_NOT_FOUND', `No instance ${instanceId}.`, { path: '/id' });
      if (isCustomerOf(actor, version))
        throw new FlowcaseError('FC_FORBIDDEN', 'Customers may not send events to a case.', { path: '/id' });
      // Checked only after the caller's rights, and per caller: a key is a retry of one's own
      // request, never a way to read the answer someone else's request got.
      const scope = `event:${instanceId}:${actor.id}`;
      if (idempotencyKey) {
        const seen = await store.getIdempotency(scope, idempotencyKey);
        if (seen !== undefined) return seen as { status: number; body: unknown };
      }
      const problems = await checkWrite(instance.recordId, payload, actor);
      try {
        const outcome = await withRetry(() =>
          runEvent(deps, instanceId, { type: 'event.receive', name, payload }, actor, {
            ...(problems ? { problems } : {}),
            check: async ({ tx }) => {
              if (idempotencyKey && (await tx.getIdempotency(scope, idempotencyKey)) !== undefined) {
                throw new FlowcaseError('FC_CONFLICT', 'This event was delivered concurrently.');
              }
            },
            after: async ({ tx, instance: row }, result) => {
              if (!idempotencyKey) return;
              const body = {
                instanceId: row.id,
                status: result.snapshot.status,
                activeNodes: [...new Set(result.snapshot.tokens.map((t) => t.node))],
              };
              await tx.putIdempotency(scope, idempotencyKey, { status: 200, body });
            },
          }),
        );
        return {
          status: 200,
          body: {
            instanceId,
            status: outcome.result.snapshot.status,
            activeNodes: [...new Set(outcome.result.snapshot.tokens.map((t) => t.node))],
          },
        };
      } catch (e) {
        // A concurrent delivery with the same key won: answer with its stored response.
        if (idempotencyKey && isFlowcaseError(e) && e.code === 'FC_CONFLICT') {
          const seen = await store.getIdempotency(scope, idempotencyKey);
          if (seen !== undefined) return seen as { status: number; body: unknown };
        }
        throw e;
      }
    },

    async backfill(recordId, node, data, comment, actor) {
      const record = await store.getRecord(recordId);
      const instance = record && (await store.getInstanceByRecord(recordId));
      if (!record || !instance)
        throw new FlowcaseError('FC_NOT_FOUND', `No case ${recordId}.`, { path: '/id' });
      const problems = await checkWrite(recordId, data, actor);
      const outcome = await withRetry(() =>
        runEvent(
          deps,
          instance.id,
          { type: 'backfill', node, data, ...(comment ? { comment } : {}) },
          actor,
          {
            withState: true,
            ...(problems ? { problems } : {}),
            check: async ({ tx, state }) => {
              const tasks = (state?.tasks ?? (await tx.listTasks(instance.id))).filter(
                (t) => t.node === node && t.status === 'done',
              );
              if (!tasks.some((t) => t.completedBy === actor.id || assignedTo(t, actor))) {
                throw new FlowcaseError(
                  'FC_FORBIDDEN',
                  {
                    en: `Only the people who worked "${node}" may backfill it.`,
                    zh: '只有办理过该节点的人可以补录。',
                  },
                  { path: '/node' },
                );
              }
            },
          },
        ),
      );
      return viewOf(outcome, actor);
    },

    applySubflowRow: (row) => applySubflowRow(deps, row),

    async webhookResult(instanceId, node, ok, detail) {
      const system: Actor = { id: 'system', username: 'system', roles: [] };
      const outcome = await withRetry(() =>
        runEvent(
          deps,
          instanceId,
          { type: 'webhook.result', node, ok, ...(detail ? { detail } : {}) },
          system,
        ),
      );
      rememberTasks(outcome.state?.tasks ?? []);
    },

    async fireTimer(timerId) {
      const system: Actor = { id: 'system', username: 'system', roles: [] };
      // A conflict is either the timer already fired (someone else won: nothing to do) or another
      // step of the same instance committed first (PostgreSQL, several processes): then step again
      // on the new revision. Marking it fired without its step would lose the timer.
      for (let attempt = 1; ; attempt++) {
        const timer = await store.getTimer(timerId);
        if (!timer || timer.firedAt || timer.cancelledAt) return;
        try {
          const outcome = await runEvent(deps, timer.instanceId, { type: 'timer.fire', timerId }, system, {
            // Marking the timer fired in the same transaction as its step makes firing exactly-once.
            check: async ({ tx }) => tx.markTimerFired(timerId, deps.now().toISOString()),
          });
          // Tasks the timer opened (an escalation, the step after a wait) are completed next.
          rememberTasks(outcome.state?.tasks ?? []);
          return;
        } catch (e) {
          if (isFlowcaseError(e) && e.code === 'FC_INSTANCE_NOT_ACTIVE') {
            await store
              .write(async (tx) => tx.markTimerFired(timerId, deps.now().toISOString()))
              .catch(() => undefined);
            return;
          }
          if (!(isFlowcaseError(e) && e.code === 'FC_CONFLICT' && attempt < CONFLICT_RETRIES)) throw e;
        }
      }
    },

    async listRecords(app, form, query, actor) {
      const version = await definitions.latest(app);
      if (!usesApp(actor, version))
        throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
      // Its `compiled` is read only to redact: compiling a form (its ajv validator) costs hundreds
      // of milliseconds in a fresh process, which a staff list or a dashboard's table need not pay.
      const entry = formOf(version, form);
      const visible = readableFields(actor, version, form);
      if (visible) assertReadableQuery(query, visible);
      const page = await store.listRecords(app, form, scopeRecordQuery(actor, version, form, query));
      if (!visible) return page;
      const items = page.items.map((r) => ({ ...r, data: entry.compiled.redact(r.data, visible) }));
      return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },

    relatedList(recordId, key, actor) {
      return relatedList(
        {
          store,
          definitions,
          view,
          listRecords: (...args) => service.listRecords(...args),
          now: deps.now,
          today: () => deps.today(deps.now()),
        },
        recordId,
        key,
        actor,
      );
    },

    async cancelInstance(instanceId, reason, actor) {
      if (!isAdmin(actor))
        throw new FlowcaseError('FC_FORBIDDEN', {
          en: 'Only administrators may cancel a case.',
          zh: '只有管理员可以取消流程。',
        });
      const outcome = await withRetry(() =>
        runEvent(deps, instanceId, { type: 'cancel', ...(reason ? { reason } : {}) }, actor, {
          withState: true,
        }),
      );
      return viewOf(outcome, actor);
    },

    async inbox(actor, status, options = {}) {
      const page = await store.inbox(actor.id, actor.roles, { status, ...options });
      const items: TaskView[] = [];
      // Only the page's records are read (by primary key, one query per record table), never their histories.
      const records = new Map(
        (await store.getRecords(page.items.map((task) => task.recordId))).map((r) => [r.id, r]),
      );
      for (const task of page.items) {
        const record = records.get(task.recordId);
        if (!record) continue;
        const version = await definitions.get(record.app, record.version);
        // A customer's inbox shows their tasks as their case page does: their fields, no deadline.
        const visible = readableFields(actor, version, record.form);
        const scope = visible
          ? { redacted: new Map<readonly string[], Record<string, unknown>>(), viewerFields: visible }
          : undefined;
        const view = toTaskView(
          task,
          version,
          version.flowByForm.get(record.form)?.key,
          record,
          actor.language,
          scope,
        );
        items.push(visible ? customerTask(view, actor.id, true) : view);
      }
      return { items, ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}) };
    },
  };
  return service;
}
