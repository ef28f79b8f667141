/**
 * Computes one widget: builds its aggregate (the widget's filter AND the dashboard filter, only the
 * records the viewer may see), runs it on the report reader, and shapes the groups for chart.js.
 * Every number comes from SQL; JavaScript only sees groups, never records (tables read one page).
 */
import type { DateBucket, FieldDef, FormDef, JsonLogic, WidgetDef } from '../../engine/index.js';
import type { Actor, CaseService } from '../cases/types.js';
import type { AggregateOptions, AggregateRow, SortKey, Store } from '../store/store.js';
import {
  allOf,
  formFieldValues,
  localMidnight,
  previousRange,
  rangeField,
  type DashboardQuery,
  type Range,
} from './dashboard-filter.js';
import { bucketKeyOf, bucketLabel, bucketRun, bucketStart, nextBucketStart } from './date-buckets.js';
import { groupOrder, orderedPositions, otherLabel, sqlValueOrder } from './group-order.js';
import { localize, type Labeler, type Lang } from './labels.js';
import type { Reader } from './read-pool.js';
import type { Column, Row, Series, WidgetData } from '../../contract/index.js';

export interface WidgetContext {
  app: string;
  store: Store;
  reader: Reader;
  cases: CaseService;
  actor: Actor;
  timeZone: string;
  form: FormDef;
  labeler: Labeler;
  query: DashboardQuery;
  range: Range | undefined;
  /** The dashboard filter for this widget's form (range and `f.` fields), without the range for KPI previous periods. */
  dashboardFilter: (range: Range | undefined) => JsonLogic;
  /** Customers: only their own records. */
  createdBy: string | undefined;
  /** Whether aggregates may come from rollups (else always from the records). */
  rollups: boolean;
  /** Table paging. */
  page?: { cursor?: string; sort?: SortKey[]; limit?: number };
  /**
   * A preview's cap: reads from the records group at most this many of them, and `cut` is set
   * when one of them matched more (a rollup's answer is exact and never cut).
   */
  rowCap?: { rows: number; cut: boolean };
}

const GROUP_LIMIT = 1000;
const MAX_GAP_FILL = 1000;
const TABLE_LIMIT = 20;

const OP_NAMES: Record<Lang, Record<string, string>> = {
  en: {
    count: 'Count',
    sum: 'Sum of {f}',
    avg: 'Average {f}',
    min: 'Minimum {f}',
    max: 'Maximum {f}',
    distinct: 'Distinct {f}',
  },
  zh: {
    count: '数量',
    sum: '{f}合计',
    avg: '{f}平均',
    min: '{f}最小',
    max: '{f}最大',
    distinct: '{f}去重计数',
  },
};

function fieldOf(form: FormDef, key: string): FieldDef | undefined {
  return form.fields.find((f) => f.key === key);
}

function fieldLabel(form: FormDef, key: string, lang: Lang): string {
  if (key === 'createdAt') return lang === 'en' ? 'Created' : '创建时间';
  if (key === 'updatedAt') return lang === 'en' ? 'Updated' : '更新时间';
  if (key === 'createdBy') return lang === 'en' ? 'Created by' : '创建人';
  return localize(fieldOf(form, key)?.label, lang) || key;
}

/** A field label that already names a total: its sum is the label alone ("配件合计", not "配件合计合计"). */
const TOTAL_LABEL = /(合计|总计|总额|小计|\btotal)$/i;

/** A measure's name: its own `label`, else the operation and the field's label. */
export function measureLabel(form: FormDef, m: WidgetDef['measures'][number], lang: Lang): string {
  const own = localize(m.label, lang);
  if (own) return own;
  if (m.op === 'count' && m.field === undefined) return OP_NAMES[lang].count!;
  const field = m.field ? fieldLabel(form, m.field, lang) : '';
  if (m.op === 'sum' && TOTAL_LABEL.test(field)) return field;
  return (OP_NAMES[lang][m.op] ?? m.op).replace('{f}', field);
}

/**
 * Runs `options` (whose filter is the widget's filter and the dashboard filter of `range`) on the
 * widget's rollup when one answers it exactly, else on the records. A rollup holds every record,
 * so customers (their own records only) always read the records; so does a range that is not
 * whole local days of `createdAt`.
 */
