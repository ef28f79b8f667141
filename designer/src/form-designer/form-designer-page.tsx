/**
 * The form designer page (`/design/apps/:app/forms/:form`): palette, canvas and property panel;
 * undo/redo (buttons, Ctrl+Z / Ctrl+Shift+Z); the save state with autosave, a conflict's choice
 * and restored work; a live preview at desktop width or 375 px; the raw JSON; the engine's
 * problems, where a click selects the field and focuses the control the problem names; where-used
 * before a delete (blocked while anything uses the field) or a key change (references inside this
 * form follow it, uses elsewhere block it).
 */
import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { fieldUsages, type FieldRef, type FieldUsage } from '../../../engine/definition/field-usages.js';
import { renameField } from '../../../engine/definition/field-rename.js';
import { isValidKey, type FormDef } from '../../../engine/definition/types.js';
import { api, ApiError, errorText } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { Link } from '../../../ui/router.js';
import { createEditStore, defaultLayout, type EditStore, type FieldAt } from './edit-store.js';
import { blankForm, httpDraftServer, type HttpDraftServer } from './draft-server.js';
import { startDraftSync, type DraftProblem, type DraftSync } from './draft-sync.js';
import { deleteField } from './field-ops.js';
import { FormCanvas } from './form-canvas.js';
import { FormPreview } from './form-preview.js';
import { FormSettings } from './form-settings.js';
import { PropertyPanel, type PanelContext } from './property-panel.js';
import { useWords } from './words.js';
import './form-designer.css';
import { SaveStatus, SyncNotices } from '../editing/sync-status.js';
import { problemText } from '../editing/problem-words.js';

interface Session {
  edits: EditStore;
  server: HttpDraftServer;
  sync: DraftSync;
}

