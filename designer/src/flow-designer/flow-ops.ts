/**
 * Pure edits of a flow definition, the truth the canvas draws: its transitions (read as the
 * engine reads them, `engine/definition/flow-edges.ts`), a node added on a transition, a node
 * deleted with an explicit choice for what followed it (the single path reconnected, or the nodes
 * only it led to deleted and named first), nodes copied and pasted under fresh keys (and put on a
 * transition when they have one way in and one way out). Each edit
 * mutates the flow it is given, so it runs inside the edit store's immer recipe.
 */
import { edgesOf } from '../../../engine/definition/flow-edges.js';
import {
  isValidKey,
  type FieldPermissions,
  type FlowDef,
  type NodeDef,
} from '../../../engine/definition/types.js';

export interface FlowEdge {
  source: string;
  target: string;
  /** Where the reference sits inside the source node: `next`, `cases/0/next`, `returnTo/1`… */
  ref: string;
  /** `return` edges send a case back to an earlier task. */
  kind: 'forward' | 'return';
}

/** Every transition of the flow, in node order, as the engine reads them. */
export function flowEdges(flow: FlowDef): FlowEdge[] {
  const edges: FlowEdge[] = [];
  for (const [id, node] of Object.entries(flow.nodes)) {
    const prefix = `/nodes/${id}/`;
    for (const e of edgesOf({ id, type: node.type, path: `/nodes/${id}`, raw: node }))
      edges.push({ source: id, target: e.target, ref: e.path.slice(prefix.length), kind: e.kind });
  }
  return edges;
}

function unescape(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

/** Points the reference `ref` of `node` at `target`. */
function setRef(node: NodeDef, ref: string, target: string): void {
  const parts = ref.split('/').map(unescape);
  let at = node as unknown as Record<string, unknown>;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  at[parts[parts.length - 1]!] = target;
}

/**
 * Removes the reference `ref` from `node`: an item of a list goes from the list (a branch case,
 * a parallel branch, a return target), any other property is deleted.
 */
function dropRef(node: NodeDef, ref: string): void {
  const parts = ref.split('/').map(unescape);
  const raw = node as unknown as Record<string, unknown>;
  if (parts[0] === 'cases' || parts[0] === 'branches' || parts[0] === 'returnTo') {
    (raw[parts[0]] as unknown[]).splice(Number(parts[1]), 1);
    return;
  }
  let at = raw;
  for (const part of parts.slice(0, -1)) at = at[part] as Record<string, unknown>;
  delete at[parts[parts.length - 1]!];
}

/** A key not yet taken in the flow, from `base` (`task`, `task_2`, …). */
export function freeKey(flow: FlowDef, base: string): string {
  const stem = isValidKey(base) ? base.slice(0, 56) : 'node';
  if (!(stem in flow.nodes)) return stem;
  for (let n = 2; ; n++) if (!(`${stem}_${n}` in flow.nodes)) return `${stem}_${n}`;
}

/**
 * A name for a new node that no node of the flow has yet: `新人工任务`, then `新人工任务 2`, … (the
 * English follows the same number), so steps added one after another can be told apart in the
 * inbox and on the case's timeline before the designer names them.
 */
export function freeName(flow: FlowDef, base: { zh: string; en: string }): { zh: string; en: string } {
  const taken = new Set<string>();
  for (const node of Object.values(flow.nodes)) {
    // An event node's name is its key; what people read is its title.
    const shown = node.type === 'event' ? node.title : node.name;
    if (typeof shown === 'string') taken.add(shown);
    else if (shown) for (const text of Object.values(shown)) if (typeof text === 'string') taken.add(text);
  }
  if (!taken.has(base.zh) && !taken.has(base.en)) return base;
  for (let n = 2; ; n++) {
    const next = { zh: `${base.zh} ${n}`, en: `${base.en} ${n}` };
    if (!taken.has(next.zh) && !taken.has(next.en)) return next;
  }
}

/** Kinds that may be put on a transition: those with a way on (an end would cut the path). */
export function insertable(type: string): boolean {
  return type !== 'end';
}

/**
 * A new node of a kind, leading on to `next`, with what its kind requires filled in plainly. A
 * task's `fields` are what it shows and lets its assignee write: never left out, since a step
 * without a `visible` list shows every field (`startingFields` in the panels gives the creator's
 * fields; the default here shows nothing).
 */
export function newNode(
  type: string,
  next: string,
  form: string,
  name: { zh: string; en: string },
  fields: FieldPermissions = { visible: [] },
): NodeDef {
  switch (type) {
    case 'task':
      return { type, name, assignee: { submitter: true }, actions: ['submit'], fields, next };
    case 'branch':
      return { type, name, cases: [], default: next };
    case 'parallel':
      return { type, name, branches: [next] };
    case 'join':
      return { type, name, next };
    case 'notify':
      return { type, name, to: [{ submitter: true }], channel: 'inapp', template: { zh: '', en: '' }, next };
    case 'webhook':
      return { type, name, url: 'https://', next };
    case 'record':
      return { type, name, action: 'update', form, target: { var: 'id' }, set: {}, next };
    case 'wait':
      return { type, name, duration: 'P1D', next };
    case 'event':
      // An event node's `name` is the event's key; what people read is its `title`.
      return { type, name: 'event', title: name, next };
    case 'subflow':
      // The flow to start is the designer's choice; it starts on a new record until told otherwise.
      return { type, name, flow: '', record: { set: {} }, next };
    case 'end':
      return { type, name };
    default:
      // A kind registered at run time: its own checks say what else it needs.
      return { type, name, next } as unknown as NodeDef;
  }
}

/**
 * Puts `node` (under `key`) on the transition `edge`: the source now leads to it and it leads to
 * the transition's old target.
 */
export function insertOnEdge(
  flow: FlowDef,
  edge: Pick<FlowEdge, 'source' | 'ref'>,
  key: string,
  node: NodeDef,
): void {
  const source = flow.nodes[edge.source];
  if (!source) throw new Error(`no node ${edge.source}`);
  flow.nodes[key] = node;
  setRef(source, edge.ref, key);
}

/** Forward transitions only: what may run after what. */
function forwardTargets(flow: FlowDef, edges: FlowEdge[]): Map<string, string[]> {
  const out = new Map<string, string[]>(Object.keys(flow.nodes).map((id) => [id, []]));
  for (const e of edges)
    if (e.kind === 'forward' && e.target in flow.nodes) out.get(e.source)!.push(e.target);
  return out;
}

function reach(from: string, next: Map<string, string[]>, without?: string): Set<string> {
  const seen = new Set<string>();
  const stack = from === without ? [] : [from];
  while (stack.length > 0) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const t of next.get(id) ?? []) if (t !== without && !seen.has(t)) stack.push(t);
  }
  return seen;
}

