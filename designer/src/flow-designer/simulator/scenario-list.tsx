/**
 * Saved scenarios with how each fares against the draft as it stands: passes, or changed (with
 * what changed in words: another end, outcome or path, a move that can no longer be made).
 */
import type { ScenarioDef } from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import { loc } from '../../../../ui/i18n.js';
import { useSimWords } from './sim-words.js';

export function ScenarioList({
  scenarios,
  results,
  onLoad,
  testId = 'scenario-list',
}: {
  scenarios: ScenarioDef[];
  /** Results of the latest check, by key; undefined while checking. */
  results: ReadonlyMap<string, ScenarioResult> | undefined;
  onLoad?: (scenario: ScenarioDef) => void;
  testId?: string;
}) {
  const { t, lang } = useSimWords();
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
                {s.flow} · {t('moves', { n: s.moves.length })}
              </span>
              {onLoad && (
                <button type="button" className="quiet small" onClick={() => onLoad(s)}>
                  {t('load')}
                </button>
              )}
              {result && !result.passed && (
                <ul className="sim-changes">
                  {result.changes.map((c, i) => (
                    <li key={i}>{c}</li>
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
