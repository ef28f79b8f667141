/**
 * The admin console's users: a searchable table of every account (roles, state), a new-user form
 * (the server's password rules apply), disable/enable, a password reset whose new password is shown
 * once, and each user's roles per app (`PUT /users/:id/app-roles/:app`).
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { api, ApiError, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link } from '../../../ui/router.js';
import type { Me } from '../me.js';
import { useT } from '../i18n.js';
import { Notice, useNotice } from '../notice.js';
import type { AdminUser, StudioApp } from '../studio-types.js';

function problemText(err: unknown): string {
  if (err instanceof ApiError && err.problems.length > 0) return err.problems.map((p) => p.message).join(' ');
  return errorText(err);
}

function NewUserForm({ onCreated, onCancel }: { onCreated: (u: AdminUser) => void; onCancel: () => void }) {
  const { t } = useT();
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [language, setLanguage] = useState<'zh-CN' | 'en'>('zh-CN');
  const [error, setError] = useState<string>();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(undefined);
    try {
      const user = await api<AdminUser>('POST', '/users', {
        username,
        password,
        language,
        ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
      });
      onCreated({ ...user, disabled: false, createdAt: new Date().toISOString() });
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-label={t('newUser')}>
      <h2>{t('newUser')}</h2>
      <label htmlFor="new-username">{t('username')}</label>
      <input
        id="new-username"
        value={username}
        onChange={(e) => setUsername(e.target.value)}
        required
        autoComplete="off"
      />
      <label htmlFor="new-display-name">{t('displayName')}</label>
      <input id="new-display-name" value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      <label htmlFor="new-password">{t('password')}</label>
      <input
        id="new-password"
        type="password"
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        required
        minLength={10}
        autoComplete="new-password"
      />
      <label htmlFor="new-language">{t('language')}</label>
      <select
        id="new-language"
        value={language}
        onChange={(e) => setLanguage(e.target.value as 'zh-CN' | 'en')}
      >
        <option value="zh-CN">中文</option>
        <option value="en">English</option>
      </select>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit">{t('create')}</button>
        <button type="button" className="quiet" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}

/** Checkboxes of each app's roles for one user; saving an app sets exactly its checked roles. */
function RolesEditor({
  user,
  apps,
  onSaved,
}: {
  user: AdminUser;
  apps: StudioApp[];
  onSaved: (u: AdminUser) => void;
}) {
  const { t, lang } = useT();
  const [held, setHeld] = useState(() => new Set(user.roles));
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState<string>();
  const save = async (app: StudioApp) => {
    setError(undefined);
    setSaved(undefined);
    try {
      const roles = app.roles.filter((r) => held.has(r.key)).map((r) => r.key);
      const updated = await api<AdminUser>(
        'PUT',
        `/users/${encodeURIComponent(user.id)}/app-roles/${encodeURIComponent(app.key)}`,
        { roles },
      );
      setHeld(new Set(updated.roles));
      onSaved(updated);
      setSaved(app.key);
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <section className="card roles-editor" aria-label={t('rolesOf', { name: user.displayName })}>
      <h3>{t('rolesOf', { name: user.displayName })}</h3>
      {apps
        .filter((a) => a.roles.length > 0)
        .map((app) => (
          <fieldset key={app.key} data-app={app.key}>
            <legend>{loc(app.name, lang)}</legend>
            {app.roles.map((role) => (
              <label key={role.key} className="check">
                <input
                  type="checkbox"
                  checked={held.has(role.key)}
                  onChange={(e) => {
                    const next = new Set(held);
                    if (e.target.checked) next.add(role.key);
                    else next.delete(role.key);
                    setHeld(next);
                  }}
                />
                {loc(role.name, lang)}
              </label>
            ))}
            <button type="button" onClick={() => void save(app)}>
              {t('save')}
            </button>
            {saved === app.key && <span role="status"> {t('saved')}</span>}
          </fieldset>
        ))}
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
    </section>
  );
}

export function AdminUsers({ me }: { me: Me }) {
  const { t, lang } = useT();
  const [users, setUsers] = useState<AdminUser[]>();
  const [apps, setApps] = useState<StudioApp[]>([]);
  const [q, setQ] = useState('');
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<string>();
  const [reset, setReset] = useState<{ name: string; password: string }>();
  const [error, setError] = useState<string>();
  const [notice, say] = useNotice();
  const load = useCallback(() => {
    api<AdminUser[]>('GET', '/users').then(setUsers, (e: unknown) => setError(errorText(e)));
    api<StudioApp[]>('GET', '/studio/apps').then(setApps, (e: unknown) => setError(errorText(e)));
  }, []);
  useEffect(load, [load]);
  const roleNames = useMemo(() => {
    const names = new Map<string, string>([['admin', t('adminRole')]]);
    for (const app of apps)
      for (const r of app.roles) if (!names.has(r.key)) names.set(r.key, loc(r.name, lang));
    return names;
  }, [apps, lang, t]);
  const shown = (users ?? []).filter((u) => {
    const needle = q.trim().toLowerCase();
    return (
      !needle || u.username.toLowerCase().includes(needle) || u.displayName.toLowerCase().includes(needle)
    );
  });
  const replace = (user: AdminUser) =>
    setUsers((list) => list?.map((u) => (u.id === user.id ? { ...u, ...user } : u)));
  const setDisabled = async (user: AdminUser, disabled: boolean) => {
    setError(undefined);
    try {
      await api('PATCH', `/users/${encodeURIComponent(user.id)}`, { disabled });
      replace({ ...user, disabled });
    } catch (err) {
      setError(problemText(err));
    }
  };
  const resetPassword = async (user: AdminUser) => {
    if (!window.confirm(t('resetConfirm', { name: user.displayName }))) return;
    setError(undefined);
    try {
      const res = await api<{ password: string }>(
        'POST',
        `/users/${encodeURIComponent(user.id)}/reset-password`,
      );
      setReset({ name: user.displayName, password: res.password });
    } catch (err) {
      setError(problemText(err));
    }
  };
  return (
    <div className="page">
      <div className="row spread">
        <h1>{t('admin')}</h1>
        <nav className="row" aria-label={t('admin')}>
          <Link to="/admin" aria-current="page">
            {t('users')}
          </Link>
          <Link to="/admin/roles">{t('roles')}</Link>
        </nav>
      </div>
      <Notice text={notice} />
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      {reset && (
        <div className="card password-once" role="dialog" aria-label={t('resetPassword')}>
          <p>{t('newPassword', { name: reset.name })}</p>
          <p>
            <code data-testid="new-password">{reset.password}</code>
          </p>
          <p className="muted">{t('copyHint')}</p>
          <button type="button" onClick={() => setReset(undefined)}>
            {t('close')}
          </button>
        </div>
      )}
      <div className="row spread">
        <input
          type="search"
          aria-label={t('search')}
          placeholder={t('search')}
          value={q}
          onChange={(e) => setQ(e.target.value)}
        />
        {!creating && (
          <button type="button" onClick={() => setCreating(true)}>
            {t('newUser')}
          </button>
        )}
      </div>
      {creating && (
        <NewUserForm
          onCancel={() => setCreating(false)}
          onCreated={(user) => {
            setCreating(false);
            setUsers((list) => [...(list ?? []), user]);
            setEditing(user.id);
            say(t('created', { name: user.username }));
          }}
        />
      )}
      {users === undefined ? (
        <div className="boot" aria-busy="true" />
      ) : (
        // A phone scrolls the table sideways instead of widening the page.
        <div className="table-wrap">
          <table className="users">
            <thead>
              <tr>
                <th scope="col">{t('username')}</th>
                <th scope="col">{t('displayName')}</th>
                <th scope="col">{t('roles')}</th>
                <th scope="col">{t('state')}</th>
                <th scope="col">{t('actions')}</th>
              </tr>
            </thead>
            <tbody>
              {shown.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('noUsers')}</td>
                </tr>
              )}
              {shown.map((user) => (
                <UserRow
                  key={user.id}
                  user={user}
                  self={user.id === me.id}
                  roleNames={roleNames}
                  editing={editing === user.id}
                  onEdit={() => setEditing(editing === user.id ? undefined : user.id)}
                  onDisable={(d) => void setDisabled(user, d)}
                  onReset={() => void resetPassword(user)}
                >
                  <RolesEditor user={user} apps={apps} onSaved={replace} />
                </UserRow>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function UserRow(props: {
  user: AdminUser;
  self: boolean;
  roleNames: Map<string, string>;
  editing: boolean;
  onEdit: () => void;
  onDisable: (disabled: boolean) => void;
  onReset: () => void;
  children: ReactNode;
}) {
  const { t } = useT();
  const { user } = props;
  return (
    <>
      <tr data-user={user.username} className={user.disabled ? 'disabled' : undefined}>
        <td>{user.username}</td>
        <td>{user.displayName}</td>
        <td>{user.roles.map((r) => props.roleNames.get(r) ?? r).join(t('listSeparator'))}</td>
        <td>{user.disabled ? t('disabledState') : t('enabled')}</td>
        <td className="row">
          <button type="button" className="quiet" onClick={props.onEdit} aria-expanded={props.editing}>
            {t('rolesPerApp')}
          </button>
          {!props.self && (
            <button type="button" className="quiet" onClick={() => props.onDisable(!user.disabled)}>
              {user.disabled ? t('enable') : t('disable')}
            </button>
          )}
          <button type="button" className="quiet" onClick={props.onReset}>
            {t('resetPassword')}
          </button>
        </td>
      </tr>
      {props.editing && (
        <tr>
          <td colSpan={5}>{props.children}</td>
        </tr>
      )}
    </>
  );
}
