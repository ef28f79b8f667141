/**
 * The canvas's mini-map, shaped to the flow (minimap-shape.ts) so a long flow shows whole, with
 * the simulator's token and the nodes with problems in their colours; the part in view is left
 * light, the rest shaded.
 */
import { useMemo } from 'react';
import { MiniMap, useStore } from '@xyflow/react';
import type { FlowNode } from './flow-graph.js';
import { flowExtent, miniMapShape } from './minimap-shape.js';

const miniMapColor = (n: FlowNode) =>
  n.data.token === 'active' ? '#d97706' : n.data.problems.length > 0 ? '#c62828' : '#6f8fbf';

export function FlowMiniMap({ nodes }: { nodes: readonly FlowNode[] }) {
  const canvasHeight = useStore((s) => s.height);
  const extent = useMemo(() => flowExtent(nodes.map((n) => n.position)), [nodes]);
  const { width, height, stroke } = miniMapShape(extent, canvasHeight);
  const style = useMemo(() => ({ width, height }), [width, height]);
  return (
    <MiniMap<FlowNode>
      pannable
      zoomable
      style={style}
      nodeColor={miniMapColor}
      nodeStrokeColor={miniMapColor}
      nodeStrokeWidth={stroke}
      maskColor="rgba(214, 222, 234, 0.7)"
      ariaLabel="mini-map"
    />
  );
}
