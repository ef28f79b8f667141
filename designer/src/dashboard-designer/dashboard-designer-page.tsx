/**
 * The dashboard designer (`/design/apps/:app/dashboards/:dashboard`): a react-grid-layout grid of
 * the dashboard's widgets, each drawn with the web app's widget cards from a live preview of real
 * data; a palette of the engine's widget types (click to add, then drag and resize); the selected
 * widget's properties generated from its type's property list; the dashboard's zh/en name, the
 * roles that may see it and its filter bar (the previews follow its default range). Every
 * change goes through the shared edit store (undo/redo) and is saved into the app's draft by the
 * shared draft sync, the grid into `layout.dashboards[<key>]`.
 */
import { Fragment, useEffect, useMemo, useState } from 'react';
import ReactGridLayout, { useContainerWidth, type Layout } from 'react-grid-layout';
import 'react-grid-layout/css/styles.css';
import 'react-resizable/css/styles.css';
import { useStore } from 'zustand';
import { describeWidgetTypes } from '../../../engine/dashboard/index.js';
import type { AppBundle, DashboardDef, WidgetType } from '../../../engine/definition/types.js';
import { loc } from '../../../ui/i18n.js';
import { problemText } from '../editing/problem-words.js';
import { Link } from '../../../ui/router.js';
import { DashboardRoles } from './dashboard-roles.js';
import { DashboardFiltersSection, previewQuery } from './dashboard-filters.js';
import { COLUMNS, defaultCell, newWidget, type DashboardDoc } from './dashboard-doc.js';
import { useDashboardSession } from './use-dashboard-session.js';
import { WidgetPanel, type WidgetEdit } from './widget-panel.js';
import { WidgetPreviewCard } from './widget-preview.js';
import { useDashboardWords } from './words.js';
import './dashboard-designer.css';

const ROW_HEIGHT = 70;

/** The draft's parts the panel reads (forms for fields and rules, flows for process widgets), as an engine bundle. */
function bundleOf(draft: Record<string, unknown>, dashboard: DashboardDef): AppBundle {
  return {
    format: 'flowcase/app@1',
    key: '',
    name: '',
    version: 0,
    roles: (draft.roles as AppBundle['roles'] | undefined) ?? [],
    forms: (draft.forms as AppBundle['forms'] | undefined) ?? [],
    flows: (draft.flows as AppBundle['flows'] | undefined) ?? [],
    dashboards: [dashboard],
  };
}

