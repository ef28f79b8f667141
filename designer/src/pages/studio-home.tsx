/**
 * The app studio's home: a card per app the user may design (status, version, unpublished draft,
 * what it holds) with its versions page, and for administrators rename, archive, design roles, a
 * blank app and the template gallery with one-click install.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { api, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link } from '../../../ui/router.js';
import type { LocalizedText } from '../../../engine/definition/types.js';
import { isAdmin, type Me } from '../me.js';
import { useT } from '../i18n.js';
import type { StudioApp, TemplateInfo } from '../studio-types.js';
import { Notice, useNotice } from '../notice.js';

function nameText(name: LocalizedText): { zh: string; en: string } {
  return typeof name === 'string' ? { zh: name, en: name } : { zh: name.zh ?? '', en: name.en ?? '' };
}

/** Chinese and English names, one required: what the blank-app and rename forms ask for. */
function NameInputs({
  value,
  onChange,
  idPrefix,
}: {
  value: { zh: string; en: string };
  onChange: (v: { zh: string; en: string }) => void;
  idPrefix: string;
}) {
  const { t } = useT();
  return (
    <>
      <label htmlFor={`${idPrefix}-zh`}>{t('appNameZh')}</label>
      <input
        id={`${idPrefix}-zh`}
        value={value.zh}
        onChange={(e) => onChange({ ...value, zh: e.target.value })}
        maxLength={200}
      />
      <label htmlFor={`${idPrefix}-en`}>{t('appNameEn')}</label>
      <input
        id={`${idPrefix}-en`}
        value={value.en}
        onChange={(e) => onChange({ ...value, en: e.target.value })}
        maxLength={200}
      />
    </>
  );
}

function toName(v: { zh: string; en: string }): LocalizedText {
  const out: { zh?: string; en?: string } = {};
  if (v.zh.trim()) out.zh = v.zh.trim();
  if (v.en.trim()) out.en = v.en.trim();
  return out;
}