async function aggregate(
  ctx: WidgetContext,
  options: AggregateOptions,
  widget: WidgetDef,
  range: Range | undefined,
): Promise<AggregateRow[]> {
  const days = range
    ? range.fromDay && range.toDay && rangeField(ctx.query, ctx.form).key === 'createdAt'
      ? { from: range.fromDay, to: range.toDay }
      : null
    : undefined;
  if (ctx.rollups && ctx.createdBy === undefined && days !== null) {
    const rollup = await ctx.store.compileRollup(ctx.app, ctx.form.key, {
      ...(widget.filter !== undefined ? { filter: widget.filter } : {}),
      ...(options.dimensions ? { dimensions: options.dimensions } : {}),
      measures: options.measures,
      ...(days ? { days } : {}),
      fields: formFieldValues(ctx.query, ctx.form),
      timeZone: ctx.timeZone,
      ...(options.limit !== undefined ? { limit: options.limit } : {}),
      ...(options.byValue ? { byValue: options.byValue } : {}),
    });
    // A rollup read sums a few hundred rows: the store's own connection answers it at once,
    // with no worker thread to start or hand it to.
    if (rollup) return ctx.store.runRead(rollup);
  }
  const scoped: AggregateOptions = {
    ...options,
    timeZone: ctx.timeZone,
    ...(ctx.createdBy !== undefined ? { createdBy: ctx.createdBy } : {}),
  };
  const cap = ctx.rowCap;
  if (!cap) return ctx.reader.run(await ctx.store.compileAggregate(ctx.app, ctx.form.key, scoped));
  // Counting one row past the cap says whether the figures were cut, at the cost of one more
  // bounded scan beside the capped aggregate.
  const [rows, matched] = await Promise.all([
    ctx.reader.run(await ctx.store.compileAggregate(ctx.app, ctx.form.key, { ...scoped, rowCap: cap.rows })),
    ctx.reader.run(
      await ctx.store.compileAggregate(ctx.app, ctx.form.key, {
        ...(scoped.filter !== undefined ? { filter: scoped.filter } : {}),
        ...(scoped.createdBy !== undefined ? { createdBy: scoped.createdBy } : {}),
        measures: [{ op: 'count' }],
        rowCap: cap.rows + 1,
      }),
    ),
  ]);
  if ((matched[0]?.values[0] ?? 0) > cap.rows) cap.cut = true;
  return rows;
}

export async function computeWidget(widget: WidgetDef, ctx: WidgetContext): Promise<WidgetData> {
  const lang = ctx.labeler.lang;
  const base: WidgetData = {
    key: widget.key,
    type: widget.type,
    title: localize(widget.title, lang) || widget.key,
    form: widget.form,
  };
  const filter = allOf([widget.filter, ctx.dashboardFilter(ctx.range)]);
  switch (widget.type) {
    case 'kpi':
      return kpi(widget, ctx, base, filter);
    case 'table':
      return table(widget, ctx, base, filter);
    case 'pivot':
      return pivot(widget, ctx, base, filter);
    default:
      return chart(widget, ctx, base, filter);
  }
}

async function kpi(
  widget: WidgetDef,
  ctx: WidgetContext,
  base: WidgetData,
  filter: JsonLogic,
): Promise<WidgetData> {
  const lang = ctx.labeler.lang;
  // Told to compare with nothing, the card shows the figure alone (no second read).
  const prevRange =
    ctx.range && widget.compare !== 'none' ? previousRange(ctx.range, ctx.timeZone) : undefined;
  const [now, before] = await Promise.all([
    aggregate(ctx, { filter, measures: widget.measures }, widget, ctx.range),
    prevRange
      ? aggregate(
          ctx,
          { filter: allOf([widget.filter, ctx.dashboardFilter(prevRange)]), measures: widget.measures },
          widget,
          prevRange,
        )
      : Promise.resolve(undefined),
  ]);
  const values = now[0]?.values ?? widget.measures.map(() => null);
  const out: WidgetData = {
    ...base,
    labels: widget.measures.map((m) => measureLabel(ctx.form, m, lang)),
    series: [{ key: 'value', label: base.title, data: values }],
    total: values[0] ?? null,
  };
  if (before && prevRange && ctx.range) {
    const previous = before[0]?.values[0] ?? null;
    out.series!.push({
      key: 'previous',
      label: lang === 'en' ? 'Previous period' : '上期',
      data: before[0]?.values ?? widget.measures.map(() => null),
    });
    out.previous = previous;
    // A sum that overflowed (values stored before numbers had limits) has no change to show.
    const change =
      previous === null || previous === 0 || out.total === null || out.total === undefined
        ? null
        : (out.total - previous) / Math.abs(previous);
    out.change = change !== null && Number.isFinite(change) ? change : null;
    out.period = { from: ctx.range.from, to: ctx.range.to };
    out.previousPeriod = { from: prevRange.from, to: prevRange.to };
  }
  return out;
}

