/**
 * The flow designer page (`/design/apps/:app/flows/:flow`, `?form=` for a new flow): the node
 * palette, the canvas (laid out automatically, positions the designer moves kept), the side panel
 * (properties, permissions, simulator); undo/redo, copy/paste, delete with the branch's fate
 * chosen, zoom to fit; autosave into the draft as the form designer's; the draft's problems pinned
 * on nodes and transitions, a click opening the node's panel at the control the problem names.
 */
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useStore } from 'zustand';
import type { Draft } from 'immer';
import { kindCatalogue } from '../../../engine/definition/kind-catalogue.js';
import type { AppBundle, FlowDef, ScenarioDef } from '../../../engine/definition/types.js';
import { errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link } from '../../../ui/router.js';
import type { DraftProblem } from '../editing/draft-sync.js';
import { problemText } from '../editing/problem-words.js';
import { CanvasActionsContext, type CanvasActions } from './canvas-actions.js';
import { DeleteDialog } from './delete-dialog.js';
import { FlowCanvas } from './flow-canvas.js';
import { buildEdges, buildNodes, sameHighlight, type Highlight } from './flow-graph.js';
import { backEdges } from './flow-layout.js';
import {
  connectPasted,
  copyNodes,
  deletePlan,
  deleteReconnecting,
  deleteSubtree,
  flowEdges,
  freeKey,
  freeName,
  insertable,
  insertOnEdge,
  newNode,
  pasteNodes,
  type Clipboard,
  type DeletePlan,
  type FlowEdge,
} from './flow-ops.js';
import { kindGlyph } from './kind-icons.js';
import { NodePalette } from './node-palette.js';
import { startingFields } from './panels/permission-ops.js';
import { pinProblems, problemNode } from './problem-pins.js';
import { SidePanel, type SideTab } from './side-panel.js';
import { usePanelTarget } from './use-panel-target.js';
import { saveScenarioBeside } from './simulator/scenario-save.js';
import { useFlowLayout } from './use-flow-layout.js';
import { useFlowSession } from './use-flow-session.js';
import { useFlowWords } from './words.js';
import './flow-designer.css';
import { SaveStatus, SyncNotices } from '../editing/sync-status.js';

const catalogue = kindCatalogue();
/** Drawn again only when what it is given changes (not on every render of the page). */
const QuietSidePanel = memo(SidePanel);

const sameList = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((x, i) => x === b[i]);

