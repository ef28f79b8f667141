/**
 * Store contract: a distinct count (`op: 'distinct'`) is how many different non-empty values a
 * field holds among the matching records, per group, on both databases: the same as the test's
 * own Set of the values it wrote. A rollup (sums and counts per day) cannot answer it, so the
 * rollup read declines and the dashboard reads the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle, WidgetDef } from '../../engine/index.js';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('distinct');

const WIDGETS: WidgetDef[] = [
  {
    key: 'customers',
    type: 'bar',
    form: 'order',
    dimensions: [{ field: 'status' }],
    measures: [{ op: 'count' }, { op: 'distinct', field: 'customer' }],
  },
  {
    key: 'orders',
    type: 'bar',
    form: 'order',
    dimensions: [{ field: 'status' }],
    measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
  },
];

const BUNDLE: AppBundle = {
  format: 'flowcase/app@1',
  key: 'shop',
  name: { en: 'Shop' },
  version: '1.0.0',
  roles: [{ key: 'desk', name: 'Desk' }],
  forms: [
    { key: 'customer', name: 'Customer', fields: [{ key: 'name', type: 'text', label: 'Name' }] },
    {
      key: 'order',
      name: 'Order',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        {
          key: 'status',
          type: 'select',
          label: 'Status',
          options: [
            { value: 'open', label: 'Open' },
            { value: 'closed', label: 'Closed' },
            { value: 'waiting', label: 'Waiting' },
          ],
        },
        { key: 'customer', type: 'relation', label: 'Customer', form: 'customer', display: 'name' },
        { key: 'seller', type: 'user', label: 'Seller' },
        { key: 'amount', type: 'money', label: 'Amount' },
        { key: 'day', type: 'date', label: 'Day' },
      ],
    },
  ],
  flows: [],
  dashboards: [{ key: 'main', name: { en: 'Main' }, widgets: WIDGETS }],
};

const STATUSES = ['open', 'closed', 'waiting', undefined];
const FIELDS = ['customer', 'seller', 'status', 'title', 'amount', 'day'] as const;

/** Repeats within and across groups, and empty values (never counted). */
function dataOf(i: number): Record<string, unknown> {
  const data: Record<string, unknown> = {
    title: `t${i % 13}`,
    seller: `u${i % 4}`,
    amount: (i % 6) * 2.5,
    day: `2025-03-${String(1 + (i % 9)).padStart(2, '0')}`,
  };
  if (i % 9 !== 0) data.customer = `c${(i * 7) % 11}`;
  const status = STATUSES[i % STATUSES.length];
  if (status !== undefined) data.status = status;
  return data;
}

const RECORDS = Array.from({ length: 60 }, (_, i) => dataOf(i));

/** The distinct non-empty values of `field` per status (null: no status). */
function expected(field: string): Map<string | null, number> {
  const sets = new Map<string | null, Set<unknown>>();
  for (const r of RECORDS) {
    const key = (r.status as string | undefined) ?? null;
    const set = sets.get(key) ?? new Set();
    if (r[field] !== undefined && r[field] !== null) set.add(r[field]);
    sets.set(key, set);
  }
  return new Map([...sets].map(([k, s]) => [k, s.size]));
}

function all(field: string): number {
  return new Set(RECORDS.flatMap((r) => (r[field] === undefined ? [] : [r[field]]))).size;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`distinct counts (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ timeZone: 'UTC' });
      await store.publishApp('shop', { by: 'admin', bundle: BUNDLE });
      await store.write(async (tx) => {
        for (const [i, data] of RECORDS.entries()) {
          await tx.insertRecord({
            id: `o${String(i).padStart(3, '0')}`,
            app: 'shop',
            form: 'order',
            version: 1,
            data,
            createdBy: `creator${i % 3}`,
            createdAt: new Date(Date.UTC(2025, 2, 1) + i * 3_600_000).toISOString(),
          });
        }
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('counts the different values of select, relation, user, text, money and date fields', async () => {
      const rows = await store.aggregateRecords('shop', 'order', {
        measures: FIELDS.map((field) => ({ op: 'distinct' as const, field })),
      });
      expect(rows).toEqual([{ keys: [], values: FIELDS.map(all) }]);
      expect(rows[0]!.values.slice(0, 2)).toEqual([11, 4]);
    });

    it('counts the different creators (record metadata)', async () => {
      const rows = await store.aggregateRecords('shop', 'order', {
        measures: [{ op: 'distinct', field: 'createdBy' }],
      });
      expect(rows[0]!.values).toEqual([3]);
    });

    it('counts per group, beside other figures', async () => {
      const rows = await store.aggregateRecords('shop', 'order', {
        dimensions: [{ field: 'status' }],
        measures: [
          { op: 'count' },
          { op: 'distinct', field: 'customer' },
          { op: 'distinct', field: 'seller' },
        ],
      });
      const customers = expected('customer');
      const sellers = expected('seller');
      expect(rows.map((r) => r.keys[0])).toEqual([null, 'closed', 'open', 'waiting']);
      for (const r of rows) {
        const key = r.keys[0] as string | null;
        expect(r.values).toEqual([
          RECORDS.filter((x) => ((x.status as string | undefined) ?? null) === key).length,
          customers.get(key),
          sellers.get(key),
        ]);
      }
    });

    it('orders and cuts a top N by the distinct figure', async () => {
      const rows = await store.aggregateRecords('shop', 'order', {
        dimensions: [{ field: 'day' }],
        measures: [{ op: 'distinct', field: 'customer' }],
        byValue: { measure: 0, dir: 'desc' },
        limit: 3,
      });
      const byDay = new Map<string, Set<unknown>>();
      for (const r of RECORDS) {
        const set = byDay.get(r.day as string) ?? new Set();
        if (r.customer !== undefined) set.add(r.customer);
        byDay.set(r.day as string, set);
      }
      const sizes = [...byDay.values()].map((s) => s.size).sort((a, b) => b - a);
      expect(rows.map((r) => r.values[0])).toEqual(sizes.slice(0, 3));
    });

    it('counts only the first rows of a capped read', async () => {
      const rows = await store.aggregateRecords('shop', 'order', {
        measures: [{ op: 'distinct', field: 'seller' }, { op: 'count' }],
        rowCap: 3,
      });
      expect(rows[0]!.values).toEqual([3, 3]);
    });

    it('is not answered by a rollup, while the same widget with sums is', async () => {
      const [distinct, sums] = WIDGETS.map((w) =>
        store.compileRollup('shop', 'order', {
          dimensions: w.dimensions!,
          measures: w.measures,
          timeZone: 'UTC',
        }),
      );
      expect(await distinct).toBeUndefined();
      expect(await sums).toBeDefined();
    });

    it('refuses a distinct count without a field', async () => {
      await expect(
        store.aggregateRecords('shop', 'order', { measures: [{ op: 'distinct' }] }),
      ).rejects.toMatchObject({ code: 'FC_BAD_REQUEST', path: '/measures/0/field' });
    });
  });
}