/** The JSON Logic selecting the records of one group value of a dimension. */
function keyFilter(
  ctx: WidgetContext,
  dim: NonNullable<WidgetDef['dimensions']>[number],
  key: string | number | null,
): JsonLogic {
  const v = { var: dim.field };
  if (key === null) return { '==': [v, null] };
  if (!dim.bucket) return { '==': [v, key] };
  const start = bucketStart(String(key), dim.bucket);
  const end = nextBucketStart(start, dim.bucket);
  const type =
    dim.field === 'createdAt' || dim.field === 'updatedAt' ? 'datetime' : fieldOf(ctx.form, dim.field)?.type;
  if (type === 'date') return { and: [{ '>=': [v, start] }, { '<': [v, end] }] };
  return {
    and: [{ '>=': [v, localMidnight(start, ctx.timeZone)] }, { '<': [v, localMidnight(end, ctx.timeZone)] }],
  };
}

/** The first and last bucket keys a range covers, so a chart spans the whole chosen period. */
function rangeBuckets(
  ctx: WidgetContext,
  dim: NonNullable<WidgetDef['dimensions']>[number],
): [string, string] | undefined {
  if (!ctx.range?.fromDay || !ctx.range.toDay || !dim.bucket) return undefined;
  if (rangeField(ctx.query, ctx.form).key !== dim.field) return undefined;
  return [bucketKeyOf(ctx.range.fromDay, dim.bucket), bucketKeyOf(ctx.range.toDay, dim.bucket)];
}

async function labelsFor(
  ctx: WidgetContext,
  field: string,
  keys: readonly (string | number | null)[],
  bucket: DateBucket | undefined,
): Promise<string[]> {
  if (bucket)
    return keys.map((k) =>
      k === null ? ctx.labeler.label(undefined, null) : bucketLabel(String(k), bucket, ctx.labeler.lang),
    );
  const def =
    field === 'createdBy'
      ? ({ key: 'createdBy', type: 'user', label: '' } as FieldDef)
      : fieldOf(ctx.form, field);
  await ctx.labeler.prepare(def, keys);
  return keys.map((k) => ctx.labeler.label(def, k));
}