function BlankAppForm({
  onCreated,
  onCancel,
}: {
  onCreated: (app: StudioApp) => void;
  onCancel: () => void;
}) {
  const { t } = useT();
  const [key, setKey] = useState('');
  const [name, setName] = useState({ zh: '', en: '' });
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    try {
      onCreated(await api<StudioApp>('POST', '/studio/apps', { key, name: toName(name) }));
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('newBlankApp')}>
      <h2>{t('newBlankApp')}</h2>
      <label htmlFor="blank-key">{t('appKey')}</label>
      <input
        id="blank-key"
        value={key}
        onChange={(e) => setKey(e.target.value)}
        pattern="[a-z][a-z0-9_]{0,62}"
        required
        aria-describedby="blank-key-help"
      />
      <small id="blank-key-help">{t('appKeyHelp')}</small>
      <NameInputs value={name} onChange={setName} idPrefix="blank-name" />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" disabled={!key || (!name.zh.trim() && !name.en.trim())}>
          {t('create')}
        </button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

function AppCard({
  app,
  admin,
  onChanged,
}: {
  app: StudioApp;
  admin: boolean;
  onChanged: (app: StudioApp) => void;
}) {
  const { t, lang } = useT();
  const [mode, setMode] = useState<'rename' | 'designers'>();
  const [name, setName] = useState(() => nameText(app.name));
  const [designRoles, setDesignRoles] = useState(() => app.roles.filter((r) => r.design).map((r) => r.key));
  const [error, setError] = useState<string>();
  const title = loc(app.name, lang);
  const run = async (call: () => Promise<StudioApp>) => {
    setError(undefined);
    try {
      onChanged(await call());
      setMode(undefined);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const path = `/studio/apps/${encodeURIComponent(app.key)}`;
  return (
    <article className={`card app-card ${app.status}`} aria-label={title} data-app={app.key}>
      <div className="row spread">
        <h3>{title}</h3>
        <span className={`badge ${app.status}`}>
          {app.status === 'archived' ? t('statusArchived') : t('statusActive')}
        </span>
      </div>
      {app.description && <p className="muted">{loc(app.description, lang)}</p>}
      <p>
        {t('versionN', { n: app.version })} · {t('formsN', { n: app.counts.forms })} ·{' '}
        {t('flowsN', { n: app.counts.flows })} · {t('dashboardsN', { n: app.counts.dashboards })}
      </p>
      <p className={app.draftChanged ? 'warn' : 'muted'}>
        {app.draftChanged ? t('draftChanged') : t('draftClean')}
      </p>
      <div className="row">
        <Link to={`/design/apps/${encodeURIComponent(app.key)}/versions`}>{t('openApp')}</Link>
        {admin && (
          <>
            <button
              type="button"
              className="quiet"
              onClick={() => setMode(mode === 'rename' ? undefined : 'rename')}
            >
              {t('rename')}
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => setMode(mode === 'designers' ? undefined : 'designers')}
            >
              {t('designers')}
            </button>
            <button
              type="button"
              className="quiet"
              onClick={() => {
                if (app.status === 'archived') void run(() => api('POST', `${path}/unarchive`));
                else if (window.confirm(t('archiveConfirm', { name: title })))
                  void run(() => api('POST', `${path}/archive`));
              }}
            >
              {app.status === 'archived' ? t('unarchive') : t('archive')}
            </button>
          </>
        )}
      </div>
      {mode === 'rename' && (
        <form
          className="form"
          onSubmit={(e) => (e.preventDefault(), void run(() => api('PATCH', path, { name: toName(name) })))}
        >
          <NameInputs value={name} onChange={setName} idPrefix={`rename-${app.key}`} />
          <button type="submit" disabled={!name.zh.trim() && !name.en.trim()}>
            {t('save')}
          </button>
        </form>
      )}
      {mode === 'designers' && (
        <form
          className="form"
          onSubmit={(e) => (e.preventDefault(), void run(() => api('PATCH', path, { designRoles })))}
        >
          <p className="muted">{t('designersHelp')}</p>
          {app.roles.length === 0 && <p>{t('noRoles')}</p>}
          {app.roles.map((role) => (
            <label key={role.key} className="check">
              <input
                type="checkbox"
                checked={designRoles.includes(role.key)}
                onChange={(e) =>
                  setDesignRoles(
                    e.target.checked ? [...designRoles, role.key] : designRoles.filter((r) => r !== role.key),
                  )
                }
              />
              {loc(role.name, lang)}
            </label>
          ))}
          <button type="submit">{t('save')}</button>
        </form>
      )}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </article>
  );
}

function Gallery({
  installedKeys,
  onInstalled,
}: {
  installedKeys: Set<string>;
  onInstalled: (name: string, records: number) => void;
}) {
  const { t, lang } = useT();
  const [templates, setTemplates] = useState<TemplateInfo[]>();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<TemplateInfo[]>('GET', '/templates').then(setTemplates, (e: unknown) => setError(errorText(e)));
  }, []);
  const install = async (template: TemplateInfo) => {
    setBusy(template.key);
    setError(undefined);
    try {
      const res = await api<{ sampleRecords: number }>('POST', '/apps', { template: template.key });
      onInstalled(loc(template.name, lang), res.sampleRecords);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(undefined);
    }
  };
  return (
    <section aria-labelledby="gallery-title">
      <h2 id="gallery-title">{t('templates')}</h2>
      <p className="muted">{t('templatesHelp')}</p>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="grid">
        {templates?.map((template) => {
          const records = Object.values(template.contents.sampleRecords).reduce((a, b) => a + b, 0);
          const name = loc(template.name, lang);
          const installed = installedKeys.has(template.key);
          return (
            <article
              key={template.key}
              className="card template"
              aria-label={name}
              data-template={template.key}
            >
              {template.screenshot && <img src={template.screenshot} alt="" loading="lazy" />}
              <h3>{name}</h3>
              <p>{loc(template.description, lang)}</p>
              <p className="muted">
                {t('formsN', { n: template.contents.forms })} · {t('flowsN', { n: template.contents.flows })}{' '}
                · {t('dashboardsN', { n: template.contents.dashboards })} ·{' '}
                {t('sampleRecords', { n: records })}
              </p>
              <button
                type="button"
                disabled={installed || busy !== undefined}
                onClick={() => void install(template)}
              >
                {installed ? t('installed') : busy === template.key ? t('installing') : t('install')}
              </button>
            </article>
          );
        })}
      </div>
    </section>
  );
}

export function StudioHome({ me }: { me: Me }) {
  const { t } = useT();
  const admin = isAdmin(me);
  const [apps, setApps] = useState<StudioApp[]>();
  const [error, setError] = useState<string>();
  const [creating, setCreating] = useState(false);
  const [notice, say] = useNotice();
  const load = useCallback(() => {
    api<StudioApp[]>('GET', '/studio/apps').then(setApps, (e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const replace = (app: StudioApp) => setApps((list) => list?.map((a) => (a.key === app.key ? app : a)));
  return (
    <div className="page">
      <div className="row spread">
        <h1>{t('studio')}</h1>
        {admin && !creating && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('newBlankApp')}
          </button>
        )}
      </div>
      <Notice text={notice} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {creating && (
        <BlankAppForm
          onCancel={() => setCreating(false)}
          onCreated={(app) => {
            setCreating(false);
            setApps((list) => [...(list ?? []), app]);
            say(t('created', { name: app.key }));
          }}
        />
      )}
      <section aria-labelledby="apps-title">
        <h2 id="apps-title">{t('apps')}</h2>
        {apps === undefined ? (
          <div className="boot" aria-busy="true" />
        ) : apps.length === 0 ? (
          <p className="muted">{admin ? t('noApps') : t('notAllowed')}</p>
        ) : (
          <div className="grid">
            {apps.map((app) => (
              <AppCard key={app.key} app={app} admin={admin} onChanged={replace} />
            ))}
          </div>
        )}
      </section>
      {admin && apps && (
        <Gallery
          installedKeys={new Set(apps.map((a) => a.key))}
          onInstalled={(name, records) => {
            say(t('installedNotice', { name, records }));
            load();
          }}
        />
      )}
    </div>
  );
}
