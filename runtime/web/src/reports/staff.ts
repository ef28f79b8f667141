/** Who sees reports: admins and an app's staff (anyone holding one of its non-customer roles). */
import type { AppView, FlowDef, User } from '../types.js';

export function isStaffOf(app: AppView, user: User): boolean {
  if (user.roles.includes('admin')) return true;
  return app.roles.some((r) => !r.customer && user.roles.includes(r.key));
}

/** Successor node keys of a node, whatever its type. */
function successors(node: FlowDef['nodes'][string]): string[] {
  const n = node as unknown as Record<string, unknown>;
  const out: string[] = [];
  for (const k of ['next', 'onApprove', 'onReject', 'default', 'onError', 'onTimeout'])
    if (typeof n[k] === 'string') out.push(n[k]);
  if (Array.isArray(n.cases))
    for (const c of n.cases as { next?: unknown }[]) if (typeof c.next === 'string') out.push(c.next);
  if (Array.isArray(n.branches)) for (const b of n.branches) if (typeof b === 'string') out.push(b);
  return out;
}

/**
 * The task nodes of a flow in layers: a task's layer is the longest path to it from the start
 * over tasks (routing nodes in between are skipped, edges that go back are ignored), so the
 * layers read top to bottom in the order work moves.
 */
export function taskLayers(flow: FlowDef): string[][] {
  const nodes = flow.nodes;
  const isTask = (k: string) => nodes[k]?.type === 'task';
  // The tasks reachable from `k` through non-task nodes.
  const nextTasks = (k: string): string[] => {
    const seen = new Set<string>();
    const found: string[] = [];
    const stack = nodes[k] ? successors(nodes[k]) : [];
    while (stack.length) {
      const s = stack.pop()!;
      if (seen.has(s) || !nodes[s]) continue;
      seen.add(s);
      if (isTask(s)) found.push(s);
      else stack.push(...successors(nodes[s]));
    }
    return found;
  };
  const starts = isTask(flow.start) ? [flow.start] : nextTasks(flow.start);
  const edges = new Map<string, string[]>();
  const order: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const dag = new Map<string, string[]>();
  const visit = (k: string) => {
    state.set(k, 'open');
    const next = edges.get(k) ?? nextTasks(k);
    edges.set(k, next);
    const forward: string[] = [];
    for (const n of next) {
      if (state.get(n) === 'open') continue; // a loop back (return, rework)
      forward.push(n);
      if (!state.has(n)) visit(n);
    }
    dag.set(k, forward);
    state.set(k, 'done');
    order.push(k);
  };
  for (const s of starts) if (!state.has(s)) visit(s);
  const layer = new Map<string, number>();
  for (const k of order.reverse()) {
    const l = layer.get(k) ?? 0;
    layer.set(k, l);
    for (const n of dag.get(k) ?? []) layer.set(n, Math.max(layer.get(n) ?? 0, l + 1));
  }
  // Tasks not reachable from the start still show, last.
  const maxLayer = Math.max(-1, ...layer.values());
  for (const k of Object.keys(nodes)) if (isTask(k) && !layer.has(k)) layer.set(k, maxLayer + 1);
  const out: string[][] = [];
  for (const [k, l] of layer) (out[l] ??= []).push(k);
  return out.filter((row) => row && row.length > 0);
}
