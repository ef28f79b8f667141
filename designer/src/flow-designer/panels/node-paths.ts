/**
 * Reading and writing a node's properties by the JSON pointers its kind's property list gives
 * (`/sla/due`), the control ids `focusPath` finds (the pointer from the bundle:
 * `/flows/0/nodes/dispatch/sla/due`), and the task nodes a return may go back to.
 */
import type { Draft } from 'immer';
import { pointerSegment } from '../../../../engine/errors.js';
import { edgesOf } from '../../../../engine/definition/flow-edges.js';
import type { AppBundle, FlowDef, NodeDef } from '../../../../engine/definition/types.js';

export function segments(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function readAt(value: unknown, path: string): unknown {
  let v = value;
  for (const s of segments(path))
    v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[s] : undefined;
  return v;
}

function empty(value: unknown): boolean {
  return (
    value === undefined ||
    value === '' ||
    (Array.isArray(value) && value.length === 0) ||
    (value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)
  );
}

/**
 * Sets a property (creating the objects on the way); an empty value removes it, and an object
 * left empty by that goes too (an `sla` without `due` would not validate, but one with nothing
 * is simply absent).
 */
export function writeAt(
  target: Draft<NodeDef> | Record<string, unknown>,
  path: string,
  value: unknown,
): void {
  const parts = segments(path);
  const chain: Record<string, unknown>[] = [target];
  for (const s of parts.slice(0, -1)) {
    const here = chain[chain.length - 1]!;
    if (typeof here[s] !== 'object' || here[s] === null) {
      if (empty(value)) return;
      here[s] = {};
    }
    chain.push(here[s] as Record<string, unknown>);
  }
  const last = parts[parts.length - 1]!;
  const holder = chain[chain.length - 1]!;
  if (empty(value)) delete holder[last];
  else holder[last] = value;
  // An item of a list stays (a hole would shift the others); an emptied object goes.
  for (let i = chain.length - 1; i > 0; i -= 1) {
    if (Array.isArray(chain[i]) || Array.isArray(chain[i - 1]) || Object.keys(chain[i]!).length > 0) break;
    delete chain[i - 1]![parts[i - 1]!];
  }
}

/** The bundle pointer of a node: `/flows/<index>/nodes/<id>`. */
export function nodePointer(bundle: AppBundle, flow: string, node: string): string {
  const index = bundle.flows.findIndex((f) => f.key === flow);
  return `/flows/${index}/nodes/${pointerSegment(node)}`;
}

/** The id a control carries, so `focusPath` finds it. */
export function controlId(base: string, path: string): string {
  return `${base}${path}`;
}

/** Task nodes from which `node` can be reached going forward: where a return may send the case. */
export function earlierTasks(flow: FlowDef, node: string): string[] {
  const incoming = new Map<string, string[]>();
  for (const [id, def] of Object.entries(flow.nodes))
    for (const e of edgesOf({ id, type: def.type, path: '', raw: def }))
      if (e.kind === 'forward') incoming.set(e.target, [...(incoming.get(e.target) ?? []), id]);
  const seen = new Set<string>();
  const queue = [...(incoming.get(node) ?? [])];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    queue.push(...(incoming.get(id) ?? []));
  }
  seen.delete(node);
  return Object.keys(flow.nodes).filter((id) => seen.has(id) && flow.nodes[id]?.type === 'task');
}
