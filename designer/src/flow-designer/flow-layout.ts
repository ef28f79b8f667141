/**
 * Automatic layout of a flow with dagre, top to bottom: branches and parallel paths side by side,
 * joins below them. Loops would fold the drawing, so their closing transitions are told apart
 * first (return paths, and any transition back to a node still open in a walk from the start) and
 * left out of the ranking; the canvas draws them as back edges. Positions the designer moved a
 * node to win over the computed ones.
 */
import dagreModule from '@dagrejs/dagre';
import type { FlowDef } from '../../../engine/definition/types.js';
import type { FlowEdge } from './flow-ops.js';
import type { Point } from './flow-doc.js';

/** The part of dagre used here: its published types do not resolve under this project's module settings. */
interface LayoutGraph {
  setGraph(label: Record<string, unknown>): void;
  setDefaultEdgeLabel(label: () => object): void;
  setNode(id: string, label: { width: number; height: number }): void;
  setEdge(source: string, target: string, label: object, name: string): void;
  node(id: string): { x: number; y: number };
}
const dagre = dagreModule as unknown as {
  graphlib: { Graph: new (options: { multigraph: boolean }) => LayoutGraph };
  layout(graph: LayoutGraph): void;
};

export const NODE_WIDTH = 210;
export const NODE_HEIGHT = 76;

/** Keys (`source|ref`) of the transitions that close a loop or return to an earlier task. */
export function backEdges(flow: FlowDef, edges: readonly FlowEdge[]): Set<string> {
  const back = new Set<string>();
  const out = new Map<string, FlowEdge[]>();
  for (const e of edges) {
    if (e.kind === 'return') back.add(edgeKey(e));
    else if (e.target in flow.nodes) out.set(e.source, [...(out.get(e.source) ?? []), e]);
  }
  // Iterative depth-first walk: 1 = on the current path, 2 = finished.
  const state = new Map<string, 1 | 2>();
  const roots = [flow.start, ...Object.keys(flow.nodes)].filter((id) => id in flow.nodes);
  for (const root of roots) {
    if (state.has(root)) continue;
    const stack: { id: string; i: number }[] = [{ id: root, i: 0 }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const next = (out.get(top.id) ?? [])[top.i++];
      if (!next) {
        state.set(top.id, 2);
        stack.pop();
        continue;
      }
      const s = state.get(next.target);
      if (s === 1) back.add(edgeKey(next));
      else if (s === undefined) {
        state.set(next.target, 1);
        stack.push({ id: next.target, i: 0 });
      }
    }
  }
  return back;
}

export function edgeKey(e: Pick<FlowEdge, 'source' | 'ref'>): string {
  return `${e.source}|${e.ref}`;
}

/** Top-left positions of every node: the kept ones as they are, the others from dagre. */
export function layoutFlow(
  flow: FlowDef,
  edges: readonly FlowEdge[],
  back: ReadonlySet<string>,
): Record<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: 64, edgesep: 16, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of Object.keys(flow.nodes)) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const e of edges)
    if (!back.has(edgeKey(e)) && e.target in flow.nodes && e.source !== e.target)
      g.setEdge(e.source, e.target, {}, edgeKey(e));
  dagre.layout(g);
  const positions: Record<string, Point> = {};
  for (const id of Object.keys(flow.nodes)) {
    const n = g.node(id);
    positions[id] = { x: Math.round(n.x - NODE_WIDTH / 2), y: Math.round(n.y - NODE_HEIGHT / 2) };
  }
  return positions;
}
