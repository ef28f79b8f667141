/** Home: the forms the user may submit with their records (a customer's own), their open-task count, recent notifications. */
import { api } from '../../../../ui/api.js';
import { loadApps, submittableForms, useAsync, useSession } from '../../../../ui/data.js';
import { loc, useI18n } from '../i18n.js';
import { Link } from '../../../../ui/router.js';
import type { Notification } from '../types.js';
import { isCustomerIn } from '../viewer.js';
import { NotificationList } from './notifications-page.js';

export function HomePage({ openCount }: { openCount: string }) {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const admin = user.roles.includes('admin');
  const apps = useAsync(loadApps, []);
  const notes = useAsync(() => api<Notification[]>('GET', '/notifications?limit=5'), []);
  const groups = (apps.data ?? [])
    .map((app) => ({ app, forms: submittableForms(app, user) }))
    .filter((g) => g.forms.length > 0);
  return (
    <div className="home">
      <section className="card tasks-card">
        <h2>{t('openTasks')}</h2>
        <p className="big-number" data-testid="home-open-count">
          {openCount || '0'}
        </p>
        <Link to="/inbox" className="button">
          {t('inbox')}
        </Link>
      </section>
      {(admin || (apps.data ?? []).some((a) => (a as { canDesign?: boolean }).canDesign === true)) && (
        // The designer is its own bundle: a page load, not a route of this app.
        <section className="card" data-testid="design-links">
          <h2>{t('designTools')}</h2>
          <p className="row">
            <a href="/design" className="button secondary">
              {t('appStudio')}
            </a>
            {admin && (
              <a href="/admin" className="button secondary">
                {t('adminConsole')}
              </a>
            )}
          </p>
        </section>
      )}
      <section className="card">
        <h2>{t('myForms')}</h2>
        {apps.loading && !apps.data && <p className="muted">{t('loading')}</p>}
        {apps.data && groups.length === 0 && <p className="muted">{t('noForms')}</p>}
        {groups.map(({ app, forms }) => (
          <div key={app.key} className="app-group">
            <h3>{loc(app.name, lang)}</h3>
            <ul className="form-links">
              {forms.map((f) => (
                <li key={f.key}>
                  <Link to={`/new/${app.key}/${f.key}`} className="button secondary">
                    + {loc(f.name, lang)}
                  </Link>{' '}
                  <Link to={`/apps/${app.key}/forms/${f.key}/records`} data-testid={`my-records-${f.key}`}>
                    {t(isCustomerIn(app, user.roles) ? 'myRecords' : 'allRecords', {
                      form: loc(f.name, lang),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="card">
        <div className="page-head">
          <h2>{t('recentNotifications')}</h2>
          <Link to="/notifications">{t('viewAll')}</Link>
        </div>
        {notes.data ? (
          <NotificationList items={notes.data} onOpened={notes.reload} />
        ) : (
          <p className="muted">{t('loading')}</p>
        )}
      </section>
    </div>
  );
}