export interface DeletePlan {
  node: string;
  /** The one node it leads on to, when it has one way on: deleting it may join that path up. */
  reconnectTo?: string;
  /** The node and every node only it leads to (nothing else reaches them from the start), in flow order. */
  subtree: string[];
}

/** What deleting `id` would mean, so the designer chooses before anything goes. */
export function deletePlan(flow: FlowDef, id: string): DeletePlan {
  const edges = flowEdges(flow);
  const next = forwardTargets(flow, edges);
  const targets = [...new Set(next.get(id) ?? [])].filter((t) => t !== id);
  const kept = reach(flow.start, next, id);
  const fromIt = reach(id, next);
  const subtree = Object.keys(flow.nodes).filter((n) => n === id || (fromIt.has(n) && !kept.has(n)));
  return { node: id, ...(targets.length === 1 ? { reconnectTo: targets[0]! } : {}), subtree };
}

/** Deletes `id` and leads every transition into it on to the one node it led to. */
export function deleteReconnecting(flow: FlowDef, id: string): void {
  const { reconnectTo } = deletePlan(flow, id);
  if (reconnectTo === undefined) throw new Error(`${id} has no single way on to reconnect`);
  for (const e of flowEdges(flow))
    if (e.target === id && e.source !== id) {
      const source = flow.nodes[e.source]!;
      // A return to a deleted task cannot be redirected to whatever followed it.
      if (e.kind === 'return') dropRef(source, e.ref);
      else setRef(source, e.ref, reconnectTo);
    }
  if (flow.start === id) flow.start = reconnectTo;
  delete flow.nodes[id];
}

