/**
 * No flow may start itself, directly or through other flows, with `subflow` nodes
 * (`flow.subflow_cycle`, at every subflow node on such a cycle): each start would wait for
 * another, without end. This spans flows, so it runs on the whole bundle; what one subflow node
 * may name is the kind's own check (`engine/flow/kinds/subflow-definition.ts`).
 */
import type { Problem } from '../errors.js';
import type { BundleIndex, FlowInfo, NodeInfo } from './bundle-index.js';
import { keyAt } from './bundle-reader.js';

/** Child statuses an `outcomes` key may name besides the child's end outcomes. */
export const SUBFLOW_STATUS_KEYS: readonly string[] = ['failed', 'cancelled'];

function subflowNodes(flow: FlowInfo): NodeInfo[] {
  return [...flow.nodes.values()].filter((n) => n.type === 'subflow');
}

/** Subflow nodes that start a flow which, through subflows, starts the node's own flow again. */
function cycles(flows: ReadonlyMap<string, FlowInfo>, problems: Problem[]): void {
  const starts = new Map<string, Set<string>>();
  for (const [key, flow] of flows) {
    starts.set(
      key,
      new Set(
        subflowNodes(flow)
          .flatMap((n) => keyAt(n.raw, 'flow') ?? [])
          .filter((k) => flows.has(k)),
      ),
    );
  }
  const reaches = (from: string, goal: string): boolean => {
    const seen = new Set<string>();
    const queue = [from];
    while (queue.length > 0) {
      const key = queue.pop()!;
      if (key === goal) return true;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push(...(starts.get(key) ?? []));
    }
    return false;
  };
  for (const [key, flow] of flows) {
    for (const node of subflowNodes(flow)) {
      const childKey = keyAt(node.raw, 'flow');
      if (childKey === undefined || !flows.has(childKey) || !reaches(childKey, key)) continue;
      problems.push({
        path: `${node.path}/flow`,
        code: 'flow.subflow_cycle',
        message:
          childKey === key
            ? `Flow "${key}" starts itself at "${node.id}".`
            : `Flow "${key}" starts "${childKey}" at "${node.id}", which in turn starts "${key}" again.`,
      });
    }
  }
}

export function checkSubflows(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  const flows = new Map<string, FlowInfo>();
  for (const flow of index.flows)
    if (flow.key !== undefined && !flows.has(flow.key)) flows.set(flow.key, flow);
  cycles(flows, problems);
  return problems;
}
