/**
 * The reports service: dashboard data, one widget's page, process analytics and exports, each
 * checked against who is asking (admins and app staff see every record, customers their own;
 * analytics and exports are for staff). One per `Services`, created on first use, holding the
 * read pool that `close` releases.
 */
import type { Writable } from 'node:stream';
import type { DashboardData, FlowAnalytics, WidgetData, WidgetPreview } from '../../contract/index.js';
import {
  FlowcaseError,
  isProcessWidget,
  ruleRoots,
  validateWidget,
  type DashboardDef,
  type DashboardWidgetDef,
  type FormDef,
  type ProcessWidgetDef,
  type WidgetDef,
} from '../../engine/index.js';
import { prepareWidgetCheck } from '../../engine/dashboard/validate-widget.js';
import { canDesignApp, canSeeDashboard } from '../apps/app-access.js';
import { isCustomerOf, readableFields, scopeRecordQuery, usesApp } from '../cases/access.js';
import type { AppVersion } from '../cases/definitions.js';
import type { Actor } from '../cases/types.js';
import type { Services } from '../services.js';
import { offsetMinutes } from '../store/record-time-zone.js';
import type { ScanLabel, SortKey } from '../store/store.js';
import {
  allOf,
  checkFieldParams,
  fieldFilters,
  parseDashboardQuery,
  rangeFilter,
  rangeOf,
  type Range,
} from './dashboard-filter.js';
import { formatterSource } from './export-csv-parallel.js';
import { exportRecords, type ExportFormat, type ExportQuery } from './export-records.js';
import { flowAnalytics } from './flow-analytics.js';
import { Labeler, localize, type Lang } from './labels.js';
import { processWidgetData } from './process-widgets.js';
import { createReader, type Reader } from './read-pool.js';
import { computeWidget } from './widget-compute.js';

export interface TablePage {
  cursor?: string;
  sort?: SortKey[];
  limit?: number;
}

export interface ReportService {
  dashboard(app: string, key: string, query: Record<string, unknown>, actor: Actor): Promise<DashboardData>;
  widget(
    app: string,
    key: string,
    widget: string,
    query: Record<string, unknown>,
    page: TablePage,
    actor: Actor,
  ): Promise<WidgetData>;
  /**
   * An unsaved widget's data for who may design the app, checked as a published widget is, over
   * at most `PREVIEW_ROW_CAP` records per figure and answered within `PREVIEW_TIME_LIMIT_MS`.
   */
  preview(app: string, widget: unknown, query: Record<string, unknown>, actor: Actor): Promise<WidgetPreview>;
  analytics(
    app: string,
    flow: string,
    query: { from?: string; to?: string },
    actor: Actor,
  ): Promise<FlowAnalytics>;
  /** Checks access and columns, then returns a function that streams the export to `out`. */
  prepareExport(
    app: string,
    form: string,
    format: ExportFormat,
    query: ExportQuery,
    actor: Actor,
  ): Promise<(out: Writable) => Promise<number>>;
  /**
   * Readies, at the server's start, what the first dashboard or preview of a process would
   * otherwise wait for: the read connections (threads on SQLite), the time zone's offsets (ICU's
   * zone data) and the widget schema a preview is checked with.
   */
  warm(): Promise<void>;
  close(): Promise<void>;
}

const services = new WeakMap<Services, ReportService>();

/** The report service of `s`, created on first use. */
export function reportsFor(s: Services): ReportService {
  let found = services.get(s);
  if (!found) {
    found = createReportService(s);
    services.set(s, found);
  }
  return found;
}

/** Closes the report service of `s`, if one was created (idempotent). */
export async function closeReports(s: Services): Promise<void> {
  const found = services.get(s);
  services.delete(s);
  await found?.close();
}

function langOf(actor: Actor): Lang {
  return actor.language === 'en' ? 'en' : 'zh';
}

/**
 * Below this many rows in the form's table a CSV export formats on the request's thread: starting
 * the export's threads costs a few hundred milliseconds, which a small export does not win back.
 */
export const PARALLEL_EXPORT_FROM = 20_000;

/** A preview groups at most this many matching records per figure (then it says `capped`). */
export const PREVIEW_ROW_CAP = 20_000;
/** A preview answers within this long; a slower one says `capped` and `timedOut`, without figures. */
export const PREVIEW_TIME_LIMIT_MS = 2000;