export function DashboardDesignerPage({ app, dashboard: key }: { app: string; dashboard: string }) {
  const { t, lang } = useDashboardWords();
  const session = useDashboardSession(app, key);
  const doc = useStore(session.edits, (s) => s.doc);
  const canUndo = useStore(session.edits, (s) => s.past.length > 0);
  const canRedo = useStore(session.edits, (s) => s.future.length > 0);
  const status = useStore(session.sync.sync, (s) => s.status);
  const problems = useStore(session.sync.sync, (s) => s.problems);
  const [ready, setReady] = useState(false);
  const [selected, setSelected] = useState<string | undefined>();
  const { width, containerRef, mounted } = useContainerWidth();
  useEffect(() => {
    void session.sync.ready.then(() => setReady(true));
  }, [session]);

  const edit = (recipe: (d: DashboardDoc) => void, merge?: string) =>
    session.edits.getState().edit((d) => recipe(d), merge);
  const bundle = useMemo(
    () => bundleOf(ready ? session.server.draft() : {}, doc.dashboard),
    [ready, session, doc.dashboard],
  );
  const types = useMemo(() => describeWidgetTypes(), []);
  const firstForm = bundle.forms[0]?.key;
  const firstFlow = bundle.flows[0]?.key;
  // Process widgets read a flow's cases; the others a form's records.
  const canAdd = (category: string) => (category === 'process' ? !!firstFlow : !!firstForm);

  const add = (type: WidgetType, category: string) => {
    if (!canAdd(category)) return;
    const widget = newWidget(doc.dashboard, type, firstForm ?? '', firstFlow ?? '');
    const bottom = Math.max(0, ...Object.values(doc.layout.widgets).map((c) => c.y + c.h));
    edit((d) => {
      d.dashboard.widgets.push(widget);
      d.layout.widgets[widget.key] = { x: 0, y: bottom, ...defaultCell(type) };
    });
    setSelected(widget.key);
  };

  const remove = (widgetKey: string) => {
    edit((d) => {
      d.dashboard.widgets = d.dashboard.widgets.filter((w) => w.key !== widgetKey);
      delete d.layout.widgets[widgetKey];
    });
    setSelected(undefined);
  };

  const onLayout = (layout: Layout) => {
    const changed = layout.some((item) => {
      const c = doc.layout.widgets[item.i];
      return !c || c.x !== item.x || c.y !== item.y || c.w !== item.w || c.h !== item.h;
    });
    if (!changed) return;
    edit((d) => {
      for (const item of layout)
        if (d.dashboard.widgets.some((w) => w.key === item.i))
          d.layout.widgets[item.i] = { x: item.x, y: item.y, w: item.w, h: item.h };
    });
  };

  const current = doc.dashboard.widgets.find((w) => w.key === selected);
  const index = doc.dashboard.widgets.findIndex((w) => w.key === selected);
  const editWidget: WidgetEdit = (recipe, merge) => {
    edit((d) => {
      const w = d.dashboard.widgets[index];
      if (!w) return;
      const before = w.key;
      recipe(w);
      // A renamed widget keeps its place on the grid.
      if (w.key !== before && d.layout.widgets[before]) {
        d.layout.widgets[w.key] = d.layout.widgets[before]!;
        delete d.layout.widgets[before];
      }
    }, merge);
    const now = session.edits.getState().doc.dashboard.widgets[index]?.key;
    if (now !== undefined && now !== selected) setSelected(now);
  };

  const layout: Layout = doc.dashboard.widgets.map((w) => ({
    i: w.key,
    ...(doc.layout.widgets[w.key] ?? { x: 0, y: 0, ...defaultCell(w.type) }),
  }));
  const name =
    typeof doc.dashboard.name === 'string' ? { zh: doc.dashboard.name, en: '' } : doc.dashboard.name;
  const filterQuery = useMemo(() => previewQuery(doc.dashboard), [doc.dashboard]);
  const dashboardProblems = problems.filter((p) => p.path.startsWith('/dashboards'));

  return (
    <div className="dd-page" data-testid="dashboard-designer">
      <header className="dd-bar">
        <Link to={`/design/apps/${encodeURIComponent(app)}/versions`}>{t('backToApp')}</Link>
        <h1>
          {t('dashboardDesigner')} · {loc(doc.dashboard.name, lang) || key}
        </h1>
        <button type="button" disabled={!canUndo} onClick={() => session.edits.getState().undo()}>
          {t('undo')}
        </button>
        <button type="button" disabled={!canRedo} onClick={() => session.edits.getState().redo()}>
          {t('redo')}
        </button>
        <span className={`dd-status dd-status-${status}`} data-testid="save-status" data-status={status}>
          {t(`saveStatus_${status}`)}
        </span>
        {status === 'conflict' && (
          <>
            <button type="button" onClick={() => void session.sync.reload()}>
              {t('reload')}
            </button>
            <button type="button" onClick={() => void session.sync.overwrite()}>
              {t('overwrite')}
            </button>
          </>
        )}
      </header>
      <div className="dd-body">
        <aside className="dd-palette" aria-label={t('palette')}>
          <h2>{t('palette')}</h2>
          <p className="muted">{firstForm ? t('paletteHelp') : t('noForms')}</p>
          {types.map((d, i) => (
            <Fragment key={d.type}>
              {d.category === 'process' && types[i - 1]?.category !== 'process' && (
                <h3 className="dd-palette-group" data-testid="palette-process">
                  {t('processPalette')}
                  {!firstFlow && <small className="muted"> {t('noFlows')}</small>}
                </h3>
              )}
              <button
                type="button"
                className="dd-palette-item"
                data-testid={`palette-${d.type}`}
                disabled={!ready || !canAdd(d.category)}
                title={loc(d.summary, lang)}
                onClick={() => add(d.type as WidgetType, d.category)}
              >
                <strong>{loc(d.label, lang)}</strong>
                <small className="muted">{loc(d.summary, lang)}</small>
              </button>
            </Fragment>
          ))}
          <fieldset className="dd-name">
            <legend>{t('dashboardName')}</legend>
            <label>
              <span>{t('nameZh')}</span>
              <input
                data-testid="dashboard-name-zh"
                value={name.zh ?? ''}
                onChange={(e) =>
                  edit((d) => {
                    d.dashboard.name = { ...name, zh: e.target.value };
                  }, 'name-zh')
                }
              />
            </label>
            <label>
              <span>{t('nameEn')}</span>
              <input
                data-testid="dashboard-name-en"
                value={name.en ?? ''}
                onChange={(e) =>
                  edit((d) => {
                    d.dashboard.name = { ...name, en: e.target.value };
                  }, 'name-en')
                }
              />
            </label>
          </fieldset>
          <DashboardRoles
            roles={bundle.roles}
            dashboard={doc.dashboard}
            onChange={(roles) =>
              edit((d) => {
                if (roles.length > 0) d.dashboard.roles = roles;
                else delete d.dashboard.roles;
              })
            }
          />
          <DashboardFiltersSection
            dashboard={doc.dashboard}
            forms={bundle.forms}
            onChange={(filters) =>
              edit((d) => {
                if (filters) d.dashboard.filters = filters;
                else delete d.dashboard.filters;
              })
            }
          />
        </aside>
        <section className="dd-grid" ref={containerRef} aria-busy={!ready || undefined}>
          {mounted && ready && (
            <ReactGridLayout
              layout={layout}
              width={width}
              gridConfig={{ cols: COLUMNS, rowHeight: ROW_HEIGHT, margin: [12, 12] }}
              dragConfig={{ handle: '.dd-handle' }}
              onLayoutChange={onLayout}
            >
              {doc.dashboard.widgets.map((w) => (
                <div
                  key={w.key}
                  className={`dd-item${w.key === selected ? ' selected' : ''}`}
                  data-testid={`grid-${w.key}`}
                  onClick={() => setSelected(w.key)}
                >
                  <div className="dd-handle" data-testid={`handle-${w.key}`} title={w.key}>
                    ⠿ <code>{w.key}</code>
                  </div>
                  <WidgetPreviewCard
                    app={app}
                    dashboard={key}
                    widget={w}
                    fields={bundle.forms.find((f) => f.key === w.form)?.fields}
                    filterQuery={filterQuery}
                  />
                </div>
              ))}
            </ReactGridLayout>
          )}
        </section>
        <aside className="dd-side" aria-label={t('properties')}>
          <h2>{t('properties')}</h2>
          {current ? (
            <>
              <WidgetPanel key={index} bundle={bundle} widget={current} edit={editWidget} />
              <button
                type="button"
                className="danger"
                data-testid="remove-widget"
                onClick={() => remove(current.key)}
              >
                {t('removeWidget')}
              </button>
            </>
          ) : (
            <p className="muted">{t('noSelection')}</p>
          )}
          <h2>{t('problems')}</h2>
          {dashboardProblems.length === 0 ? (
            <p className="muted" data-testid="no-problems">
              {t('noProblems')}
            </p>
          ) : (
            <ul className="dd-problems" data-testid="dashboard-problems">
              {dashboardProblems.map((p, i) => (
                <li key={i}>
                  <code>{p.path}</code> {problemText(p, lang)}
                </li>
              ))}
            </ul>
          )}
        </aside>
      </div>
    </div>
  );
}
