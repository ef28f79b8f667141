/**
 * The flow designer's document: the flow definition and its entry of the bundle's layout, the
 * positions the designer moved nodes to (`layout.flows[<flow>].nodes`). Nodes without a kept
 * position are placed by the automatic layout.
 */
import type { FlowDef } from '../../../engine/definition/types.js';

export interface Point {
  x: number;
  y: number;
}

/** What the designer keeps in `layout.flows[<flow>]`. */
export interface FlowLayout {
  nodes: Record<string, Point>;
}

export interface FlowDoc {
  flow: FlowDef;
  layout: FlowLayout;
}

/** A new flow on a form before its first save: a start task that ends the case. */
export function blankFlow(key: string, form: string): FlowDef {
  return {
    key,
    name: { zh: key, en: key },
    form,
    trigger: { on: 'record.created' },
    start: 'review',
    nodes: {
      review: {
        type: 'task',
        name: { zh: '审核', en: 'Review' },
        assignee: { submitter: true },
        actions: ['approve', 'reject'],
        onApprove: 'done',
        onReject: 'rejected',
      },
      done: { type: 'end', name: { zh: '完成', en: 'Done' }, outcome: 'approved' },
      rejected: { type: 'end', name: { zh: '驳回', en: 'Rejected' }, outcome: 'rejected' },
    },
  };
}

/** The stored layout entry, keeping only well-formed positions of nodes the flow has. */
export function fitFlowLayout(flow: FlowDef, stored: unknown): FlowLayout {
  const raw = (stored as { nodes?: unknown } | undefined)?.nodes;
  const nodes: Record<string, Point> = {};
  if (typeof raw === 'object' && raw !== null)
    for (const [id, p] of Object.entries(raw as Record<string, unknown>)) {
      const { x, y } = (p ?? {}) as Partial<Point>;
      if (id in flow.nodes && Number.isFinite(x) && Number.isFinite(y)) nodes[id] = { x: x!, y: y! };
    }
  return { nodes };
}
