/**
 * Carries out an engine step's effects inside the step's transaction: tasks, timers, history,
 * record writes, and outbox rows for everything that leaves the process or the instance
 * (notifications, webhooks, a subflow's start and cancellation, a child's end for its parent).
 * Nothing here talks to the outside world; the outbox worker does, after the commit.
 */
import type { Effect, HistoryEvent, RecordLookup, StepResult } from '../../engine/index.js';
import { FlowcaseError, evaluateRule, recordTitle } from '../../engine/index.js';
import { localizedName } from '../../engine/flow/localized-render.js';
import type { InstanceRow, NewTask, NewTimer, StoreTx, TaskPatch } from '../store/store.js';
import type { TaskLedger } from './case-states.js';
import { formOf, type AppVersion } from './definitions.js';
import type { SubflowDonePayload } from './subflows.js';

export interface EffectContext {
  tx: StoreTx;
  version: AppVersion;
  instance: Pick<InstanceRow, 'id' | 'app' | 'recordId' | 'flow'>;
  form: string;
  now: string;
  today: string;
  newId: () => string;
  lookup: RecordLookup;
  /** Follows every task write, when the caller keeps the instance's tasks (case-states.ts). */
  tasks?: TaskLedger;
}

/** Timer writes of one step, sent as one statement each (`scheduleTimers`, `cancelTimers`). */
interface TimerWrites {
  schedule: NewTimer[];
  cancel: string[];
}

/** Inbox priority of a record (higher first): the form's `priority` rule, e.g. VIP customers first. */
export function recordPriority(
  ctx: Pick<EffectContext, 'version' | 'form' | 'now' | 'today' | 'lookup'>,
  data: Record<string, unknown>,
): number {
  const def = formOf(ctx.version, ctx.form).def as {
    priority?: unknown;
    fields: { key: string; type: string; form?: string }[];
  };
  if (def.priority === undefined) return 0;
  const relationForm = new Map(
    def.fields.filter((f) => f.type === 'relation' && f.form).map((f) => [f.key, f.form!]),
  );
  const value = evaluateRule(def.priority, {
    data,
    now: ctx.now,
    today: ctx.today,
    lookup: (field, id) => {
      const form = relationForm.get(field);
      return form ? ctx.lookup(form, id) : undefined;
    },
  });
  const n = Number(value);
  return Number.isFinite(n) ? Math.trunc(n) : 0;
}

/** The case a notice is about, in both languages: the form's name and the record's title. */
function caseTitle(ctx: EffectContext, data: Record<string, unknown>): { en: string; zh: string } {
  const def = formOf(ctx.version, ctx.form).def;
  const name = localizedName(def.name, def.key);
  const title = recordTitle(def, data);
  return { en: `${name.en} ${title}`.trim(), zh: `${name.zh} ${title}`.trim() };
}

function webhookNode(ctx: EffectContext, node: string) {
  const def = ctx.version.flows.get(ctx.instance.flow)?.nodes[node];
  return def?.type === 'webhook' ? def : undefined;
}

async function insertTask(ctx: EffectContext, task: NewTask): Promise<void> {
  await ctx.tx.insertTask(task);
  ctx.tasks?.insert(task);
}

async function updateTask(ctx: EffectContext, id: string, patch: TaskPatch): Promise<void> {
  await ctx.tx.updateTask(id, patch);
  ctx.tasks?.update(id, patch);
}

