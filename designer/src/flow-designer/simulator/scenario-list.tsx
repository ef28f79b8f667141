/**
 * Saved scenarios with how each fares against the draft as it stands: passes, or changed (with
 * what changed in words: another end, outcome or path, a move that can no longer be made).
 */
import { useState } from 'react';
import type { AppBundle, ScenarioDef } from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import { loc } from '../../../../ui/i18n.js';
import { nodeName } from './run-state.js';
import { scenarioChanges, type ScenarioChange } from './scenario-changes.js';
import { useSimWords, wordOr } from './sim-words.js';

/** A change in the designer's words, nodes by their names. */
function changeText(
  change: ScenarioChange,
  t: ReturnType<typeof useSimWords>['t'],
  name: (node: string) => string,
): string {
  const status = (s: string | undefined) =>
    s === undefined ? t('none') : wordOr(t, `status${s.charAt(0).toUpperCase()}${s.slice(1)}`);
  switch (change.kind) {
    case 'move':
      return change.move < 0
        ? t('changeStart', { m: change.message })
        : t('changeMove', { n: change.move + 1, m: change.message });
    case 'status':
      return t('changeStatus', { now: status(change.now), was: status(change.was) });
    case 'outcome':
      return t('changeOutcome', { now: change.now ?? t('none'), was: change.was ?? t('none') });
    case 'path': {
      const at = Math.max(0, change.from - 1);
      return t('changePath', {
        node: name(change.now[at] ?? change.was[at] ?? ''),
        now: change.now.slice(change.from).map(name).join(' → ') || t('none'),
        was: change.was.slice(change.from).map(name).join(' → ') || t('none'),
      });
    }
  }
}

export function ScenarioList({
  bundle,
  scenarios,
  results,
  onLoad,
  onDelete,
  testId = 'scenario-list',
}: {
  /** The draft the scenarios ran on (for node names). */
  bundle: AppBundle;
  scenarios: ScenarioDef[];
  /** Results of the latest check, by key; undefined while checking. */
  results: ReadonlyMap<string, ScenarioResult> | undefined;
  onLoad?: (scenario: ScenarioDef) => void;
  /** Takes a scenario out of the draft (one that no longer fits the flow blocks publishing). */
  onDelete?: (scenario: ScenarioDef) => void;
  testId?: string;
}) {
  const { t, lang } = useSimWords();
  // A delete asks once more on the same button: a saved run cannot be brought back.
  const [confirming, setConfirming] = useState<string>();
  const flowName = (key: string) => loc(bundle.flows.find((f) => f.key === key)?.name, lang) || key;
  if (scenarios.length === 0) return <p className="muted small">{t('noScenarios')}</p>;
  const changed = results ? scenarios.filter((s) => results.get(s.key)?.passed === false).length : 0;
  return (
    <div data-testid={testId}>
      <p className={changed > 0 ? 'notice warn' : 'muted small'} data-testid={`${testId}-summary`}>
        {results === undefined
          ? t('scenarioChecking')
          : changed > 0
            ? t('scenariosChanged', { n: changed })
            : t('scenariosAllPass', { n: scenarios.length })}
      </p>
      <ul className="sim-list">
        {scenarios.map((s) => {
          const result = results?.get(s.key);
          const state = result === undefined ? 'checking' : result.passed ? 'passed' : 'changed';
          return (
            <li key={s.key} data-scenario={s.key} data-state={state}>
              <span className={`badge ${state === 'changed' ? 'warn' : state === 'passed' ? 'ok' : ''}`}>
                {state === 'checking'
                  ? t('scenarioChecking')
                  : state === 'passed'
                    ? t('scenarioPassed')
                    : t('scenarioChanged')}
              </span>{' '}
              <strong>{loc(s.name, lang) || s.key}</strong>{' '}
              <span className="muted small">
                {flowName(s.flow)} · {t('moves', { n: s.moves.length })}
              </span>
              {onLoad && (
                <button type="button" className="quiet small" onClick={() => onLoad(s)}>
                  {t('load')}
                </button>
              )}
              {onDelete && (
                <button
                  type="button"
                  className={confirming === s.key ? 'danger small' : 'quiet small'}
                  data-testid={`delete-scenario-${s.key}`}
                  onClick={() => {
                    if (confirming !== s.key) return setConfirming(s.key);
                    setConfirming(undefined);
                    onDelete(s);
                  }}
                  onBlur={() => setConfirming((c) => (c === s.key ? undefined : c))}
                >
                  {confirming === s.key
                    ? t('confirmDelete', { name: loc(s.name, lang) || s.key })
                    : t('deleteScenario')}
                </button>
              )}
              {result && !result.passed && (
                <ul className="sim-changes">
                  {scenarioChanges(s, result).map((c, i) => (
                    <li key={i}>
                      {changeText(c, t, (node) =>
                        nodeName(
                          bundle.flows.find((f) => f.key === s.flow),
                          node,
                          lang,
                        ),
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
