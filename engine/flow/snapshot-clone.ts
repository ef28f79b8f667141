/**
 * Copies of snapshot parts, written out by hand: a step copies the snapshot once and every task it
 * puts into an effect, and `structuredClone` costs several times more for these small shapes.
 */
import type { Assignee, FlowSnapshot, OpenTask, PendingTimer, Token } from './types.js';

const copyAssignee = (a: Assignee): Assignee => ('user' in a ? { user: a.user } : { role: a.role });

export function cloneTask(task: OpenTask): OpenTask {
  const copy: OpenTask = { ...task, assignees: task.assignees.map(copyAssignee) };
  if (task.approvals) copy.approvals = task.approvals.map(copyAssignee);
  return copy;
}

function cloneToken(token: Token): Token {
  const copy: Token = { ...token };
  if (token.scope) copy.scope = token.scope.map((f) => ({ ...f }));
  if (token.subflow) copy.subflow = { ...token.subflow };
  return copy;
}

export function cloneSnapshot(s: FlowSnapshot): FlowSnapshot {
  const copy: FlowSnapshot = {
    ...s,
    tokens: s.tokens.map(cloneToken),
    tasks: s.tasks.map(cloneTask),
    timers: s.timers.map((t): PendingTimer => ({ ...t })),
    visits: { ...s.visits },
  };
  if (s.failure) copy.failure = { ...s.failure };
  if (s.joins) {
    const joins: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(s.joins)) joins[k] = [...v];
    copy.joins = joins;
  }
  return copy;
}
