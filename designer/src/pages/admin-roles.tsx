/** The admin console's roles: every role with the apps declaring it and how many hold it; who holds one. */
import { useEffect, useState } from 'react';
import { api, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link } from '../../../ui/router.js';
import { useT } from '../i18n.js';
import type { AdminUser, RoleInfo } from '../studio-types.js';

export function AdminRoles() {
  const { t, lang } = useT();
  const [roles, setRoles] = useState<RoleInfo[]>();
  const [open, setOpen] = useState<string>();
  const [holders, setHolders] = useState<AdminUser[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    api<RoleInfo[]>('GET', '/roles').then(setRoles, (e: unknown) => setError(errorText(e)));
  }, []);
  const show = (role: string) => {
    setOpen(role);
    setHolders(undefined);
    api<AdminUser[]>('GET', `/roles/${encodeURIComponent(role)}/users`).then(setHolders, (e: unknown) =>
      setError(errorText(e)),
    );
  };
  const roleName = (r: RoleInfo) =>
    r.key === 'admin' ? t('adminRole') : loc(r.apps[0]?.name ?? r.key, lang);
  const openRole = roles?.find((r) => r.key === open);
  return (
    <div className="page">
      <div className="row spread">
        <h1>{t('admin')}</h1>
        <nav className="row" aria-label={t('admin')}>
          <Link to="/admin">{t('users')}</Link>
          <Link to="/admin/roles" aria-current="page">
            {t('roles')}
          </Link>
        </nav>
      </div>
      {error && (
        <p role="alert" className="error">
          {error}
        </p>
      )}
      <table className="roles">
        <thead>
          <tr>
            <th scope="col">{t('roles')}</th>
            <th scope="col">{t('declaredBy')}</th>
            <th scope="col">{t('holders')}</th>
          </tr>
        </thead>
        <tbody>
          {roles?.map((r) => (
            <tr key={r.key} data-role={r.key}>
              <td>{roleName(r)}</td>
              <td>{r.apps.map((a) => loc(a.appName, lang)).join(t('listSeparator'))}</td>
              <td>
                <button type="button" className="quiet" onClick={() => show(r.key)}>
                  {t('holdersN', { n: r.holders })}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {openRole && (
        <section className="card" aria-label={t('holdersOf', { role: roleName(openRole) })}>
          <h2>{t('holdersOf', { role: roleName(openRole) })}</h2>
          {holders === undefined ? (
            <div className="boot" aria-busy="true" />
          ) : holders.length === 0 ? (
            <p>{t('noHolders')}</p>
          ) : (
            <ul data-testid="role-holders">
              {holders.map((u) => (
                <li key={u.id}>
                  {u.displayName} <span className="muted">{u.username}</span>
                  {u.disabled && <span className="badge archived">{t('disabledState')}</span>}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}
