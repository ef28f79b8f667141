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
const RANK_SEP = 64;

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

/**
 * What the automatic layout depends on: the nodes in order and the transitions that rank them
 * (`[source, target, edgeKey]`, back edges and self loops left out). Small enough to post to the
 * layout worker, and its JSON tells whether the layout must run again.
 */
export interface LayoutInput {
  nodes: string[];
  links: [string, string, string][];
}

export function layoutInput(
  flow: FlowDef,
  edges: readonly FlowEdge[],
  back: ReadonlySet<string>,
): LayoutInput {
  const links: [string, string, string][] = [];
  for (const e of edges)
    if (!back.has(edgeKey(e)) && e.target in flow.nodes && e.source !== e.target)
      links.push([e.source, e.target, edgeKey(e)]);
  return { nodes: Object.keys(flow.nodes), links };
}

/** Top-left positions of every node by dagre (runs on the page for small flows, else in layout-worker.ts). */
export function layoutGraph(input: LayoutInput): Record<string, Point> {
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'TB', nodesep: 36, ranksep: RANK_SEP, edgesep: 16, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const id of input.nodes) g.setNode(id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  for (const [source, target, name] of input.links) g.setEdge(source, target, {}, name);
  dagre.layout(g);
  const positions: Record<string, Point> = {};
  for (const id of input.nodes) {
    const n = g.node(id);
    positions[id] = { x: Math.round(n.x - NODE_WIDTH / 2), y: Math.round(n.y - NODE_HEIGHT / 2) };
  }
  return positions;
}

/** Top-left positions of every node computed by dagre (kept positions are applied by the canvas). */
export function layoutFlow(
  flow: FlowDef,
  edges: readonly FlowEdge[],
  back: ReadonlySet<string>,
): Record<string, Point> {
  return layoutGraph(layoutInput(flow, edges, back));
}

/**
 * Where a node the last layout did not know (just added) stands until the layout comes back: half
 * a rank below the node it follows and half a node to the right, so it shows at once beside the
 * transition it was put on. A node nothing leads to goes below the drawing.
 */
export function provisionalPositions(
  laidOut: Record<string, Point>,
  input: LayoutInput,
): Record<string, Point> {
  if (input.nodes.every((id) => id in laidOut)) return laidOut;
  const at: Record<string, Point> = { ...laidOut };
  const from = new Map<string, string>();
  for (const [source, target] of input.links) if (!from.has(target)) from.set(target, source);
  let bottom = 0;
  for (const p of Object.values(laidOut)) bottom = Math.max(bottom, p.y + NODE_HEIGHT);
  const place = (id: string, seen: Set<string>): Point => {
    const known = at[id];
    if (known) return known;
    const source = from.get(id);
    let p: Point;
    if (source === undefined || seen.has(source)) p = { x: 20, y: bottom + RANK_SEP };
    else {
      seen.add(id);
      const s = place(source, seen);
      p = { x: s.x + NODE_WIDTH / 2, y: s.y + (NODE_HEIGHT + RANK_SEP) / 2 };
    }
    at[id] = p;
    return p;
  };
  for (const id of input.nodes) place(id, new Set());
  return at;
}
