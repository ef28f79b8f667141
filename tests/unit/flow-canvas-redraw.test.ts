/**
 * What the flow canvas redraws after an edit (issue 21: a 300-node flow stays responsive). The
 * layout's input is only the nodes and the transitions that rank them, so the worker's layout
 * equals the page's; until it arrives a node just added stands beside the node it follows; and
 * nodes and transitions drawn as before keep their objects (xyflow skips them), a changed node
 * keeping its measured size so its transitions are never hidden while it is measured again.
 */
import { describe, expect, it } from 'vitest';
import type { FlowDef } from '../../engine/definition/types.js';
import {
  adoptEdges,
  adoptNodes,
  type FlowEdgeView,
  type FlowNode,
} from '../../designer/src/flow-designer/flow-graph.js';
import {
  backEdges,
  layoutFlow,
  layoutGraph,
  layoutInput,
  NODE_HEIGHT,
  NODE_WIDTH,
  provisionalPositions,
} from '../../designer/src/flow-designer/flow-layout.js';
import { flowEdges, insertOnEdge, newNode } from '../../designer/src/flow-designer/flow-ops.js';

const flow = (): FlowDef => ({
  key: 'claim',
  name: 'Claim',
  form: 'claim',
  trigger: { on: 'record.created' },
  start: 'review',
  nodes: {
    review: { type: 'task', assignee: { role: 'clerk' }, actions: ['submit'], next: 'check' },
    check: {
      type: 'task',
      assignee: { role: 'boss' },
      actions: ['approve', 'return'],
      onApprove: 'done',
      returnTo: ['review'],
    },
    done: { type: 'end' },
  },
});

const input = (f: FlowDef) => {
  const edges = flowEdges(f);
  return layoutInput(f, edges, backEdges(f, edges));
};

describe('the layout after an edit', () => {
  it('depends only on the nodes and forward transitions, and gives the same positions every time', () => {
    const f = flow();
    const edges = flowEdges(f);
    const i = input(f);
    expect(i.nodes).toEqual(['review', 'check', 'done']);
    // The return to review is a back edge: it does not rank the nodes.
    expect(i.links).toEqual([
      ['review', 'check', 'review|next'],
      ['check', 'done', 'check|onApprove'],
    ]);
    expect(layoutGraph(i)).toEqual(layoutFlow(f, edges, backEdges(f, edges)));
    expect(layoutGraph(JSON.parse(JSON.stringify(i)) as typeof i)).toEqual(layoutGraph(i));
  });

  it('keeps the last layout and puts a node just added beside the node it follows until the next', () => {
    const f = flow();
    const before = layoutGraph(input(f));
    const edge = flowEdges(f).find((e) => e.source === 'review')!;
    insertOnEdge(f, edge, 'note', newNode('notify', 'check', 'claim', { zh: '通知', en: 'Note' }));
    const shown = provisionalPositions(before, input(f));
    expect(shown.review).toEqual(before.review);
    expect(shown.check).toEqual(before.check);
    expect(shown.note).toEqual({
      x: before.review!.x + NODE_WIDTH / 2,
      y: before.review!.y + (NODE_HEIGHT + 64) / 2,
    });
    // Nothing new: the last layout as it is.
    expect(provisionalPositions(before, input(flow()))).toBe(before);
  });

  it('puts a new node nothing leads to below the drawing', () => {
    const f = flow();
    const before = layoutGraph(input(f));
    f.nodes.loose = { type: 'end' };
    const bottom = Math.max(...Object.values(before).map((p) => p.y + NODE_HEIGHT));
    expect(provisionalPositions(before, input(f)).loose).toEqual({ x: 20, y: bottom + 64 });
  });
});

const node = (id: string, x: number, name = id): FlowNode => ({
  id,
  type: 'flow',
  position: { x, y: 0 },
  data: { id, name, kind: 'Task', glyph: '☺', category: 'human', start: false, problems: [] },
});

const edge = (source: string, target: string, label?: string): FlowEdgeView => ({
  id: `${source}|next`,
  type: 'flow',
  source,
  target,
  data: {
    edge: { source, target, ref: 'next', kind: 'forward' },
    ...(label ? { label } : {}),
    isDefault: false,
    back: false,
    problems: [],
    visited: false,
  },
});

describe('what the canvas hands xyflow after the page built its nodes again', () => {
  it('keeps unchanged nodes, and the measured size of moved or renamed ones', () => {
    const measured = { width: 210, height: 76 };
    const held = [
      { ...node('a', 0), measured },
      { ...node('b', 100), measured },
      { ...node('c', 200), measured },
    ];
    const built = [node('a', 0), node('b', 150), node('c', 200, 'Renamed'), node('d', 300)];
    const adopted = adoptNodes(held, built);
    expect(adopted[0]).toBe(held[0]);
    expect(adopted[1]).toEqual({ ...built[1], measured });
    expect(adopted[2]).toEqual({ ...built[2], measured });
    // A node just added starts at the usual size, so xyflow draws it and its transitions at once.
    expect(adopted[3]).toEqual({ ...built[3], measured: { width: NODE_WIDTH, height: NODE_HEIGHT } });
    // A problem pinned again with the same words is the same picture.
    const pinned = { path: '/flows/0/nodes/a', code: 'x', message: 'm' };
    const withProblem = [{ ...held[0]!, data: { ...held[0]!.data, problems: [pinned] } }];
    const again = [{ ...built[0]!, data: { ...built[0]!.data, problems: [{ ...pinned }] } }];
    expect(adoptNodes(withProblem, again)[0]).toBe(withProblem[0]);
  });

  it('keeps unchanged transitions and replaces relabelled or redirected ones', () => {
    const held = [edge('a', 'b'), edge('b', 'c', 'Amount > 0')];
    const adopted = adoptEdges(held, [edge('a', 'b'), edge('b', 'c', 'Amount > 10'), edge('c', 'd')]);
    expect(adopted[0]).toBe(held[0]);
    expect(adopted[1]!.data!.label).toBe('Amount > 10');
    expect(adoptEdges(held, [edge('a', 'x')])[0]!.target).toBe('x');
  });
});
