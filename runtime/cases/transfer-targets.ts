/**
 * Who may receive a task by transfer: a service team hands work to someone who does the same job
 * or oversees it, so a desk task goes to another clerk or the supervisor, never the cashier. That
 * is an active user who holds a role the task is assigned to (the node's role rules, and roles an
 * escalation added), holds an app role of one of the task's current user-assignees (the technician
 * a user field chose makes every technician eligible), holds a role with `supervise: true`, or is
 * named by the node's rules (`{ user }`). Never a customer of the app (a role that only customers
 * hold admits no one, and a user of customer roles only is refused whatever the rules say), never
 * someone outside the app, never the task's current user-assignees nor the actor: a transfer makes
 * the receiver an assignee, who reads the case and completes the step. The transfer routes refuse
 * anyone else at `/to`; the picker lists exactly these people (`listTransferTargets`).
 * 加签 asks another department to sign too (the manager asks finance), so a signer may be any
 * staff of the app (a holder of a role that is not a customer role) besides the above (`/user`).
 */
import type { TaskNode } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { Store, TaskRow, UserRow } from '../store/store.js';
import { isCustomerOf } from './access.js';
import type { VersionCache } from '../apps/version-cache.js';
import type { AppVersion } from './definitions.js';
import { taskNodeOf } from './task-view.js';
import type { Actor } from './types.js';

export interface TransferDeps {
  store: Pick<Store, 'getTask' | 'getInstance' | 'getUser' | 'getUserByUsername' | 'listUsersByRole'>;
  definitions: Pick<VersionCache, 'get'>;
}

/** A person as the picker shows them: only the app's roles. */
export interface TransferTarget {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

interface Eligible {
  version: AppVersion;
  node: TaskNode | undefined;
  /** Staff roles whose holders qualify. */
  roles: ReadonlySet<string>;
  /** Users the node's rules name. */
  users: ReadonlySet<string>;
  /** The task's current user-assignees: they hold it already. */
  holders: ReadonlySet<string>;
}

type Purpose = 'transfer' | 'addSigner';

function assignedTo(task: Pick<TaskRow, 'assignees'>, actor: Actor): boolean {
  return task.assignees.some((a) => ('user' in a ? a.user === actor.id : actor.roles.includes(a.role)));
}

/** The open task `actor` works, and who may receive it; the errors `completeTask` would give otherwise. */
async function eligibleFor(
  deps: TransferDeps,
  taskId: string,
  actor: Actor,
  purpose: Purpose,
): Promise<Eligible> {
  const task = await deps.store.getTask(taskId);
  const instance = task && (await deps.store.getInstance(task.instanceId));
  if (!task || !instance) throw new FlowcaseError('FC_NOT_FOUND', `No task ${taskId}.`, { path: '/id' });
  if (task.status !== 'open')
    throw new FlowcaseError(
      'FC_TASK_ALREADY_DONE',
      { en: 'Someone has already finished this task.', zh: '此任务已由他人办理完成。' },
      {
        path: '/id',
      },
    );
  if (!assignedTo(task, actor))
    throw new FlowcaseError(
      'FC_TASK_NOT_ASSIGNEE',
      { en: 'This task is not assigned to you.', zh: '此任务未分配给您。' },
      { path: '/id' },
    );
  const version = await deps.definitions.get(instance.app, instance.version);
  const { node } = taskNodeOf(version, instance.flow, task.node);
  const roles = new Set<string>();
  const users = new Set<string>();
  const holders = new Set<string>();
  if (purpose === 'addSigner') for (const r of version.roles) roles.add(r);
  for (const b of version.bundle.roles) if (b.supervise === true) roles.add(b.key);
  for (const rule of node ? (Array.isArray(node.assignee) ? node.assignee : [node.assignee]) : []) {
    if ('role' in rule) roles.add(rule.role);
    if ('user' in rule) users.add(rule.user);
  }
  for (const a of task.assignees) {
    if ('role' in a) roles.add(a.role);
    else {
      holders.add(a.user);
      const holder = await deps.store.getUser(a.user);
      for (const r of holder?.roles ?? []) if (version.roles.has(r)) roles.add(r);
    }
  }
  for (const r of version.customerRoles) roles.delete(r);
  return { version, node, roles, users, holders };
}

function admits(eligible: Eligible, user: UserRow, purpose: Purpose): boolean {
  if (
    user.disabled ||
    isCustomerOf({ id: user.id, username: user.username, roles: user.roles }, eligible.version)
  )
    return false;
  if (purpose === 'transfer' && eligible.holders.has(user.id)) return false;
  return eligible.users.has(user.id) || user.roles.some((r) => eligible.roles.has(r));
}

/**
 * The id of the user (named by id or username) who may receive task `taskId` from `actor`;
 * `FC_VALIDATION_FAILED` at `/to` for anyone else, the same answer whether or not they exist.
 */
export async function transferTarget(
  deps: TransferDeps,
  taskId: string,
  to: string,
  actor: Actor,
  path: '/to' | '/user' = '/to',
): Promise<string> {
  const purpose: Purpose = path === '/to' ? 'transfer' : 'addSigner';
  const eligible = await eligibleFor(deps, taskId, actor, purpose);
  const user = (await deps.store.getUser(to)) ?? (await deps.store.getUserByUsername(to));
  if (!user || !admits(eligible, user, purpose)) {
    throw new FlowcaseError(
      'FC_VALIDATION_FAILED',
      path === '/to'
        ? {
            en: `"${to.slice(0, 100)}" cannot receive this task: choose one of the people the transfer list offers.`,
            zh: '不能转交给此人：请从转交名单中选择。',
          }
        : {
            en: `"${to.slice(0, 100)}" cannot sign this task: choose one of the people the list offers.`,
            zh: '不能为此人加签：请从名单中选择。',
          },
      { path },
    );
  }
  return user.id;
}

/**
 * The people `actor` may transfer task `taskId` to, or add as signers (`action: 'addSigner'`),
 * themselves left out, by username; `q` narrows by name.
 */
export async function listTransferTargets(
  deps: TransferDeps,
  taskId: string,
  actor: Actor,
  q?: string,
  action: 'transfer' | 'addSigner' = 'transfer',
): Promise<TransferTarget[]> {
  const eligible = await eligibleFor(deps, taskId, actor, action);
  if (!eligible.node?.actions?.includes(action))
    throw new FlowcaseError(
      'FC_ACTION_NOT_ALLOWED',
      action === 'transfer'
        ? { en: 'This step cannot be transferred.', zh: '该节点不能转交。' }
        : { en: 'This step allows no added signers.', zh: '该节点不允许加签。' },
      { path: '/id' },
    );
  const found = new Map<string, UserRow>();
  for (const role of eligible.roles)
    for (const user of await deps.store.listUsersByRole(role)) found.set(user.id, user);
  for (const id of eligible.users) {
    const user = await deps.store.getUser(id);
    if (user) found.set(user.id, user);
  }
  const needle = q?.trim().toLowerCase();
  return [...found.values()]
    .filter((u) => u.id !== actor.id && admits(eligible, u, action))
    .filter(
      (u) =>
        !needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle),
    )
    .sort((a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0))
    .map((u) => ({
      id: u.id,
      username: u.username,
      displayName: u.displayName,
      roles: u.roles.filter((r) => eligible.version.roles.has(r)),
    }));
}
