/**
 * An app's dashboards on its page in the studio: each dashboard of the draft with its widget count,
 * opening the dashboard designer, and a new one started from a key (checked like the definition
 * format's keys; a taken key refused).
 */
import { useEffect, useState } from 'react';
import { api } from '../../../ui/api.js';
import type { LocalizedText } from '../../../engine/definition/types.js';
import { loc } from '../../../ui/i18n.js';
import { Link, navigate } from '../../../ui/router.js';
import { useDashboardWords } from './words.js';

const KEY = /^[a-z][a-z0-9_]{0,62}$/;

interface DraftDashboard {
  key: string;
  name?: LocalizedText;
  widgets?: unknown[];
}

export function AppDashboards({ app }: { app: string }) {
  const { t, lang } = useDashboardWords();
  const [dashboards, setDashboards] = useState<DraftDashboard[]>([]);
  const [key, setKey] = useState('');
  useEffect(() => {
    api<{ draft?: { dashboards?: DraftDashboard[] } }>('GET', `/apps/${encodeURIComponent(app)}/draft`).then(
      (d) =>
        setDashboards(
          Array.isArray(d.draft?.dashboards)
            ? d.draft.dashboards.filter((x) => typeof x?.key === 'string')
            : [],
        ),
      () => undefined,
    );
  }, [app]);
  const base = `/design/apps/${encodeURIComponent(app)}/dashboards/`;
  const taken = dashboards.some((d) => d.key === key);
  const bad = key !== '' && (!KEY.test(key) || taken);
  return (
    <section className="card" aria-labelledby="dashboards-title" data-testid="app-dashboards">
      <h2 id="dashboards-title">{t('dashboards')}</h2>
      <ul className="forms" data-testid="draft-dashboards">
        {dashboards.map((d) => (
          <li key={d.key}>
            <Link to={`${base}${encodeURIComponent(d.key)}`} data-testid={`open-dashboard-${d.key}`}>
              {loc(d.name, lang) || d.key}
            </Link>{' '}
            <span className="muted">
              <code>{d.key}</code> · {t('widgetCount', { n: d.widgets?.length ?? 0 })}
            </span>
          </li>
        ))}
      </ul>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          if (key && !bad) navigate(`${base}${encodeURIComponent(key)}`);
        }}
      >
        <label>
          {t('dashboards')}
          <input
            value={key}
            onChange={(e) => setKey(e.target.value.trim())}
            aria-invalid={bad || undefined}
            placeholder="team_overview"
            data-testid="new-dashboard-key"
          />
        </label>
        <button type="submit" disabled={!key || bad} data-testid="new-dashboard">
          {t('newDashboard')}
        </button>
      </form>
    </section>
  );
}
