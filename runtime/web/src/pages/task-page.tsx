/**
 * Work a task: the record with only the fields the step may see (the API's `task.data` and
 * `task.fields`), the editable ones as inputs, and the step's actions with a comment. 422 problems
 * show beside their fields; 409 (someone else finished it) shows as a message with the case as it
 * is now.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import {
  announceChange,
  fieldOf,
  flowOf,
  formOf,
  nodeTitle,
  recordTitle,
  useSession,
} from '../../../../ui/data.js';
import { FormFields } from '../../../../ui/fields/form-fields.js';
import { FileRecord } from '../../../../ui/fields/files-input.js';
import { UserPicker } from '../../../../ui/fields/user-picker.js';
import { useTransferTargets } from '../transfer-targets.js';
import { useFormState } from '../form-state.js';
import { loc, useI18n } from '../i18n.js';
import { Link, navigate } from '../../../../ui/router.js';
import type { AppView, FormDef, RecordView, Task } from '../types.js';
import { PriorityBadge, SlaBadge } from './inbox-page.js';
import { RecordViewPending, useRecordView } from './record-view-loader.js';
import { RelatedLists } from './related-lists.js';
import { AddSignerDialog, SignerNotes } from './add-signer.js';
import { touchOnBlur } from './new-record-page.js';

type Action = 'submit' | 'approve' | 'reject' | 'return' | 'transfer' | 'addSigner';

function changedValues(task: Task, draft: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of task.fields.editable) {
    const before = task.data[key];
    const after = draft[key];
    if (JSON.stringify(before) === JSON.stringify(after)) continue;
    out[key] = after === undefined ? null : after;
  }
  return out;
}

/**
 * When a return reopened this step, whose step sent it back and why (the reason the returner had
 * to give), above the form: the reason field alone sits far down among the case's fields.
 */
function ReturnedNote({
  app,
  form,
  task,
  view,
}: {
  app: AppView;
  form: FormDef;
  task: Task;
  view: RecordView;
}) {
  const { t, lang } = useI18n();
  const last = (view.instance?.history ?? [])
    .filter((h) => h.type === 'task.returned' && (h.detail as { to?: unknown } | undefined)?.to === task.node)
    .at(-1);
  if (!last || (task.createdAt !== undefined && task.createdAt < last.at)) return null;
  const from = last.node ? nodeTitle(app, form.key, last.node, last.node, lang) : '';
  return (
    <p className="notice" role="note" data-testid="returned-note">
      {t('returnedFrom', { step: from })}
      {last.comment ? `${t('colon')}${last.comment}` : ''}
    </p>
  );
}

