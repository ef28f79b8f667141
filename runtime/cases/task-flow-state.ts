/**
 * What a task's view takes from the instance's snapshot rather than from its row: 加签 (a signer's
 * task offers only the node's decisions; a task waiting for a before-signer offers nothing to
 * whoever waits; the queued after-signers) and 撤回 (whether the viewer may still withdraw a step
 * they completed). Applied to the views of one case before a customer's redaction.
 */
import type { FlowDef, FlowSnapshot } from '../../engine/index.js';
import { signerActions } from '../../engine/index.js';
import type { Actor, TaskView } from './types.js';

function holds(slot: { user: string } | { role: string }, actor: Actor): boolean {
  return 'user' in slot ? slot.user === actor.id : actor.roles.includes(slot.role);
}

/** `tasks` of the case whose instance is at `snapshot`, as `actor` sees them. */
export function withFlowState(
  tasks: TaskView[],
  snapshot: FlowSnapshot,
  flow: FlowDef | undefined,
  actor: Actor,
): TaskView[] {
  const open = new Map(snapshot.tasks.map((t) => [t.id, t]));
  const withdrawable = new Set(
    (snapshot.withdrawable ?? []).filter((m) => m.by === actor.id).map((m) => m.taskId),
  );
  if (open.size === 0 && withdrawable.size === 0) return tasks;
  return tasks.map((view) => {
    if (view.status === 'done') return withdrawable.has(view.id) ? { ...view, withdrawable: true } : view;
    const task = open.get(view.id);
    if (!task || view.status !== 'open') return view;
    const shaped: TaskView = { ...view };
    const node = flow?.nodes[task.node];
    if (task.sign) {
      shaped.signer = { position: task.sign.position, by: task.sign.by };
      shaped.actions = node?.type === 'task' ? signerActions(node) : ['submit'];
      shaped.backfill = [];
      shaped.returnTargets = [];
    }
    if (task.waitingFor) {
      shaped.waitingFor = task.waitingFor.map((w) => w.user);
      if (task.mode === 'any' || task.waitingFor.some((w) => holds(w.slot, actor))) shaped.actions = [];
    }
    if (task.signersAfter) shaped.signersAfter = task.signersAfter.map((s) => s.user);
    return shaped;
  });
}
