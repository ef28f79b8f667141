/**
 * A widget on the designer's grid, drawn with the web app's own widget cards (ui/widgets) from
 * real data: the unsaved widget goes to `POST /apps/:app/widgets/preview` a moment after it last
 * changed, so the chart follows the fields being picked. Problems the server finds are listed
 * (the same checks as publishing), and a preview cut by the row cap or the time limit says so.
 * It is computed over the range the dashboard opens on (its designed filters' default).
 */
import { useEffect, useState } from 'react';
import type { WidgetPreview } from '../../../contract/index.js';
import type { DashboardWidgetDef, FieldDef } from '../../../engine/definition/types.js';
import { ApiError, api, query } from '../../../ui/api.js';
import { loc } from '../../../ui/i18n.js';
import { WidgetCard } from '../../../ui/widgets/widget-card.js';
import '../../../ui/styles/widgets.css';
import { useDashboardWords } from './words.js';

const SETTLE_MS = 400;
const NO_FILTER: Record<string, string> = {};

type State =
  | { kind: 'loading' }
  | { kind: 'data'; data: WidgetPreview }
  | { kind: 'problems'; problems: { path: string; message: string }[] };

export function WidgetPreviewCard({
  app,
  dashboard,
  widget,
  fields,
  filterQuery = NO_FILTER,
}: {
  app: string;
  dashboard: string;
  widget: DashboardWidgetDef;
  fields: readonly FieldDef[] | undefined;
  /** The dashboard filter the preview is computed under (the designed default range). */
  filterQuery?: Record<string, string>;
}) {
  const { t, lang } = useDashboardWords();
  const [state, setState] = useState<State>({ kind: 'loading' });
  const body = JSON.stringify(widget);
  const search = query(filterQuery);
  useEffect(() => {
    let live = true;
    setState((s) => (s.kind === 'data' ? s : { kind: 'loading' }));
    const timer = window.setTimeout(() => {
      api<WidgetPreview>('POST', `/apps/${encodeURIComponent(app)}/widgets/preview${search}`, {
        widget: JSON.parse(body) as unknown,
      })
        .then((data) => live && setState({ kind: 'data', data }))
        .catch((e: unknown) => {
          if (!live) return;
          const problems =
            e instanceof ApiError && e.problems.length > 0
              ? e.problems.map((p) => ({ path: p.path, message: p.message }))
              : [{ path: '', message: e instanceof Error ? e.message : String(e) }];
          setState({ kind: 'problems', problems });
        });
    }, SETTLE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
  }, [app, body, lang, search]);
  const title = loc(widget.title, lang) || widget.key;
  if (state.kind === 'problems')
    return (
      <section className="card widget dd-widget-problems" data-testid={`preview-${widget.key}`}>
        <h2 className="widget-title">{title}</h2>
        <p className="dd-error">{t('previewProblems')}</p>
        <ul data-testid={`preview-${widget.key}-problems`}>
          {state.problems.map((p, i) => (
            <li key={i}>
              <code>{p.path.replace(/^\/widget/, '') || '/'}</code> {p.message}
            </li>
          ))}
        </ul>
      </section>
    );
  const data = state.kind === 'data' && !state.data.timedOut ? state.data : undefined;
  return (
    <div
      className="dd-preview"
      data-testid={`preview-${widget.key}`}
      data-capped={data?.capped ? 'true' : undefined}
    >
      <WidgetCard
        app={app}
        dashboard={dashboard}
        widget={data}
        def={widget}
        title={title}
        filterParams={filterQuery}
        loading={state.kind === 'loading'}
        {...(fields ? { fields } : {})}
      />
      {state.kind === 'data' && state.data.timedOut && <p className="dd-note">{t('previewTimedOut')}</p>}
      {data?.capped && (
        <p className="dd-note" data-testid={`preview-${widget.key}-capped`}>
          {t('previewCapped', { n: data.rowCap.toLocaleString() })}
        </p>
      )}
    </div>
  );
}
