/**
 * Reports: for each app the user works in as staff, its dashboards, its flows' analytics and the
 * record list of each form (search, filters, columns, export).
 */
import { loadApps, useAsync, useSession } from '../../../../ui/data.js';
import { loc, useI18n } from '../i18n.js';
import { Link } from '../../../../ui/router.js';
import { isStaffOf } from '../reports/staff.js';
import { dashboardsOf } from './dashboard-page.js';

export function ReportsPage() {
  const { t, lang } = useI18n();
  const { user } = useSession();
  const apps = useAsync(loadApps, []);
  const mine = (apps.data ?? []).filter((a) => isStaffOf(a, user));
  return (
    <section className="reports">
      <h1>{t('reports')}</h1>
      {apps.loading && !apps.data && <p className="muted">{t('loading')}</p>}
      {apps.data && mine.length === 0 && <p className="muted">{t('noReports')}</p>}
      {mine.map((app) => (
        <section key={app.key} className="card" data-testid={`reports-${app.key}`}>
          <h2>{loc(app.name, lang)}</h2>
          <div className="report-columns">
            <div>
              <h3>{t('dashboards')}</h3>
              {dashboardsOf(app).length === 0 ? (
                <p className="muted small">{t('noDashboards')}</p>
              ) : (
                <ul className="plain-links">
                  {dashboardsOf(app).map((d) => (
                    <li key={d.key}>
                      <Link
                        to={`/apps/${encodeURIComponent(app.key)}/dashboards/${encodeURIComponent(d.key)}`}
                        data-testid={`open-dashboard-${d.key}`}
                      >
                        {loc(d.name, lang)}
                      </Link>
                    </li>
                  ))}
                </ul>
              )}
            </div>
            <div>
              <h3>{t('processAnalytics')}</h3>
              <ul className="plain-links">
                {app.flows.map((f) => (
                  <li key={f.key}>
                    <Link
                      to={`/apps/${encodeURIComponent(app.key)}/flows/${encodeURIComponent(f.key)}/analytics`}
                      data-testid={`open-analytics-${f.key}`}
                    >
                      {loc(f.name, lang)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
            <div>
              <h3>{t('recordLists')}</h3>
              <ul className="plain-links">
                {app.forms.map((f) => (
                  <li key={f.key}>
                    <Link
                      to={`/apps/${encodeURIComponent(app.key)}/forms/${encodeURIComponent(f.key)}/records`}
                      data-testid={`open-records-${f.key}`}
                    >
                      {loc(f.name, lang)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          </div>
        </section>
      ))}
    </section>
  );
}
