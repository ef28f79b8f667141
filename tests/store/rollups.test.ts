/**
 * Store contract: dashboard rollups. A rollup is built from the records when a version with
 * dashboards is published (or when the store opens in another time zone) and kept current by
 * every record write (single inserts, bulk imports, updates). Whatever it answers equals the live
 * GROUP BY over the records and the figures this test computes itself from the records it wrote,
 * for filters with missing values, date buckets, day ranges, field filters and every additive
 * measure. A query no rollup can answer exactly (min/max, a filter on a field off the key) gets none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle, JsonLogic, WidgetDef } from '../../engine/index.js';
import { localMidnight } from '../../runtime/reports/dashboard-filter.js';
import type { AggregateRow, RollupQuery, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { repairBundle } from './fixtures.js';

const DIALECTS = await dialects('rollups');
const ZONE = 'Asia/Shanghai';

const NOT_CLOSED: JsonLogic = { '!': { in: [{ var: 'status' }, ['closed']] } };
const WIDGETS: WidgetDef[] = [
  { key: 'open', type: 'kpi', form: 'request', filter: NOT_CLOSED, measures: [{ op: 'count' }] },
  {
    key: 'amounts',
    type: 'kpi',
    form: 'request',
    measures: [
      { op: 'avg', field: 'amount' },
      { op: 'sum', field: 'amount' },
      { op: 'count', field: 'qty' },
    ],
  },
  { key: 'qty_avg', type: 'kpi', form: 'request', measures: [{ op: 'avg', field: 'qty' }] },
  {
    key: 'by_status',
    type: 'bar',
    form: 'request',
    dimensions: [{ field: 'status' }],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
  },
  {
    key: 'status_priority',
    type: 'pivot',
    form: 'request',
    filter: { '!!': { var: 'title' } },
    dimensions: [{ field: 'status' }, { field: 'priority' }],
    measures: [{ op: 'count' }, { op: 'avg', field: 'qty' }],
  },
  {
    key: 'by_created',
    type: 'line',
    form: 'request',
    dimensions: [{ field: 'createdAt', bucket: 'month' }],
    measures: [{ op: 'count' }],
  },
  {
    key: 'by_received',
    type: 'line',
    form: 'request',
    filter: { '>=': [{ var: 'received' }, '2025-02-01'] },
    dimensions: [{ field: 'received', bucket: 'week' }],
    measures: [{ op: 'sum', field: 'qty' }],
  },
  {
    key: 'by_vip',
    type: 'pie',
    form: 'request',
    filter: { '<=': [1, { var: 'qty' }, 5] },
    dimensions: [{ field: 'vip' }],
    measures: [{ op: 'count' }],
  },
  {
    key: 'not_vip',
    type: 'kpi',
    form: 'request',
    filter: { '==': [{ var: 'vip' }, false] },
    measures: [{ op: 'count' }],
  },
  { key: 'largest', type: 'kpi', form: 'request', measures: [{ op: 'max', field: 'amount' }] },
];

function bundle(withDashboards: boolean): AppBundle {
  return {
    ...repairBundle(true),
    dashboards: withDashboards ? [{ key: 'main', name: { en: 'Main' }, widgets: WIDGETS }] : [],
  };
}

interface Rec {
  id: string;
  createdAt: string;
  data: Record<string, unknown>;
}

const STATUSES = ['open', 'closed', 'waiting', undefined];
/** Quarters and halves only, so sums in any order are exact and rollup and live sums compare with toBe. */
function dataOf(i: number, round = 0): Record<string, unknown> {
  const data: Record<string, unknown> = {
    title: i % 5 === 0 ? '' : `t${i}`,
    amount: i % 7 === 0 ? null : ((i * 37 + round * 11) % 400) / 4,
    qty: i % 6 === 0 ? 'many' : (i + round) % 9,
    received: `2025-0${1 + (i % 4)}-${String(1 + ((i * 3) % 28)).padStart(2, '0')}`,
    vip: i % 3 === 0,
    priority: i % 2 ? 'high' : 'low',
  };
  const status = STATUSES[(i + round) % STATUSES.length];
  if (status !== undefined) data.status = status;
  return data;
}

/** Spread over four months, across Shanghai midnights (16:00 UTC). */
function createdAt(i: number): string {
  return new Date(Date.UTC(2025, 0, 1, 10) + i * 29 * 3_600_000 + (i % 4) * 1_800_000).toISOString();
}

