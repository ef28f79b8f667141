/**
 * The designer's shell: restores the session the web app signed in (the same cookie; a sign-in
 * form otherwise), the language, the header (app studio, admin console for admins, back to the
 * web app), and which page the path shows: `/design` the studio, `/design/apps/:app/versions` an
 * app's versions, `/admin` users, `/admin/roles` roles and their holders.
 */
import { lazy, Suspense, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, mayHaveSession, setRequestLanguage, setUnauthenticatedHandler } from '../../ui/api.js';
import { I18nContext, initialLang, rememberLang, translator, type Lang } from '../../ui/i18n.js';
import { Link, match, useLocation } from '../../ui/router.js';
import { MESSAGES, useT } from './i18n.js';
import { isAdmin, type Me } from './me.js';
import { SignIn } from './sign-in.js';
import { AdminRoles } from './pages/admin-roles.js';
import { AdminUsers } from './pages/admin-users.js';
import { AppVersions } from './pages/app-versions.js';
import { StudioHome } from './pages/studio-home.js';

const FlowDesignerPage = lazy(() =>
  import('./flow-designer/flow-designer-page.js').then((m) => ({ default: m.FlowDesignerPage })),
);
const FormDesignerPage = lazy(() =>
  import('./form-designer/form-designer-page.js').then((m) => ({ default: m.FormDesignerPage })),
);

const DashboardDesignerPage = lazy(() =>
  import('./dashboard-designer/dashboard-designer-page.js').then((m) => ({
    default: m.DashboardDesignerPage,
  })),
);

const PanelsPage = lazy(() =>
  import('./flow-designer/panels/panels-page.js').then((m) => ({ default: m.PanelsPage })),
);

const SimulatorPage = lazy(() =>
  import('./flow-designer/simulator/simulator-page.js').then((m) => ({ default: m.SimulatorPage })),
);

function LanguageSwitch() {
  const { lang, setLang, t } = useT();
  return (
    <select aria-label={t('language')} value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
      <option value="zh-CN">中文</option>
      <option value="en">English</option>
    </select>
  );
}

function Shell({ me, onSignOut, children }: { me: Me; onSignOut: () => void; children: ReactNode }) {
  const { t } = useT();
  const { path } = useLocation();
  return (
    <>
      <header className="top">
        <nav aria-label={t('studio')}>
          <Link to="/design" aria-current={path.startsWith('/design') ? 'page' : undefined}>
            {t('studio')}
          </Link>
          {isAdmin(me) && (
            <Link to="/admin" aria-current={path.startsWith('/admin') ? 'page' : undefined}>
              {t('admin')}
            </Link>
          )}
          {/* The end-user web app is another page load (its own bundle). */}
          <a href="/">{t('backToApps')}</a>
        </nav>
        <span className="who" data-testid="user-name">
          {me.displayName}
        </span>
        <LanguageSwitch />
        <button type="button" className="quiet" onClick={onSignOut}>
          {t('signOut')}
        </button>
      </header>
      <main id="main">{children}</main>
    </>
  );
}

/** A new flow's form, named by the studio's "new flow" (`?form=`). */
function newFlowForm(): { newOnForm?: string } {
  const form = new URLSearchParams(window.location.search).get('form');
  return form ? { newOnForm: form } : {};
}

function Page({ me }: { me: Me }) {
  const { path } = useLocation();
  const formDesign = match('/design/apps/:app/forms/:form', path);
  if (formDesign)
    return (
      // The form designer (dnd-kit, the engine's form compiler) loads only when a form is opened.
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <FormDesignerPage app={formDesign.app!} form={formDesign.form!} />
      </Suspense>
    );
  const panels = match('/design/apps/:app/flows/:flow/panels', path);
  if (panels)
    return (
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <PanelsPage app={panels.app!} flow={panels.flow!} />
      </Suspense>
    );
  const simulate = match('/design/apps/:app/flows/:flow/simulate', path);
  if (simulate)
    return (
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <SimulatorPage app={simulate.app!} flow={simulate.flow!} />
      </Suspense>
    );
  const flowDesign = match('/design/apps/:app/flows/:flow', path);
  if (flowDesign)
    return (
      // The flow designer (xyflow, dagre, the simulator) loads only when a flow is opened.
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <FlowDesignerPage app={flowDesign.app!} flow={flowDesign.flow!} {...newFlowForm()} />
      </Suspense>
    );
  const dashboardDesign = match('/design/apps/:app/dashboards/:dashboard', path);
  if (dashboardDesign)
    return (
      // The dashboard designer (react-grid-layout, the widget cards) loads only when a dashboard is opened.
      <Suspense fallback={<div className="boot" aria-busy="true" />}>
        <DashboardDesignerPage app={dashboardDesign.app!} dashboard={dashboardDesign.dashboard!} />
      </Suspense>
    );
  const versions = match('/design/apps/:app/versions', path);
  if (versions) return <AppVersions app={versions.app!} />;
  if (path.startsWith('/admin') && isAdmin(me))
    return path === '/admin/roles' ? <AdminRoles /> : <AdminUsers me={me} />;
  return <StudioHome me={me} />;
}

export function DesignerApp() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const i18n = useMemo(
    () => ({
      lang,
      t: translator(MESSAGES, lang),
      setLang: (next: Lang) => {
        rememberLang(next);
        setLangState(next);
      },
    }),
    [lang],
  );
  useEffect(() => {
    setRequestLanguage(lang);
    document.documentElement.lang = lang;
    document.title = lang === 'en' ? 'Flowcase app studio' : 'Flowcase 应用工作台';
  }, [lang]);
  useEffect(() => {
    setUnauthenticatedHandler(() => setMe(null));
    if (!mayHaveSession()) {
      setMe(null);
      return;
    }
    api<Me>('GET', '/auth/me').then(setMe, () => setMe(null));
  }, []);
  const signOut = () => {
    void api('POST', '/auth/logout')
      .catch(() => undefined)
      .then(() => setMe(null));
  };
  return (
    <I18nContext.Provider value={i18n}>
      {me === undefined ? (
        <div className="boot" aria-busy="true" />
      ) : me === null ? (
        <SignIn onSignedIn={setMe} language={<LanguageSwitch />} />
      ) : (
        <Shell me={me} onSignOut={signOut}>
          <Page me={me} />
        </Shell>
      )}
    </I18nContext.Provider>
  );
}
