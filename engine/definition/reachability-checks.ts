/**
 * The shape of each flow graph: every node is reachable from `start`, and every reachable node can
 * still reach an `end`. A loop is fine as long as some node in it leads out; a loop with no way out
 * is reported at each of its nodes. A node whose target is dangling counts as possibly leading out,
 * so one bad reference is reported once (by the reference checks), not again here.
 */
import type { Problem } from '../errors.js';
import type { FlowInfo } from './bundle-index.js';
import { keyAt } from './bundle-reader.js';
import { edgesOf } from './flow-edges.js';

export function checkReachability(flow: FlowInfo): Problem[] {
  const problems: Problem[] = [];
  const start = keyAt(flow.raw, 'start');
  if (start === undefined || !flow.nodes.has(start)) return problems;

  const reached = new Set<string>([start]);
  const queue = [start];
  while (queue.length > 0) {
    const node = flow.nodes.get(queue.pop()!)!;
    for (const edge of edgesOf(node)) {
      if (flow.nodes.has(edge.target) && !reached.has(edge.target)) {
        reached.add(edge.target);
        queue.push(edge.target);
      }
    }
  }

  // Walk backwards from the ways out: end nodes, and nodes whose next step is unknown.
  const predecessors = new Map<string, string[]>();
  const exits = new Set<string>();
  for (const node of flow.nodes.values()) {
    if (node.type === 'end') exits.add(node.id);
    for (const edge of edgesOf(node)) {
      if (!flow.nodes.has(edge.target)) exits.add(node.id);
      else predecessors.set(edge.target, [...(predecessors.get(edge.target) ?? []), node.id]);
    }
  }
  const canEnd = new Set(exits);
  const back = [...exits];
  while (back.length > 0) {
    for (const p of predecessors.get(back.pop()!) ?? []) {
      if (!canEnd.has(p)) {
        canEnd.add(p);
        back.push(p);
      }
    }
  }

  for (const node of flow.nodes.values()) {
    if (!reached.has(node.id)) {
      problems.push({
        path: node.path,
        code: 'flow.unreachable',
        message: `Node "${node.id}" can never be reached from the start node "${start}".`,
      });
    } else if (!canEnd.has(node.id)) {
      problems.push({
        path: node.path,
        code: 'flow.no_end',
        message: `Node "${node.id}" can never reach an end node: it, or a loop it belongs to, has no way out.`,
      });
    }
  }
  return problems;
}