const localDay = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
const nextDay = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The query the dashboard would send for `widget`, and the live filter it stands for. */
function queries(
  widget: WidgetDef,
  days?: { from: string; to: string },
  fields?: Record<string, string[]>,
): { rollup: RollupQuery; filter: JsonLogic } {
  const parts: JsonLogic[] = [];
  if (widget.filter) parts.push(widget.filter);
  if (days)
    parts.push(
      { '>=': [{ var: 'createdAt' }, localMidnight(days.from, ZONE)] },
      { '<': [{ var: 'createdAt' }, localMidnight(nextDay(days.to), ZONE)] },
    );
  for (const [k, v] of Object.entries(fields ?? {})) parts.push({ in: [{ var: k }, v] });
  const dims = widget.type === 'kpi' ? [] : (widget.dimensions ?? []);
  return {
    rollup: {
      ...(widget.filter ? { filter: widget.filter } : {}),
      dimensions: dims,
      measures: widget.measures,
      ...(days ? { days } : {}),
      ...(fields ? { fields } : {}),
      timeZone: ZONE,
    },
    filter: parts.length ? { and: parts } : undefined,
  };
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`dashboard rollups (${d.name})`, () => {
    let store: Store;
    const records = new Map<string, Rec>();

    async function fromRollup(q: RollupQuery): Promise<AggregateRow[] | undefined> {
      const read = await store.compileRollup('repair', 'request', q);
      return read ? store.runRead(read) : undefined;
    }

    /** Rollup == live for every widget, all time, a day range, a field filter, and other buckets. */
    async function expectRollupsMatchLive(): Promise<void> {
      const variants: [
        WidgetDef,
        { from: string; to: string } | undefined,
        Record<string, string[]> | undefined,
      ][] = [];
      for (const w of WIDGETS.filter((x) => x.key !== 'largest')) {
        variants.push([w, undefined, undefined], [w, { from: '2025-01-20', to: '2025-03-05' }, undefined]);
      }
      const byStatus = WIDGETS.find((w) => w.key === 'by_status')!;
      variants.push([byStatus, { from: '2025-02-01', to: '2025-02-28' }, { status: ['open', 'waiting'] }]);
      // Whole months read month rows, partial ones day rows: every mix of the two levels.
      const pivot = WIDGETS.find((w) => w.key === 'status_priority')!;
      for (const days of [
        { from: '2024-12-01', to: '2025-06-30' },
        { from: '2025-01-01', to: '2025-03-15' },
        { from: '2025-01-31', to: '2025-03-31' },
        { from: '2025-01-10', to: '2025-01-12' },
        { from: '2025-01-31', to: '2025-02-01' },
        { from: '2025-02-01', to: '2025-02-01' },
      ]) {
        variants.push([byStatus, days, undefined], [pivot, days, undefined]);
      }
      for (const bucket of ['day', 'week', 'quarter', 'year'] as const)
        variants.push([
          { ...WIDGETS.find((w) => w.key === 'by_created')!, dimensions: [{ field: 'createdAt', bucket }] },
          { from: '2025-01-01', to: '2025-01-31' },
          undefined,
        ]);
      for (const [w, days, fields] of variants) {
        const q = queries(w, days, fields);
        const rolled = await fromRollup(q.rollup);
        expect(rolled, `${w.key} has a rollup`).toBeDefined();
        const live = await store.aggregateRecords('repair', 'request', {
          filter: q.filter,
          dimensions: q.rollup.dimensions!,
          measures: w.measures,
          timeZone: ZONE,
        });
        expect(rolled, `${w.key} ${JSON.stringify(days)} ${JSON.stringify(fields)}`).toEqual(live);
      }
      // A top N by a figure: the same groups in the same order.
      const byStatus2 = queries(byStatus);
      for (const dir of ['asc', 'desc'] as const) {
        const top = { ...byStatus2.rollup, byValue: { measure: 0, dir }, limit: 2 };
        const rolled = await fromRollup(top);
        const live = await store.aggregateRecords('repair', 'request', {
          dimensions: top.dimensions!,
          measures: top.measures,
          byValue: top.byValue,
          limit: 2,
          timeZone: ZONE,
        });
        expect(rolled, `top 2 ${dir}`).toEqual(live);
        expect(live).toHaveLength(2);
      }
    }

    /** Figures computed here from the records this test wrote. */
    function expected(): {
      open: number;
      byStatus: [string | null, number, number | null][];
      qtyAvg: number | null;
      months: [string, number][];
    } {
      const all = [...records.values()];
      const open = all.filter((r) => r.data.status !== undefined && r.data.status !== 'closed').length;
      const groups = new Map<string | null, Rec[]>();
      for (const r of all) {
        const k = (r.data.status as string | undefined) ?? null;
        groups.set(k, [...(groups.get(k) ?? []), r]);
      }
      const byStatus = [...groups.entries()]
        .sort(([a], [b]) => (a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
        .map(([k, rs]): [string | null, number, number | null] => {
          const amounts = rs.map((r) => r.data.amount).filter((a): a is number => typeof a === 'number');
          return [k, rs.length, amounts.length ? amounts.reduce((a, b) => a + b, 0) : null];
        });
      const qtys = all.map((r) => r.data.qty).filter((q): q is number => typeof q === 'number');
      const months = new Map<string, number>();
      for (const r of all)
        months.set(
          localDay(r.createdAt).slice(0, 7),
          (months.get(localDay(r.createdAt).slice(0, 7)) ?? 0) + 1,
        );
      return {
        open,
        byStatus,
        qtyAvg: qtys.length ? qtys.reduce((a, b) => a + b, 0) / qtys.length : null,
        months: [...months.entries()].sort(([a], [b]) => (a < b ? -1 : 1)),
      };
    }

    async function expectIndependentFigures(): Promise<void> {
      const want = expected();
      const w = (key: string) => WIDGETS.find((x) => x.key === key)!;
      expect((await fromRollup(queries(w('open')).rollup))![0]!.values).toEqual([want.open]);
      expect(
        (await fromRollup(queries(w('by_status')).rollup))!.map((r) => [r.keys[0], ...r.values]),
      ).toEqual(want.byStatus);
      expect((await fromRollup(queries(w('qty_avg')).rollup))![0]!.values[0]).toBeCloseTo(want.qtyAvg!, 9);
      expect(
        (await fromRollup(queries(w('by_created')).rollup))!.map((r) => [r.keys[0], r.values[0]]),
      ).toEqual(want.months);
    }

    beforeAll(async () => {
      store = await d.open({ timeZone: ZONE });
      // Records first, dashboards later: publishing builds the rollups from what is there.
      await store.publishApp('repair', { by: 'admin', bundle: bundle(false) });
      await store.write(async (tx) => {
        for (let i = 0; i < 40; i++) {
          const rec = { id: `r${i}`, createdAt: createdAt(i), data: dataOf(i) };
          records.set(rec.id, rec);
          await tx.insertRecord({ ...rec, app: 'repair', form: 'request', version: 1, createdBy: 'u' });
        }
      });
      await store.publishApp('repair', { by: 'admin', bundle: bundle(true) });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('builds rollups from the existing records when dashboards are published', async () => {
      await expectRollupsMatchLive();
      await expectIndependentFigures();
    });

    it('keeps them current through inserts, bulk imports and updates', async () => {
      await store.write(async (tx) => {
        for (let i = 40; i < 60; i++) {
          const rec = { id: `r${i}`, createdAt: createdAt(i), data: dataOf(i) };
          records.set(rec.id, rec);
          await tx.insertRecord({ ...rec, app: 'repair', form: 'request', version: 2, createdBy: 'u' });
        }
      });
      const bulk = Array.from({ length: 50 }, (_, j) => ({
        id: `r${60 + j}`,
        createdAt: createdAt(60 + j),
        data: dataOf(60 + j),
      }));
      for (const rec of bulk) records.set(rec.id, rec);
      await store.insertRecords(
        bulk.map((rec) => ({ ...rec, app: 'repair', form: 'request', version: 2, createdBy: 'u' })),
      );
      // Status, amount, qty and the filter's inputs move; some updates change nothing a rollup keeps.
      for (const round of [1, 2]) {
        await store.write(async (tx) => {
          for (let i = round; i < 110; i += 3) {
            const rec = records.get(`r${i}`)!;
            rec.data = i % 2 ? dataOf(i, round) : { ...rec.data, tags: ['a'] };
            await tx.updateRecord(rec.id, { data: rec.data });
          }
        });
      }
      await expectRollupsMatchLive();
      await expectIndependentFigures();
    });

    it('rolls back with the write that failed', async () => {
      const before = await fromRollup(queries(WIDGETS[0]!).rollup);
      await expect(
        store.write(async (tx) => {
          await tx.insertRecord({
            id: 'doomed',
            app: 'repair',
            form: 'request',
            version: 2,
            data: dataOf(1),
            createdBy: 'u',
            createdAt: createdAt(1),
          });
          throw new Error('abort');
        }),
      ).rejects.toThrow('abort');
      expect(await fromRollup(queries(WIDGETS[0]!).rollup)).toEqual(before);
    });

    it('answers only what it can answer exactly', async () => {
      const byStatus = WIDGETS.find((w) => w.key === 'by_status')!;
      expect(await fromRollup(queries(WIDGETS.find((w) => w.key === 'largest')!).rollup)).toBeUndefined();
      // A field filter on something the rollup is not keyed on.
      expect(await fromRollup(queries(byStatus, undefined, { priority: ['high'] }).rollup)).toBeUndefined();
      // Another time zone's days, another filter.
      expect(await fromRollup({ ...queries(byStatus).rollup, timeZone: 'UTC' })).toBeUndefined();
      expect(
        await fromRollup({ ...queries(byStatus).rollup, filter: { '==': [{ var: 'vip' }, true] } }),
      ).toBeUndefined();
      // Fewer dimensions than the rollup keys on: summed over the rest.
      const pivot = WIDGETS.find((w) => w.key === 'status_priority')!;
      const q = queries({ ...pivot, dimensions: [{ field: 'priority' }] });
      expect(await fromRollup(q.rollup)).toEqual(
        await store.aggregateRecords('repair', 'request', {
          filter: q.filter,
          dimensions: [{ field: 'priority' }],
          measures: pivot.measures,
          timeZone: ZONE,
        }),
      );
    });

    it.skipIf(d.name !== 'postgres')(
      'is kept by a server that cached the layout before another published it',
      async () => {
        const other = await d.open({ timeZone: ZONE });
        try {
          const touch = async (ids: number[], round: number) =>
            other.write(async (tx) => {
              for (const i of ids) {
                const rec = records.get(`r${i}`)!;
                rec.data = dataOf(i, round);
                await tx.updateRecord(rec.id, { data: rec.data });
              }
            });
          await touch([3], 5); // `other` now holds the form's layout and rollups in its cache
          const extra: WidgetDef = {
            key: 'by_priority',
            type: 'bar',
            form: 'request',
            filter: { '==': [{ var: 'vip' }, true] },
            dimensions: [{ field: 'priority' }],
            measures: [{ op: 'sum', field: 'qty' }],
          };
          await store.publishApp('repair', {
            by: 'admin',
            bundle: {
              ...bundle(true),
              dashboards: [{ key: 'main', name: { en: 'Main' }, widgets: [...WIDGETS, extra] }],
            },
          });
          await touch([4, 5, 6, 7, 8, 9, 10, 11, 12], 6);
          const q = queries(extra);
          expect(await fromRollup(q.rollup)).toEqual(
            await store.aggregateRecords('repair', 'request', {
              filter: q.filter,
              dimensions: extra.dimensions!,
              measures: extra.measures,
              timeZone: ZONE,
            }),
          );
        } finally {
          await other.close();
        }
      },
    );

    it.skipIf(d.name !== 'postgres')(
      'stays exact when another transaction changed a record after this one read it',
      async () => {
        const other = await d.open({ timeZone: ZONE });
        try {
          await store.write(async (tx) => {
            // The step's pattern: read the record, then write it; the write starts from the row read.
            const read = await tx.getRecord('r20');
            const theirs = dataOf(20, 7);
            await other.write((tx2) => tx2.updateRecord('r20', { data: theirs }));
            const ours = { ...read!.data, status: 'closed', amount: 12.5 };
            records.get('r20')!.data = ours;
            const written = await tx.updateRecord('r20', { data: ours });
            expect(written.data).toEqual(ours);
          });
          expect((await store.getRecord('r20'))!.data).toEqual(records.get('r20')!.data);
          await expectRollupsMatchLive();
          await expectIndependentFigures();
        } finally {
          await other.close();
        }
      },
    );

    it('is rebuilt in the time zone of the store that opens the database', async () => {
      await store.close();
      store = await d.open({ timeZone: 'UTC' });
      const byCreated = WIDGETS.find((w) => w.key === 'by_created')!;
      const q = {
        ...queries({ ...byCreated, dimensions: [{ field: 'createdAt', bucket: 'day' }] }).rollup,
        timeZone: 'UTC',
      };
      const live = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'createdAt', bucket: 'day' }],
        measures: [{ op: 'count' }],
        timeZone: 'UTC',
      });
      expect(await fromRollup(q)).toEqual(live);
      expect(await fromRollup({ ...q, timeZone: ZONE })).toBeUndefined();
      await store.close();
      store = await d.open({ timeZone: ZONE });
      await expectRollupsMatchLive();
    });
  });
}
