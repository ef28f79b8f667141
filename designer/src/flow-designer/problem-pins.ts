/**
 * Where the draft's problems belong on the canvas: a problem whose JSON path names a node of this
 * flow (`/flows/<i>/nodes/<id>/…`) is pinned on that node, or on the transition when the path
 * names one of its references (or a branch case's condition); other problems of the flow stay in
 * the list only.
 */
import type { DraftProblem } from '../editing/draft-sync.js';
import { edgeKey } from './flow-layout.js';
import type { FlowEdge } from './flow-ops.js';

export interface ProblemPins {
  /** Problems of this flow (the list under the canvas). */
  all: DraftProblem[];
  nodes: Map<string, DraftProblem[]>;
  /** By `edgeKey`. */
  edges: Map<string, DraftProblem[]>;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** The node a problem path names inside flow number `index`, and the rest of the path. */
export function problemNode(path: string, index: number): { node: string; rest: string } | undefined {
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'flows' || Number(parts[1]) !== index || parts[2] !== 'nodes' || parts[3] === undefined)
    return undefined;
  return { node: unescape(parts[3]), rest: parts.slice(4).join('/') };
}

export function pinProblems(
  problems: readonly DraftProblem[],
  index: number,
  edges: readonly FlowEdge[],
): ProblemPins {
  const prefix = `/flows/${index}`;
  const pins: ProblemPins = { all: [], nodes: new Map(), edges: new Map() };
  const refs = new Map(edges.map((e) => [`${e.source}|${e.ref}`, e]));
  const add = <K>(map: Map<K, DraftProblem[]>, key: K, p: DraftProblem) =>
    map.set(key, [...(map.get(key) ?? []), p]);
  for (const p of problems) {
    if (p.path !== prefix && !p.path.startsWith(`${prefix}/`)) continue;
    pins.all.push(p);
    const at = problemNode(p.path, index);
    if (!at) continue;
    const c = /^cases\/(\d+)(\/.*)?$/.exec(at.rest);
    const ref = c ? `cases/${c[1]}/next` : at.rest;
    const edge = refs.get(`${at.node}|${ref}`);
    if (edge) add(pins.edges, edgeKey(edge), p);
    else add(pins.nodes, at.node, p);
  }
  return pins;
}
