/**
 * The flow simulator beside the canvas: runs the DRAFT flow with the engine's own `step` (in a
 * worker) on a sample record, acting as each persona in turn, with a virtual clock; shows the
 * record, open tasks, timers and effects at each step and tells the canvas where the tokens stand
 * (`onHighlight`). A run is its setup and its moves, replayed on every change, so undo drops the
 * last move. A run is saved as a scenario; saved scenarios are re-run after every edit of the
 * draft and flagged when their path or outcome changed.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type {
  AppBundle,
  FieldDef,
  ScenarioDef,
  ScenarioMove,
  TaskAction,
} from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import { engineLang, loc } from '../../../../ui/i18n.js';
import { personasOf, plain, scenarioPersonas, type SimPersona } from './personas.js';
import { freeKey, nextTimerMove, scenarioOf, startOfRun, withScenarios } from './run-moves.js';
import { clockText, nodeName, RunState } from './run-state.js';
import type { ChoiceView, WaitView } from './run-view.js';
import { ScenarioList } from './scenario-list.js';
import { SimFields } from './sim-fields.js';
import { useSimEngine } from './sim-engine.js';
import { useSimWords, type SimWord } from './sim-words.js';
import type { RunSetup, SimResponse } from './simulator-protocol.js';
import './simulator.css';

export interface SimulatorPanelProps {
  /** Shown (the default): closed, it runs nothing and shows no token on the canvas. */
  open?: boolean;
  bundle: AppBundle;
  flow: string;
  onHighlight: (h: { active: string[]; visited: string[] } | undefined) => void;
  saveScenario: (s: ScenarioDef) => void;
}

/** The bundle's sample data as the run's related records, each under an id of its own. */
function sampleRecords(bundle: AppBundle): RunSetup['records'] {
  const out: RunSetup['records'] = {};
  for (const [form, rows] of Object.entries(bundle.sampleData ?? {}))
    out[form] = Object.fromEntries(rows.map((row, i) => [`${form}_${i + 1}`, row]));
  return out;
}

const ACTION_WORDS: Record<TaskAction, SimWord> = {
  submit: 'actionSubmit',
  approve: 'actionApprove',
  reject: 'actionReject',
  return: 'actionReturn',
  transfer: 'actionTransfer',
};

type Run = Extract<SimResponse, { kind: 'run' }>;

