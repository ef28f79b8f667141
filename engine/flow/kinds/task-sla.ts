/**
 * SLA timers of an open task. A reminder notifies the assignees. The due timer marks the task
 * `breached`, records `sla.breached`, adds the `escalateTo` assignees (`task.update`), notifies
 * everyone now on the task and copies `sla.cc` (抄送). Completing or cancelling a task cancels its
 * timers, so these only run while it is open.
 */
import { cloneTask } from '../snapshot-clone.js';
import type { TaskNode } from '../../definition/types.js';
import { resolveAssignees, sameAssignee } from '../assignee-resolver.js';
import { localizedName } from '../localized-render.js';
import { sendCopies, taskNodeFields } from '../copies.js';
import { appendHistory, emit, type StepContext } from '../step-context.js';
import type { Assignee, PendingTimer } from '../types.js';

export function onSlaTimer(ctx: StepContext, timer: PendingTimer, node: TaskNode): void {
  const task = ctx.snapshot.tasks.find((t) => t.id === timer.taskId);
  if (!task) return;
  const name = localizedName(node.name, timer.node);
  const due = ctx.env.formatTime?.(task.dueAt ?? timer.dueAt) ?? task.dueAt ?? timer.dueAt;
  if (timer.kind === 'sla.remind') {
    emit(ctx, {
      type: 'notify',
      node: timer.node,
      channel: 'inapp',
      to: task.assignees,
      text: { en: `Reminder: "${name.en}" is due at ${due}.`, zh: `提醒：「${name.zh}」将于 ${due} 到期。` },
      reason: 'sla.remind',
      taskId: task.id,
    });
    appendHistory(ctx, 'sla.reminded', { node: timer.node, detail: { taskId: task.id } });
    return;
  }
  task.breached = true;
  const added: Assignee[] = [];
  for (const a of resolveAssignees(ctx, node.sla?.escalateTo, task.mode === 'all')) {
    if (!task.assignees.some((b) => sameAssignee(a, b))) added.push(a);
  }
  task.assignees.push(...added);
  emit(ctx, { type: 'task.update', task: cloneTask(task) });
  appendHistory(ctx, 'sla.breached', {
    node: timer.node,
    detail: added.length > 0 ? { taskId: task.id, escalatedTo: added } : { taskId: task.id },
  });
  emit(ctx, {
    type: 'notify',
    node: timer.node,
    channel: 'inapp',
    to: [...task.assignees],
    text: {
      en: `"${name.en}" is overdue (it was due at ${due}).`,
      zh: `「${name.zh}」已超时（期限 ${due}）。`,
    },
    reason: 'sla.breach',
    taskId: task.id,
  });
  sendCopies(ctx, node.sla?.cc, {
    node: timer.node,
    name: node.name,
    fields: taskNodeFields(ctx, node),
    reason: 'sla.breach',
    taskId: task.id,
  });
}
