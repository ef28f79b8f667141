/**
 * One transition on the canvas: forward ones as right-angled lines down the page, loops and
 * returns as dashed curves out on the right; the branch condition or way (default, approve…) as a
 * label; a "+" at its middle that offers the node kinds (click) or takes one dragged from the
 * palette (drop) and puts it on this transition; a badge per pinned problem.
 */
import { memo, useState, type DragEvent } from 'react';
import { problemText } from '../editing/problem-words.js';
import { BaseEdge, EdgeLabelRenderer, getSmoothStepPath, useStore, type EdgeProps } from '@xyflow/react';
import { KIND_DRAG_TYPE, useCanvasActions } from './canvas-actions.js';
import { backPath, BULGE, detourPath, detourX } from './edge-detour.js';
import { useEdgeMenu } from './edge-menu.js';
import type { FlowEdgeView } from './flow-graph.js';
import { useFlowWords } from './words.js';

function FlowEdgeViewBase(props: EdgeProps<FlowEdgeView>) {
  const { sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, id, source, target } =
    props;
  // A number (or undefined), so the edge draws again only when its way round changes.
  const aroundX = useStore((s) => {
    // A return runs up the right side: the nodes between its ends and out to its bulge are in its way.
    const back = data?.back ?? false;
    const [x0, y0, x1, y1] = back
      ? [
          Math.min(sourceX, targetX),
          Math.min(sourceY, targetY),
          Math.max(sourceX, targetX) + BULGE,
          Math.max(sourceY, targetY),
        ]
      : [sourceX, sourceY, targetX, targetY];
    let clear: number | undefined;
    for (const [key, n] of s.nodeLookup) {
      if (key === source || key === target) continue;
      const { x, y } = n.internals.positionAbsolute;
      clear = detourX(x0, y0, x1, y1, x, y, n.measured.width ?? 0, n.measured.height ?? 0, clear);
    }
    return clear;
  });
  const { kinds, insert, paste, openProblem } = useCanvasActions();
  const { open: menuOn, setOpen: setMenuOn } = useEdgeMenu();
  const { lang, t } = useFlowWords();
  const [over, setOver] = useState(false);
  if (!data) return null;
  const menu = menuOn === id;
  const around = data.back
    ? backPath(sourceX, sourceY, targetX, targetY, aroundX)
    : aroundX === undefined
      ? undefined
      : detourPath(sourceX, sourceY, targetX, targetY, aroundX);
  const [path, labelX, labelY] = around
    ? [around.path, around.labelX, around.labelY]
    : getSmoothStepPath({
        sourceX,
        sourceY,
        targetX,
        targetY,
        sourcePosition,
        targetPosition,
        borderRadius: 8,
      });
  const className = ['flow-edge', data.back && 'back', data.isDefault && 'default', data.visited && 'visited']
    .filter(Boolean)
    .join(' ');
  const onDrop = (e: DragEvent) => {
    const type = e.dataTransfer.getData(KIND_DRAG_TYPE);
    setOver(false);
    if (!type) return;
    e.preventDefault();
    insert(data.edge, type);
  };
  const first = data.problems[0];
  return (
    <>
      <BaseEdge id={id} path={path} className={className} markerEnd="url(#flow-arrow)" />
      <EdgeLabelRenderer>
        <div
          className="flow-edge-label nodrag nopan"
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-${id}`}
        >
          {data.label && (
            <span className={`flow-edge-text${data.isDefault ? ' default' : ''}`} title={data.label}>
              {data.label}
            </span>
          )}
          {!data.back && (
            <button
              type="button"
              className={`edge-add${over ? ' over' : ''}`}
              aria-label={t('addOnEdge')}
              title={t('addOnEdge')}
              data-testid={`edge-add-${id}`}
              onClick={() => setMenuOn(menu ? undefined : id)}
              onDragOver={(e) => {
                if (!e.dataTransfer.types.includes(KIND_DRAG_TYPE)) return;
                e.preventDefault();
                setOver(true);
              }}
              onDragLeave={() => setOver(false)}
              onDrop={onDrop}
            >
              +
            </button>
          )}
          {first && (
            <button
              type="button"
              className="problem-badge"
              data-testid={`edge-problem-${id}`}
              title={data.problems.map((p) => problemText(p, lang)).join('\n')}
              onClick={() => openProblem(first)}
            >
              {data.problems.length}
            </button>
          )}
          {menu && (
            <ul className="edge-menu" role="menu" aria-label={t('addHere')}>
              {paste && (
                <li>
                  <button
                    type="button"
                    role="menuitem"
                    data-testid="edge-menu-paste"
                    onClick={() => {
                      setMenuOn(undefined);
                      paste(data.edge);
                    }}
                  >
                    <span aria-hidden="true">⎘</span> {t('pasteHere')}
                  </button>
                </li>
              )}
              {kinds.map((k) => (
                <li key={k.type}>
                  <button
                    type="button"
                    role="menuitem"
                    data-testid={`edge-menu-${k.type}`}
                    onClick={() => {
                      setMenuOn(undefined);
                      insert(data.edge, k.type);
                    }}
                  >
                    <span aria-hidden="true">{k.glyph}</span> {k.label}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const FlowEdgeViewComponent = memo(FlowEdgeViewBase);