export function SimulatorPanel({
  open = true,
  bundle: given,
  flow,
  onHighlight,
  saveScenario,
}: SimulatorPanelProps) {
  const { t, lang } = useSimWords();
  // Scenarios saved here show at once, whether or not the host reloads its bundle after a save.
  const [savedHere, setSavedHere] = useState<ScenarioDef[]>([]);
  const bundle = useMemo(() => withScenarios(given, savedHere), [given, savedHere]);
  const ask = useSimEngine();
  const flowDef = bundle.flows.find((f) => f.key === flow);
  const form = bundle.forms.find((f) => f.key === flowDef?.form);
  const scenarios = useMemo(() => (bundle.scenarios ?? []).filter((s) => s.flow === flow), [bundle, flow]);

  const fresh = (): { setup: RunSetup; personas: SimPersona[]; from?: string } => {
    const personas = personasOf(bundle, flow, {});
    return {
      setup: {
        flow,
        start: startOfRun(new Date()),
        submitter: plain(personas[0]!),
        people: personas.slice(1).map(plain),
        record: {},
        records: sampleRecords(bundle),
      },
      personas,
    };
  };
  const [base, setBase] = useState(fresh);
  const [moves, setMoves] = useState<ScenarioMove[]>([]);
  const [answer, setAnswer] = useState<Run>();
  const [failed, setFailed] = useState<string>();
  const [actor, setActor] = useState<string>('');
  const [results, setResults] = useState<Map<string, ScenarioResult>>();
  const [savedNote, setSavedNote] = useState<string>();

  // A fresh run's personas follow the sample record (a technician named in a user field).
  const personas = useMemo(() => {
    if (base.from !== undefined) return base.personas;
    const found = personasOf(bundle, flow, base.setup.record, base.setup.submitter);
    return found;
  }, [base, bundle, flow]);
  const setup = useMemo(
    () => (base.from !== undefined ? base.setup : { ...base.setup, people: personas.slice(1).map(plain) }),
    [base, personas],
  );

  // A move runs at once; an edit of the draft re-runs after a pause in the edits, so posting the
  // whole draft to the worker stays out of the frame that shows the edit on the canvas. Closed, the
  // simulator runs nothing; opened, it runs at once.
  const ranOn = useRef(bundle);
  const wasOpen = useRef(false);
  useEffect(() => {
    const opening = open && !wasOpen.current;
    wasOpen.current = open;
    if (!open) return;
    let live = true;
    const edited = !opening && ranOn.current !== bundle;
    const timer = setTimeout(
      () => {
        ranOn.current = bundle;
        void ask({ kind: 'run', bundle, setup, moves, language: engineLang(lang) }).then((r) => {
          if (!live || !r) return;
          if (r.kind === 'failed') setFailed(r.message);
          else if (r.kind === 'run') {
            setFailed(undefined);
            setAnswer(r);
          }
        });
      },
      edited ? 150 : 0,
    );
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, ask, bundle, setup, moves, lang]);

  // Every edit of the draft re-runs the saved scenarios, after a pause in the edits (while open).
  const checkedOn = useRef<AppBundle>(undefined);
  useEffect(() => {
    if (!open || checkedOn.current === bundle) return;
    setResults(undefined);
    const timer = setTimeout(() => {
      checkedOn.current = bundle;
      void ask({ kind: 'scenarios', bundle }).then((r) => {
        if (r?.kind === 'scenarios') setResults(new Map(r.results.map((x) => [x.key, x])));
      });
    }, 300);
    return () => clearTimeout(timer);
  }, [open, ask, bundle]);

  const run = answer?.run;
  useEffect(() => {
    onHighlight(open && run ? { active: run.active, visited: run.path } : undefined);
  }, [open, run, onHighlight]);
  useEffect(() => () => onHighlight(undefined), [onHighlight]);

  // A move the engine refused is dropped, with its reason shown.
  const refused = answer?.error && answer.error.move >= 0 ? answer.error : undefined;
  useEffect(() => {
    if (refused && refused.move < moves.length) setMoves((m) => m.slice(0, refused.move));
  }, [refused, moves.length]);
  const [refusal, setRefusal] = useState<string>();
  useEffect(() => {
    if (refused) setRefusal(refused.message);
  }, [refused]);

  const move = (m: ScenarioMove) => {
    setRefusal(undefined);
    setSavedNote(undefined);
    setMoves((list) => [...list, m]);
  };
  const restart = (next = fresh(), replayed: ScenarioMove[] = []) => {
    setBase(next);
    setMoves(replayed);
    setRefusal(undefined);
    setSavedNote(undefined);
  };
  const load = (s: ScenarioDef) =>
    restart(
      {
        setup: {
          flow: s.flow,
          start: s.start,
          submitter: s.submitter,
          people: s.people ?? [],
          record: s.record,
          records: s.records ?? {},
        },
        personas: scenarioPersonas(s.submitter, s.people),
        from: s.key,
      },
      s.moves,
    );

  const current = personas.find((p) => p.user === actor) ?? personas[0];
  const choices = (current && run?.choices[current.user]) ?? [];
  const startError = answer?.error && answer.error.move < 0 ? answer.error : undefined;
  const fields = form?.fields ?? [];
  const people = personas.map((p) => p.user);

  const personaLabel = (p: SimPersona) =>
    p.as.kind === 'submitter'
      ? t('personaSubmitter', { user: p.user })
      : p.as.kind === 'role'
        ? t('personaRole', {
            user: p.user,
            role: loc(bundle.roles.find((r) => r.key === (p.as as { role: string }).role)?.name, lang),
          })
        : p.as.kind === 'field'
          ? t('personaField', { user: p.user, field: p.as.field })
          : p.roles && p.roles.length > 0
            ? t('personaRole', { user: p.user, role: p.roles.join(', ') })
            : p.user;

  const next = run ? nextTimerMove(run) : undefined;
  return (
    <section className="sim-panel" data-testid="simulator-panel" aria-label={t('simulator')}>
      <h3>{t('simulator')}</h3>
      <p className="muted small">{t('simulatorHelp')}</p>
      {failed && <p className="notice warn">{t('engineFailed', { m: failed })}</p>}

      <div className="sim-row">
        <label htmlFor="sim-start-from">{t('startFrom')}</label>
        <select
          id="sim-start-from"
          data-testid="sim-start-from"
          value={base.from ?? ''}
          onChange={(e) => {
            const s = scenarios.find((x) => x.key === e.target.value);
            if (s) load(s);
            else restart();
          }}
        >
          <option value="">{t('blankRecord')}</option>
          {scenarios.map((s) => (
            <option key={s.key} value={s.key}>
              {t('fromScenario', { name: loc(s.name, lang) || s.key })}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="quiet"
          data-testid="sim-restart"
          onClick={() => (base.from ? load(scenarios.find((s) => s.key === base.from)!) : restart())}
        >
          {t('restart')}
        </button>
      </div>

      {moves.length === 0 && (
        <details open={base.from === undefined} className="sim-sample">
          <summary>{t('sampleRecord')}</summary>
          <SimFields
            idPrefix="sim-record"
            app={bundle.key}
            fields={fields}
            value={setup.record}
            shown={answer?.sample?.evaluated ?? {}}
            hidden={new Set(answer?.sample?.hidden ?? [])}
            errors={answer?.sample?.errors ?? []}
            required={(f) => f.required === true}
            editable={() => true}
            records={setup.records}
            people={people}
            onChange={(key, value) =>
              setBase((b) => ({
                ...b,
                setup: { ...b.setup, record: withValue(b.setup.record, key, value) },
              }))
            }
          />
        </details>
      )}
      {startError && (
        <p className="notice warn" data-testid="sim-start-error">
          {t('cannotStart', { m: startError.message })}
        </p>
      )}

      {run && (
        <>
          <div className="sim-row sim-clock" data-testid="sim-clock">
            <span>
              {t('clockLabel')}
              <strong data-testid="sim-now">{clockText(run.now)}</strong>
            </span>
            <button
              type="button"
              onClick={() => move({ type: 'advance', by: 'PT1H' })}
              disabled={run.status !== 'active'}
            >
              {t('plusHour')}
            </button>
            <button
              type="button"
              onClick={() => move({ type: 'advance', by: 'P1D' })}
              disabled={run.status !== 'active'}
            >
              {t('plusDay')}
            </button>
            <button
              type="button"
              data-testid="sim-next-timer"
              disabled={!next || run.status !== 'active'}
              onClick={() => next && move(next)}
            >
              {run.timers[0] ? t('nextTimer', { at: clockText(run.timers[0].dueAt) }) : t('noTimer')}
            </button>
            <button
              type="button"
              className="quiet"
              data-testid="sim-undo"
              disabled={moves.length === 0}
              onClick={() => {
                setRefusal(undefined);
                setMoves((m) => m.slice(0, -1));
              }}
            >
              {t('undo')}
            </button>
          </div>
          {refusal && (
            <p className="notice warn" role="alert" data-testid="sim-refused">
              {t('refused', { m: refusal })}
            </p>
          )}

          <div className="sim-row">
            <label htmlFor="sim-actor">{t('actAs')}</label>
            <select
              id="sim-actor"
              data-testid="sim-actor"
              value={current?.user ?? ''}
              onChange={(e) => setActor(e.target.value)}
            >
              {personas.map((p) => (
                <option key={p.user} value={p.user}>
                  {personaLabel(p)}
                  {(run.choices[p.user]?.length ?? 0) > 0 ? ` · ${run.choices[p.user]!.length}` : ''}
                </option>
              ))}
            </select>
          </div>
          {choices.length === 0 ? (
            <p className="muted small" data-testid="sim-nothing">
              {t('nothingToDo')}
            </p>
          ) : (
            choices.map((c) => (
              <TaskChoice
                key={c.taskId}
                choice={c}
                bundle={bundle}
                flow={flow}
                fields={fields}
                record={run.record}
                records={setup.records}
                people={people}
                onAct={(m) => current && move({ ...m, type: 'act', as: plain(current), node: c.node })}
              />
            ))
          )}
          {run.waits.map((w) => (
            <WaitChoice
              key={w.node}
              wait={w}
              bundle={bundle}
              fields={fields}
              run={run.record}
              records={setup.records}
              people={people}
              onMove={move}
              flow={flow}
            />
          ))}

          <RunState bundle={bundle} flow={flow} run={run} />

          <SaveRun
            onSave={(name) => {
              const key = freeKey((bundle.scenarios ?? []).map((s) => s.key));
              const scenario = scenarioOf({
                key,
                name: { zh: name, en: name },
                flow,
                start: setup.start,
                submitter: setup.submitter,
                people: setup.people,
                record: setup.record,
                records: setup.records,
                moves,
                reached: run,
              });
              saveScenario(scenario);
              setSavedHere((list) => [...list, scenario]);
              setSavedNote(t('saved', { name }));
            }}
          />
          {savedNote && (
            <p className="notice" data-testid="sim-saved">
              {savedNote}
            </p>
          )}
        </>
      )}

      <h4>{t('scenarios')}</h4>
      <ScenarioList bundle={bundle} scenarios={scenarios} results={results} onLoad={load} />
    </section>
  );
}

function withValue(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined || value === '') delete next[key];
  else next[key] = value;
  return next;
}

/** One open task the persona may act on: its fields to write, a comment, a return target, an action. */
function TaskChoice({
  choice,
  bundle,
  flow,
  fields,
  record,
  records,
  people,
  onAct,
}: {
  choice: ChoiceView;
  bundle: AppBundle;
  flow: string;
  fields: FieldDef[];
  record: Record<string, unknown>;
  records: RunSetup['records'];
  people: string[];
  onAct: (m: {
    action: TaskAction;
    data?: Record<string, unknown>;
    comment?: string;
    returnTo?: string;
    to?: string;
  }) => void;
}) {
  const { t, lang } = useSimWords();
  const flowDef = bundle.flows.find((f) => f.key === flow);
  const node = flowDef?.nodes[choice.node];
  const [data, setData] = useState<Record<string, unknown>>({});
  const [comment, setComment] = useState('');
  const [returnTo, setReturnTo] = useState(choice.returnTo[0] ?? '');
  const [to, setTo] = useState('');
  const editable = new Set(choice.editable);
  const shown = fields.filter((f) => editable.has(f.key));
  const labels = node?.type === 'task' ? node.actionLabels : undefined;
  const id = `sim-task-${choice.taskId}`;
  return (
    <div className="sim-choice" data-testid="sim-choice" data-node={choice.node}>
      <h4>{nodeName(flowDef, choice.node, lang)}</h4>
      {shown.length > 0 && (
        <SimFields
          idPrefix={id}
          app={bundle.key}
          fields={shown}
          value={data}
          shown={{ ...record, ...data }}
          editable={() => true}
          required={(f) => choice.required.includes(f.key)}
          records={records}
          people={people}
          onChange={(key, value) => setData((d) => withValue(d, key, value))}
        />
      )}
      <div className="sim-row">
        <label htmlFor={`${id}-comment`}>{t('comment')}</label>
        <input id={`${id}-comment`} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
      {choice.returnTo.length > 0 && (
        <div className="sim-row">
          <label htmlFor={`${id}-return`}>{t('returnTo')}</label>
          <select id={`${id}-return`} value={returnTo} onChange={(e) => setReturnTo(e.target.value)}>
            {choice.returnTo.map((n) => (
              <option key={n} value={n}>
                {nodeName(flowDef, n, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      {choice.actions.includes('transfer') && (
        <div className="sim-row">
          <label htmlFor={`${id}-to`}>{t('transferTo')}</label>
          <input id={`${id}-to`} list={`${id}-people`} value={to} onChange={(e) => setTo(e.target.value)} />
          <datalist id={`${id}-people`}>
            {people.map((p) => (
              <option key={p} value={p} />
            ))}
          </datalist>
        </div>
      )}
      <div className="sim-row">
        {choice.actions.map((action) => (
          <button
            key={action}
            type="button"
            className={action === 'submit' || action === 'approve' ? undefined : 'quiet'}
            data-action={action}
            disabled={action === 'transfer' && to === ''}
            onClick={() =>
              onAct({
                action,
                ...(Object.keys(data).length > 0 && action !== 'transfer' ? { data } : {}),
                ...(comment ? { comment } : {}),
                ...(action === 'return' && returnTo ? { returnTo } : {}),
                ...(action === 'transfer' ? { to } : {}),
              })
            }
          >
            {labels?.[action] ? loc(labels[action], lang) : t(ACTION_WORDS[action])}
          </button>
        ))}
      </div>
    </div>
  );
}

/** An event the run waits for (delivered with its payload), or a webhook's answer. */
function WaitChoice({
  wait,
  bundle,
  flow,
  fields,
  run,
  records,
  people,
  onMove,
}: {
  wait: WaitView;
  bundle: AppBundle;
  flow: string;
  fields: FieldDef[];
  run: Record<string, unknown>;
  records: RunSetup['records'];
  people: string[];
  onMove: (m: ScenarioMove) => void;
}) {
  const { t, lang } = useSimWords();
  const [payload, setPayload] = useState<Record<string, unknown>>({});
  const flowDef = bundle.flows.find((f) => f.key === flow);
  const names = new Set(wait.fields);
  return (
    <div className="sim-choice" data-testid="sim-wait" data-node={wait.node}>
      <h4>{t('waitsFor', { name: wait.name ?? nodeName(flowDef, wait.node, lang) })}</h4>
      {wait.kind === 'event' ? (
        <>
          <SimFields
            idPrefix={`sim-event-${wait.node}`}
            app={bundle.key}
            fields={fields.filter((f) => names.has(f.key))}
            value={payload}
            shown={{ ...run, ...payload }}
            editable={() => true}
            records={records}
            people={people}
            onChange={(key, value) => setPayload((p) => withValue(p, key, value))}
          />
          <button
            type="button"
            className="primary"
            onClick={() =>
              onMove({
                type: 'event',
                name: wait.name!,
                ...(Object.keys(payload).length > 0 ? { payload } : {}),
              })
            }
          >
            {t('deliverEvent')}
          </button>
        </>
      ) : (
        <div className="sim-row">
          <button
            type="button"
            className="primary"
            onClick={() => onMove({ type: 'webhook', node: wait.node, ok: true })}
          >
            {t('webhookOk')}
          </button>
          <button type="button" onClick={() => onMove({ type: 'webhook', node: wait.node, ok: false })}>
            {t('webhookFail')}
          </button>
        </div>
      )}
    </div>
  );
}

function SaveRun({ onSave }: { onSave: (name: string) => void }) {
  const { t } = useSimWords();
  const [name, setName] = useState('');
  return (
    <form
      className="sim-row sim-save"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) onSave(name.trim());
        setName('');
      }}
    >
      <label htmlFor="sim-save-name">{t('scenarioName')}</label>
      <input
        id="sim-save-name"
        data-testid="sim-save-name"
        value={name}
        onChange={(e) => setName(e.target.value)}
      />
      <button type="submit" data-testid="sim-save" disabled={name.trim() === ''}>
        {t('saveAs')}
      </button>
    </form>
  );
}