function FlowDesigner({ app, flow: flowKey, newOnForm }: { app: string; flow: string; newOnForm?: string }) {
  const { t, lang } = useFlowWords();
  const { edits, server, sync } = useFlowSession(app, flowKey, newOnForm);
  const doc = useStore(edits, (s) => s.doc);
  const canUndo = useStore(edits, (s) => s.past.length > 0);
  const canRedo = useStore(edits, (s) => s.future.length > 0);
  const status = useStore(sync.sync);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  /** Whether anything was copied: a transition's "+" then offers to paste it there. */
  const [copied, setCopied] = useState(false);
  const [tab, setTab] = useState<SideTab>('properties');
  const [focusPath, setFocusPath] = useState<string>();
  const [highlight, setHighlight] = useState<Highlight>();
  const [plan, setPlan] = useState<DeletePlan>();
  const [notice, setNotice] = useState<string>();
  const clipboard = useRef<Clipboard | undefined>(undefined);
  const view = useReactFlow();

  useEffect(() => {
    void sync.ready.then(
      () => setReady(true),
      (e: unknown) => setNotice(errorText(e)),
    );
  }, [sync]);

  const draft = ready ? server.draft() : {};
  const flows = useMemo(() => draft.flows ?? [], [draft]);
  const flowIndex = flows.findIndex((f) => f.key === flowKey);
  const index = flowIndex >= 0 ? flowIndex : flows.length;
  /** The draft as it would be with this flow as on screen (what the panels and the simulator read). */
  const bundle = useMemo(() => {
    const list = [...flows];
    list[index] = doc.flow;
    return { ...(draft as unknown as AppBundle), flows: list };
  }, [draft, flows, index, doc.flow]);

  const edges = useMemo(() => flowEdges(doc.flow), [doc.flow]);
  const back = useMemo(() => backEdges(doc.flow, edges), [doc.flow, edges]);
  const positions = useFlowLayout(doc.flow, edges, back);
  const drawn = useMemo(() => edges.filter((e) => e.target in doc.flow.nodes), [edges, doc.flow.nodes]);
  const pins = useMemo(() => pinProblems(status.problems, index, drawn), [status.problems, index, drawn]);
  const selectedSet = useMemo(() => new Set(selected), [selected]);
  // The panel of a node just selected or added mounts after the canvas has painted it (its controls
  // list every node of a large flow); until then the panel before is not drawn again for the edit.
  const wanted = selected.length === 1 ? selected[0] : undefined;
  const { node: panelNode, bundle: panelBundle } = usePanelTarget(wanted, bundle);
  const roles = useMemo(() => draft.roles ?? [], [draft]) as AppBundle['roles'];
  const forms = useMemo(() => draft.forms ?? [], [draft]);
  const nodes = useMemo(
    () => buildNodes(doc, positions, { roles, forms }, catalogue, pins, highlight, selectedSet, lang, t),
    [doc, positions, roles, forms, pins, highlight, selectedSet, lang, t],
  );
  const edgeViews = useMemo(
    () => buildEdges(doc, drawn, back, { forms }, pins, highlight, lang, t),
    [doc, drawn, back, forms, pins, highlight, lang, t],
  );

  const editFlow = useCallback(
    (recipe: (flow: Draft<FlowDef>) => void, merge?: string) =>
      edits.getState().edit((d) => recipe(d.flow), merge),
    [edits],
  );

  const insert = useCallback(
    (edge: FlowEdge, type: string) => {
      const kind = catalogue.nodes.kinds.find((k) => k.type === type);
      if (!kind || !insertable(type)) return;
      const flow = edits.getState().doc.flow;
      const key = freeKey(flow, type);
      const name = freeName(flow, {
        zh: `新${kind.label.zh}`,
        en: `New ${(kind.label.en ?? type).toLowerCase()}`,
      });
      edits.getState().edit((d) => {
        const form = forms.find((f) => f.key === d.flow.form);
        const fields = startingFields(form, d.flow);
        insertOnEdgeSafe(d.flow, edge, key, newNode(type, edge.target, d.flow.form, name, fields));
      });
      setSelected([key]);
      setTab('properties');
    },
    [edits, forms],
  );

  const openProblem = useCallback(
    (p: DraftProblem) => {
      const at = problemNode(p.path, index);
      if (!at || !edits.getState().doc.flow.nodes[at.node]) return;
      setSelected([at.node]);
      setTab('properties');
      setFocusPath(p.path);
      const node = view.getNode(at.node);
      if (node)
        void view.setCenter(node.position.x + 105, node.position.y + 38, {
          zoom: view.getZoom(),
          duration: 0,
        });
    },
    [edits, index, view],
  );

  // A transition's "+" reaches the latest paste through a ref, so selecting a node does not hand
  // every edge of the canvas new actions.
  const pasteRef = useRef<(on?: FlowEdge) => void>(() => undefined);
  const pasteOn = useCallback((edge: FlowEdge) => pasteRef.current(edge), []);
  const actions = useMemo<CanvasActions>(
    () => ({
      kinds: catalogue.nodes.kinds
        .filter((k) => insertable(k.type))
        .map((k) => ({ type: k.type, label: loc(k.label, lang), glyph: kindGlyph(k.icon) })),
      insert,
      openProblem,
      ...(copied ? { paste: pasteOn } : {}),
    }),
    [insert, openProblem, lang, copied, pasteOn],
  );

  // The simulator reports its token after every re-run: the same token leaves the canvas as drawn.
  const showToken = useCallback(
    (h: Highlight | undefined) => setHighlight((now) => (sameHighlight(now, h) ? now : h)),
    [],
  );
  const onSelect = useCallback((ids: string[]) => setSelected((now) => (sameList(now, ids) ? now : ids)), []);
  const onMove = useCallback(
    (moved: Record<string, { x: number; y: number }>) =>
      edits.getState().edit((d) => {
        for (const [id, p] of Object.entries(moved)) d.layout.nodes[id] = p;
      }),
    [edits],
  );

  const askDelete = useCallback(() => {
    const id = selected[0];
    if (id && edits.getState().doc.flow.nodes[id]) setPlan(deletePlan(edits.getState().doc.flow, id));
  }, [selected, edits]);

  const copy = useCallback(() => {
    if (selected.length === 0) return;
    clipboard.current = copyNodes(edits.getState().doc.flow, selected);
    setCopied(true);
    setNotice(t('copied', { n: Object.keys(clipboard.current.nodes).length }));
  }, [selected, edits, t]);

  /**
   * Pastes the copies on the transition `on` (its "+"), else after the one selected node, on its
   * first forward transition, else beside the originals.
   */
  const pasteAt = useCallback(
    (on?: Pick<FlowEdge, 'source' | 'ref'>) => {
      const clip = clipboard.current;
      if (!clip) return;
      let keys: Record<string, string> = {};
      edits.getState().edit((d) => {
        const after = selected.length === 1 ? selected[0] : undefined;
        const edge = on ?? flowEdges(d.flow).find((e) => e.source === after && e.kind === 'forward');
        keys = pasteNodes(d.flow, clip);
        // Put on a path, the copies are placed by the automatic layout; loose, beside the originals.
        if (edge && connectPasted(d.flow, keys, edge)) return;
        for (const [from, to] of Object.entries(keys)) {
          const at = d.layout.nodes[from] ?? positions[from] ?? { x: 0, y: 0 };
          d.layout.nodes[to] = { x: at.x + 60, y: at.y + 60 };
        }
      });
      setSelected(Object.values(keys));
      setNotice(t('pasted', { n: Object.keys(keys).length }));
    },
    [edits, positions, selected, t],
  );
  const paste = useCallback(() => pasteAt(), [pasteAt]);
  pasteRef.current = pasteAt;

  /** Puts a kind after the selected node, on its first forward transition. */
  const pickKind = (type: string) => {
    const id = selected[0];
    const edge = drawn.find((e) => e.source === id && e.kind === 'forward');
    if (edge) insert(edge, type);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inText =
        e.target instanceof HTMLElement &&
        e.target.closest('input, textarea, select, [contenteditable]') !== null;
      if (inText) return;
      const key = e.key.toLowerCase();
      if ((key === 'delete' || key === 'backspace') && !e.ctrlKey && !e.metaKey) askDelete();
      else if (!(e.ctrlKey || e.metaKey)) return;
      else if (key === 'z' && !e.shiftKey) edits.getState().undo();
      else if ((key === 'z' && e.shiftKey) || key === 'y') edits.getState().redo();
      else if (key === 'c') copy();
      else if (key === 'v') paste();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edits, askDelete, copy, paste]);

  const saveScenario = useCallback(
    (s: ScenarioDef) => {
      saveScenarioBeside(app, s, sync).then(
        () => setNotice(t('scenarioSaved', { name: loc(s.name, lang) })),
        (e: unknown) => setNotice(t('scenarioFailed', { m: errorText(e) })),
      );
    },
    [app, sync, t, lang],
  );

  const endName = { zh: t('endName'), en: 'End' };
  return (
    <div className="flow-designer" data-testid="flow-designer">
      <header className="designer-bar row">
        <Link to={`/design/apps/${encodeURIComponent(app)}/versions`}>{t('backToApp')}</Link>
        <h1>
          {t('flowDesigner')} · {loc(doc.flow.name, lang) || flowKey}
        </h1>
        <span className="muted small" data-testid="node-count">
          {t('nodesCount', { n: Object.keys(doc.flow.nodes).length })}
        </span>
        <button type="button" onClick={() => edits.getState().undo()} disabled={!canUndo} data-testid="undo">
          {t('undo')}
        </button>
        <button type="button" onClick={() => edits.getState().redo()} disabled={!canRedo} data-testid="redo">
          {t('redo')}
        </button>
        <button type="button" onClick={copy} disabled={selected.length === 0} data-testid="copy">
          {t('copy')}
        </button>
        <button type="button" onClick={paste} data-testid="paste">
          {t('paste')}
        </button>
        <button type="button" onClick={askDelete} disabled={selected.length === 0} data-testid="delete-node">
          {t('deleteNode')}
        </button>
        <button type="button" onClick={() => void view.fitView({ padding: 0.1 })} data-testid="fit-view">
          {t('fitView')}
        </button>
        <button
          type="button"
          data-testid="relayout"
          disabled={Object.keys(doc.layout.nodes).length === 0}
          onClick={() => edits.getState().edit((d) => void (d.layout.nodes = {}))}
        >
          {t('relayout')}
        </button>
        <SaveStatus status={status} />
      </header>
      <SyncNotices status={status} sync={sync} />
      {notice && (
        <p className="notice" role="status" data-testid="designer-notice">
          {notice}
        </p>
      )}
      {plan && (
        <DeleteDialog
          flow={doc.flow}
          plan={plan}
          onCancel={() => setPlan(undefined)}
          onReconnect={() => {
            edits.getState().edit((d) => deleteReconnecting(d.flow, plan.node));
            setPlan(undefined);
            setSelected([]);
          }}
          onSubtree={() => {
            edits.getState().edit((d) => {
              deleteSubtree(d.flow, plan.node, endName);
              for (const id of plan.subtree) delete d.layout.nodes[id];
            });
            setPlan(undefined);
            setSelected([]);
          }}
        />
      )}
      {!ready ? (
        <p className="muted">{t('statusLoading')}</p>
      ) : (
        <div className="flow-body">
          <NodePalette catalogue={catalogue} onPick={pickKind} />
          <CanvasActionsContext.Provider value={actions}>
            <FlowCanvas nodes={nodes} edges={edgeViews} onSelect={onSelect} onMove={onMove} />
          </CanvasActionsContext.Provider>
          <QuietSidePanel
            tab={tab}
            onTab={setTab}
            bundle={panelBundle}
            flow={flowKey}
            node={panelNode}
            focusPath={focusPath}
            edit={editFlow}
            onHighlight={showToken}
            saveScenario={saveScenario}
          />
        </div>
      )}
      <section className="problems" aria-label={t('problems')} data-testid="problems">
        <h2>
          {t('problems')} ({pins.all.length})
        </h2>
        {pins.all.length === 0 ? (
          <p className="muted">{t('noProblems')}</p>
        ) : (
          <ul>
            {pins.all.map((p, i) => (
              <li key={i}>
                <button type="button" className="link" onClick={() => openProblem(p)} data-testid="problem">
                  {problemText(p, lang) + ' '}
                  <code className="muted small">{p.path}</code>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** A transition whose source went (an undo raced a click) is ignored rather than thrown at the user. */
function insertOnEdgeSafe(flow: Draft<FlowDef>, edge: FlowEdge, key: string, node: FlowDef['nodes'][string]) {
  if (!flow.nodes[edge.source]) return;
  insertOnEdge(flow, edge, key, node);
}

export function FlowDesignerPage(props: { app: string; flow: string; newOnForm?: string }) {
  return (
    <ReactFlowProvider>
      <FlowDesigner {...props} />
    </ReactFlowProvider>
  );
}
