/**
 * Copies of snapshot parts, written out by hand: a step copies the snapshot once and every task it
 * puts into an effect, and `structuredClone` costs several times more for these small shapes.
 */
import type { Assignee, FlowSnapshot, OpenTask, PendingTimer, Token, WithdrawableMove } from './types.js';

const copyAssignee = (a: Assignee): Assignee => ('user' in a ? { user: a.user } : { role: a.role });

export function cloneTask(task: OpenTask): OpenTask {
  const copy: OpenTask = { ...task, assignees: task.assignees.map(copyAssignee) };
  if (task.approvals) copy.approvals = task.approvals.map(copyAssignee);
  if (task.sign) copy.sign = { ...task.sign };
  if (task.waitingFor) copy.waitingFor = task.waitingFor.map((w) => ({ ...w, slot: copyAssignee(w.slot) }));
  if (task.signersAfter) copy.signersAfter = task.signersAfter.map((s) => ({ ...s }));
  return copy;
}

function cloneMove(move: WithdrawableMove): WithdrawableMove {
  const copy: WithdrawableMove = {
    ...move,
    token: cloneToken(move.token),
    assignees: move.assignees.map(copyAssignee),
    opened: [...move.opened],
  };
  if (move.approvals) copy.approvals = move.approvals.map(copyAssignee);
  if (move.via) copy.via = [...move.via];
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
  if (s.withdrawable) copy.withdrawable = s.withdrawable.map(cloneMove);
  if (s.joins) {
    const joins: Record<string, string[]> = {};
    for (const [k, v] of Object.entries(s.joins)) joins[k] = [...v];
    copy.joins = joins;
  }
  return copy;
}
