/**
 * The app shell: restores the session (`GET /auth/me`, asked only when the session's cookies are
 * there), shows sign-in when there is none, and otherwise the header (home, inbox with its count,
 * notifications bell, language, sign out) and the page the path names.
 */
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { api, mayHaveSession, setRequestLanguage, setUnauthenticatedHandler } from '../../../ui/api.js';
import {
  clearCache,
  loadApps,
  POLL_MS,
  SessionContext,
  useAsync,
  useOnChange,
  usePolling,
  type Session,
} from '../../../ui/data.js';
import {
  I18nContext,
  initialLang,
  rememberLang,
  storedLang,
  translator,
  useI18n,
  type Lang,
} from './i18n.js';
import { LanguageSwitch } from '../../../ui/layout/language-switch.js';
import { PageShell } from '../../../ui/layout/page-shell.js';
import { CasePage } from './pages/case-page.js';
import { HomePage } from './pages/home-page.js';
import { InboxPage } from './pages/inbox-page.js';
import { LoginPage } from './pages/login-page.js';
import { NewRecordPage } from './pages/new-record-page.js';
import { NotificationsPage } from './pages/notifications-page.js';
import { TaskPage } from './pages/task-page.js';
import { forgetPeople, loadDirectory, rememberUser } from '../../../ui/records.js';
import { isStaffOf } from './reports/staff.js';
import { Link, match, navigate, useLocation } from '../../../ui/router.js';
import type { Notification, Task, User } from './types.js';

// Reports bring chart.js: loaded when first opened.
const reportPages = () => import('./pages/report-pages.js');
const ReportsPage = lazy(() => reportPages().then((m) => ({ default: m.ReportsPage })));
const DashboardPage = lazy(() => reportPages().then((m) => ({ default: m.DashboardPage })));
const AnalyticsPage = lazy(() => reportPages().then((m) => ({ default: m.AnalyticsPage })));
const RecordsPage = lazy(() => reportPages().then((m) => ({ default: m.RecordsPage })));

export interface Counts {
  open: string;
  unread: number;
  refresh: () => void;
}

function useCounts(): Counts {
  const [open, setOpen] = useState('');
  const [unread, setUnread] = useState(0);
  const refresh = useCallback(() => {
    void api<{ items: Task[]; nextCursor?: string }>('GET', '/tasks?status=open&limit=200').then(
      (p) => setOpen(`${p.items.length}${p.nextCursor ? '+' : ''}`),
      () => undefined,
    );
    void api<Notification[]>('GET', '/notifications?unread=true&limit=100').then(
      (n) => setUnread(n.length),
      () => undefined,
    );
  }, []);
  useEffect(refresh, [refresh]);
  usePolling(refresh, POLL_MS);
  useOnChange(refresh);
  return { open, unread, refresh };
}

