/**
 * 催办 (urge): a reminder to the people an open task waits on, in the app (through the outbox),
 * recorded as `task.urged`. It moves nothing. Who may urge and how often is the runtime's rule
 * (the record's submitter, admins and supervising roles; once an hour per task).
 */
import { FlowcaseError } from '../errors.js';
import { sameAssignee } from './assignee-resolver.js';
import { localizedName } from './localized-render.js';
import { appendHistory, emit, nodeAt, type StepContext } from './step-context.js';
import type { FlowEvent } from './types.js';

type UrgeEvent = Extract<FlowEvent, { type: 'task.urge' }>;

/** Reminds the task's assignees; for `mode: all`, only those who have not approved yet. */
export function urgeTask(ctx: StepContext, event: UrgeEvent): void {
  const task = ctx.snapshot.tasks.find((t) => t.id === event.taskId);
  if (!task)
    throw new FlowcaseError(
      'FC_TASK_ALREADY_DONE',
      { en: 'The task is no longer open.', zh: '该任务已办结。' },
      { path: '/taskId' },
    );
  const name = localizedName(nodeAt(ctx, task.node)?.name, task.node);
  const waiting = task.assignees.filter((a) => !(task.approvals ?? []).some((b) => sameAssignee(a, b)));
  const comment =
    typeof event.comment === 'string' && event.comment.trim() !== '' ? event.comment.trim() : undefined;
  emit(ctx, {
    type: 'notify',
    node: task.node,
    channel: 'inapp',
    to: waiting,
    subject: { en: `Urged: ${name.en}`, zh: `催办：${name.zh}` },
    text: {
      en: `"${name.en}" is waiting for you; please handle it soon.${comment ? `\n${comment}` : ''}`,
      zh: `「${name.zh}」正在等您处理，请尽快办理。${comment ? `\n留言：${comment}` : ''}`,
    },
    reason: 'urge',
    taskId: task.id,
  });
  appendHistory(ctx, 'task.urged', { node: task.node, comment, detail: { taskId: task.id, to: waiting } });
}