/**
 * Deletes `id` with the nodes only it led to (`deletePlan().subtree`). A transition from a kept
 * node into them that is one of a list (a branch case, a parallel branch, a return target) goes;
 * any other now ends the case at a new end node, so no path is left pointing nowhere. Answers the
 * end node's key when one was needed.
 */
export function deleteSubtree(
  flow: FlowDef,
  id: string,
  endName: { zh: string; en: string },
): string | undefined {
  const gone = new Set(deletePlan(flow, id).subtree);
  let end: string | undefined;
  // Listed refs are dropped from the back, so earlier indexes stay right.
  const incoming = flowEdges(flow)
    .filter((e) => gone.has(e.target) && !gone.has(e.source))
    .reverse();
  for (const e of incoming) {
    const source = flow.nodes[e.source]!;
    if (e.kind === 'return' || /^(cases|branches)\//.test(e.ref)) dropRef(source, e.ref);
    else {
      end ??= freeKey(flow, `${id}_end`);
      flow.nodes[end] ??= { type: 'end', name: endName };
      setRef(source, e.ref, end);
    }
  }
  for (const n of gone) delete flow.nodes[n];
  if (gone.has(flow.start)) {
    end ??= freeKey(flow, `${id}_end`);
    flow.nodes[end] ??= { type: 'end', name: endName };
    flow.start = end;
  }
  return end;
}

/** Copied nodes: their definitions by key, as they were. */
export interface Clipboard {
  nodes: Record<string, NodeDef>;
}

export function copyNodes(flow: FlowDef, ids: readonly string[]): Clipboard {
  const nodes: Record<string, NodeDef> = {};
  for (const id of ids) if (flow.nodes[id]) nodes[id] = structuredClone(flow.nodes[id]);
  return { nodes };
}

/**
 * Adds the copied nodes under fresh keys and names: transitions between copied nodes follow the
 * copies, transitions to other nodes stay. Answers old key → new key.
 */
export function pasteNodes(flow: FlowDef, clip: Clipboard): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const id of Object.keys(clip.nodes)) {
    const key = freeKey(flow, `${id}_copy`);
    keys[id] = key;
    flow.nodes[key] = { type: 'end' }; // holds the key while the others are named
  }
  for (const [id, original] of Object.entries(clip.nodes)) {
    const copy = structuredClone(original);
    // A copy is told apart from its original by name too (完工通知 2), as a new node is.
    const named = copy as unknown as Record<string, unknown>;
    const prop = copy.type === 'event' ? 'title' : 'name';
    const shown = named[prop] as { zh?: unknown; en?: unknown } | undefined;
    if (typeof shown?.zh === 'string' && typeof shown.en === 'string')
      named[prop] = freeName(flow, { zh: shown.zh, en: shown.en });
    for (const e of flowEdges({ ...flow, nodes: { [id]: copy } }))
      if (keys[e.target] !== undefined) setRef(copy, e.ref, keys[e.target]!);
    flow.nodes[keys[id]!] = copy;
  }
  return keys;
}

/**
 * Puts pasted copies (`keys`: old key → new key, as `pasteNodes` answers) on the transition
 * `edge`, as a node added there would be: the transition leads to the one copy no other copy leads
 * to, and when one forward transition leaves the copies, it leads on to the transition's old
 * target (more ways out, as an approval's approve and reject, keep leading where the originals'
 * did). Copies without a single way in are left unconnected (false).
 */
export function connectPasted(
  flow: FlowDef,
  keys: Readonly<Record<string, string>>,
  edge: Pick<FlowEdge, 'source' | 'ref'>,
): boolean {
  const copies = new Set(Object.values(keys));
  const edges = flowEdges(flow);
  const forward = edges.filter((e) => e.kind === 'forward' && copies.has(e.source));
  const entered = new Set(forward.filter((e) => copies.has(e.target)).map((e) => e.target));
  const entries = [...copies].filter((k) => !entered.has(k));
  const exits = forward.filter((e) => !copies.has(e.target));
  const old = edges.find((e) => e.source === edge.source && e.ref === edge.ref)?.target;
  const source = flow.nodes[edge.source];
  if (entries.length !== 1 || old === undefined || !source) return false;
  if (exits.length === 1) setRef(flow.nodes[exits[0]!.source]!, exits[0]!.ref, old);
  setRef(source, edge.ref, entries[0]!);
  return true;
}
