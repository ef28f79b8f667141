/** The task nodes of a flow laid out in layers for the process analytics page. */
import type { FlowDef } from '../types.js';

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
 * over tasks (routing nodes in between are skipped). Edges that go back (to a task nearer the
 * start that leads here again: a return, a rework) are left out, so the layers read top to
 * bottom in the order work moves.
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
  const tasks = Object.keys(nodes).filter(isTask);
  const edges = new Map(tasks.map((k) => [k, nextTasks(k)]));
  const reach = (from: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(edges.get(from) ?? [])];
    while (stack.length) {
      const k = stack.pop()!;
      if (seen.has(k)) continue;
      seen.add(k);
      stack.push(...(edges.get(k) ?? []));
    }
    return seen;
  };
  // Distance from the start (breadth first).
  const dist = new Map<string, number>();
  let frontier = isTask(flow.start) ? [flow.start] : nextTasks(flow.start);
  for (let d = 0; frontier.length; d++) {
    const next: string[] = [];
    for (const k of frontier)
      if (!dist.has(k)) {
        dist.set(k, d);
        next.push(...(edges.get(k) ?? []));
      }
    frontier = next;
  }
  const far = tasks.length + 1;
  const d = (k: string) => dist.get(k) ?? far;
  const reaches = new Map(tasks.map((k) => [k, reach(k)]));
  // Every cycle has an edge that does not move away from the start: those are the ones dropped.
  const forward = new Map(
    tasks.map((u) => [u, edges.get(u)!.filter((v) => !(d(v) <= d(u) && reaches.get(v)!.has(u)))]),
  );
  const indegree = new Map(tasks.map((k) => [k, 0]));
  for (const vs of forward.values()) for (const v of vs) indegree.set(v, indegree.get(v)! + 1);
  const layer = new Map<string, number>();
  const queue = tasks.filter((k) => indegree.get(k) === 0).sort((a, b) => d(a) - d(b));
  while (queue.length) {
    const u = queue.shift()!;
    const l = layer.get(u) ?? (dist.has(u) ? 0 : far);
    layer.set(u, l);
    for (const v of forward.get(u)!) {
      layer.set(v, Math.max(layer.get(v) ?? 0, l + 1));
      indegree.set(v, indegree.get(v)! - 1);
      if (indegree.get(v) === 0) queue.push(v);
    }
  }
  const rows = new Map<number, string[]>();
  for (const k of tasks) {
    const l = layer.get(k) ?? far;
    rows.set(l, [...(rows.get(l) ?? []), k]);
  }
  return [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, row]) => row);
}
