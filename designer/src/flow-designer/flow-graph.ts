/**
 * The canvas's picture of the document: xyflow nodes at their kept or laid-out positions with what
 * each says (kind, name, who, time limit, problems, the simulator's token), and xyflow edges for
 * every transition whose target exists (forward ones top to bottom, loops and returns as back
 * edges on the right, branch conditions and the default path as labels).
 */
import type { Edge, Node } from '@xyflow/react';
import type { KindCatalogue } from '../../../engine/definition/kind-catalogue.js';
import type { AppBundle } from '../../../engine/definition/types.js';
import { loc, type Lang } from '../../../ui/i18n.js';
import type { DraftProblem } from '../editing/draft-sync.js';
import type { FlowDoc, Point } from './flow-doc.js';
import { edgeKey, NODE_HEIGHT, NODE_WIDTH } from './flow-layout.js';
import type { FlowEdge } from './flow-ops.js';
import { kindGlyph } from './kind-icons.js';
import { assigneeSummary, durationText, edgeLabel, nodeName } from './node-summary.js';
import type { ProblemPins } from './problem-pins.js';
import type { FlowWordKey } from './words.js';

export interface Highlight {
  active: string[];
  visited: string[];
}

export type FlowNodeData = {
  id: string;
  name: string;
  kind: string;
  glyph: string;
  category: string;
  who?: string;
  sla?: string;
  start: boolean;
  problems: DraftProblem[];
  token?: 'active' | 'visited';
};

export type FlowEdgeData = {
  edge: FlowEdge;
  label?: string;
  isDefault: boolean;
  back: boolean;
  problems: DraftProblem[];
  visited: boolean;
};

export type FlowNode = Node<FlowNodeData, 'flow'>;
export type FlowEdgeView = Edge<FlowEdgeData, 'flow'>;

type T = (key: FlowWordKey, vars?: Record<string, string | number>) => string;

export function buildNodes(
  doc: FlowDoc,
  positions: Record<string, Point>,
  bundle: Pick<AppBundle, 'roles' | 'forms'>,
  catalogue: KindCatalogue,
  pins: ProblemPins,
  highlight: Highlight | undefined,
  selected: ReadonlySet<string>,
  lang: Lang,
  t: T,
): FlowNode[] {
  const kinds = new Map(catalogue.nodes.kinds.map((k) => [k.type, k]));
  const active = new Set(highlight?.active);
  const visited = new Set(highlight?.visited);
  return Object.entries(doc.flow.nodes).map(([id, node]) => {
    const kind = kinds.get(node.type);
    const who = assigneeSummary(node, bundle, doc.flow.form, lang, t);
    const due = node.type === 'task' ? node.sla?.due : undefined;
    const data: FlowNodeData = {
      id,
      name: nodeName(node, id, lang),
      kind: kind ? loc(kind.label, lang) : node.type,
      glyph: kindGlyph(kind?.icon),
      category: kind?.category ?? 'logic',
      ...(who ? { who } : {}),
      ...(due ? { sla: t('sla', { d: durationText(due, lang) }) } : {}),
      start: id === doc.flow.start,
      problems: pins.nodes.get(id) ?? [],
      ...(active.has(id)
        ? { token: 'active' as const }
        : visited.has(id)
          ? { token: 'visited' as const }
          : {}),
    };
    return {
      id,
      type: 'flow',
      position: doc.layout.nodes[id] ?? positions[id] ?? { x: 0, y: 0 },
      data,
      selected: selected.has(id),
    };
  });
}

export function buildEdges(
  doc: FlowDoc,
  edges: readonly FlowEdge[],
  back: ReadonlySet<string>,
  bundle: Pick<AppBundle, 'forms'>,
  pins: ProblemPins,
  highlight: Highlight | undefined,
  lang: Lang,
  t: T,
): FlowEdgeView[] {
  const visited = new Set(highlight?.visited);
  return edges
    .filter((e) => e.target in doc.flow.nodes)
    .map((e) => {
      const key = edgeKey(e);
      const isBack = back.has(key);
      const { text, isDefault } = edgeLabel(e, doc.flow, bundle, lang, t);
      return {
        id: key,
        type: 'flow',
        source: e.source,
        target: e.target,
        sourceHandle: isBack ? 'back-out' : 'out',
        targetHandle: isBack ? 'back-in' : 'in',
        selectable: false,
        data: {
          edge: e,
          ...(text ? { label: text } : {}),
          isDefault,
          back: isBack,
          problems: pins.edges.get(key) ?? [],
          visited: visited.has(e.source) && visited.has(e.target),
        },
      };
    });
}

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
  a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));

/** Whether the simulator's token is where it was (then the canvas need not be built again). */
export function sameHighlight(a: Highlight | undefined, b: Highlight | undefined): boolean {
  return (
    a === b ||
    (a !== undefined && b !== undefined && sameList(a.active, b.active) && sameList(a.visited, b.visited))
  );
}

const sameEdgeRef = (a: FlowEdge, b: FlowEdge) =>
  a.source === b.source && a.target === b.target && a.ref === b.ref && a.kind === b.kind;

const sameProblems = (a: readonly DraftProblem[], b: readonly DraftProblem[]) =>
  a === b ||
  (a.length === b.length &&
    a.every(
      (p, i) =>
        p.path === b[i]!.path && p.code === b[i]!.code && p.message === b[i]!.message && p.zh === b[i]!.zh,
    ));

function sameData<D extends Record<string, unknown>>(a: D, b: D): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  return keys.every((k) => {
    const x = a[k];
    const y = b[k];
    if (k === 'problems') return sameProblems(x as DraftProblem[], y as DraftProblem[]);
    if (k === 'edge') return sameEdgeRef(x as FlowEdge, y as FlowEdge);
    return x === y;
  });
}

/** Whether a node is drawn the same (its measured size aside): then xyflow need not draw it again. */
function sameNode(a: FlowNode, b: FlowNode): boolean {
  return (
    a.id === b.id &&
    a.position.x === b.position.x &&
    a.position.y === b.position.y &&
    (a.selected ?? false) === (b.selected ?? false) &&
    sameData(a.data, b.data)
  );
}

function sameEdge(a: FlowEdgeView, b: FlowEdgeView): boolean {
  return (
    a.id === b.id &&
    a.source === b.source &&
    a.target === b.target &&
    a.sourceHandle === b.sourceHandle &&
    a.targetHandle === b.targetHandle &&
    a.data !== undefined &&
    b.data !== undefined &&
    sameData(a.data, b.data)
  );
}

/**
 * The nodes as xyflow gets them after the page built them again: a node drawn as before keeps its
 * object, so xyflow skips it, and a changed one keeps its measured size, without which xyflow
 * hides its transitions until it has measured the node again (edges blinking after every edit).
 * A node just added starts at a node's usual size: drawn at once, and measuring it changes nothing
 * unless its text makes it taller.
 */
export function adoptNodes(held: readonly FlowNode[], built: readonly FlowNode[]): FlowNode[] {
  const before = new Map(held.map((n) => [n.id, n]));
  return built.map((n) => {
    const old = before.get(n.id);
    if (!old) return { ...n, measured: { width: NODE_WIDTH, height: NODE_HEIGHT } };
    if (sameNode(old, n)) return old;
    return old.measured ? { ...n, measured: old.measured } : n;
  });
}

export function adoptEdges(held: readonly FlowEdgeView[], built: readonly FlowEdgeView[]): FlowEdgeView[] {
  const before = new Map(held.map((e) => [e.id, e]));
  return built.map((e) => {
    const old = before.get(e.id);
    return old && sameEdge(old, e) ? old : e;
  });
}
