/**
 * Before publishing: the draft's saved scenarios re-run against the draft as it stands (in the
 * simulator's worker), each passing or flagged with what changed, and a way into the simulator
 * for each flow. Shown on the app's versions page beside the publish button.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AppBundle, ScenarioDef } from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import { api, errorText } from '../../../../ui/api.js';
import { loc } from '../../../../ui/i18n.js';
import { Link } from '../../../../ui/router.js';
import { ScenarioList } from './scenario-list.js';
import { useSimEngine } from './sim-engine.js';
import { useSimWords } from './sim-words.js';
import './simulator.css';

export default function DraftScenariosCard({
  app,
  revision,
  onChanged,
}: {
  app: string;
  revision?: number | undefined;
  /** The draft changed here (a scenario deleted): the page reloads its summary and problems. */
  onChanged?: () => void;
}) {
  const { t, lang } = useSimWords();
  const ask = useSimEngine();
  const [bundle, setBundle] = useState<AppBundle>();
  const [draftRevision, setDraftRevision] = useState<number>();
  const [deleteError, setDeleteError] = useState<string>();
  const [results, setResults] = useState<Map<string, ScenarioResult>>();
  const [failed, setFailed] = useState<string>();
  useEffect(() => {
    let live = true;
    api<{ draft: AppBundle; revision: number }>('GET', `/apps/${encodeURIComponent(app)}/draft`).then(
      (answer) => {
        if (!live) return;
        setBundle(answer.draft);
        setDraftRevision(answer.revision);
      },
      (e: unknown) => live && setFailed(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      live = false;
    };
  }, [app, revision]);
  useEffect(() => {
    if (!bundle) return;
    setResults(undefined);
    void ask({ kind: 'scenarios', bundle }).then((r) => {
      if (r?.kind === 'scenarios') setResults(new Map(r.results.map((x) => [x.key, x])));
      else if (r?.kind === 'failed') setFailed(r.message);
    });
  }, [ask, bundle]);
  const flows = useMemo(() => bundle?.flows ?? [], [bundle]);
  const remove = (scenario: ScenarioDef) => {
    if (!bundle || draftRevision === undefined) return;
    setDeleteError(undefined);
    api<{ revision: number }>(
      'DELETE',
      `/apps/${encodeURIComponent(app)}/scenarios/${encodeURIComponent(scenario.key)}`,
      undefined,
      { 'If-Match': `"${draftRevision}"` },
    ).then(
      (answer) => {
        setBundle({ ...bundle, scenarios: (bundle.scenarios ?? []).filter((s) => s.key !== scenario.key) });
        setDraftRevision(answer.revision);
        onChanged?.();
      },
      (e: unknown) => setDeleteError(t('deleteFailed', { m: errorText(e) })),
    );
  };
  return (
    <section
      className="card scenario-results"
      aria-labelledby="scenarios-title"
      data-testid="draft-scenarios"
    >
      <h2 id="scenarios-title">{t('scenarios')}</h2>
      {failed && <p className="notice warn">{t('engineFailed', { m: failed })}</p>}
      {deleteError && (
        <p role="alert" className="error">
          {deleteError}
        </p>
      )}
      {bundle && (
        <ScenarioList
          bundle={bundle}
          scenarios={bundle.scenarios ?? []}
          results={results}
          onDelete={remove}
          testId="draft-scenario-list"
        />
      )}
      {flows.length > 0 && (
        <p className="row">
          {flows.map((f) => (
            <Link
              key={f.key}
              to={`/design/apps/${encodeURIComponent(app)}/flows/${encodeURIComponent(f.key)}/simulate`}
            >
              {t('simulator')}: {loc(f.name, lang) || f.key}
            </Link>
          ))}
        </p>
      )}
    </section>
  );
}