function useSession(app: string, form: string): Session {
  const session = useMemo(() => {
    const edits = createEditStore({ form: blankForm(form), layout: defaultLayout(blankForm(form)) });
    const server = httpDraftServer(app, form);
    const sync = startDraftSync({
      edits,
      server,
      storage: window.localStorage,
      storageKey: `flowcase.designer.${app}.${form}`,
      timers: { set: (fn, ms) => window.setTimeout(fn, ms), clear: (h) => window.clearTimeout(h as number) },
    });
    return { edits, server, sync };
  }, [app, form]);
  useEffect(() => {
    // Leaving the page saves what is waiting; storage holds it anyway.
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

/** Where a problem's path points inside this form: the field and the property it names. */
function problemTarget(
  path: string,
  formIndex: number,
  form: FormDef,
): { at: FieldAt; property?: string } | undefined {
  const parts = path.split('/').slice(1);
  if (parts[0] !== 'forms' || Number(parts[1]) !== formIndex || parts[2] !== 'fields') return undefined;
  const field = form.fields[Number(parts[3])];
  if (!field) return undefined;
  if (parts[4] === 'columns') {
    const column = field.columns?.[Number(parts[5])];
    if (column)
      return { at: { field: field.key, column: column.key }, ...(parts[6] ? { property: parts[6] } : {}) };
  }
  return { at: { field: field.key }, ...(parts[4] ? { property: parts[4] } : {}) };
}

function UsageList({ usages }: { usages: FieldUsage[] }) {
  const { lang } = useWords();
  return (
    <ul className="usages" data-testid="usages">
      {usages.map((u, i) => (
        <li key={i}>
          {lang === 'en' ? u.description.en : u.description.zh} <code className="muted small">{u.path}</code>
        </li>
      ))}
    </ul>
  );
}

const NO_FORMS: FormDef[] = [];

type Dialog =
  | { kind: 'delete-blocked'; usages: FieldUsage[] }
  | { kind: 'rename'; at: FieldAt; to: string; fixes: FieldUsage[]; blocked: FieldUsage[] };

export function FormDesignerPage({ app, form: formKey }: { app: string; form: string }) {
  const { t, lang } = useWords();
  const { edits, server, sync } = useSession(app, formKey);
  const doc = useStore(edits, (s) => s.doc);
  const canUndo = useStore(edits, (s) => s.past.length > 0);
  const canRedo = useStore(edits, (s) => s.future.length > 0);
  const status = useStore(sync.sync);
  const [selected, setSelected] = useState<FieldAt>();
  const [view, setView] = useState<'design' | 'desktop' | 'phone' | 'json'>('design');
  const [dialog, setDialog] = useState<Dialog>();
  const [focusProperty, setFocusProperty] = useState<string>();
  const [publishedKeys, setPublishedKeys] = useState<ReadonlySet<string>>(new Set());
  const [notice, setNotice] = useState<string>();
  const [ready, setReady] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  // The panel of a newly selected field mounts its editors (CodeMirror, the rule builder), which
  // on a long form takes longer than a frame: the canvas shows the selection at once and the panel
  // follows in a deferred render; its controls exist only once it is the selected field's.
  const panelAt = useDeferredValue(selected);

  useEffect(() => {
    void sync.ready.then(
      () => setReady(true),
      (e: unknown) => setNotice(errorText(e)),
    );
    api<{ forms: FormDef[] }>('GET', `/apps/${encodeURIComponent(app)}`).then(
      (view) =>
        setPublishedKeys(new Set(view.forms.find((f) => f.key === formKey)?.fields.map((f) => f.key) ?? [])),
      () => setPublishedKeys(new Set()),
    );
  }, [sync, app, formKey]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      const inText = e.target instanceof HTMLElement && e.target.closest('input, textarea, select') !== null;
      if (inText) return;
      if (e.key.toLowerCase() === 'z' && !e.shiftKey) edits.getState().undo();
      else if ((e.key.toLowerCase() === 'z' && e.shiftKey) || e.key.toLowerCase() === 'y')
        edits.getState().redo();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [edits]);

  useEffect(() => {
    // Once the panel shows the selected field (it follows the selection a render later).
    if (!focusProperty || panelAt !== selected) return;
    const control = panelRef.current?.querySelector<HTMLElement>(
      `#prop-${CSS.escape(focusProperty)}, [data-prop="${CSS.escape(focusProperty)}"] input, [data-prop="${CSS.escape(focusProperty)}"] textarea, [data-prop="${CSS.escape(focusProperty)}"] select`,
    );
    control?.focus();
    setFocusProperty(undefined);
  }, [focusProperty, panelAt, selected]);

  const draft = server.draft();
  const forms = draft.forms ?? NO_FORMS;
  const formIndex = forms.findIndex((f) => f.key === formKey);
  const indexInDraft = formIndex >= 0 ? formIndex : forms.length;
  // Kept while the draft and the form stay the same, so a selection does not rebuild the panel's rule fields.
  const roles = draft.roles;
  const context: PanelContext = useMemo(
    () => ({
      forms: [...forms.filter((f) => f.key !== formKey), doc.form],
      roles: roles ?? [],
      publishedKeys,
    }),
    [forms, formKey, doc.form, roles, publishedKeys],
  );
  /** The draft as it would be with this form as on screen. */
  const bundle = () => {
    const list = [...forms];
    list[indexInDraft] = doc.form;
    return { ...draft, forms: list };
  };
  const refOf = (at: FieldAt): FieldRef => ({
    form: formKey,
    field: at.field,
    ...(at.column ? { column: at.column } : {}),
  });
  const insideForm = (u: FieldUsage) => u.path.startsWith(`/forms/${indexInDraft}/`);

  const askDelete = () => {
    if (!selected) return;
    const usages = fieldUsages(bundle(), refOf(selected));
    if (usages.length > 0) return setDialog({ kind: 'delete-blocked', usages });
    edits.getState().edit((d) => deleteField(d, selected.field, selected.column));
    setSelected(undefined);
  };

  const applyRename = (at: FieldAt, to: string) => {
    const renamed = renameField({ forms: [edits.getState().doc.form] }, refOf(at), to).bundle as {
      forms: FormDef[];
    };
    edits.getState().edit(
      (d) => {
        d.form = renamed.forms[0]!;
        if (at.column === undefined)
          for (const s of d.layout.sections) s.fields = s.fields.map((k) => (k === at.field ? to : k));
      },
      `${at.field}${at.column ? `.${at.column}` : ''}/label`,
    );
    setSelected(at.column === undefined ? { field: to } : { field: at.field, column: to });
  };

  const askRename = (to: string) => {
    if (!selected) return;
    const from = selected.column ?? selected.field;
    if (to === from) return;
    const taken = new Set(doc.form.fields.flatMap((f) => [f.key, ...(f.columns ?? []).map((c) => c.key)]));
    if (!isValidKey(to) || taken.has(to)) return setNotice(t('keyUnavailable', { key: to }));
    const usages = fieldUsages(bundle(), refOf(selected));
    const blocked = usages.filter((u) => !insideForm(u) || u.via === 'template');
    const fixes = usages.filter((u) => insideForm(u) && u.via !== 'template');
    if (usages.length === 0) return applyRename(selected, to);
    setDialog({ kind: 'rename', at: selected, to, fixes, blocked });
  };

  const formProblems = status.problems.filter(
    (p) => p.path === `/forms/${indexInDraft}` || p.path.startsWith(`/forms/${indexInDraft}/`),
  );
  const openProblem = (p: DraftProblem) => {
    // A list view's problem opens the form settings at the view's card (list-views-editor.tsx).
    const viewAt = /^\/forms\/(\d+)\/views\/(\d+)/.exec(p.path);
    if (viewAt && Number(viewAt[1]) === indexInDraft) {
      setView('design');
      setSelected(undefined);
      requestAnimationFrame(() =>
        document.querySelector(`[data-testid=list-view-${viewAt[2]}]`)?.scrollIntoView({ block: 'center' }),
      );
      return;
    }
    const target = problemTarget(p.path, indexInDraft, doc.form);
    if (!target) return;
    setView('design');
    setSelected(target.at);
    setFocusProperty(target.property);
  };

  const publish = async () => {
    await sync.flush();
    try {
      const answer = await api<{ version: number }>(
        'POST',
        `/apps/${encodeURIComponent(app)}/publish`,
        undefined,
        {
          'If-Match': `"${sync.sync.getState().revision}"`,
        },
      );
      setNotice(t('published', { n: answer.version }));
      setPublishedKeys(new Set(edits.getState().doc.form.fields.map((f) => f.key)));
    } catch (e) {
      setNotice(
        t('publishFailed', {
          m:
            e instanceof ApiError && e.problems.length > 0
              ? e.problems.map((p) => p.message).join('; ')
              : errorText(e),
        }),
      );
    }
  };

  return (
    <div className="form-designer" data-testid="form-designer">
      <header className="designer-bar row">
        <Link to={`/design/apps/${encodeURIComponent(app)}/versions`}>{t('backToApp')}</Link>
        <h1>
          {t('formDesigner')} · {loc(doc.form.name, lang)}
        </h1>
        <button type="button" onClick={() => edits.getState().undo()} disabled={!canUndo} data-testid="undo">
          {t('undo')}
        </button>
        <button type="button" onClick={() => edits.getState().redo()} disabled={!canRedo} data-testid="redo">
          {t('redo')}
        </button>
        <SaveStatus status={status} />
        <nav className="row" aria-label={t('preview')}>
          {(['design', 'desktop', 'phone', 'json'] as const).map((v) => (
            <button
              key={v}
              type="button"
              aria-pressed={view === v}
              onClick={() => setView(v)}
              data-testid={`view-${v}`}
            >
              {t(v === 'design' ? 'canvas' : v === 'json' ? 'rawJson' : v)}
            </button>
          ))}
        </nav>
        <button type="button" onClick={() => void publish()} data-testid="publish">
          {t('publish')}
        </button>
      </header>
      <SyncNotices status={status} sync={sync} />
      {notice && (
        <p className="notice" role="status" data-testid="designer-notice">
          {notice}
        </p>
      )}
      {dialog && (
        <div
          className="notice dialog"
          role="alertdialog"
          aria-label={t('deleteField')}
          data-testid="where-used"
        >
          {dialog.kind === 'delete-blocked' ? (
            <>
              <p>{t('deleteBlocked')}</p>
              <UsageList usages={dialog.usages} />
              <button type="button" onClick={() => setDialog(undefined)}>
                {t('cancel')}
              </button>
            </>
          ) : (
            <>
              {dialog.blocked.length > 0 ? (
                <>
                  <p>{t('deleteBlocked')}</p>
                  <UsageList usages={dialog.blocked} />
                </>
              ) : (
                <>
                  <p>{t('renameFixes')}</p>
                  <UsageList usages={dialog.fixes} />
                  <button
                    type="button"
                    data-testid="apply-rename"
                    onClick={() => {
                      applyRename(dialog.at, dialog.to);
                      setDialog(undefined);
                    }}
                  >
                    {t('applyRename')}
                  </button>
                </>
              )}
              <button type="button" onClick={() => setDialog(undefined)}>
                {t('cancel')}
              </button>
            </>
          )}
        </div>
      )}
      {!ready ? (
        <p className="muted">{t('statusLoading')}</p>
      ) : (
        <div className="designer-body">
          {view === 'design' && (
            <>
              <FormCanvas edits={edits} doc={doc} selected={selected} onSelect={setSelected} />
              <div className="panel" ref={panelRef} aria-label={t('properties')}>
                <h2>{t('properties')}</h2>
                {selected && panelAt !== selected ? (
                  <p className="muted" aria-busy="true">
                    {t('statusLoading')}
                  </p>
                ) : panelAt ? (
                  <PropertyPanel
                    edits={edits}
                    at={panelAt}
                    context={context}
                    onRename={askRename}
                    onDelete={askDelete}
                  />
                ) : (
                  <FormSettings edits={edits} roles={context.roles} />
                )}
              </div>
            </>
          )}
          {(view === 'desktop' || view === 'phone') && <FormPreview app={app} form={doc.form} width={view} />}
          {view === 'json' && (
            <pre className="json" data-testid="raw-json">
              {JSON.stringify(doc.form, null, 2)}
            </pre>
          )}
        </div>
      )}
      <section className="problems" aria-label={t('problems')} data-testid="problems">
        <h2>
          {t('problems')} ({formProblems.length})
        </h2>
        {formProblems.length === 0 ? (
          <p className="muted">{t('noProblems')}</p>
        ) : (
          <ul>
            {formProblems.map((p, i) => (
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
