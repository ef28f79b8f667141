/**
 * Process analytics of one flow: its task nodes drawn in layers in the order work moves, each with
 * its figures (tasks done, time spent avg and p90, SLA breach rate, open and overdue now), coloured
 * by load so the bottleneck stands out; the flow's throughput and cycle time; outcomes by week.
 */
import { useMemo } from 'react';
import { api, errorText, query } from '../../../../ui/api.js';
import { flowOf, loadApp, useAsync } from '../../../../ui/data.js';
import { loc, useI18n } from '../i18n.js';
import { Link, navigate, useLocation } from '../../../../ui/router.js';
import { PageHead } from '../../../../ui/layout/page-head.js';
import { ChartCanvas } from '../../../../ui/widgets/chart-canvas.js';
import { FigureCard } from '../../../../ui/widgets/figure-card.js';
import { FlowMap } from '../../../../ui/widgets/flow-map.js';
import { loadInServerZone, rangeFromParams, rangeParams, RangePicker } from '../reports/date-range.js';
import { formatDuration, formatNumber } from '../../../../ui/format/numbers.js';
import type { FlowAnalytics, NodeFigures } from '../reports/report-types.js';
import { taskLayers } from '../reports/flow-layers.js';
import { dashboardsOf } from './dashboard-page.js';

export function AnalyticsPage({ appKey, flowKey }: { appKey: string; flowKey: string }) {
  const { t, lang } = useI18n();
  const { path, params } = useLocation();
  const app = useAsync(() => loadApp(appKey), [appKey]);
  const range = rangeFromParams(params);
  const data = useAsync(
    () =>
      loadInServerZone(params, (r) =>
        api<FlowAnalytics>(
          'GET',
          `/apps/${encodeURIComponent(appKey)}/flows/${encodeURIComponent(flowKey)}/analytics${query({ from: r.from, to: r.to })}`,
        ),
      ),
    // The server names steps and outcomes in the language on screen.
    [appKey, flowKey, params.toString(), lang],
  );
  const flow = app.data ? flowOf(app.data, flowKey) : undefined;
  const figures = data.data?.flow === flowKey ? data.data : undefined;

  const layers = useMemo(() => {
    const byNode = new Map((figures?.nodes ?? []).map((n) => [n.node, n]));
    const rows = flow ? taskLayers(flow).map((row) => row.filter((k) => byNode.has(k))) : [];
    const placed = new Set(rows.flat());
    // Nodes of older versions the flow no longer has.
    const rest = (figures?.nodes ?? []).filter((n) => !placed.has(n.node)).map((n) => n.node);
    if (rest.length) rows.push(rest);
    return rows.filter((r) => r.length > 0).map((r) => r.map((k) => byNode.get(k)!));
  }, [flow, figures]);

  const outcomes = useMemo(() => {
    const o = figures?.outcomesByWeek;
    return o ? { labels: o.labels, series: o.series.map((s) => ({ ...s, data: s.data })) } : undefined;
  }, [figures]);

  if (app.error) return <p className="notice error">{t('notFound')}</p>;
  const dashboards = dashboardsOf(app.data);
  const name = flow ? loc(flow.name, lang) : (figures?.name ?? flowKey);

  return (
    <section className="analytics" data-testid="analytics" aria-busy={data.loading || undefined}>
      <PageHead title={t('analyticsOf', { name })}>
        {dashboards.length > 0 && (
          <nav className="report-links" aria-label={t('dashboards')}>
            {dashboards.map((d) => (
              <Link
                key={d.key}
                to={`/apps/${encodeURIComponent(appKey)}/dashboards/${encodeURIComponent(d.key)}`}
              >
                {loc(d.name, lang)}
              </Link>
            ))}
          </nav>
        )}
      </PageHead>
      <div className="filters report-filters" role="search" aria-label={t('filters')}>
        <RangePicker
          value={range}
          onChange={(r) => {
            const next: Record<string, string | undefined> = {};
            for (const [k, v] of params) next[k] = v;
            navigate(`${path}${query({ ...next, ...rangeParams(r) })}`, { replace: true });
          }}
        />
      </div>
      {data.error !== undefined && (
        <p className="notice error" role="alert">
          {t('serverError', { m: errorText(data.error) })}
        </p>
      )}
      {!figures ? (
        <p className="muted widget-loading">{t('loading')}</p>
      ) : (
        <>
          <div className="kpi-grid" data-testid="flow-figures">
            <FigureCard
              label={t('started')}
              value={formatNumber(figures.started, lang)}
              testId="flow-started"
            />
            <FigureCard
              label={t('finished')}
              value={formatNumber(figures.finished, lang)}
              note={t('finishedBy', {
                done: figures.finishedBy.done,
                cancelled: figures.finishedBy.cancelled,
                failed: figures.finishedBy.failed,
              })}
              testId="flow-finished"
            />
            <FigureCard
              label={t('stillActive')}
              value={formatNumber(figures.stillActive, lang)}
              testId="flow-active"
            />
            <FigureCard
              label={t('cycleTime')}
              value={formatDuration(figures.cycleTime.avgMs, lang)}
              note={`p50 ${formatDuration(figures.cycleTime.p50Ms, lang)} · p90 ${formatDuration(figures.cycleTime.p90Ms, lang)}`}
              testId="flow-cycle"
            />
          </div>
          <section className="card">
            <h2>{t('stepsTitle')}</h2>
            <p className="muted small">{t('stepsHelp')}</p>
            {layers.length === 0 ? (
              <p className="muted">{t('noData')}</p>
            ) : (
              <FlowMap layers={layers} nodeName={(n) => nodeName(flow, n, lang)} />
            )}
          </section>
          <section className="card widget" data-testid="outcomes-by-week">
            <h2 className="widget-title">{t('outcomesByWeek')}</h2>
            {outcomes && outcomes.labels.length > 0 ? (
              <ChartCanvas
                type="bar"
                labels={outcomes.labels}
                series={outcomes.series}
                title={t('outcomesByWeek')}
              />
            ) : (
              <p className="muted widget-empty">{t('noData')}</p>
            )}
          </section>
        </>
      )}
    </section>
  );
}

/** The node's name in the language on screen (the server words it in the user's stored language). */
function nodeName(flow: ReturnType<typeof flowOf>, n: NodeFigures, lang: 'zh-CN' | 'en'): string {
  const def = flow?.nodes[n.node];
  return (def?.name ? loc(def.name, lang) : '') || n.name;
}