/**
 * `rollups: false` reads every widget from the records (benchmarks and tests compare the two);
 * `parallelExportFrom` overrides `config.exportThreadsFrom`, the table size from which CSV exports
 * run on worker threads.
 */
export function createReportService(
  s: Services,
  options: {
    reader?: Reader;
    rollups?: boolean;
    parallelExportFrom?: number;
    preview?: { rowCap?: number; timeLimitMs?: number };
  } = {},
): ReportService {
  const definitions = s.versions;
  let reader: Reader | undefined = options.reader;
  const readerOf = (): Reader => (reader ??= createReader(s.store));
  const timeZone = s.config.timeZone;

  async function appFor(app: string, actor: Actor): Promise<AppVersion> {
    const version = await definitions.latest(app);
    if (!usesApp(actor, version))
      throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
    return version;
  }

  function staffOnly(version: AppVersion, actor: Actor, what: string): void {
    if (isCustomerOf(actor, version))
      throw new FlowcaseError('FC_FORBIDDEN', `${what} are for the app's staff.`);
  }

  /** A dashboard shown to other roles is as absent as one never made (404), so its name stays private. */
  function dashboardOf(version: AppVersion, key: string, actor: Actor): DashboardDef {
    const found = version.bundle.dashboards.find((d) => d.key === key);
    if (!found || !canSeeDashboard(version.bundle, found, actor))
      throw new FlowcaseError('FC_NOT_FOUND', `App "${version.app}" has no dashboard "${key}".`, {
        path: '/key',
      });
    return found;
  }

  /** Customers: a widget reading a field they may not read is restricted (the same field set as their record views). */
  function restricted(version: AppVersion, actor: Actor, form: FormDef, widget: WidgetDef): boolean {
    const visible = readableFields(actor, version, form.key);
    if (!visible) return false;
    const keys = form.fields.map((f) => f.key);
    const read = [
      ...(widget.dimensions ?? []).map((d) => d.field),
      ...widget.measures.flatMap((m) => (m.field ? [m.field] : [])),
      ...ruleRoots(widget.filter),
    ];
    return read.some((k) => keys.includes(k) && !visible.includes(k));
  }

  async function run(
    version: AppVersion,
    dashboard: DashboardDef,
    widgets: DashboardDef['widgets'],
    rawQuery: Record<string, unknown>,
    actor: Actor,
    page?: TablePage,
    rowCap?: { rows: number; cut: boolean },
  ): Promise<{ range: Range | undefined; data: WidgetData[] }> {
    const query = parseDashboardQuery(rawQuery);
    // The period applies to the dashboard's designed date field unless the query names another.
    const designedField = dashboard.filters?.date?.field;
    if (query.dateField === undefined && designedField !== undefined) query.dateField = designedField;
    const range = rangeOf(query, timeZone);
    const forms = new Map(version.bundle.forms.map((f) => [f.key, f]));
    checkFieldParams(
      query,
      dashboard.widgets
        .map((w) => (w.form === undefined ? undefined : forms.get(w.form)))
        .filter((f): f is FormDef => f !== undefined),
    );
    const labeler = new Labeler(s.store, version.app, forms, langOf(actor));
    const customer = isCustomerOf(actor, version);
    // Process widgets of one flow share its analytics, read once.
    const analyticsOf = new Map<string, Promise<FlowAnalytics>>();
    const data = await Promise.all(
      widgets.map((widget) => {
        if (isProcessWidget(widget))
          return processWidget(version, widget, range, customer, analyticsOf, labeler.lang);
        const form = forms.get(widget.form);
        if (!form)
          throw new FlowcaseError(
            'FC_NOT_FOUND',
            `Widget "${widget.key}" reads form "${widget.form}", which the app does not have.`,
          );
        if (customer && restricted(version, actor, form, widget)) {
          return Promise.resolve<WidgetData>({
            key: widget.key,
            type: widget.type,
            title: localize(widget.title, labeler.lang) || widget.key,
            form: widget.form,
            restricted: true,
          });
        }
        return computeWidget(widget, {
          app: version.app,
          store: s.store,
          reader: readerOf(),
          cases: s.cases,
          actor,
          timeZone,
          form,
          labeler,
          query,
          range,
          dashboardFilter: (r) =>
            allOf([r ? rangeFilter(query, form, r) : undefined, ...fieldFilters(query, form)]),
          createdBy: customer ? actor.id : undefined,
          rollups: options.rollups !== false,
          ...(page ? { page } : {}),
          ...(rowCap ? { rowCap } : {}),
        });
      }),
    );
    return { range, data };
  }

  /**
   * A process widget: a view of its flow's analytics over the dashboard's range, as the analytics
   * route answers them. They are for the app's staff: a customer's widget carries no figures.
   */
  function processWidget(
    version: AppVersion,
    widget: ProcessWidgetDef,
    range: Range | undefined,
    customer: boolean,
    analyticsOf: Map<string, Promise<FlowAnalytics>>,
    lang: Lang,
  ): Promise<WidgetData> {
    const flow = version.flows.get(widget.flow);
    if (!flow)
      throw new FlowcaseError(
        'FC_NOT_FOUND',
        `Widget "${widget.key}" shows flow "${widget.flow}", which the app does not have.`,
      );
    const base: WidgetData = {
      key: widget.key,
      type: widget.type,
      title: localize(widget.title, lang) || widget.key,
      form: flow.form,
      flow: flow.key,
    };
    if (customer) return Promise.resolve({ ...base, restricted: true });
    // Widgets of one flow share its analytics, unless a throughput widget counts by day or month.
    const bucket = widget.type === 'throughput' ? (widget.bucket ?? 'week') : 'week';
    const cacheKey = `${flow.key}\u0001${bucket}`;
    let figures = analyticsOf.get(cacheKey);
    if (!figures) {
      figures = flowAnalytics({
        store: s.store,
        reader: readerOf(),
        app: version.app,
        flow,
        range,
        now: s.clock.now().toISOString(),
        timeZone,
        lang,
        bucket,
      });
      analyticsOf.set(cacheKey, figures);
    }
    return figures.then((a) => processWidgetData(widget, a, base, lang));
  }

  return {
    async dashboard(app, key, rawQuery, actor) {
      const version = await appFor(app, actor);
      const dashboard = dashboardOf(version, key, actor);
      const { range, data } = await run(version, dashboard, dashboard.widgets, rawQuery, actor);
      return {
        app,
        key,
        name: localize(dashboard.name, langOf(actor)),
        timeZone,
        ...(range ? { period: { from: range.from, to: range.to } } : {}),
        widgets: data,
      };
    },

    async widget(app, key, widgetKey, rawQuery, page, actor) {
      const version = await appFor(app, actor);
      const dashboard = dashboardOf(version, key, actor);
      const widget = dashboard.widgets.find((w) => w.key === widgetKey);
      if (!widget)
        throw new FlowcaseError('FC_NOT_FOUND', `Dashboard "${key}" has no widget "${widgetKey}".`, {
          path: '/widget',
        });
      const { data } = await run(version, dashboard, [widget], rawQuery, actor, page);
      return data[0]!;
    },

    async preview(app, raw, rawQuery, actor) {
      const version = await appFor(app, actor);
      // The published roles decide, as for the draft the widget belongs to.
      if (!canDesignApp(version.bundle, actor))
        throw new FlowcaseError('FC_FORBIDDEN', `You may not design the app ${app}.`);
      // Checked against the published forms: they are what the records were stored under.
      const problems = validateWidget(version.bundle, raw);
      if (problems.length > 0)
        throw new FlowcaseError(
          'FC_VALIDATION_FAILED',
          {
            en: `The widget has ${problems.length} problem(s): ${problems[0]!.message}`,
            zh: `组件有 ${problems.length} 个问题，请修正后再预览。`,
          },
          { path: problems[0]!.path, problems },
        );
      const widget = raw as DashboardWidgetDef;
      const dashboard: DashboardDef = { key: 'widget_preview', name: { en: 'Preview' }, widgets: [widget] };
      const cap = { rows: options.preview?.rowCap ?? s.config.previewRowCap ?? PREVIEW_ROW_CAP, cut: false };
      const limit = options.preview?.timeLimitMs ?? s.config.previewTimeLimitMs ?? PREVIEW_TIME_LIMIT_MS;
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<'late'>((resolve) => {
        timer = setTimeout(() => resolve('late'), limit);
        timer.unref();
      });
      // The reads are bounded by the row cap, so one that loses the race still ends soon after.
      const work = run(version, dashboard, [widget], rawQuery, actor, undefined, cap);
      work.catch(() => undefined);
      const answer = await Promise.race([work, late]).finally(() => clearTimeout(timer));
      const elapsedMs = Math.round(performance.now() - started);
      if (answer === 'late')
        return {
          key: widget.key,
          type: widget.type,
          title: localize(widget.title, langOf(actor)) || widget.key,
          form: widget.form ?? version.flows.get(widget.flow)?.form ?? '',
          capped: true,
          timedOut: true,
          rowCap: cap.rows,
          elapsedMs,
        };
      return { ...answer.data[0]!, capped: cap.cut, rowCap: cap.rows, elapsedMs };
    },

    async analytics(app, flow, query, actor) {
      const version = await appFor(app, actor);
      staffOnly(version, actor, 'Process analytics');
      const def = version.flows.get(flow);
      if (!def)
        throw new FlowcaseError('FC_NOT_FOUND', `App "${app}" has no flow "${flow}".`, { path: '/flow' });
      const range = rangeOf(parseDashboardQuery(query), timeZone);
      return flowAnalytics({
        store: s.store,
        reader: readerOf(),
        app,
        flow: def,
        range,
        now: s.clock.now().toISOString(),
        timeZone,
        lang: langOf(actor),
      });
    },

    async prepareExport(app, form, format, query, actor) {
      const version = await appFor(app, actor);
      staffOnly(version, actor, 'Exports');
      const def = version.forms.get(form)?.def;
      if (!def)
        throw new FlowcaseError('FC_NOT_FOUND', `App "${app}" has no form "${form}".`, { path: '/form' });
      // A bad filter or sort is a 400 now, before the first byte is sent.
      await s.cases.listRecords(
        app,
        form,
        {
          limit: 1,
          ...(query.filter !== undefined ? { filter: query.filter } : {}),
          ...(query.sort ? { sort: query.sort } : {}),
        },
        actor,
      );
      const forms = new Map(version.bundle.forms.map((f) => [f.key, f]));
      const labeler = new Labeler(s.store, app, forms, langOf(actor), timeZone);
      // Exports are for staff, who read every record unredacted; the scope is applied all the same.
      const scoped = (q: ExportQuery) =>
        scopeRecordQuery(actor, version, form, {
          ...(q.filter !== undefined ? { filter: q.filter } : {}),
          ...(q.sort ? { sort: q.sort } : {}),
        });
      const records = (q: ExportQuery, labels: readonly ScanLabel[]) =>
        s.store.scanRecords(app, form, scoped(q), labels);
      const scanLabels = (labels: readonly ScanLabel[]) => s.store.scanLabels(app, form, labels);
      const parallel = async (q: ExportQuery, labels: readonly ScanLabel[], joined: readonly boolean[]) => {
        const statement = await s.store.scanStatement(app, form, scoped(q), labels);
        if (
          !statement ||
          statement.estimatedRows <
            (options.parallelExportFrom ?? s.config.exportThreadsFrom ?? PARALLEL_EXPORT_FROM)
        )
          return undefined;
        // Without the formatting threads' script (esbuild failed) the export runs on this thread.
        if (
          !(await formatterSource().then(
            () => true,
            () => false,
          ))
        )
          return undefined;
        return {
          statement,
          joined,
          app,
          form,
          forms: version.bundle.forms,
          ...(q.columns ? { columns: q.columns } : {}),
          lang: labeler.lang,
          timeZone,
          source: s.store,
        };
      };
      return (out) =>
        exportRecords({ form: def, labeler, timeZone, records, scanLabels, parallel }, format, query, out);
    },

    async warm() {
      const threads = readerOf().warm?.();
      // These run on this thread while the read threads start.
      offsetMinutes(timeZone, s.clock.now().getTime());
      prepareWidgetCheck();
      await threads;
    },

    async close() {
      const r = reader;
      reader = undefined;
      await r?.close();
    },
  };
}
