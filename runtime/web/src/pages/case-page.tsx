/**
 * Follow a case: its fields, current step and assignees, attachments, the timeline from the
 * history (who, when, what, which fields changed from what to what) and backfill where allowed.
 */
import { useMemo, useState } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { announceChange, fieldOf, formOf, nodeTitle, recordTitle, useSession } from '../../../../ui/data.js';
import { FormFields } from '../../../../ui/fields/form-fields.js';
import { FieldValue, isEmpty } from '../../../../ui/fields/field-value.js';
import { formatDateTime, formatWhen } from '../../../../ui/format/time.js';
import { FileList, FileRecord } from '../../../../ui/fields/files-input.js';
import { useFormState } from '../form-state.js';
import { eventLabel, loc, useI18n, type MessageKey } from '../i18n.js';
import { useUserName } from '../../../../ui/records.js';
import { Link, useLocation } from '../../../../ui/router.js';
import type { AppView, FormDef, HistoryEvent, RecordView, Task, Waiting } from '../types.js';
import { StartFollowUps, SourceLink } from './follow-up-links.js';
import { SlaBadge } from './inbox-page.js';
import { RecordViewPending, useRecordView } from './record-view-loader.js';
import { SubflowEventLink, SubflowLinks } from './subflow-links.js';
import { UrgeButton } from './urge-button.js';
import { WithdrawCard } from './withdraw-card.js';

