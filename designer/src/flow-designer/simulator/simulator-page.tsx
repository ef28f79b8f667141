/**
 * `/design/apps/:app/flows/:flow/simulate`: the simulator on a page of its own, on the app's draft
 * as saved (the flow designer mounts the same panel beside its canvas). The flow's nodes are
 * listed in the order a run took them, the tokens' nodes marked; a run saved as a scenario goes
 * into the draft with the draft's revision.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AppBundle, ScenarioDef } from '../../../../engine/definition/types.js';
import { api } from '../../../../ui/api.js';
import { loc } from '../../../../ui/i18n.js';
import { Link } from '../../../../ui/router.js';
import { nodeName } from './run-state.js';
import { putScenario } from './scenario-save.js';
import { SimulatorPanel } from './simulator-panel.js';
import { useSimWords, wordOr } from './sim-words.js';

interface DraftAnswer {
  draft: AppBundle;
  revision: number;
}

export function SimulatorPage({ app, flow }: { app: string; flow: string }) {
  const { t, lang } = useSimWords();
  const [draft, setDraft] = useState<DraftAnswer>();
  const [failure, setFailure] = useState<string>();
  const [highlight, setHighlight] = useState<{ active: string[]; visited: string[] }>();
  useEffect(() => {
    api<DraftAnswer>('GET', `/apps/${encodeURIComponent(app)}/draft`).then(setDraft, (e: unknown) =>
      setFailure(e instanceof Error ? e.message : String(e)),
    );
  }, [app]);
  const save = useCallback(
    (scenario: ScenarioDef) => {
      if (!draft) return;
      putScenario(app, scenario, draft.revision).then(
        (saved) => setDraft((d) => d && { ...d, revision: saved.revision }),
        (e: unknown) => setFailure(e instanceof Error ? e.message : String(e)),
      );
    },
    [app, draft],
  );
  if (failure) return <p className="notice warn">{failure}</p>;
  if (!draft) return <div className="boot" aria-busy="true" />;
  const flowDef = draft.draft.flows.find((f) => f.key === flow);
  const visited = new Set(highlight?.visited ?? []);
  const active = new Set(highlight?.active ?? []);
  const order = [...new Set([...(highlight?.visited ?? []), ...Object.keys(flowDef?.nodes ?? {})])];
  return (
    <div className="sim-page">
      <p>
        <Link to={`/design/apps/${encodeURIComponent(app)}/versions`}>
          {loc(draft.draft.name, lang) || app}
        </Link>
        {' / '}
        {flowDef ? loc(flowDef.name, lang) || flow : flow}
      </p>
      <div className="sim-page-body">
        <nav aria-label={t('path')}>
          <ol className="sim-outline" data-testid="sim-outline">
            {order.map((node) => (
              <li
                key={node}
                data-node={node}
                className={active.has(node) ? 'active' : visited.has(node) ? 'visited' : ''}
              >
                {nodeName(flowDef, node, lang)}
                <span className="muted small">
                  {' '}
                  · {wordOr(t, `kind_${flowDef?.nodes[node]?.type ?? ''}`)}
                </span>
              </li>
            ))}
          </ol>
        </nav>
        <SimulatorPanel bundle={draft.draft} flow={flow} onHighlight={setHighlight} saveScenario={save} />
      </div>
    </div>
  );
}
