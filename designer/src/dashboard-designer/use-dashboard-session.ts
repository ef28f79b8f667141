/**
 * The dashboard designer's edit store and autosave for one dashboard of one app: the same store,
 * local copy, If-Match saves and conflict handling as the form and flow designers (`editing/`).
 * Leaving the page saves what is waiting.
 */
import { useEffect, useMemo } from 'react';
import { createEditStore, type EditStore } from '../editing/edit-store.js';
import type { PartDraftServer } from '../editing/draft-part-server.js';
import { startDraftSync, type DraftSync } from '../editing/draft-sync.js';
import { blankDashboard, type DashboardDoc } from './dashboard-doc.js';
import { dashboardDraftServer } from './dashboard-server.js';

export interface DashboardSession {
  edits: EditStore<DashboardDoc>;
  server: PartDraftServer<DashboardDoc>;
  sync: DraftSync;
}

export function useDashboardSession(app: string, key: string): DashboardSession {
  const session = useMemo(() => {
    const edits = createEditStore<DashboardDoc>({ dashboard: blankDashboard(key), layout: { widgets: {} } });
    const server = dashboardDraftServer(app, key);
    const sync = startDraftSync({
      edits,
      server,
      storage: window.localStorage,
      storageKey: `flowcase.designer.${app}.dashboard.${key}`,
      timers: { set: (fn, ms) => window.setTimeout(fn, ms), clear: (h) => window.clearTimeout(h as number) },
    });
    return { edits, server, sync };
  }, [app, key]);
  useEffect(() => {
    const flush = () => void session.sync.flush();
    window.addEventListener('pagehide', flush);
    return () => {
      window.removeEventListener('pagehide', flush);
      flush();
      session.sync.stop();
    };
  }, [session]);
  return session;
}
