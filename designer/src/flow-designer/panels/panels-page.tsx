/**
 * `/design/apps/:app/flows/:flow/panels`: the node panels and the permission matrix on a page of
 * their own, over the flow's draft with the shared edit store and autosave (undo/redo, typing
 * merged, If-Match saves). The canvas page mounts the same `NodePanel` and `PermissionMatrix`; this
 * page lists the steps instead of drawing them, and lists the draft's problems of the flow, each
 * opening the control it names (`focusPath`).
 */
import { useEffect, useMemo, useState } from 'react';
import type { Draft } from 'immer';
import { useStore } from 'zustand';
import type { AppBundle, FlowDef } from '../../../../engine/definition/types.js';
import { kindCatalogue } from '../../../../engine/definition/kind-catalogue.js';
import { loc } from '../../../../ui/i18n.js';
import { createEditStore } from '../../editing/edit-store.js';
import { startDraftSync, type SyncStatus } from '../../editing/draft-sync.js';
import { problemText } from '../../editing/problem-words.js';
import { blankFlow, type FlowDoc } from '../flow-doc.js';
import { flowDraftServer } from '../flow-server.js';
import { NodePanel } from './node-panel.js';
import { PermissionMatrix } from './permission-matrix.js';
import { usePanelWords, type PanelWordKey } from './words.js';
import './panels.css';

const STATUS: Record<SyncStatus, PanelWordKey> = {
  loading: 'saveLoading',
  saved: 'saveSaved',
  pending: 'savePending',
  saving: 'saveSaving',
  offline: 'saveOffline',
  error: 'saveError',
  conflict: 'saveConflict',
};

function useSession(app: string, flow: string) {
  const session = useMemo(() => {
    const edits = createEditStore<FlowDoc>({ flow: blankFlow(flow, ''), layout: { nodes: {} } });
    const server = flowDraftServer(app, flow, undefined);
    const sync = startDraftSync({
      edits,
      server,
      storage: window.localStorage,
      storageKey: `flowcase.designer.${app}.flows.${flow}`,
      timers: { set: (fn, ms) => window.setTimeout(fn, ms), clear: (h) => window.clearTimeout(h as number) },
    });
    return { edits, server, sync };
  }, [app, flow]);
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

const KINDS = new Map(kindCatalogue().nodes.kinds.map((k) => [k.type, k.label]));

export function PanelsPage({ app, flow }: { app: string; flow: string }) {
  const { t, lang } = usePanelWords();
  const { edits, server, sync } = useSession(app, flow);
  const kindLabel = (type: string) => {
    const label = KINDS.get(type);
    return label ? loc(label, lang) : type;
  };
  const doc = useStore(edits, (s) => s.doc);
  const canUndo = useStore(edits, (s) => s.past.length > 0);
  const canRedo = useStore(edits, (s) => s.future.length > 0);
  const status = useStore(sync.sync);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string>();
  const [focusPath, setFocusPath] = useState<string>();
  useEffect(() => {
    void sync.ready.then(() => setReady(true));
  }, [sync]);

  // The panels read the whole app: the draft as loaded, with this flow as it is being edited.
  const bundle = useMemo<AppBundle | undefined>(() => {
    if (!ready) return undefined;
    const draft = server.draft() as unknown as AppBundle;
    const flows: FlowDef[] = draft.flows ?? [];
    const has = flows.some((f) => f.key === flow);
    return {
      ...draft,
      flows: has ? flows.map((f) => (f.key === flow ? doc.flow : f)) : [...flows, doc.flow],
    };
  }, [ready, server, doc, flow]);
  const editFlow = useMemo(
    () => (recipe: (f: Draft<FlowDef>) => void, merge?: string) =>
      edits.getState().edit((d) => recipe(d.flow), merge),
    [edits],
  );

  if (!bundle) return <p className="fp-muted">{t('saveLoading')}</p>;
  const index = bundle.flows.findIndex((f) => f.key === flow);
  const prefix = `/flows/${index}/`;
  const problems = status.problems.filter((p) => p.path.startsWith(prefix) || p.path === `/flows/${index}`);
  const nodeOf = (path: string) => /^\/flows\/\d+\/nodes\/([^/]+)/.exec(path)?.[1];
  const current = selected ?? doc.flow.start;

  return (
    <div className="fp-page" data-testid="panels-page">
      <header className="fp-page-header">
        <h2>{t('pageTitle', { flow: loc(doc.flow.name, lang) })}</h2>
        <button type="button" data-testid="undo" disabled={!canUndo} onClick={() => edits.getState().undo()}>
          {t('undo')}
        </button>
        <button type="button" data-testid="redo" disabled={!canRedo} onClick={() => edits.getState().redo()}>
          {t('redo')}
        </button>
        <span className="fp-muted" role="status" data-testid="save-status" data-status={status.status}>
          {t(STATUS[status.status], { m: status.message ?? '' })}
        </span>
      </header>
      <p className="fp-help">{t('pageHelp')}</p>
      <div className="fp-page-body">
        <nav className="fp-page-nodes" aria-label={t('nodes')}>
          <button
            type="button"
            data-testid="panel-permissions"
            aria-current={current === '#permissions'}
            onClick={() => setSelected('#permissions')}
          >
            {t('permissionsTab')}
          </button>
          {Object.entries(doc.flow.nodes).map(([id, node]) => (
            <button
              type="button"
              key={id}
              data-testid={`panel-node-${id}`}
              aria-current={current === id}
              onClick={() => {
                setSelected(id);
                setFocusPath(undefined);
              }}
            >
              {node.name ? loc(node.name, lang) : id} <span className="fp-muted">{kindLabel(node.type)}</span>
            </button>
          ))}
        </nav>
        <main className={current === '#permissions' ? 'fp-page-main fp-page-main-wide' : 'fp-page-main'}>
          {current === '#permissions' ? (
            <PermissionMatrix bundle={bundle} flow={flow} edit={editFlow} />
          ) : (
            <NodePanel bundle={bundle} flow={flow} node={current} edit={editFlow} focusPath={focusPath} />
          )}
        </main>
        <aside className="fp-page-problems" data-testid="panel-problems">
          <h3>{t('problems')}</h3>
          {problems.length === 0 && <p className="fp-muted">{t('noProblems')}</p>}
          <ul>
            {problems.map((p, i) => (
              <li key={i}>
                <button
                  type="button"
                  className="fp-link"
                  data-testid={`problem-${i}`}
                  onClick={() => {
                    const node = nodeOf(p.path);
                    if (node) setSelected(decodeURIComponent(node.replace(/~1/g, '/').replace(/~0/g, '~')));
                    setFocusPath(p.path);
                  }}
                >
                  {problemText(p, lang)}
                </button>
                <span className="fp-muted small"> {p.path.slice(prefix.length - 1)}</span>
              </li>
            ))}
          </ul>
        </aside>
      </div>
    </div>
  );
}
