/**
 * One node on the canvas: its kind's icon and name, its own name, who it is for and its time
 * limit, a badge per pinned problem group (a click opens the control it names), and the
 * simulator's token (active) or path (visited).
 */
import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import { problemText } from '../editing/problem-words.js';
import { useCanvasActions } from './canvas-actions.js';
import type { FlowNode } from './flow-graph.js';
import { useFlowWords } from './words.js';

function FlowNodeViewBase({ data, selected }: NodeProps<FlowNode>) {
  const { openProblem } = useCanvasActions();
  const { lang, t } = useFlowWords();
  // The badge opens the most precise problem: one naming a property has a control to focus.
  const first = [...data.problems].sort((a, b) => b.path.length - a.path.length)[0];
  return (
    <div
      className={`flow-node cat-${data.category}${selected ? ' selected' : ''}${data.token ? ` token-${data.token}` : ''}`}
      data-testid={`node-${data.id}`}
      data-token={data.token}
    >
      <Handle type="target" position={Position.Top} id="in" />
      <Handle type="target" position={Position.Right} id="back-in" className="back-handle" />
      <div className="flow-node-kind">
        <span className="flow-node-icon" aria-hidden="true">
          {data.glyph}
        </span>
        {data.kind}
        {data.start && <span className="flow-node-start">{t('start')}</span>}
      </div>
      <div className="flow-node-name" title={data.name}>
        {data.name}
      </div>
      {(data.who ?? data.sla) && (
        <div className="flow-node-meta">
          {data.who && <span className="flow-node-who">{data.who}</span>}
          {data.sla && <span className="flow-node-sla">{data.sla}</span>}
        </div>
      )}
      {first && (
        <button
          type="button"
          className="problem-badge nodrag"
          data-testid={`node-problem-${data.id}`}
          title={data.problems.map((p) => problemText(p, lang)).join('\n')}
          onClick={(e) => {
            e.stopPropagation();
            openProblem(first);
          }}
        >
          {data.problems.length}
        </button>
      )}
      <Handle type="source" position={Position.Bottom} id="out" />
      <Handle type="source" position={Position.Right} id="back-out" className="back-handle" />
    </div>
  );
}

export const FlowNodeView = memo(FlowNodeViewBase);