function TaskForm({
  app,
  form,
  task,
  view,
  onConflict,
  onChanged,
}: {
  app: AppView;
  form: FormDef;
  task: Task;
  view: RecordView;
  onConflict: () => void;
  /** The task changed without being closed (a signer was added): show it anew. */
  onChanged?: () => void;
}) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const visible = useMemo(() => new Set(task.fields.visible), [task]);
  const editable = useMemo(() => new Set(task.fields.editable), [task]);
  const required = useMemo(() => new Set(task.fields.required), [task]);
  const initial = useMemo(
    () =>
      Object.fromEntries(
        task.fields.editable.filter((k) => task.data[k] !== undefined).map((k) => [k, task.data[k]]),
      ),
    [task],
  );
  const state = useFormState({
    app,
    form,
    mode: 'update',
    previous: task.data,
    permissions: task.fields,
    initial,
    user: user.id,
  });
  const [comment, setComment] = useState('');
  const [forCustomer, setForCustomer] = useState(false);
  // Staff comments are internal notes unless the writer shares them with the case's customer.
  const customerRoles = new Set(app.roles.filter((r) => r.customer === true).map((r) => r.key));
  const staff =
    user.roles.includes('admin') ||
    user.roles.some((r) => app.roles.some((a) => a.key === r) && !customerRoles.has(r));
  const [pending, setPending] = useState<Action>();
  const [returnTo, setReturnTo] = useState(task.returnTargets?.[0] ?? '');
  const [transferTo, setTransferTo] = useState('');
  const receivers = useTransferTargets(pending === 'transfer' ? task.id : undefined);
  const [message, setMessage] = useState<{ kind: 'error' | 'ok'; text: string }>();
  const [busy, setBusy] = useState(false);
  const fields = form.fields.filter((f) => visible.has(f.key));
  // 驳回/退回原因: a node with `reasonField` writes the reject/return comment into that field, so the
  // comment is required there and named after the field.
  const node = flowOf(app, view.instance?.flow)?.nodes[task.node];
  const reasonField = node?.type === 'task' && node.reasonField ? fieldOf(form, node.reasonField) : undefined;
  const reasonLabel = reasonField ? loc(reasonField.label, lang) : undefined;
  const needsReason = (a: Action | undefined) =>
    a === 'reject' || (a === 'return' && reasonField !== undefined);

  const run = async (action: Action) => {
    setMessage(undefined);
    if ((action === 'submit' || action === 'approve') && !state.revealAll()) {
      setMessage({ kind: 'error', text: t('fixErrors') });
      return;
    }
    if (needsReason(action) && !comment.trim()) {
      setPending(action);
      setMessage({
        kind: 'error',
        text: reasonLabel ? t('reasonRequired', { f: reasonLabel }) : t('rejectReason'),
      });
      return;
    }
    setBusy(true);
    try {
      if (action === 'transfer') {
        await api('POST', `/tasks/${encodeURIComponent(task.id)}/transfer`, {
          to: transferTo.trim(),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        });
      } else {
        const data = action === 'return' ? {} : changedValues(task, state.draft);
        await api('POST', `/tasks/${encodeURIComponent(task.id)}/complete`, {
          action,
          ...(Object.keys(data).length ? { data } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
          ...(comment.trim() && staff && forCustomer ? { commentForCustomer: true } : {}),
          ...(action === 'return' && returnTo ? { returnTo } : {}),
        });
      }
      announceChange();
      navigate(`/cases/${encodeURIComponent(view.record.id)}?done=1`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setMessage({ kind: 'error', text: t('alreadyDone') });
        onConflict();
      } else if (err instanceof ApiError && err.status === 403) {
        setMessage({ kind: 'error', text: t('notYours') });
      } else if (err instanceof ApiError && err.status === 422) {
        state.setServerProblems(err.problems);
        const located = err.problems.some((p) => p.path && p.path !== '/to' && p.path !== '/comment');
        setMessage({
          kind: 'error',
          text: located ? t('fixErrors') : err.problems.map((p) => p.message).join(' ') || err.message,
        });
      } else {
        setMessage({
          kind: 'error',
          text: t('serverError', { m: err instanceof Error ? err.message : String(err) }),
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const confirmFirst = (action: Action) =>
    action === 'return' || action === 'transfer' || action === 'reject' || action === 'addSigner'
      ? setPending(action)
      : void run(action);

  // 加签: its own dialog in place of the form; the task then shows whom it waits for.
  if (pending === 'addSigner')
    return (
      <AddSignerDialog
        app={app}
        task={task}
        onCancel={() => setPending(undefined)}
        onDone={() => {
          setPending(undefined);
          onChanged?.();
        }}
      />
    );

  return (
    <form
      className="card form"
      onSubmit={(e: FormEvent) => e.preventDefault()}
      onBlur={touchOnBlur(state.touch)}
      noValidate
      data-testid="task-form"
    >
      <ReturnedNote app={app} form={form} task={task} view={view} />
      <FormFields
        idPrefix="task"
        app={app.key}
        fields={fields}
        shown={state.shown}
        draft={state.draft}
        onChange={state.setField}
        editable={(f) => editable.has(f.key)}
        required={(f) => required.has(f.key)}
        hidden={state.hidden}
        errors={state.errors}
        {...(state.showErrorsFor ? { showErrorsFor: state.showErrorsFor } : {})}
      />
      <div className="field">
        <label htmlFor="task-action-comment">
          {reasonLabel && needsReason(pending)
            ? reasonLabel
            : pending === 'reject'
              ? t('rejectReason')
              : t('comment')}
          {needsReason(pending) && <span className="req"> *</span>}
        </label>
        <textarea
          id="task-action-comment"
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          aria-required={needsReason(pending)}
          {...(reasonLabel && needsReason(pending) ? { 'aria-describedby': 'task-reason-note' } : {})}
        />
        {reasonLabel && needsReason(pending) && (
          <p className="small muted" id="task-reason-note" data-testid="reason-note">
            {t('reasonSavedAs', { f: reasonLabel })}
          </p>
        )}
        {/* Only an app with customers has anyone to show a comment to (a purchase app has none). */}
        {staff && customerRoles.size > 0 && (
          <label className="small">
            <input
              type="checkbox"
              checked={forCustomer}
              onChange={(e) => setForCustomer(e.target.checked)}
              data-testid="comment-for-customer"
            />{' '}
            {t('commentForCustomer')}
          </label>
        )}
      </div>
      {pending === 'return' && (
        <div className="field">
          <label htmlFor="task-return-to">{t('returnTo')}</label>
          <select id="task-return-to" value={returnTo} onChange={(e) => setReturnTo(e.target.value)}>
            {(task.returnTargets ?? []).map((n) => (
              <option key={n} value={n}>
                {nodeTitle(app, form.key, n, n, lang)}
              </option>
            ))}
          </select>
        </div>
      )}
      {pending === 'transfer' && (
        <div className="field">
          <label htmlFor="task-transfer-to">{t('transferTo')}</label>
          <UserPicker
            id="task-transfer-to"
            app={app.key}
            value={transferTo}
            onChange={(v) => setTransferTo(v ?? '')}
            people={receivers ?? 'loading'}
            required
            free
          />
        </div>
      )}
      <SignerNotes task={task} />
      {message && (
        <p
          className={message.kind === 'error' ? 'field-error' : 'notice'}
          role="alert"
          data-testid="task-message"
        >
          {message.text}
        </p>
      )}
      <div className="actions" role="group" aria-label={t('actions')}>
        {pending ? (
          <>
            <button
              type="button"
              className={pending === 'reject' ? 'danger' : ''}
              disabled={busy || (pending === 'transfer' && !transferTo.trim())}
              onClick={() => void run(pending)}
              data-testid={`confirm-${pending}`}
            >
              {t('confirm')}
              {t('colon')}
              {task.actionLabels?.[pending] ?? t(pending)}
            </button>
            <button type="button" className="secondary" onClick={() => setPending(undefined)}>
              {t('cancel')}
            </button>
          </>
        ) : (
          (task.actions as Action[]).map((a) => (
            <button
              key={a}
              type="button"
              className={a === 'reject' ? 'danger' : a === 'submit' || a === 'approve' ? '' : 'secondary'}
              disabled={busy || !state.ready}
              onClick={() => confirmFirst(a)}
              data-testid={`action-${a}`}
            >
              {task.actionLabels?.[a] ?? t(a)}
            </button>
          ))
        )}
      </div>
    </form>
  );
}

export function TaskPage({ recordId, taskId }: { recordId: string; taskId: string }) {
  const { t, lang } = useI18n();
  const [conflict, setConflict] = useState(false);
  const { view, app } = useRecordView(recordId);
  if (view.error || !view.data || !app.data) return <RecordViewPending error={view.error} />;
  const record = view.data.record;
  const form = formOf(app.data, record.form);
  const task = view.data.instance?.tasks.find((x) => x.id === taskId);
  if (!form || !task) return <p className="notice">{t('notFound')}</p>;
  const title = recordTitle(form, record.data);
  const node = flowOf(app.data, view.data.instance?.flow)?.nodes[task.node];
  const related = node?.type === 'task' ? (node.related ?? []) : [];
  // Worded by the form's own name (查看采购申请), so no app's case reads as another trade's.
  const openCase = t('openCaseOf', { form: loc(form.name, lang) });
  return (
    <FileRecord.Provider value={record.id}>
      <section>
        <div className="page-head">
          <h1>
            <PriorityBadge priority={task.priority} />{' '}
            {nodeTitle(app.data, form.key, task.node, task.nodeName, lang)}
          </h1>
          <Link to={`/cases/${encodeURIComponent(record.id)}`}>{openCase}</Link>
        </div>
        <p className="muted">
          {loc(form.name, lang)} {title} <SlaBadge task={task} now={Date.now()} />
        </p>
        {task.status !== 'open' || conflict ? (
          <p className="notice" role="alert" data-testid="task-closed">
            {t('alreadyDone')} <Link to={`/cases/${encodeURIComponent(record.id)}`}>{openCase}</Link>
          </p>
        ) : (
          <TaskForm
            app={app.data}
            form={form}
            task={task}
            view={view.data}
            onChanged={view.reload}
            onConflict={() => {
              setConflict(true);
              view.reload();
            }}
          />
        )}
        <RelatedLists app={app.data} recordId={record.id} keys={related} />
      </section>
    </FileRecord.Provider>
  );
}