async function applyOne(
  ctx: EffectContext,
  effect: Effect,
  result: StepResult,
  history: HistoryEvent[],
  timers: TimerWrites,
): Promise<void> {
  const { tx, instance } = ctx;
  switch (effect.type) {
    case 'task.create': {
      const nodeName = effect.nodeName.zh || effect.nodeName.en || effect.task.node;
      await insertTask(ctx, {
        id: effect.task.id,
        instanceId: instance.id,
        recordId: instance.recordId,
        app: instance.app,
        form: ctx.form,
        node: effect.task.node,
        nodeName,
        iteration: effect.task.iteration,
        dueAt: effect.task.dueAt ?? null,
        priority: recordPriority(ctx, result.record),
        createdAt: effect.task.createdAt,
        assignees: effect.task.assignees,
      });
      return;
    }
    case 'task.complete':
      await updateTask(ctx, effect.taskId, {
        status: 'done',
        completedAt: ctx.now,
        completedBy: effect.by,
        action: effect.action,
      });
      return;
    case 'task.cancel':
      await updateTask(ctx, effect.taskId, { status: 'cancelled', completedAt: ctx.now });
      return;
    case 'task.update':
      await tx.setTaskAssignees(effect.task.id, effect.task.assignees);
      ctx.tasks?.setAssignees(effect.task.id, effect.task.assignees);
      await updateTask(ctx, effect.task.id, {
        breached: effect.task.breached ?? false,
        dueAt: effect.task.dueAt ?? null,
      });
      return;
    case 'timer.schedule':
      timers.schedule.push({
        id: effect.timer.id,
        instanceId: instance.id,
        kind: effect.timer.kind,
        node: effect.timer.node,
        taskId: effect.timer.taskId ?? null,
        dueAt: effect.timer.dueAt,
      });
      return;
    case 'timer.cancel':
      timers.cancel.push(effect.timerId);
      return;
    case 'notify':
      await tx.enqueueOutbox({
        id: ctx.newId(),
        kind: effect.channel,
        instanceId: instance.id,
        payload: {
          to: effect.to,
          text: effect.text,
          subject: effect.subject ?? null,
          // Every notice names its case ("售后服务单 RMA-…"), so a list of them reads without opening each.
          caseTitle: caseTitle(ctx, result.record),
          caseNumber: recordTitle(formOf(ctx.version, ctx.form).def, result.record),
          recordId: instance.recordId,
          node: effect.node,
          reason: effect.reason ?? 'node',
          ...(effect.taskId ? { taskId: effect.taskId } : {}),
        },
      });
      return;
    case 'copy.create':
      await tx.insertCopies([
        {
          id: effect.copyId,
          to: effect.to,
          app: instance.app,
          instanceId: instance.id,
          recordId: instance.recordId,
          form: ctx.form,
          node: effect.node,
          nodeName: effect.nodeName.zh || effect.nodeName.en || effect.node,
          fields: effect.fields,
          reason: effect.reason,
          taskId: effect.taskId ?? null,
          createdAt: ctx.now,
        },
      ]);
      return;
    case 'webhook.call':
      await tx.enqueueOutbox({
        id: ctx.newId(),
        kind: 'webhook',
        instanceId: instance.id,
        // Without an onError path the token keeps waiting after the last attempt, so an admin can
        // retry the incident and the flow continues where it stopped.
        payload: {
          url: effect.url,
          body: effect.body,
          node: effect.node,
          recordId: instance.recordId,
          onError: Boolean(webhookNode(ctx, effect.node)?.onError),
        },
      });
      return;
    case 'record.update': {
      if (effect.target === 'self') return; // written once from `result.record` below
      const target = await tx.getRecord(effect.target, { forUpdate: true });
      if (!target || target.app !== instance.app || target.form !== effect.form) {
        throw new FlowcaseError(
          'FC_NOT_FOUND',
          `The record action's target ${effect.target} is not a "${effect.form}" record.`,
          { path: '/target' },
        );
      }
      const next = { ...target.data };
      for (const change of effect.changes) next[change.field] = change.to;
      const compiled = formOf(ctx.version, effect.form).compiled;
      const data = compiled.evaluate(next, { now: ctx.now, today: ctx.today });
      await tx.updateRecord(target.id, { data, updatedAt: ctx.now });
      // The engine could only guess the old values; the history keeps the truth.
      const recorded = history.find(
        (h) => h.type === 'record.updated' && h.node === effect.node && h.changes,
      );
      if (recorded)
        recorded.changes = effect.changes.map((c) => ({
          field: c.field,
          from: target.data[c.field] ?? null,
          to: c.to,
        }));
      return;
    }
    case 'record.create': {
      const compiled = formOf(ctx.version, effect.form).compiled;
      const data = compiled.evaluate(effect.data, { now: ctx.now, today: ctx.today });
      await tx.insertRecord({
        id: effect.recordId,
        app: instance.app,
        form: effect.form,
        version: ctx.version.version,
        data,
        createdBy: 'system',
        createdAt: ctx.now,
      });
      return;
    }
    case 'subflow.start':
    case 'subflow.cancel': {
      // Applied by the outbox worker after this commit, exactly once (runtime/cases/subflows.ts).
      const { type, ...payload } = effect;
      await tx.enqueueOutbox({ id: ctx.newId(), kind: type, instanceId: instance.id, payload });
      return;
    }
    case 'instance.end': {
      // A child started by a subflow node: its parent hears how it ended.
      const link = await tx.subflowLinkOfChild(instance.id);
      if (!link) return;
      const done: SubflowDonePayload = {
        node: link.parentNode,
        callId: link.callId,
        status: effect.status === 'active' ? 'failed' : effect.status,
        ...(effect.outcome !== undefined ? { outcome: effect.outcome } : {}),
        childRecordId: link.childRecordId,
        childInstanceId: link.childInstanceId,
      };
      await tx.enqueueOutbox({
        id: ctx.newId(),
        kind: 'subflow.done',
        instanceId: link.parentInstanceId,
        payload: { ...done },
      });
      return;
    }
    case 'history':
      return;
  }
}