async function chart(
  widget: WidgetDef,
  ctx: WidgetContext,
  base: WidgetData,
  filter: JsonLogic,
): Promise<WidgetData> {
  const lang = ctx.labeler.lang;
  const dims = widget.dimensions ?? [];
  const measureLabels = widget.measures.map((m) => measureLabel(ctx.form, m, lang));
  if (dims.length === 0) {
    // One slice (or bar) per measure: e.g. revenue by kind as three sums.
    const rows = await aggregate(ctx, { filter, measures: widget.measures }, widget, ctx.range);
    return {
      ...base,
      labels: measureLabels,
      series: [{ key: 'value', label: base.title, data: rows[0]?.values ?? widget.measures.map(() => null) }],
    };
  }
  const [d0, d1] = dims;
  const order = groupOrder(widget);
  const byValue = sqlValueOrder(order, d1 ? 2 : 1);
  // One dimension by a figure: the database returns only the top N, and a pie's "Other" is the
  // grand total less what they add up to.
  const sqlTop = byValue !== undefined && order.limit !== undefined;
  const pieOther = widget.type === 'pie' && order.limit !== undefined;
  const [rows, grand] = await Promise.all([
    aggregate(
      ctx,
      {
        filter,
        dimensions: dims.slice(0, 2),
        measures: widget.measures,
        // Dates: one more, in case the group without a date (not drawn) is among the first.
        limit: sqlTop ? order.limit! + (d0!.bucket ? 1 : 0) : GROUP_LIMIT,
        ...(byValue ? { byValue } : {}),
      },
      widget,
      ctx.range,
    ),
    sqlTop && pieOther
      ? aggregate(ctx, { filter, measures: widget.measures }, widget, ctx.range)
      : Promise.resolve(undefined),
  ]);
  const truncated = !sqlTop && rows.length >= GROUP_LIMIT;
  // Category axis: the first dimension's values in SQL order; date buckets skip the empty group,
  // and in time order fill gaps.
  let keys = [...new Map(rows.map((r) => [r.keys[0] ?? null, true])).keys()];
  if (d0!.bucket) keys = keys.filter((k) => k !== null);
  if (sqlTop) keys = keys.slice(0, order.limit);
  if (d0!.bucket && order.by !== 'value') {
    const span = rangeBuckets(ctx, d0!);
    const first = span?.[0] ?? (keys[0] as string | undefined);
    const last = span?.[1] ?? (keys[keys.length - 1] as string | undefined);
    const run =
      first !== undefined && last !== undefined
        ? bucketRun(String(first), String(last), d0!.bucket, MAX_GAP_FILL)
        : undefined;
    if (run) keys = run;
  }
  const index = new Map(keys.map((k, i) => [k, i]));
  const additive = (m: number) => widget.measures[m]!.op === 'count' || widget.measures[m]!.op === 'sum';
  // A group with no records has none of any value; its distinct values do not add up to Other's.
  const empty = (m: number) => (additive(m) || widget.measures[m]!.op === 'distinct' ? 0 : null);
  let series: Series[] = [];
  if (!d1) {
    widget.measures.forEach((_, m) =>
      series.push({ key: `m${m}`, label: measureLabels[m]!, data: keys.map(() => empty(m)) }),
    );
    for (const r of rows) {
      const i = index.get(r.keys[0] ?? null);
      if (i !== undefined) r.values.forEach((v, m) => (series[m]!.data[i] = v));
    }
  } else {
    const groups = [...new Map(rows.map((r) => [r.keys[1] ?? null, true])).keys()];
    const groupLabels = await labelsFor(ctx, d1.field, groups, d1.bucket);
    const bySeries = new Map<string, Series>();
    groups.forEach((g, gi) =>
      widget.measures.forEach((_, m) => {
        const s: Series = {
          key: `m${m}:${String(g)}`,
          label: widget.measures.length > 1 ? `${groupLabels[gi]!} · ${measureLabels[m]!}` : groupLabels[gi]!,
          group: g,
          filter: keyFilter(ctx, d1, g),
          data: keys.map(() => empty(m)),
        };
        bySeries.set(s.key, s);
        series.push(s);
      }),
    );
    for (const r of rows) {
      const i = index.get(r.keys[0] ?? null);
      if (i === undefined) continue;
      r.values.forEach((v, m) => (bySeries.get(`m${m}:${String(r.keys[1] ?? null)}`)!.data[i] = v));
    }
  }
  let labels = await labelsFor(ctx, d0!.field, keys, d0!.bucket);
  // The first figure of a group: with a second dimension, what its series add up to.
  const first = series.filter((s) => measureOf(s.key) === 0);
  const valueAt = (i: number) =>
    first.reduce<number | null>((sum, s) => (s.data[i] === null ? sum : (sum ?? 0) + s.data[i]!), null);
  const shown = sqlTop
    ? [...keys.keys()]
    : orderedPositions(
        order,
        keys.length,
        (i) => (keys[i] === null ? null : d0!.bucket ? String(keys[i]) : labels[i]!),
        d0!.bucket !== undefined,
        valueAt,
        lang,
      );
  const cut = order.limit !== undefined && !sqlTop ? shown.splice(order.limit) : [];
  let other: (number | null)[] | undefined;
  if (pieOther) {
    // A pie shows shares of the whole, so 简道云-style top N keeps the rest as one "其他" slice
    // rather than dropping it (bars and pivots just show fewer groups). Only counts and sums add up.
    other = series.map((s, si) => {
      const m = measureOf(s.key);
      if (!additive(m)) return null;
      if (!grand) return cut.reduce((sum, i) => sum + (s.data[i] ?? 0), 0);
      const all = d1 ? null : (grand[0]?.values[m] ?? null);
      return all === null ? null : all - series[si]!.data.reduce<number>((sum, v) => sum + (v ?? 0), 0);
    });
    if (!other.some((v) => v !== null && v !== 0)) other = undefined;
  }
  const pick = <T>(xs: readonly T[]) => shown.map((i) => xs[i]!);
  series = series.map((s, si) => ({ ...s, data: [...pick(s.data), ...(other ? [other[si]!] : [])] }));
  const shownKeys = pick(keys);
  labels = [...pick(labels), ...(other ? [otherLabel(lang)] : [])];
  return {
    ...base,
    labels,
    keys: shownKeys,
    filters: shownKeys.map((k) => allOf([filter, keyFilter(ctx, d0!, k)])),
    series,
    ...(other ? { other: true } : {}),
    ...(truncated ? { truncated } : {}),
  };
}

