/**
 * The side panel beside the canvas, in three tabs: the selected node's properties (helper
 * `panels`' NodePanel, focused on a problem's control when one was clicked), the fields × steps
 * permission matrix, and the simulator running the draft flow (its token drawn on the canvas).
 */
import { memo, useState } from 'react';
import type { Draft } from 'immer';
import type { AppBundle, FlowDef, ScenarioDef } from '../../../engine/definition/types.js';
import { NodePanel } from './panels/node-panel.js';
import { PermissionMatrix } from './panels/permission-matrix.js';
import { SimulatorPanel } from './simulator/simulator-panel.js';
import type { Highlight } from './flow-graph.js';
import { useFlowWords } from './words.js';

/** Drawn again only when what it is given changes: not for an edit while it is hidden. */
const QuietSimulator = memo(SimulatorPanel);

export type SideTab = 'properties' | 'permissions' | 'simulate';

export function SidePanel(props: {
  tab: SideTab;
  onTab: (tab: SideTab) => void;
  bundle: AppBundle;
  flow: string;
  node: string | undefined;
  focusPath: string | undefined;
  edit: (recipe: (flow: Draft<FlowDef>) => void, merge?: string) => void;
  onHighlight: (h: Highlight | undefined) => void;
  saveScenario: (s: ScenarioDef) => void;
}) {
  const { t } = useFlowWords();
  const { tab, bundle, flow, node } = props;
  // While hidden the simulator keeps the draft it last saw, so an edit on the canvas does not draw
  // it again; it catches up when opened.
  const simulating = tab === 'simulate';
  const [simBundle, setSimBundle] = useState(bundle);
  if (simulating && simBundle !== bundle) setSimBundle(bundle);
  return (
    <aside className="flow-side" aria-label={t(tab)}>
      <div className="flow-tabs" role="tablist">
        {(['properties', 'permissions', 'simulate'] as const).map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={tab === k}
            data-testid={`tab-${k}`}
            onClick={() => props.onTab(k)}
          >
            {t(k)}
          </button>
        ))}
      </div>
      <div className="flow-tab-body" role="tabpanel">
        {tab === 'properties' &&
          (node && bundle.flows.find((f) => f.key === flow)?.nodes[node] ? (
            <NodePanel
              key={node}
              bundle={bundle}
              flow={flow}
              node={node}
              edit={props.edit}
              {...(props.focusPath ? { focusPath: props.focusPath } : {})}
            />
          ) : (
            <p className="muted">{t('noSelection')}</p>
          ))}
        {tab === 'permissions' && <PermissionMatrix bundle={bundle} flow={flow} edit={props.edit} />}
        {/* Kept mounted while other tabs show, so a run survives a look at the properties. */}
        <div hidden={!simulating}>
          <QuietSimulator
            open={simulating}
            bundle={simBundle}
            flow={flow}
            onHighlight={props.onHighlight}
            saveScenario={props.saveScenario}
          />
        </div>
      </div>
    </aside>
  );
}
