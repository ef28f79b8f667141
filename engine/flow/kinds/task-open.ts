/**
 * Opening a task when a token arrives at a task node: assignees are resolved now (against the
 * record as it stands), the visit is counted (`iteration`), an SLA schedules its timers, and the
 * node's `cc` are copied (抄送, `copies.ts`).
 * A withdrawn step (撤回) reopens the same way with the assignees its task had.
 */
import { cloneTask } from '../snapshot-clone.js';
import type { TaskNode } from '../../definition/types.js';
import { resolveAssignees } from '../assignee-resolver.js';
import { failInstance } from '../instance-lifecycle.js';
import { shiftByDuration } from '../duration-math.js';
import { localizedName } from '../localized-render.js';
import { sendCopies, taskNodeFields } from '../copies.js';
import { appendHistory, emit, scheduleTimer, type StepContext } from '../step-context.js';
import type { Assignee, OpenTask, Token } from '../types.js';

/** Who a task is for and how they decide, resolved or carried over. */
export interface TaskAssignment {
  assignees: Assignee[];
  mode: 'any' | 'all';
  /** `mode: all`: approvals that stand (a withdrawn step keeps its other approvers' approvals). */
  approvals?: Assignee[];
}

function createTask(
  ctx: StepContext,
  token: Token,
  node: TaskNode,
  nodeId: string,
  assignment: TaskAssignment,
): OpenTask | undefined {
  let dueAt: string | null = null;
  let remindAt: string | null = null;
  if (node.sla) {
    dueAt = shiftByDuration(ctx.env.now, node.sla.due);
    remindAt =
      node.sla.remind !== undefined && dueAt !== null ? shiftByDuration(dueAt, node.sla.remind, -1) : null;
    if (dueAt === null || (node.sla.remind !== undefined && remindAt === null)) {
      failInstance(ctx, nodeId, 'The SLA durations cannot be read.');
      return undefined;
    }
  }
  const iteration = (ctx.snapshot.visits[nodeId] ?? 0) + 1;
  ctx.snapshot.visits[nodeId] = iteration;
  const { assignees, mode } = assignment;
  const task: OpenTask = {
    id: ctx.env.newId(),
    node: nodeId,
    tokenId: token.id,
    assignees,
    mode,
    createdAt: ctx.env.now,
    iteration,
  };
  if (assignment.approvals && assignment.approvals.length > 0) task.approvals = assignment.approvals;
  if (dueAt !== null) task.dueAt = dueAt;
  ctx.snapshot.tasks.push(task);
  emit(ctx, { type: 'task.create', task: cloneTask(task), nodeName: localizedName(node.name, nodeId) });
  appendHistory(ctx, 'task.created', { node: nodeId, detail: { taskId: task.id, assignees, iteration } });
  if (dueAt !== null) {
    // A reminder that would fall in the past is pointless; skip it.
    if (remindAt !== null && remindAt > ctx.env.now)
      scheduleTimer(ctx, { kind: 'sla.remind', node: nodeId, dueAt: remindAt, taskId: task.id });
    scheduleTimer(ctx, { kind: 'sla.due', node: nodeId, dueAt, taskId: task.id });
  }
  return task;
}

/**
 * Opens the node's task for `token`. A task nobody can act on (an empty assignee field) or an
 * unreadable SLA duration fails the instance: better an incident than a task lost forever.
 */
export function openTask(ctx: StepContext, token: Token, node: TaskNode, nodeId: string): void {
  const mode = node.mode ?? 'any';
  const assignees = resolveAssignees(ctx, node.assignee, mode === 'all');
  if (assignees.length === 0) {
    failInstance(ctx, nodeId, 'The task has nobody to assign it to.');
    return;
  }
  const task = createTask(ctx, token, node, nodeId, { assignees, mode });
  if (task)
    sendCopies(ctx, node.cc, {
      node: nodeId,
      name: node.name,
      fields: taskNodeFields(ctx, node),
      reason: 'node',
      taskId: task.id,
    });
}

/** Reopens the node's task for `token` with an assignment carried over (a withdrawn step). */
export function reopenTask(
  ctx: StepContext,
  token: Token,
  node: TaskNode,
  nodeId: string,
  assignment: TaskAssignment,
): OpenTask | undefined {
  return createTask(ctx, token, node, nodeId, assignment);
}
