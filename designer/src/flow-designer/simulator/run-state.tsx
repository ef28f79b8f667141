/** A run as it stands: its status, open tasks, timers, effects (never sent), path and record. */
import type { AppBundle, FlowDef } from '../../../../engine/definition/types.js';
import { loc, type Lang } from '../../../../ui/i18n.js';
import type { Assignee } from '../../../../engine/flow/types.js';
import type { RunView } from './run-view.js';
import { useSimWords, wordOr, type SimWord } from './sim-words.js';

/** A virtual instant as the panel shows it (UTC, to the minute: the run's clock is not the viewer's). */
export function clockText(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export function nodeName(flow: FlowDef | undefined, node: string, lang: Lang): string {
  const def = flow?.nodes[node];
  // An event node's `name` is the event's key (`payment.confirmed`); people call it by its title.
  const name = def?.type === 'event' ? (def.title ?? node) : def?.name;
  return name === undefined ? node : loc(name, lang) || node;
}

function assignees(list: Assignee[]): string {
  return list.map((a) => ('role' in a ? `@${a.role}` : a.user)).join(', ');
}

const TIMER_WORDS: Record<RunView['timers'][number]['kind'], SimWord> = {
  'sla.remind': 'timerSlaRemind',
  'sla.due': 'timerSlaDue',
  wait: 'timerWait',
  'event.timeout': 'timerEventTimeout',
  'event.fallback': 'timerEventFallback',
};

const STATUS_WORDS: Record<RunView['status'], SimWord> = {
  active: 'statusActive',
  done: 'statusDone',
  cancelled: 'statusCancelled',
  failed: 'statusFailed',
};

export function RunState({ bundle, flow: flowKey, run }: { bundle: AppBundle; flow: string; run: RunView }) {
  const { t, lang } = useSimWords();
  const flow = bundle.flows.find((f) => f.key === flowKey);
  const form = bundle.forms.find((f) => f.key === flow?.form);
  const name = (node: string) => nodeName(flow, node, lang);
  return (
    <div className="sim-state" data-testid="sim-state">
      <p className="sim-status" data-testid="sim-status" data-status={run.status}>
        <strong>{t(STATUS_WORDS[run.status])}</strong>
        {run.outcome && <span> · {t('outcome', { o: run.outcome })}</span>}
        {run.failure && <span> · {run.failure.reason}</span>}
      </p>
      <section>
        <h4>{t('openTasks')}</h4>
        {run.tasks.length === 0 ? (
          <p className="muted small">{t('noTasks')}</p>
        ) : (
          <ul className="sim-list" data-testid="sim-tasks">
            {run.tasks.map((task) => (
              <li key={task.id} data-node={task.node}>
                <strong>{name(task.node)}</strong> → {assignees(task.assignees)}
                {task.mode === 'all' && (
                  <span className="badge">
                    {t('signed', { n: task.approvals.length, m: task.assignees.length })}
                  </span>
                )}
                {task.fallback && <span className="badge">{t('fallbackTask')}</span>}
                {task.dueAt && (
                  <span className="muted small"> · {t('due', { at: clockText(task.dueAt) })}</span>
                )}
                {task.breached && <span className="badge warn">{t('breached')}</span>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h4>{t('timers')}</h4>
        {run.timers.length === 0 ? (
          <p className="muted small">{t('noTimers')}</p>
        ) : (
          <ul className="sim-list" data-testid="sim-timers">
            {run.timers.map((timer, i) => (
              <li key={i}>
                {clockText(timer.dueAt)} · {name(timer.node)} · {t(TIMER_WORDS[timer.kind])}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section>
        <h4>{t('effects')}</h4>
        {run.effects.length === 0 ? (
          <p className="muted small">{t('noEffects')}</p>
        ) : (
          <ol className="sim-list sim-effects" data-testid="sim-effects">
            {run.effects.map((effect, i) => (
              <li key={i} data-type={effect.type}>
                <span className="muted small">{clockText(effect.at)}</span>{' '}
                <span className="badge">{wordOr(t, `effect_${effect.type}`)}</span>{' '}
                {effect.node ? name(effect.node) : ''} <span className="muted">→ {effect.to}</span>
                <div className="sim-effect-text">{lang === 'en' ? effect.text.en : effect.text.zh}</div>
              </li>
            ))}
          </ol>
        )}
      </section>
      <section>
        <h4>{t('path')}</h4>
        <p className="sim-path" data-testid="sim-path">
          {run.path.map(name).join(' → ')}
        </p>
      </section>
      <details>
        <summary>{t('record')}</summary>
        <dl className="sim-record" data-testid="sim-record">
          {(form?.fields ?? [])
            .filter((f) => run.record[f.key] !== undefined && run.record[f.key] !== null)
            .map((f) => (
              <div key={f.key}>
                <dt>{loc(f.label, lang)}</dt>
                <dd>
                  {typeof run.record[f.key] === 'object'
                    ? JSON.stringify(run.record[f.key])
                    : String(run.record[f.key])}
                </dd>
              </div>
            ))}
        </dl>
      </details>
    </div>
  );
}
