/**
 * Store contract: aggregates with local-time date buckets (a fixed-offset zone and a DST zone),
 * `!!` truthiness filters, `id` filters, and compiled reads that run elsewhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { repairBundle } from './fixtures.js';

const DIALECTS = await dialects('aggregate');

/** Instants chosen around local midnights, week and month ends, and a DST change in Berlin. */
const TIMES = [
  '2025-01-31T15:59:59.000Z', // Shanghai 2025-01-31 23:59:59, Berlin 16:59
  '2025-01-31T16:00:00.000Z', // Shanghai 2025-02-01 00:00 (next month)
  '2025-03-29T23:30:00.000Z', // Berlin 2025-03-30 00:30 CET (Sunday)
  '2025-03-30T22:30:00.000Z', // Berlin 2025-03-31 00:30 CEST (Monday, after the change)
  '2025-03-30T21:30:00.000Z', // Berlin 2025-03-30 23:30 CEST (Sunday)
  '2025-06-01T00:00:00.000Z',
];

function localDay(iso: string, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: zone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));
}

function monday(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
}

function counts(keys: string[]): [string, number][] {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`record aggregates (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
      await store.write(async (tx) => {
        for (const [i, t] of TIMES.entries()) {
          const data: Record<string, unknown> = {
            title: i % 2 ? '' : `t${i}`,
            status: i % 3 ? 'open' : 'closed',
            amount: i * 10,
            received: t.slice(0, 10),
          };
          await tx.insertRecord({
            id: `a${i}`,
            app: 'repair',
            form: 'request',
            version: 1,
            data,
            createdBy: 'u',
            createdAt: t,
          });
        }
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    for (const zone of ['UTC', 'Asia/Shanghai', 'Europe/Berlin']) {
      for (const bucket of ['day', 'week', 'month', 'quarter', 'year'] as const) {
        it(`buckets createdAt by ${bucket} in ${zone}`, async () => {
          const rows = await store.aggregateRecords('repair', 'request', {
            dimensions: [{ field: 'createdAt', bucket }],
            measures: [{ op: 'count' }],
            timeZone: zone,
          });
          const keys = TIMES.map((t) => localDay(t, zone)).map((day) =>
            bucket === 'day'
              ? day
              : bucket === 'month'
                ? day.slice(0, 7)
                : bucket === 'quarter'
                  ? `${day.slice(0, 4)}-Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`
                  : bucket === 'year'
                    ? day.slice(0, 4)
                    : monday(day),
          );
          expect(rows.map((r) => [r.keys[0], r.values[0]])).toEqual(counts(keys));
        });
      }
    }

    it('orders groups by a figure and keeps the top N', async () => {
      const rows = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
        byValue: { measure: 1, dir: 'desc' },
        limit: 1,
      });
      // open: 10 + 20 + 40 + 50; closed: 0 + 30.
      expect(rows).toEqual([{ keys: ['open'], values: [4, 120] }]);
      const fewest = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }],
        byValue: { measure: 0, dir: 'asc' },
      });
      expect(fewest.map((r) => r.keys[0])).toEqual(['closed', 'open']);
    });

    it('does not shift plain date fields', async () => {
      const rows = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'received', bucket: 'month' }],
        measures: [{ op: 'sum', field: 'amount' }],
        timeZone: 'Asia/Shanghai',
      });
      expect(rows.map((r) => r.keys[0])).toEqual(['2025-01', '2025-03', '2025-06']);
    });

    it('filters by truthiness (!!, !) and by record id', async () => {
      const truthy = await store.aggregateRecords('repair', 'request', {
        filter: { '!!': { var: 'title' } },
        measures: [{ op: 'count' }],
      });
      expect(truthy[0]?.values[0]).toBe(3);
      const zero = await store.aggregateRecords('repair', 'request', {
        filter: { '!': { var: 'amount' } },
        measures: [{ op: 'count' }],
      });
      expect(zero[0]?.values[0]).toBe(1);
      const byId = await store.listRecords('repair', 'request', {
        filter: { in: [{ var: 'id' }, ['a1', 'a4', 'nope']] },
      });
      expect(byId.items.map((r) => r.id).sort()).toEqual(['a1', 'a4']);
    });

    it('compiles an aggregate that runs later, with the same result', async () => {
      const options = {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' as const }, { op: 'avg' as const, field: 'amount' }],
      };
      const read = await store.compileAggregate('repair', 'request', options);
      expect(typeof read.sql).toBe('string');
      expect(await store.runRead(read)).toEqual(await store.aggregateRecords('repair', 'request', options));
    });
  });
}
