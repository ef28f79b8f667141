/**
 * The flow canvas: xyflow with the document's nodes and transitions, a mini-map, zoom controls
 * and a dotted background. Dragging a node moves it on screen at once and keeps its place in the
 * document (`layout.flows`) when dropped; selection is reported to the page. Elements outside the
 * view are not rendered, so large flows pan smoothly.
 */
import { useCallback, useMemo, useState } from 'react';
import {
  applyNodeChanges,
  Background,
  Controls,
  ReactFlow,
  type NodeChange,
  type OnSelectionChangeParams,
} from '@xyflow/react';
import { EdgeMenuContext } from './edge-menu.js';
import type { Point } from './flow-doc.js';
import { FlowEdgeViewComponent } from './flow-edge-view.js';
import { adoptEdges, adoptNodes, type FlowEdgeView, type FlowNode } from './flow-graph.js';
import { FlowMiniMap } from './flow-minimap.js';
import { FlowNodeView } from './flow-node-view.js';

const nodeTypes = { flow: FlowNodeView };
const edgeTypes = { flow: FlowEdgeViewComponent };

export interface FlowCanvasProps {
  nodes: FlowNode[];
  edges: FlowEdgeView[];
  onSelect: (ids: string[]) => void;
  onMove: (moved: Record<string, Point>) => void;
}

export function FlowCanvas({ nodes: builtNodes, edges: builtEdges, onSelect, onMove }: FlowCanvasProps) {
  // What xyflow is given: the page's nodes and edges as last adopted, with the size and position
  // changes xyflow reported since (measuring, dragging, selecting).
  const [held, setHeld] = useState({ builtNodes, builtEdges, nodes: builtNodes, edges: builtEdges });
  if (held.builtNodes !== builtNodes || held.builtEdges !== builtEdges)
    // Adjusted while rendering, so xyflow never sees the rebuilt objects (no extra commit).
    setHeld({
      builtNodes,
      builtEdges,
      nodes: held.builtNodes === builtNodes ? held.nodes : adoptNodes(held.nodes, builtNodes),
      edges: held.builtEdges === builtEdges ? held.edges : adoptEdges(held.edges, builtEdges),
    });
  const { nodes, edges } = held;
  const [menuOn, setMenuOn] = useState<string>();
  const menu = useMemo(() => ({ open: menuOn, setOpen: setMenuOn }), [menuOn]);
  const onNodesChange = useCallback(
    (changes: NodeChange<FlowNode>[]) =>
      setHeld((h) => ({ ...h, nodes: applyNodeChanges(changes, h.nodes) })),
    [],
  );
  const onSelectionChange = useCallback(
    ({ nodes: picked }: OnSelectionChangeParams) => onSelect(picked.map((n) => n.id)),
    [onSelect],
  );
  return (
    <div className="flow-canvas" data-testid="flow-canvas">
      <svg width="0" height="0" aria-hidden="true" style={{ position: 'absolute' }}>
        <defs>
          <marker
            id="flow-arrow"
            viewBox="0 0 10 10"
            refX="9"
            refY="5"
            markerWidth="7"
            markerHeight="7"
            orient="auto"
          >
            <path d="M0,0 L10,5 L0,10 z" fill="#6b7a90" />
          </marker>
        </defs>
      </svg>
      <EdgeMenuContext.Provider value={menu}>
        <ReactFlow<FlowNode, FlowEdgeView>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          edgeTypes={edgeTypes}
          onNodesChange={onNodesChange}
          onSelectionChange={onSelectionChange}
          onNodeDragStop={(_e, _node, dragged) =>
            onMove(
              Object.fromEntries(
                dragged.map((n) => [n.id, { x: Math.round(n.position.x), y: Math.round(n.position.y) }]),
              ),
            )
          }
          nodesConnectable={false}
          deleteKeyCode={null}
          onlyRenderVisibleElements
          minZoom={0.05}
          onInit={(flow) => {
            const box = flow.getNodesBounds(flow.getNodes());
            const el = document.querySelector('.flow-canvas');
            const width = el?.clientWidth ?? 800;
            // A large flow opens readable at its start, not shrunk to fit; zoom to fit is a click away.
            const zoom = Math.min(1, Math.max(0.6, (width - 40) / Math.max(box.width, 1)));
            void flow.setViewport({
              x: (width - box.width * zoom) / 2 - box.x * zoom,
              y: 20 - box.y * zoom,
              zoom,
            });
          }}
          proOptions={{ hideAttribution: true }}
        >
          <Background gap={20} />
          <FlowMiniMap nodes={nodes} />
          <Controls showInteractive={false} />
        </ReactFlow>
      </EdgeMenuContext.Provider>
    </div>
  );
}
