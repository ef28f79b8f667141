/**
 * 催办 (urge): the record's submitter, admins and holders of a supervising role of the app
 * (`supervise: true`, never a customer role) remind an open task's assignees, at most once an hour
 * per task. The limit is the task's row in `task_urges`, read and written in the urge's own step
 * transaction, so it holds across restarts and servers (two urges at once: one step wins, the
 * other retries on the new revision and finds the row).
 */
import { FlowcaseError } from '../../engine/index.js';
import type { RecordRow, TaskRow } from '../store/store.js';
import { canSeeRecord, isAdmin, isCustomerOf } from './access.js';
import type { AppVersion } from './definitions.js';
import { runEvent, type StepDeps, type StepOutcome } from './step-runner.js';
import type { Actor } from './types.js';

/** How long after an urge the same task may be urged again. */
export const URGE_INTERVAL_MS = 60 * 60 * 1000;

/** A second urge within the hour: 429 with the time it may be sent again. */
export class UrgeTooSoon extends FlowcaseError {
  constructor(
    readonly nextAt: string,
    readonly retryAfterSeconds: number,
  ) {
    const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
    super(
      'FC_RATE_LIMITED',
      {
        en: `This task was urged less than an hour ago; it may be urged again at ${nextAt} (in ${minutes} min).`,
        zh: `此任务一小时内已催办过，${minutes} 分钟后可再次催办。`,
      },
      {
        path: '/id',
        problems: [
          {
            path: '/id',
            code: 'urge.too_soon',
            // People read "in 40 min"; the instant itself is `nextAt` (and Retry-After).
            message: `It may be urged again in ${minutes} min.`,
            zh: `${minutes} 分钟后可再次催办。`,
          },
        ],
      },
    );
  }
}

/** Roles of the app whose holders supervise its work (`supervise: true` on a staff role). */
function supervisingRoles(version: AppVersion): Set<string> {
  return new Set(
    version.bundle.roles.filter((r) => r.supervise === true && r.customer !== true).map((r) => r.key),
  );
}

/** Whether `actor` may urge the open tasks of `record`'s case: its submitter, an admin or a supervisor of the app. */
export function mayUrge(actor: Actor, version: AppVersion, record: Pick<RecordRow, 'createdBy'>): boolean {
  if (isAdmin(actor) || record.createdBy === actor.id) return true;
  if (isCustomerOf(actor, version)) return false;
  const supervising = supervisingRoles(version);
  return actor.roles.some((r) => supervising.has(r));
}

/** When an urged task may be urged again. */
export function nextUrgeAt(urgedAt: string): string {
  return new Date(Date.parse(urgedAt) + URGE_INTERVAL_MS).toISOString();
}

/**
 * Urges `taskId` as `actor`. 404 when the task's record is hidden from them, 403 when they may not
 * urge, 409 when the task is not open, 429 (`UrgeTooSoon`) within the hour.
 */
export async function urgeTask(
  deps: StepDeps,
  taskId: string,
  comment: string | undefined,
  actor: Actor,
): Promise<StepOutcome> {
  const task = await deps.store.getTask(taskId);
  const record = task && (await deps.store.getRecord(task.recordId));
  if (!task || !record) throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
  const version = await deps.definitions.get(record.app, record.version);
  const assignedHere = task.assignees.some((a) =>
    'user' in a ? a.user === actor.id : actor.roles.includes(a.role),
  );
  if (!canSeeRecord(actor, version, record, assignedHere))
    throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
  if (!mayUrge(actor, version, record))
    throw new FlowcaseError(
      'FC_FORBIDDEN',
      {
        en: "Only the case's submitter or a supervisor may urge its tasks.",
        zh: '只有提交人或主管可以催办。',
      },
      {
        path: '/id',
      },
    );
  const text = comment?.trim();
  for (let attempt = 1; ; attempt++) {
    const at = deps.now();
    try {
      return await runEvent(
        deps,
        task.instanceId,
        { type: 'task.urge', taskId, ...(text ? { comment: text } : {}) },
        actor,
        {
          withState: true,
          check: async ({ tx, state }) => {
            const current: TaskRow | undefined =
              state?.tasks.find((t) => t.id === taskId) ?? (await tx.getTask(taskId));
            if (!current || current.status !== 'open')
              throw new FlowcaseError(
                'FC_TASK_ALREADY_DONE',
                { en: 'The task is no longer open.', zh: '该任务已办结。' },
                { path: '/id' },
              );
            const last = (await tx.taskUrges([taskId])).get(taskId);
            if (last) {
              const wait = Date.parse(last.urgedAt) + URGE_INTERVAL_MS - at.getTime();
              if (wait > 0) throw new UrgeTooSoon(nextUrgeAt(last.urgedAt), Math.ceil(wait / 1000));
            }
          },
          after: async ({ tx }) => tx.putTaskUrge({ taskId, urgedAt: at.toISOString(), urgedBy: actor.id }),
        },
      );
    } catch (e) {
      // Lost a race with another step of the case: step again on the new revision.
      if (!(e instanceof FlowcaseError && e.code === 'FC_CONFLICT' && attempt < 3)) throw e;
    }
  }
}

/**
 * The urge state of a case's open tasks for a viewer who may urge them: `urge: {}` when they may
 * urge now, `urge: { nextAt }` while the hour since the last urge runs. Unchanged for anyone else.
 */
export async function withUrges<T extends { id: string; status: string; urge?: { nextAt?: string } }>(
  store: Pick<StepDeps['store'], 'taskUrges'>,
  actor: Actor,
  version: AppVersion,
  record: Pick<RecordRow, 'createdBy'>,
  tasks: T[],
  now: Date,
): Promise<T[]> {
  const open = tasks.filter((t) => t.status === 'open');
  if (open.length === 0 || !mayUrge(actor, version, record)) return tasks;
  const urges = await store.taskUrges(open.map((t) => t.id));
  return tasks.map((t) => {
    if (t.status !== 'open') return t;
    const last = urges.get(t.id);
    const nextAt = last ? nextUrgeAt(last.urgedAt) : undefined;
    return { ...t, urge: nextAt !== undefined && Date.parse(nextAt) > now.getTime() ? { nextAt } : {} };
  });
}