function Who({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const name = useUserName(id);
  if (id === user.id) return <strong>{`${user.displayName} (${t('you')})`}</strong>;
  if (id === 'system') return <strong>{t('system')}</strong>;
  if (id === 'staff') return <strong>{t('staffMember')}</strong>;
  // Someone outside the app's people (an administrator, an integration's account): never a raw id.
  return <strong title={id}>{name ?? t('otherUser')}</strong>;
}

function Assignees({ task, app }: { task: Task; app: AppView }) {
  const { t, lang } = useI18n();
  return (
    <>
      {task.assignees.map((a, i) => (
        <span key={i}>
          {/* The chips part them on screen; read aloud or copied, people are listed with separators. */}
          {i > 0 && <span className="visually-hidden">{t('listSeparator')}</span>}
          <span className="chip" data-testid="assignee">
            {a.user ? (
              <Who id={a.user} />
            ) : (
              t('role', { r: loc(app.roles.find((r) => r.key === a.role)?.name, lang) || (a.role ?? '') })
            )}
          </span>
        </span>
      ))}
    </>
  );
}

/** What the case waits for where nobody holds it: "等待：三天后满意度评价，至 12月9日 10:00". */
function WaitingLines({ waiting }: { waiting: Waiting[] }) {
  const { t, lang } = useI18n();
  return (
    <>
      {waiting.map((w) => (
        <li key={`${w.node}-${w.since}`} data-testid="waiting-step" data-node={w.node}>
          <strong>
            {t('waitingFor', {
              w: w.until ? t('waitingUntil', { w: w.name, t: formatWhen(w.until, lang) }) : w.name,
            })}
          </strong>
          {w.fallback?.opensAt && (
            <span className="muted small">
              {' '}
              · {t('waitingByHandFrom', { t: formatWhen(w.fallback.opensAt, lang) })}
            </span>
          )}
        </li>
      ))}
    </>
  );
}

/** Events that only say how the flow routed (shown on request). */
const ROUTING = new Set(['branch.taken', 'parallel.split', 'join.completed']);

function Timeline({ events, app, form }: { events: HistoryEvent[]; app: AppView; form: FormDef }) {
  const { lang, t } = useI18n();
  const [all, setAll] = useState(false);
  const shown = all ? events : events.filter((e) => !ROUTING.has(e.type));
  return (
    <>
      {shown.length < events.length || all ? (
        <button type="button" className="link small" onClick={() => setAll(!all)} aria-pressed={all}>
          {all ? t('hideRoutingSteps') : t('showAllSteps')}
        </button>
      ) : null}
      <ol className="timeline" data-testid="timeline">
        {shown.map((e) => (
          <li key={e.seq}>
            <div className="tl-head">
              <time dateTime={e.at}>{formatDateTime(e.at, lang)}</time> <Who id={e.actor} />{' '}
              {eventLabel(e.type, lang)}
              {e.node && (
                <span className="step"> · {nodeTitle(app, form.key, e.node, e.node, lang)}</span>
              )}{' '}
              <SubflowEventLink event={e} />
              {e.type === 'instance.ended' && typeof e.detail?.branch === 'string' && (
                <span className="step" data-testid="ended-in-branch">
                  {' '}
                  ·{' '}
                  {t('endedInBranch', {
                    b: nodeTitle(app, form.key, e.detail.branch, e.detail.branch, lang),
                  })}
                </span>
              )}
              {e.action && e.type !== 'task.approved' && (
                <span className="chip small">
                  {t(
                    ([
                      'submit',
                      'approve',
                      'reject',
                      'return',
                      'transfer',
                      'backfill',
                      'addSigner',
                      'withdraw',
                    ].includes(e.action)
                      ? e.action
                      : 'actions') as MessageKey,
                  )}
                </span>
              )}
            </div>
            {e.comment && <p className="comment pre">“{e.comment}”</p>}
            {e.changes && e.changes.length > 0 && (
              <ul className="changes">
                {e.changes.map((c) => {
                  const f = fieldOf(form, c.field);
                  if (!f) return null;
                  return (
                    <li key={c.field}>
                      <span className="field-name">{loc(f.label, lang)}</span>
                      {t('colon')}
                      {!isEmpty(c.from) && (
                        <>
                          <del>
                            <FieldValue field={f} value={c.from} />
                          </del>{' '}
                          →{' '}
                        </>
                      )}
                      <ins>
                        <FieldValue field={f} value={c.to} />
                      </ins>
                    </li>
                  );
                })}
              </ul>
            )}
          </li>
        ))}
      </ol>
    </>
  );
}

function Backfill({
  app,
  form,
  task,
  record,
  onSaved,
}: {
  app: AppView;
  form: FormDef;
  task: Task;
  record: RecordView['record'];
  onSaved: () => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const fields = form.fields.filter((f) => task.backfill?.includes(f.key));
  const permissions = useMemo(
    () => ({ visible: task.backfill ?? [], editable: task.backfill ?? [], required: [] }),
    [task],
  );
  const initial = useMemo(
    () =>
      Object.fromEntries(
        (task.backfill ?? []).filter((k) => record.data[k] !== undefined).map((k) => [k, record.data[k]]),
      ),
    [task, record],
  );
  const state = useFormState({
    app,
    form,
    mode: 'update',
    previous: record.data,
    permissions,
    initial,
    user: user.id,
  });
  const [comment, setComment] = useState('');
  const [msg, setMsg] = useState<string>();
  const save = async () => {
    const data: Record<string, unknown> = {};
    for (const k of task.backfill ?? [])
      if (JSON.stringify(record.data[k]) !== JSON.stringify(state.draft[k])) data[k] = state.draft[k] ?? null;
    try {
      await api('POST', `/records/${encodeURIComponent(record.id)}/backfill`, {
        node: task.node,
        data,
        ...(comment.trim() ? { comment: comment.trim() } : {}),
      });
      setMsg(t('backfillDone'));
      announceChange();
      onSaved();
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) state.setServerProblems(err.problems);
      setMsg(err instanceof Error ? err.message : String(err));
    }
  };
  return (
    <details className="card backfill">
      <summary>
        {t('backfill')} · {nodeTitle(app, form.key, task.node, task.nodeName, lang)}
      </summary>
      <FormFields
        idPrefix={`bf-${task.id.slice(0, 8)}`}
        app={app.key}
        fields={fields}
        shown={state.shown}
        draft={state.draft}
        onChange={state.setField}
        editable={() => true}
        required={() => false}
        hidden={state.hidden}
        errors={state.errors}
      />
      <div className="field">
        <label htmlFor={`bf-${task.id}-comment`}>{t('comment')}</label>
        <textarea
          id={`bf-${task.id}-comment`}
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
        />
      </div>
      {msg && <p className="notice small">{msg}</p>}
      <button type="button" onClick={() => void save()}>
        {t('backfillSave')}
      </button>
    </details>
  );
}

const STATUS: Record<string, MessageKey> = {
  active: 'statusActive',
  done: 'statusDone',
  cancelled: 'statusCancelled',
  failed: 'statusFailed',
};

export function CasePage({ recordId }: { recordId: string }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const { params } = useLocation();
  const { view, app } = useRecordView(recordId);
  if (view.error || !view.data || !app.data) return <RecordViewPending error={view.error} />;
  const { record, instance } = view.data;
  const form = formOf(app.data, record.form);
  if (!form) return <p className="notice">{t('notFound')}</p>;
  const open = instance?.tasks.filter((x) => x.status === 'open') ?? [];
  const mine = open.filter((x) =>
    x.assignees.some((a) => a.user === user.id || (a.role && user.roles.includes(a.role))),
  );
  const backfills = (instance?.tasks ?? []).filter(
    (x) => x.status === 'done' && x.completedBy === user.id && (x.backfill?.length ?? 0) > 0,
  );
  const latestBackfill = [...new Map(backfills.map((b) => [b.node, b])).values()];
  const files = form.fields.filter(
    (f) =>
      f.type === 'files' && Array.isArray(record.data[f.key]) && (record.data[f.key] as unknown[]).length > 0,
  );
  // The keys and id of the case a record was started from read as a link (SourceLink), not as raw text.
  const sourceKeys = new Set(
    form.startsFrom ? [form.startsFrom.app, form.startsFrom.form, form.startsFrom.record] : [],
  );
  const shownFields = form.fields.filter((f) => record.data[f.key] !== undefined && !sourceKeys.has(f.key));
  return (
    <FileRecord.Provider value={record.id}>
      <section className="case">
        {params.get('created') && (
          <p className="notice ok" role="status" data-testid="created-notice">
            {/* Named by the form's own name: 您的资料修改申请：CHG-…, not always 服务单. */}
            {recordTitle(form, record.data)
              ? t('submitted', { form: loc(form.name, lang), no: recordTitle(form, record.data) })
              : t('submittedUntitled', { form: loc(form.name, lang) })}
          </p>
        )}
        {params.get('done') && (
          <p className="notice ok" role="status" data-testid="done-notice">
            {t('taskDone')}
          </p>
        )}
        {view.data.viaCopy && (
          <p className="notice" role="note" data-testid="via-copy">
            {t('viaCopyNote')}
          </p>
        )}
        <div className="page-head">
          <h1>
            {loc(form.name, lang)} <span data-testid="case-title">{recordTitle(form, record.data)}</span>
          </h1>
          {instance && (
            <span className={`badge status-${instance.status}`}>
              {t(STATUS[instance.status] ?? 'status')}
            </span>
          )}
        </div>
        <SourceLink form={form} data={record.data} />
        <StartFollowUps app={app.data} form={form} recordId={record.id} data={record.data} />
        {(instance?.tasks ?? [])
          .filter((x) => x.withdrawable)
          .map((x) => (
            <WithdrawCard
              key={x.id}
              app={app.data!}
              form={form}
              task={x}
              recordId={record.id}
              onChanged={view.reload}
            />
          ))}
        {instance && (open.length > 0 || (instance.waiting?.length ?? 0) > 0) && (
          <div className="card current">
            <h2>{t('currentStep')}</h2>
            <ul className="list plain">
              {open.map((x) => (
                <li key={x.id} data-testid="current-step">
                  <strong>{nodeTitle(app.data, form.key, x.node, x.nodeName, lang)}</strong>{' '}
                  <SlaBadge task={x} now={Date.now()} />{' '}
                  <span className="muted">
                    {t('assignees')}
                    {t('colon')}
                  </span>
                  <Assignees task={x} app={app.data!} />{' '}
                  <UrgeButton
                    task={x}
                    step={nodeTitle(app.data, form.key, x.node, x.nodeName, lang)}
                    onUrged={view.reload}
                  />
                  {x.signer && (
                    <span className="chip small" data-testid="signer-chip">
                      {t('signingNow')}
                    </span>
                  )}
                  {mine.includes(x) && (
                    <>
                      {' '}
                      <Link
                        className="button small"
                        to={`/tasks/${encodeURIComponent(record.id)}/${encodeURIComponent(x.id)}`}
                      >
                        {t('work')}
                      </Link>
                    </>
                  )}
                </li>
              ))}
              <WaitingLines waiting={instance.waiting ?? []} />
            </ul>
          </div>
        )}
        <div className="case-grid">
          <div className="card">
            <h2>{t('details')}</h2>
            <FormFields
              idPrefix="case"
              app={app.data.key}
              fields={shownFields}
              shown={record.data}
              draft={{}}
              onChange={() => undefined}
              editable={() => false}
              required={() => false}
              hidden={new Set()}
              errors={new Map()}
            />
          </div>
          <div>
            <div className="card">
              <h2>{t('attachments')}</h2>
              {files.length === 0 ? (
                <p className="muted">{t('noAttachments')}</p>
              ) : (
                files.map((f) => (
                  <div key={f.key}>
                    <h3 className="small">{loc(f.label, lang)}</h3>
                    <FileList ids={(record.data[f.key] as unknown[]).map(String)} />
                  </div>
                ))
              )}
            </div>
            {latestBackfill.map((task) => (
              <Backfill
                key={task.id}
                app={app.data!}
                form={form}
                task={task}
                record={record}
                onSaved={view.reload}
              />
            ))}
            {instance && <SubflowLinks instance={instance} app={app.data} />}
            {instance && (
              <div className="card">
                <h2>{t('timeline')}</h2>
                <Timeline events={instance.history} app={app.data} form={form} />
              </div>
            )}
          </div>
        </div>
      </section>
    </FileRecord.Provider>
  );
}
