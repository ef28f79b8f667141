/**
 * References made by flows: the flow's form and start node; every transition target; `returnTo`
 * naming task nodes. What else a node names (assignees, fields, forms) is its kind's to check
 * (`engine/flow/kinds`, run by `kind-checks.ts`).
 */
import type { Problem } from '../errors.js';
import type { BundleIndex, FlowInfo, NodeInfo } from './bundle-index.js';
import { keyAt } from './bundle-reader.js';
import { edgesOf } from './flow-edges.js';

interface Context {
  index: BundleIndex;
  flow: FlowInfo;
  problems: Problem[];
}

function checkTargets(ctx: Context, node: NodeInfo): void {
  for (const edge of edgesOf(node)) {
    const target = ctx.flow.nodes.get(edge.target);
    if (!target) {
      ctx.problems.push({
        path: edge.path,
        code: 'ref.unknown_node',
        message: `Node "${node.id}" leads to "${edge.target}", which is not a node of this flow.`,
      });
    } else if (edge.kind === 'return' && target.type !== 'task') {
      ctx.problems.push({
        path: edge.path,
        code: 'ref.not_task_node',
        message: `Node "${node.id}" may only return to task nodes; "${edge.target}" is a ${target.type ?? 'malformed'} node.`,
      });
    }
  }
}

export function checkFlowReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const flow of index.flows) {
    const ctx: Context = { index, flow, problems };
    const formKey = keyAt(flow.raw, 'form');
    if (formKey !== undefined && !flow.form && index.formsReadable) {
      problems.push({
        path: `${flow.path}/form`,
        code: 'ref.unknown_form',
        message: `Flow "${flow.key ?? flow.index}" runs on form "${formKey}", which this app does not define.`,
      });
    }
    const start = keyAt(flow.raw, 'start');
    if (start !== undefined && !flow.nodes.has(start)) {
      problems.push({
        path: `${flow.path}/start`,
        code: 'ref.unknown_node',
        message: `The flow starts at "${start}", which is not a node of this flow.`,
      });
    }
    for (const node of flow.nodes.values()) checkTargets(ctx, node);
  }
  return problems;
}