/** The measure a series or column key stands for (`m2`, `m2:open` → 2). */
function measureOf(key: string): number {
  return Number(/^m(\d+)/.exec(key)?.[1] ?? 0);
}

async function pivot(
  widget: WidgetDef,
  ctx: WidgetContext,
  base: WidgetData,
  filter: JsonLogic,
): Promise<WidgetData> {
  const lang = ctx.labeler.lang;
  const dims = (widget.dimensions ?? []).slice(0, 2);
  const measureLabels = widget.measures.map((m) => measureLabel(ctx.form, m, lang));
  const order = groupOrder(widget);
  const byValue = sqlValueOrder(order, dims.length);
  const sqlTop = byValue !== undefined && order.limit !== undefined;
  const [d0, d1] = dims;
  // The totals row is of every matching record, also when the rows are cut to the top N (as 简道云
  // reads): per measure, and per column of a second dimension from its own group-by (an average
  // or a distinct count does not add up from the rows). So is the totals column of a second
  // dimension's rows, from a group-by of the first alone.
  const groupedBy = (dimension: NonNullable<typeof d0>) =>
    aggregate(
      ctx,
      { filter, dimensions: [dimension], measures: widget.measures, limit: GROUP_LIMIT },
      widget,
      ctx.range,
    );
  const [rows, grand, byColumn, byRow] = await Promise.all([
    dims.length
      ? aggregate(
          ctx,
          {
            filter,
            dimensions: dims,
            measures: widget.measures,
            // One group past the top N says whether it cut any.
            limit: sqlTop ? order.limit! + 1 : GROUP_LIMIT,
            ...(byValue ? { byValue } : {}),
          },
          widget,
          ctx.range,
        )
      : Promise.resolve([] as AggregateRow[]),
    aggregate(ctx, { filter, measures: widget.measures }, widget, ctx.range),
    d1 ? groupedBy(d1) : Promise.resolve([] as AggregateRow[]),
    d0 && d1 ? groupedBy(d0) : Promise.resolve([] as AggregateRow[]),
  ]);
  const totals = grand[0]?.values ?? widget.measures.map(() => null);
  if (!d0)
    return {
      ...base,
      columns: widget.measures.map((_, m) => ({ key: `m${m}`, label: measureLabels[m]!, kind: 'measure' })),
      rows: [{ values: totals }],
      totals,
    };
  const rowKeys = [...new Map(rows.map((r) => [r.keys[0] ?? null, true])).keys()];
  const rowLabels = await labelsFor(ctx, d0.field, rowKeys, d0.bucket);
  const columns: Column[] = [
    { key: d0.field, label: fieldLabel(ctx.form, d0.field, lang), kind: 'dimension' },
  ];
  let colIndex = new Map<string, number>();
  if (!d1) {
    widget.measures.forEach((_, m) =>
      columns.push({ key: `m${m}`, label: measureLabels[m]!, kind: 'measure' }),
    );
  } else {
    const colKeys = [...new Map(rows.map((r) => [r.keys[1] ?? null, true])).keys()];
    const colLabels = await labelsFor(ctx, d1.field, colKeys, d1.bucket);
    colIndex = new Map();
    colKeys.forEach((c, ci) =>
      widget.measures.forEach((_, m) => {
        colIndex.set(`${m}:${String(c)}`, columns.length - 1);
        columns.push({
          key: `m${m}:${String(c)}`,
          label: widget.measures.length > 1 ? `${colLabels[ci]!} · ${measureLabels[m]!}` : colLabels[ci]!,
          kind: 'measure',
          filter: keyFilter(ctx, d1, c),
        });
      }),
    );
  }
  const width = columns.length - 1;
  const out: Row[] = rowKeys.map((k, i) => ({
    key: k,
    label: rowLabels[i]!,
    values: [rowLabels[i]!, ...Array<number | null>(width).fill(null)],
    filter: allOf([filter, keyFilter(ctx, d0, k)]),
  }));
  const rowIndex = new Map(rowKeys.map((k, i) => [k, i]));
  if (d1)
    for (const r of byRow) {
      const at = rowIndex.get(r.keys[0] ?? null);
      if (at !== undefined) out[at]!.totals = r.values;
    }
  for (const r of rows) {
    const row = out[rowIndex.get(r.keys[0] ?? null)!]!;
    r.values.forEach((v, m) => {
      const at = d1 ? colIndex.get(`${m}:${String(r.keys[1] ?? null)}`) : m;
      if (at !== undefined) row.values[at + 1] = v;
    });
  }
  const columnTotals: (number | null)[] = d1 ? Array<number | null>(width).fill(null) : totals;
  for (const r of byColumn)
    r.values.forEach((v, m) => {
      const at = colIndex.get(`${m}:${String(r.keys[0] ?? null)}`);
      if (at !== undefined) columnTotals[at] = v;
    });
  // The order and top N of the rows; the totals stay those of every record.
  const firstCols = columns.flatMap((c, i) => (i > 0 && measureOf(c.key) === 0 ? [i] : []));
  const shown = sqlTop
    ? [...out.keys()].slice(0, order.limit)
    : orderedPositions(
        order,
        out.length,
        (i) => (rowKeys[i] === null ? null : d0.bucket ? String(rowKeys[i]) : rowLabels[i]!),
        d0.bucket !== undefined,
        // A row of two dimensions ranks by its own figure (an average or a distinct count of the
        // row is not the sum of its cells); of one, by its first measure's cell.
        (i) =>
          d1
            ? (out[i]!.totals?.[0] ?? null)
            : firstCols.reduce<number | null>((sum, c) => {
                const v = out[i]!.values[c];
                return typeof v === 'number' ? (sum ?? 0) + v : sum;
              }, null),
        lang,
      );
  if (order.limit !== undefined && !sqlTop) shown.splice(order.limit);
  return {
    ...base,
    columns,
    rows: shown.map((i) => out[i]!),
    totals,
    columnTotals,
    ...(shown.length < out.length ? { topN: shown.length } : {}),
    ...(!sqlTop && rows.length >= GROUP_LIMIT ? { truncated: true } : {}),
  };
}

