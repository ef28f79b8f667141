/**
 * Moving open cases between an app's versions, on its versions page: how many cases are still
 * open on each published version; for an older version with open cases, the plan of moving them
 * onto the current one (groups by step, counts, sample cases, why a group changes meaning), a
 * picker for each step the new version no longer has, the choice to move groups that change
 * meaning, "apply" and what it did; for any older version, rolling back to it with the same plan
 * for the current version's open cases; and the past migrations.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { useT } from '../i18n.js';
import { MIGRATION_WORDS, type MigrationWord } from './version-migration-words.js';
import './version-migrations.css';

interface VersionEntry {
  version: number;
  current: boolean;
  openInstances: number;
}

interface Group {
  flow: string;
  nodes: string[];
  targets: (string | null)[];
  verdict: 'moves' | 'needs_mapping' | 'changes_meaning';
  reasons: { node: string; to?: string; code: string; properties?: string[] }[];
  count: number;
  samples: { id: string; recordId: string; title?: string }[];
}

interface Plan {
  from: number;
  to: number;
  totals: Record<Group['verdict'], number>;
  groups: Group[];
  targetFlows: { key: string; nodes: { key: string; type: string; name?: Parameters<typeof loc>[0] }[] }[];
}

interface Outcome {
  moved: number;
  skipped: { already: number; needs_mapping: number; not_accepted: number };
  failed: number;
  failures: { instance: string; recordId: string; message: string }[];
}

interface Run {
  id: string;
  kind: 'migrate' | 'rollback';
  from: number;
  to: number;
  startedBy: { displayName: string };
  startedAt: string;
  /** interrupted: its server process is gone; finishedBy names the rerun that finished it. */
  status: 'running' | 'done' | 'interrupted';
  finishedBy?: { id: string; startedAt: string };
  total: number;
  moved: number;
  skipped: number;
  failed: number;
}

/** What the plan is for: moving an old version's cases onto the current one, or rolling back to `to`. */
type Intent = { kind: 'migrate'; from: number; to: number } | { kind: 'rollback'; from: number; to: number };

type Mapping = Record<string, Record<string, string>>;

/**
 * `currentVersion` is the app's current version as the page knows it: when a publish on the page
 * moves it, the counts are read again, so the card never calls the old version current.
 */
