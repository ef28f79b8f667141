/**
 * The transitions out of a flow node, read from whichever target properties it has, each with the
 * JSON pointer of the reference. Reference checks and the graph checks share this one reading.
 */
import { isValidKey } from './types.js';
import { entries, list, own } from './bundle-reader.js';
import { pointerSegment } from '../errors.js';
import type { NodeInfo } from './bundle-index.js';

export interface Edge {
  target: string;
  path: string;
  /** `return` edges send a case back to an earlier task; they never lead forward. */
  kind: 'forward' | 'return';
}

const SINGLE_TARGETS = ['next', 'default', 'onApprove', 'onReject', 'onError', 'onTimeout'] as const;

/** Every transition of a node whose target is a valid key (malformed ones are the schema's). */
export function edgesOf(node: NodeInfo): Edge[] {
  const edges: Edge[] = [];
  const add = (target: unknown, path: string, kind: Edge['kind'] = 'forward'): void => {
    if (isValidKey(target)) edges.push({ target, path, kind });
  };
  for (const property of SINGLE_TARGETS) add(own(node.raw, property), `${node.path}/${property}`);
  list(own(node.raw, 'cases')).forEach((c, i) => add(own(c, 'next'), `${node.path}/cases/${i}/next`));
  list(own(node.raw, 'branches')).forEach((b, i) => add(b, `${node.path}/branches/${i}`));
  for (const [outcome, target] of entries(own(node.raw, 'outcomes')))
    add(target, `${node.path}/outcomes/${pointerSegment(outcome)}`);
  list(own(node.raw, 'returnTo')).forEach((r, i) => add(r, `${node.path}/returnTo/${i}`, 'return'));
  return edges;
}

/** Forward successors that exist in the flow. */
export function successors(node: NodeInfo, nodes: ReadonlyMap<string, NodeInfo>): string[] {
  return edgesOf(node)
    .filter((e) => e.kind === 'forward' && nodes.has(e.target))
    .map((e) => e.target);
}