const TABLE_SKIP = new Set(['table', 'files', 'textarea']);

async function table(
  widget: WidgetDef,
  ctx: WidgetContext,
  base: WidgetData,
  filter: JsonLogic,
): Promise<WidgetData> {
  const lang = ctx.labeler.lang;
  const keys = widget.dimensions?.length
    ? widget.dimensions.map((d) => d.field)
    : ctx.form.fields
        .filter((f) => !TABLE_SKIP.has(f.type))
        .slice(0, 8)
        .map((f) => f.key);
  const page = ctx.page ?? {};
  const [list, grand] = await Promise.all([
    ctx.cases.listRecords(
      ctx.app,
      ctx.form.key,
      {
        filter,
        limit: page.limit ?? widget.limit ?? TABLE_LIMIT,
        ...(page.sort ? { sort: page.sort } : {}),
        ...(page.cursor ? { cursor: page.cursor } : {}),
      },
      ctx.actor,
    ),
    aggregate(ctx, { filter, measures: widget.measures }, widget, ctx.range),
  ]);
  const fields = keys.map(
    (k): FieldDef =>
      fieldOf(ctx.form, k) ?? {
        key: k,
        type: k === 'createdBy' ? 'user' : 'datetime',
        label: fieldLabel(ctx.form, k, lang),
      },
  );
  for (const f of fields)
    await ctx.labeler.prepare(
      f,
      list.items.map((r) => valueOf(r, f.key)),
    );
  const totals = grand[0]?.values ?? widget.measures.map(() => null);
  return {
    ...base,
    columns: fields.map((f) => ({ key: f.key, label: fieldLabel(ctx.form, f.key, lang), kind: f.type })),
    rows: list.items.map((r) => ({
      id: r.id,
      values: fields.map((f) => ctx.labeler.cell(f, valueOf(r, f.key))),
    })),
    total: totals[0] ?? null,
    totals,
    ...(list.nextCursor ? { nextCursor: list.nextCursor } : {}),
  };
}

function valueOf(
  r: { data: Record<string, unknown>; createdAt: string; updatedAt: string; createdBy: string },
  key: string,
): unknown {
  if (key === 'createdAt') return r.createdAt;
  if (key === 'updatedAt') return r.updatedAt;
  if (key === 'createdBy') return r.createdBy;
  return Object.hasOwn(r.data, key) ? r.data[key] : undefined;
}