export function VersionMigrations({
  app,
  currentVersion,
  onChanged,
}: {
  app: string;
  currentVersion?: number;
  onChanged?: () => void;
}) {
  const { lang } = useT();
  const w = (key: MigrationWord, n?: Record<string, string | number>) => {
    let text: string = MIGRATION_WORDS[key][lang === 'en' ? 'en' : 'zh'];
    for (const [k, v] of Object.entries(n ?? {})) text = text.replaceAll(`{${k}}`, String(v));
    return text;
  };
  const base = `/apps/${encodeURIComponent(app)}`;
  const [versions, setVersions] = useState<VersionEntry[]>();
  const [runs, setRuns] = useState<Run[]>([]);
  const [intent, setIntent] = useState<Intent>();
  const [plan, setPlan] = useState<Plan>();
  const [mapping, setMapping] = useState<Mapping>({});
  const [accept, setAccept] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  const load = useCallback(() => {
    api<VersionEntry[]>('GET', `${base}/versions`).then(setVersions, (e: unknown) => setError(errorText(e)));
    api<Run[]>('GET', `${base}/migrations`).then(setRuns, () => setRuns([]));
  }, [base]);
  useEffect(load, [load, currentVersion]);

  const dryRun = useCallback(
    async (next: Intent, nextMapping: Mapping) => {
      setBusy(true);
      setError(undefined);
      try {
        const body = { from: next.from, to: next.to, mapping: nextMapping, dryRun: true };
        setPlan(await api<Plan>('POST', `${base}/migrations`, body));
      } catch (e) {
        setError(errorText(e));
      } finally {
        setBusy(false);
      }
    },
    [base],
  );

  const start = (next: Intent) => {
    setIntent(next);
    setMapping({});
    setAccept(false);
    setOutcome(undefined);
    void dryRun(next, {});
  };

  const mapTo = (flow: string, node: string, target: string) => {
    const next: Mapping = { ...mapping, [flow]: { ...mapping[flow] } };
    if (target) next[flow]![node] = target;
    else delete next[flow]![node];
    setMapping(next);
    if (intent) void dryRun(intent, next);
  };

  const apply = async () => {
    if (!intent) return;
    setBusy(true);
    setError(undefined);
    try {
      const options = { mapping, acceptMeaningChanges: accept };
      const answer =
        intent.kind === 'migrate'
          ? await api<Outcome>('POST', `${base}/migrations`, {
              from: intent.from,
              to: intent.to,
              dryRun: false,
              ...options,
            })
          : (
              await api<{ migration: Outcome }>('POST', `${base}/versions/${intent.to}/republish`, {
                migrate: true,
                ...options,
              })
            ).migration;
      setOutcome(answer);
      setPlan(undefined);
      load();
      onChanged?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const current = versions?.find((v) => v.current);
  const nodeName = (flow: string, key: string) => {
    const node = plan?.targetFlows.find((f) => f.key === flow)?.nodes.find((n) => n.key === key);
    const name = node?.name === undefined ? '' : loc(node.name, lang);
    return name ? `${name} (${key})` : key;
  };
  const moving = plan ? plan.totals.moves + (accept ? plan.totals.changes_meaning : 0) : 0;
  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });

  return (
    <section className="card migrations" aria-labelledby="migrations-title" data-testid="version-migrations">
      <h2 id="migrations-title">{w('title')}</h2>
      <p className="muted">{w('intro')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="table-wrap">
        <table data-testid="open-cases">
          <thead>
            <tr>
              <th>{w('version')}</th>
              <th>{w('openCases')}</th>
              <th>{w('actions')}</th>
            </tr>
          </thead>
          <tbody>
            {versions?.map((v) => (
              <tr key={v.version}>
                <td>
                  v{v.version}
                  {v.current && <span className="badge">{w('current')}</span>}
                </td>
                <td data-testid={`open-cases-${v.version}`}>{v.openInstances}</td>
                <td>
                  <div className="actions">
                    {!v.current && current && v.openInstances > 0 && (
                      <button
                        type="button"
                        data-testid={`plan-move-${v.version}`}
                        disabled={busy}
                        onClick={() => start({ kind: 'migrate', from: v.version, to: current.version })}
                      >
                        {w('planMove', { to: current.version })}
                      </button>
                    )}
                    {!v.current && current && (
                      <button
                        type="button"
                        className="secondary"
                        data-testid={`plan-rollback-${v.version}`}
                        disabled={busy}
                        onClick={() => start({ kind: 'rollback', from: current.version, to: v.version })}
                      >
                        {w('planRollback')}
                      </button>
                    )}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {plan && intent && (
        <div className="migration-plan" data-testid="migration-plan">
          <h3>
            {intent.kind === 'migrate'
              ? w('planTitle', { from: plan.from, to: plan.to })
              : w('rollbackTitle', { to: intent.to, from: plan.from })}
          </h3>
          <p>
            <span className="verdict moves">{w('moves')}</span> {plan.totals.moves} ·{' '}
            <span className="verdict changes_meaning">{w('changes_meaning')}</span>{' '}
            {plan.totals.changes_meaning} ·{' '}
            <span className="verdict needs_mapping">{w('needs_mapping')}</span> {plan.totals.needs_mapping}
          </p>
          {plan.groups.length === 0 && <p className="muted">{w('noOpen')}</p>}
          <div className="table-wrap">
            <table className="plan-table">
              <thead>
                <tr>
                  <th>{w('where')}</th>
                  <th>{w('lands')}</th>
                  <th>{w('cases')}</th>
                  <th>{w('verdict')}</th>
                </tr>
              </thead>
              <tbody>
                {plan.groups.map((g) => (
                  <tr
                    key={`${g.flow}:${g.nodes.join(',')}`}
                    data-testid="plan-group"
                    data-verdict={g.verdict}
                  >
                    <td data-cell="where" data-label={w('where')}>
                      <code>{g.flow}</code> · {g.nodes.join(', ')}
                    </td>
                    <td data-cell="lands" data-label={w('lands')}>
                      {g.nodes.map((node, i) => {
                        const gone = g.reasons.some(
                          (r) =>
                            r.node === node && (r.code === 'node_gone' || r.code === 'mapped_to_missing'),
                        );
                        const mapped = mapping[g.flow]?.[node];
                        if (!gone && mapped === undefined)
                          return <div key={node}>{nodeName(g.flow, g.targets[i] ?? node)}</div>;
                        return (
                          <label key={node} className="map">
                            <span className="muted">{w('mapLabel', { node })}</span>
                            <select
                              data-testid={`map-${g.flow}-${node}`}
                              value={mapped ?? ''}
                              disabled={busy}
                              onChange={(e) => mapTo(g.flow, node, e.target.value)}
                            >
                              <option value="">{w('choose')}</option>
                              {plan.targetFlows
                                .find((f) => f.key === g.flow)
                                ?.nodes.filter((n) => n.type !== 'end')
                                .map((n) => (
                                  <option key={n.key} value={n.key}>
                                    {nodeName(g.flow, n.key)}
                                  </option>
                                ))}
                            </select>
                          </label>
                        );
                      })}
                    </td>
                    <td data-cell="cases" data-label={w('cases')}>
                      <strong>{g.count}</strong>
                      <div className="muted samples">
                        {g.samples.map((s) => s.title ?? s.recordId.slice(0, 8)).join('、')}
                        {g.count > g.samples.length ? ' …' : ''}
                      </div>
                    </td>
                    <td data-cell="verdict" data-label={w('verdict')}>
                      <span className={`verdict ${g.verdict}`}>{w(g.verdict)}</span>
                      {g.reasons
                        .filter((r) => r.code !== 'node_gone')
                        .map((r) => (
                          <div key={`${r.node}:${r.code}`} className="muted">
                            {w(`reason_${r.code}` as MigrationWord, { node: r.node, to: r.to ?? '' })}
                          </div>
                        ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {plan.totals.changes_meaning > 0 && (
            <label className="check">
              <input
                type="checkbox"
                data-testid="accept-changes"
                checked={accept}
                onChange={(e) => setAccept(e.target.checked)}
              />
              {w('accept', { n: plan.totals.changes_meaning })}
            </label>
          )}
          {plan.totals.needs_mapping > 0 && (
            <p className="warn">{w('stayUnmapped', { n: plan.totals.needs_mapping })}</p>
          )}
          <div className="row">
            <button
              type="button"
              data-testid="apply-migration"
              disabled={busy || (intent.kind === 'migrate' && moving === 0)}
              onClick={() => void apply()}
            >
              {intent.kind === 'migrate'
                ? w('apply', { n: moving })
                : w('rollback', { to: intent.to, n: moving })}
            </button>
            <button type="button" className="secondary" onClick={() => setPlan(undefined)} disabled={busy}>
              {w('cancel')}
            </button>
          </div>
        </div>
      )}

      {outcome && (
        <p className={outcome.failed > 0 ? 'warn' : 'notice'} role="status" data-testid="migration-result">
          {w('result', {
            moved: outcome.moved,
            skipped: outcome.skipped.already + outcome.skipped.needs_mapping + outcome.skipped.not_accepted,
            failed: outcome.failed,
          })}
          {outcome.failures.slice(0, 5).map((f) => (
            <span key={f.instance} className="failure">
              {' '}
              {f.message}
            </span>
          ))}
        </p>
      )}

      {runs.length > 0 && (
        <>
          <h3>{w('pastRuns')}</h3>
          <ul className="history" data-testid="migration-runs">
            {runs.map((r) => (
              <li key={r.id} data-status={r.status}>
                {w(r.kind === 'rollback' ? 'runRollback' : 'runMigrate', { from: r.from, to: r.to })} ·{' '}
                {w('runCounts', { moved: r.moved, total: r.total, skipped: r.skipped, failed: r.failed })}
                {r.status === 'running' && <span className="badge">{w('running')}</span>}
                {r.status === 'interrupted' && (
                  <span className="badge archived">
                    {r.finishedBy
                      ? w('finishedBy', { when: when(r.finishedBy.startedAt) })
                      : w('interrupted')}
                  </span>
                )}{' '}
                <span className="muted">
                  {r.startedBy.displayName} · {when(r.startedAt)}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
