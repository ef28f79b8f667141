/**
 * One app's versions: the draft beside the published version (whether it has unpublished changes,
 * what publishing would change, from `GET /apps/:app/draft/diff`, and its problems), the publish
 * button, and the history of published versions with who published each and when.
 */
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link, navigate } from '../../../ui/router.js';
import { useT } from '../i18n.js';
import { Notice, useNotice } from '../notice.js';
import type { DraftChange, StudioApp, StudioVersion } from '../studio-types.js';
import { AppFlows } from './app-flows.js';
import { AppDashboards } from '../dashboard-designer/app-dashboards.js';
import { AppRolesEditor } from './app-roles-editor.js';
import { DraftScenarios } from './draft-scenarios.js';
import { VersionMigrations } from './version-migrations.js';
import { CHANGE_WORDS, KIND_WORDS, word } from './change-words.js';
import { VersionCompare } from './version-compare.js';

/** What the forms list needs of a draft form (a draft may be invalid: only `key` is relied on). */
interface DraftForm {
  key: string;
  name?: unknown;
  fields?: unknown[];
}

/** A form key as the definition format takes it (engine/definition/key-checks.ts). */
const FORM_KEY = /^[a-z][a-z0-9_]{0,62}$/;

interface Diff {
  version: number;
  revision: number;
  changes: (DraftChange & { key: string; form?: string; flow?: string })[];
}