function Shell({ session }: { session: Session }) {
  const { t } = useI18n();
  const counts = useCounts();
  const { path, params } = useLocation();
  const apps = useAsync(loadApps, []);
  const reports = (apps.data ?? []).some((a) => isStaffOf(a, session.user));
  let page;
  let m: Record<string, string> | undefined;
  if (path === '/' || path === '/login') page = <HomePage openCount={counts.open} />;
  else if (path === '/inbox') page = <InboxPage />;
  else if (path === '/notifications') page = <NotificationsPage />;
  else if ((m = match('/tasks/:record/:task', path)))
    page = <TaskPage recordId={m.record!} taskId={m.task!} />;
  else if ((m = match('/new/:app/:form', path))) page = <NewRecordPage appKey={m.app!} formKey={m.form!} />;
  else if ((m = match('/cases/:id', path))) page = <CasePage recordId={m.id!} />;
  else if (path === '/reports') page = <ReportsPage />;
  else if ((m = match('/apps/:app/dashboards', path))) page = <DashboardPage appKey={m.app!} />;
  else if ((m = match('/apps/:app/dashboards/:key', path)))
    page = <DashboardPage key={`${m.app}/${m.key}`} appKey={m.app!} dashboardKey={m.key} />;
  else if ((m = match('/apps/:app/flows/:flow/analytics', path)))
    page = <AnalyticsPage key={`${m.app}/${m.flow}`} appKey={m.app!} flowKey={m.flow!} />;
  else if ((m = match('/apps/:app/forms/:form/records', path)))
    page = (
      <RecordsPage
        appKey={m.app!}
        formKey={m.form!}
        filter={params.get('filter') ?? undefined}
        title={params.get('title') ?? undefined}
      />
    );
  else page = <p className="notice">{t('notFound')}</p>;
  const here = (p: string) => (path === p ? 'page' : undefined);
  return (
    <SessionContext.Provider value={session}>
      <PageShell
        brand="Flowcase"
        nav={
          <>
            <Link to="/" aria-current={here('/')}>
              {t('home')}
            </Link>
            <Link to="/inbox" aria-current={here('/inbox')} data-testid="nav-inbox">
              {t('inbox')}
              {counts.open && counts.open !== '0' && (
                <span className="badge" data-testid="inbox-count">
                  {counts.open}
                </span>
              )}
            </Link>
            {reports && (
              <Link
                to="/reports"
                aria-current={path === '/reports' || path.startsWith('/apps/') ? 'page' : undefined}
                data-testid="nav-reports"
              >
                {t('reports')}
              </Link>
            )}
            <Link
              to="/notifications"
              aria-current={here('/notifications')}
              className="bell"
              aria-label={`${t('notifications')}${counts.unread ? ` (${t('unreadCount', { n: counts.unread })})` : ''}`}
              data-testid="bell"
            >
              <svg
                aria-hidden="true"
                width="20"
                height="20"
                viewBox="0 0 24 24"
                fill="none"
                stroke="currentColor"
                strokeWidth="2"
                strokeLinecap="round"
                strokeLinejoin="round"
              >
                <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
                <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
              </svg>
              {counts.unread > 0 && (
                <span className="badge" data-testid="unread-count">
                  {counts.unread}
                </span>
              )}
            </Link>
          </>
        }
        end={
          <>
            <LanguageSwitch />
            <span className="user-name" data-testid="user-name">
              {session.user.displayName}
            </span>
            <button
              type="button"
              className="link"
              onClick={() => void session.signOut()}
              data-testid="sign-out"
            >
              {t('signOut')}
            </button>
          </>
        }
      >
        <Suspense fallback={<p className="muted">{t('loading')}</p>}>{page}</Suspense>
      </PageShell>
    </SessionContext.Provider>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // Set while rendering, before any page's effects send their requests.
  setRequestLanguage(lang);
  const [user, setUser] = useState<User | null | undefined>(undefined);

  const setLang = useCallback((l: Lang) => {
    rememberLang(l);
    setLangState(l);
  }, []);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const signedIn = useCallback((u: User) => {
    forgetPeople();
    rememberUser(u);
    void loadDirectory(u.roles.includes('admin'));
    // The user's own language applies until they pick one on this device.
    if (!storedLang()) setLangState(u.language);
    setUser(u);
  }, []);

  useEffect(() => {
    setUnauthenticatedHandler(() => setUser(null));
    // No session cookie: the sign-in page at once, without a request that can only answer 401.
    if (!mayHaveSession()) {
      setUser(null);
      return;
    }
    api<User>('GET', '/auth/me').then(signedIn, () => setUser(null));
  }, [signedIn]);

  const session = useMemo<Session | undefined>(
    () =>
      user
        ? {
            user,
            signOut: async () => {
              await api('POST', '/auth/logout').catch(() => undefined);
              clearCache();
              setUser(null);
              navigate('/login', { replace: true });
            },
          }
        : undefined,
    [user],
  );

  const i18n = useMemo(() => ({ lang, t: translator(lang), setLang }), [lang, setLang]);
  return (
    <I18nContext.Provider value={i18n}>
      {user === undefined ? (
        <div className="boot" aria-busy="true" />
      ) : session ? (
        <Shell session={session} />
      ) : (
        <LoginPage onSignedIn={signedIn} language={<LanguageSwitch />} />
      )}
    </I18nContext.Provider>
  );
}
