/**
 * Fill a form to start a case: every field type, formulas and visibility from the engine as the
 * user types, errors beside fields before submitting (and the server's 422 after), a draft kept
 * in localStorage across reloads; a submitted form opens the new case.
 */
import { useEffect, useMemo, useState, type FocusEvent, type FormEvent } from 'react';
import { api, ApiError } from '../../../../ui/api.js';
import { announceChange, formOf, loadApp, useAsync, useSession } from '../../../../ui/data.js';
import { FormFields } from '../../../../ui/fields/form-fields.js';
import { createFields, useFormState } from '../form-state.js';
import { loc, useI18n } from '../i18n.js';
import { navigate, useLocation } from '../../../../ui/router.js';
import { followUpPrefill } from './follow-up-links.js';
import type { AppView, FormDef, RecordView } from '../types.js';

function draftKey(user: string, app: string, form: string): string {
  return `flowcase.draft.${user}.${app}.${form}`;
}

function readDraft(key: string): Record<string, unknown> | undefined {
  try {
    const raw = localStorage.getItem(key);
    const v: unknown = raw ? JSON.parse(raw) : undefined;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Blur inside a field marks it touched, so its errors show before submitting. */
export function touchOnBlur(touch: (key: string) => void) {
  return (e: FocusEvent<HTMLElement>) => {
    const key = e.target.closest<HTMLElement>('[data-field]')?.dataset.field;
    if (key) touch(key);
  };
}

function NewRecordForm({ app, form }: { app: AppView; form: FormDef }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const key = draftKey(user.id, app.key, form.key);
  const { fields, writable } = useMemo(() => createFields(app, form, user.roles), [app, form, user.roles]);
  // Started from a case (a follow-up survey): its keys, id and title are filled in and kept.
  const { params } = useLocation();
  const prefilled = useMemo(() => followUpPrefill(form, params), [form, params]);
  const initial = useMemo(() => {
    const saved = readDraft(key);
    if (saved)
      return { ...Object.fromEntries(Object.entries(saved).filter(([k]) => writable.has(k))), ...prefilled };
    return {
      ...Object.fromEntries(
        form.fields
          .filter((f) => writable.has(f.key) && f.default !== undefined)
          .map((f) => [f.key, f.default]),
      ),
      ...prefilled,
    };
  }, [key, form, writable, prefilled]);
  const hadDraft = useMemo(() => readDraft(key) !== undefined, [key]);
  const state = useFormState({ app, form, mode: 'create', initial, user: user.id });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string>();

  useEffect(() => {
    try {
      localStorage.setItem(key, JSON.stringify(state.draft));
    } catch {
      // storage full or disabled: the form still works
    }
  }, [key, state.draft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!state.revealAll()) {
      setMessage(t('fixErrors'));
      return;
    }
    setBusy(true);
    setMessage(undefined);
    try {
      const view = await api<RecordView>(
        'POST',
        `/apps/${encodeURIComponent(app.key)}/forms/${encodeURIComponent(form.key)}/records`,
        { data: state.draft },
      );
      localStorage.removeItem(key);
      announceChange();
      navigate(`/cases/${encodeURIComponent(view.record.id)}?created=1`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        state.setServerProblems(err.problems);
        setMessage(t('fixErrors'));
      } else setMessage(t('serverError', { m: err instanceof Error ? err.message : String(err) }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      className="card form"
      onSubmit={(e) => void submit(e)}
      onBlur={touchOnBlur(state.touch)}
      noValidate
      data-testid="new-record-form"
    >
      <h1>{loc(form.name, lang)}</h1>
      {hadDraft && (
        <p className="notice small">
          {t('draftSaved')}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              localStorage.removeItem(key);
              window.location.reload();
            }}
          >
            {t('discardDraft')}
          </button>
        </p>
      )}
      <FormFields
        idPrefix={`new-${form.key}`}
        app={app.key}
        fields={fields.filter((f) => !(f.key in prefilled) || f.key === form.startsFrom?.title)}
        shown={state.shown}
        draft={state.draft}
        onChange={state.setField}
        editable={(f) => writable.has(f.key) && !(f.key in prefilled)}
        required={(f) => f.required === true}
        hidden={state.hidden}
        errors={state.errors}
        {...(state.showErrorsFor ? { showErrorsFor: state.showErrorsFor } : {})}
      />
      {message && (
        <p className="field-error" role="alert" data-testid="form-message">
          {message}
        </p>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !state.ready} data-testid="submit-record">
          {t('submit')}
        </button>
      </div>
    </form>
  );
}

export function NewRecordPage({ appKey, formKey }: { appKey: string; formKey: string }) {
  const { t } = useI18n();
  const app = useAsync(() => loadApp(appKey), [appKey]);
  if (app.error) return <p className="notice">{t('notFound')}</p>;
  if (!app.data) return <p className="muted">{t('loading')}</p>;
  const form = formOf(app.data, formKey);
  if (!form) return <p className="notice">{t('notFound')}</p>;
  return <NewRecordForm key={`${appKey}/${formKey}`} app={app.data} form={form} />;
}
