/**
 * The frame of every page of a browser app: a skip link, the header (the brand linking home, the
 * app's navigation, and what stands at its end: language, who is signed in), then `main`.
 */
import type { ReactNode } from 'react';
import { useI18n } from '../i18n.js';
import { Link } from '../router.js';

export function PageShell({
  brand,
  nav,
  end,
  children,
}: {
  brand: string;
  /** The links of the header's main navigation. */
  nav: ReactNode;
  /** The header's end: language switch, the user, sign out. */
  end: ReactNode;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <a className="skip" href="#main">
        {t('skipToContent')}
      </a>
      <header className="top">
        <Link to="/" className="brand">
          {brand}
        </Link>
        <nav aria-label="main">{nav}</nav>
        <div className="who">{end}</div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