export function AppVersions({ app }: { app: string }) {
  const { t, lang } = useT();
  const [view, setView] = useState<StudioApp>();
  const [versions, setVersions] = useState<StudioVersion[]>();
  const [diff, setDiff] = useState<Diff | null>();
  const [problems, setProblems] = useState(0);
  const [forms, setForms] = useState<DraftForm[]>([]);
  const [newForm, setNewForm] = useState('');
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [notice, say] = useNotice();
  const base = `/studio/apps/${encodeURIComponent(app)}`;
  const load = useCallback(() => {
    setError(undefined);
    api<StudioApp>('GET', base).then(setView, (e: unknown) => setError(errorText(e)));
    api<StudioVersion[]>('GET', `${base}/versions`).then(setVersions, (e: unknown) => setError(errorText(e)));
    // The summary of changes and the draft's problems come from the draft routes; without them
    // (an older server) the page still shows the versions and publishes.
    api<Diff>('GET', `/apps/${encodeURIComponent(app)}/draft/diff`).then(setDiff, () => setDiff(null));
    api<{ problems?: unknown[]; draft?: { forms?: DraftForm[] } }>(
      'GET',
      `/apps/${encodeURIComponent(app)}/draft`,
    ).then(
      (d) => {
        setProblems(Array.isArray(d.problems) ? d.problems.length : 0);
        setForms(
          Array.isArray(d.draft?.forms) ? d.draft.forms.filter((f) => typeof f?.key === 'string') : [],
        );
      },
      () => setProblems(0),
    );
  }, [app, base]);
  useEffect(load, [load]);

  const publish = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const res = await api<{ version: number }>('POST', `/apps/${encodeURIComponent(app)}/publish`);
      say(t('publishedNotice', { n: res.version }));
      load();
    } catch (err) {
      setError(
        err instanceof ApiError && err.problems.length > 0
          ? t('problems', { n: err.problems.length })
          : errorText(err),
      );
    } finally {
      setBusy(false);
    }
  };

  const when = (iso: string) =>
    new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
  const changed = view?.draftChanged ?? false;
  const designForm = (key: string) =>
    navigate(`/design/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(key)}`);
  const newKeyProblem =
    newForm === ''
      ? undefined
      : !FORM_KEY.test(newForm)
        ? t('formKeyHelp')
        : forms.some((f) => f.key === newForm)
          ? t('formKeyTaken')
          : undefined;
  return (
    <div className="page">
      <p>
        <Link to="/design">← {t('studio')}</Link>
      </p>
      <h1>{view ? t('versionsOf', { name: loc(view.name, lang) }) : t('versions')}</h1>
      <Notice text={notice} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {view && (
        <div className="grid two">
          <section className="card" aria-labelledby="published-title">
            <h2 id="published-title">{t('published')}</h2>
            <p>
              {t('currentVersion')}
              {t('colon')}
              <strong data-testid="current-version">{view.version}</strong>
            </p>
            <p className="muted">{when(view.publishedAt)}</p>
          </section>
          <section className="card" aria-labelledby="draft-title">
            <h2 id="draft-title">{t('draft')}</h2>
            <p className={changed ? 'warn' : 'muted'}>{changed ? t('draftChanged') : t('draftClean')}</p>
            {problems > 0 && <p className="error">{t('problems', { n: problems })}</p>}
            {changed && (
              <>
                <h3>{t('changes')}</h3>
                {diff ? (
                  <ul className="changes" data-testid="draft-changes">
                    {diff.changes.map((c) => (
                      <li key={`${c.kind}:${c.path}:${c.change}`}>
                        {word(KIND_WORDS, c.kind, lang)} <code>{c.key}</code>{' '}
                        {word(CHANGE_WORDS, c.change, lang)}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{t('noDiff')}</p>
                )}
              </>
            )}
            <button type="button" onClick={() => void publish()} disabled={busy || !changed || problems > 0}>
              {busy ? t('publishing') : t('publish')}
            </button>
            {!changed && <p className="muted">{t('nothingToPublish')}</p>}
          </section>
        </div>
      )}
      <DraftScenarios app={app} revision={diff?.revision} onChanged={load} />
      <AppFlows app={app} />
      <AppDashboards app={app} />
      <AppRolesEditor app={app} onSaved={load} />
      <section className="card" aria-labelledby="forms-title">
        <h2 id="forms-title">{t('forms')}</h2>
        {forms.length === 0 ? (
          <p className="muted">{t('noForms')}</p>
        ) : (
          <ul className="forms" data-testid="draft-forms">
            {forms.map((f) => (
              <li key={f.key}>
                <Link to={`/design/apps/${encodeURIComponent(app)}/forms/${encodeURIComponent(f.key)}`}>
                  {formName(f, lang)}
                </Link>{' '}
                <span className="muted">
                  <code>{f.key}</code> · {t('fieldsN', { n: Array.isArray(f.fields) ? f.fields.length : 0 })}
                </span>
              </li>
            ))}
          </ul>
        )}
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            if (newForm && !newKeyProblem) designForm(newForm);
          }}
        >
          <label>
            {t('newFormKey')}
            <input
              value={newForm}
              onChange={(e) => setNewForm(e.target.value.trim())}
              aria-invalid={newKeyProblem ? true : undefined}
              aria-describedby="new-form-help"
              placeholder="service_visit"
            />
          </label>
          <button type="submit" disabled={!newForm || newKeyProblem !== undefined}>
            {t('newForm')}
          </button>
        </form>
        <p id="new-form-help" className={newKeyProblem ? 'error' : 'muted'}>
          {newKeyProblem ?? t('formKeyHelp')}
        </p>
      </section>
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('history')}</h2>
        <ol className="history" data-testid="version-history">
          {versions?.map((v) => (
            <li key={v.version} aria-current={v.current ? 'true' : undefined}>
              <strong>{t('versionN', { n: v.version })}</strong>
              {v.current && <span className="badge active">{t('currentVersion')}</span>}{' '}
              <span className="muted">
                {t('publishedBy', { who: v.publishedBy.displayName, when: when(v.publishedAt) })}
              </span>
            </li>
          ))}
        </ol>
      </section>
      {versions && <VersionCompare app={app} versions={versions} />}
      <VersionMigrations app={app} currentVersion={view?.version} onChanged={load} />
    </div>
  );
}

/** A draft form's name in the reader's language, its key when it has none yet. */
function formName(form: DraftForm, lang: string): string {
  const name = form.name;
  if (typeof name === 'string' && name) return name;
  if (name && typeof name === 'object') {
    const words = name as Record<string, unknown>;
    const picked = words[lang === 'en' ? 'en' : 'zh'] ?? words['zh'] ?? words['en'];
    if (typeof picked === 'string' && picked) return picked;
  }
  return form.key;
}
