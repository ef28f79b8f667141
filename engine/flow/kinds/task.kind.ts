/**
 * `task`: a person fills in or decides. Opening resolves the assignees and schedules the SLA
 * (`task-open.ts`); completion checks the actor, the action and the data (`task-completion.ts`);
 * SLA timers remind and escalate (`task-sla.ts`).
 *
 * - `mode: 'any'` (或签): the first decision wins.
 * - `mode: 'all'` (会签): roles are expanded to their holders (`env.usersInRole`) when the task opens;
 *   every assignee must approve (each approval is recorded as `task.approved`), one rejection
 *   rejects at once. People added by escalation become approvers too.
 * - `submit` → `next`; `approve` → `onApprove ?? next`; `reject` → `onReject`, or with none the
 *   instance ends with outcome `rejected`; `return` re-opens an earlier task node (a rework loop,
 *   counted in `visits` and `OpenTask.iteration`) with the data as it stands; `transfer` hands the
 *   task to another user.
 */
import type { TaskNode } from '../../definition/types.js';
import type { NodeKind } from './node-kind.js';
import { completeTask } from './task-completion.js';
import { openTask } from './task-open.js';
import { onSlaTimer } from './task-sla.js';
import { checkTaskNode, taskProperties, taskSchema } from './task-definition.js';

export const taskKind: NodeKind<TaskNode> = {
  type: 'task',
  description: {
    label: { en: 'Task', zh: '人工任务' },
    summary: {
      en: 'A person fills in fields or approves, rejects, returns or transfers.',
      zh: '由人员填写字段，或审批、驳回、退回、转交。',
    },
    category: 'human',
    icon: 'user-check',
    waits: true,
    exits: ['next', 'onApprove', 'onReject', 'returnTo[]'],
    events: ['task.complete', 'timer.fire'],
  },
  definitionSchema: taskSchema,
  properties: taskProperties,
  check: checkTaskNode,
  enter: openTask,
  onTimer: onSlaTimer,
  onTaskComplete: completeTask,
};