/** Whether two JSON values are equal as `JSON.stringify` would write them (keys holding `undefined` are absent). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return typeof a === 'number' && typeof b === 'number' && !Number.isFinite(a) && !Number.isFinite(b); // both written as null
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    // Inside arrays, undefined is written as null.
    return a.every((item, i) => sameJson(item ?? null, other[i] ?? null));
  }
  if (
    typeof (a as { toJSON?: unknown }).toJSON === 'function' ||
    typeof (b as { toJSON?: unknown }).toJSON === 'function'
  )
    return JSON.stringify(a) === JSON.stringify(b);
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keys = (o: Record<string, unknown>) =>
    Object.keys(o).filter((k) => o[k] !== undefined && typeof o[k] !== 'function');
  const kx = keys(x);
  if (kx.length !== keys(y).length) return false;
  return kx.every(
    (k) => Object.prototype.hasOwnProperty.call(y, k) && y[k] !== undefined && sameJson(x[k], y[k]),
  );
}

/**
 * Whether a step changed the instance's own record. The engine hands back a new object whenever a
 * form pass ran, even when every value stayed the same; an unchanged record is not written again
 * (each write rewrites the record's indexed columns in the commit).
 */
export function recordChanged(before: Record<string, unknown>, after: Record<string, unknown>): boolean {
  return after !== before && !sameJson(after, before);
}

/** What `applyEffects` wrote besides tasks: whether the instance's own record changed, and the history appended. */
export interface AppliedEffects {
  recordWritten: boolean;
  appended: HistoryEvent[];
}

/**
 * Applies every effect of `result` and appends its history, all through `ctx.tx`: one statement
 * per kind of write where the store takes several rows (timers, history). When the record was
 * written, its `updatedAt` is `ctx.now`.
 */
export async function applyEffects(
  ctx: EffectContext,
  result: StepResult,
  recordBefore: Record<string, unknown>,
): Promise<AppliedEffects> {
  const history = result.effects.flatMap((e) => (e.type === 'history' ? [{ ...e.event }] : []));
  const timers: TimerWrites = { schedule: [], cancel: [] };
  for (const effect of result.effects) await applyOne(ctx, effect, result, history, timers);
  // Timers are created before any is cancelled: a step that cancels a timer it scheduled itself
  // leaves it cancelled, as if each had been written in effect order.
  await ctx.tx.scheduleTimers(timers.schedule);
  await ctx.tx.cancelTimers(timers.cancel, ctx.now);
  const recordWritten = recordChanged(recordBefore, result.record);
  if (recordWritten)
    await ctx.tx.updateRecord(ctx.instance.recordId, { data: result.record, updatedAt: ctx.now });
  if (history.length > 0) await ctx.tx.appendHistory(ctx.instance.id, history);
  return { recordWritten, appended: history };
}
