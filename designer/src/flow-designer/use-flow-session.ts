/**
 * The flow designer's edit store and autosave for one flow of one app: the same store, local copy,
 * If-Match saves and conflict handling as the form designer's (`editing/`). Leaving the page saves
 * what is waiting.
 */
import { useEffect, useMemo } from 'react';
import { createEditStore, type EditStore } from '../editing/edit-store.js';
import type { PartDraftServer } from '../editing/draft-part-server.js';
import { startDraftSync, type DraftSync } from '../editing/draft-sync.js';
import { blankFlow, type FlowDoc } from './flow-doc.js';
import { flowDraftServer } from './flow-server.js';

export interface FlowSession {
  edits: EditStore<FlowDoc>;
  server: PartDraftServer<FlowDoc>;
  sync: DraftSync;
}

export function useFlowSession(app: string, flow: string, newOnForm: string | undefined): FlowSession {
  const session = useMemo(() => {
    const edits = createEditStore<FlowDoc>({ flow: blankFlow(flow, newOnForm ?? ''), layout: { nodes: {} } });
    const server = flowDraftServer(app, flow, newOnForm);
    const sync = startDraftSync({
      edits,
      server,
      storage: window.localStorage,
      storageKey: `flowcase.designer.${app}.flow.${flow}`,
      timers: { set: (fn, ms) => window.setTimeout(fn, ms), clear: (h) => window.clearTimeout(h as number) },
    });
    return { edits, server, sync };
  }, [app, flow, newOnForm]);
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
