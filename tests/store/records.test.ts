/**
 * Store contract: record lists with JSON Logic filters, sorts and keyset paging.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordRow, SortKey, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle } from './fixtures.js';

const DIALECTS = await dialects('records');
const COUNT = 57;

async function allPages(store: Store, sort: SortKey[], filter?: unknown, limit = 7): Promise<RecordRow[]> {
  const seen: RecordRow[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRecords('repair', 'request', {
      sort,
      filter,
      limit,
      ...(cursor ? { cursor } : {}),
    });
    seen.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`record lists (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
      await store.write(async (tx) => {
        for (let i = 0; i < COUNT; i++) {
          // Repeating and missing values, so ties and NULLs cross page boundaries.
          const data: Record<string, unknown> = {
            title: `t${i}`,
            status: ['open', 'closed', 'waiting'][i % 3],
          };
          if (i % 5 !== 0) data.amount = i % 4;
          await tx.insertRecord({
            id: `r${String(i).padStart(3, '0')}`,
            app: 'repair',
            form: 'request',
            version: 1,
            data,
            createdBy: i % 2 ? 'odd' : 'even',
            createdAt: at(Math.floor(i / 3)),
          });
        }
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    const sorts: [string, SortKey[]][] = [
      ['default (newest first)', []],
      ['a nullable number ascending', [{ field: 'amount', dir: 'asc' }]],
      ['a nullable number descending', [{ field: 'amount', dir: 'desc' }]],
      [
        'mixed directions',
        [
          { field: 'status', dir: 'asc' },
          { field: 'amount', dir: 'desc' },
        ],
      ],
    ];
    for (const [name, sort] of sorts) {
      it(`pages by ${name}, returning every row exactly once in order`, async () => {
        const rows = await allPages(store, sort);
        expect(rows).toHaveLength(COUNT);
        expect(new Set(rows.map((r) => r.id)).size).toBe(COUNT);
        const oneShot = await store.listRecords('repair', 'request', { sort, limit: 500 });
        expect(rows.map((r) => r.id)).toEqual(oneShot.items.map((r) => r.id));
      });
    }

    it('orders nulls first ascending and last descending', async () => {
      const asc = await store.listRecords('repair', 'request', {
        sort: [{ field: 'amount', dir: 'asc' }],
        limit: 500,
      });
      expect(asc.items[0]?.data.amount).toBeUndefined();
      expect(asc.items[asc.items.length - 1]?.data.amount).toBe(3);
      const desc = await store.listRecords('repair', 'request', {
        sort: [{ field: 'amount', dir: 'desc' }],
        limit: 500,
      });
      expect(desc.items[0]?.data.amount).toBe(3);
      expect(desc.items[desc.items.length - 1]?.data.amount).toBeUndefined();
    });

    it('filters with the JSON Logic subset, paging the filtered rows', async () => {
      const filter = {
        and: [
          { in: [{ var: 'status' }, ['open', 'waiting']] },
          { '!': { '<': [{ var: 'amount' }, 2] } },
          { or: [{ '==': [{ var: 'createdBy' }, 'odd'] }, { '!=': [{ var: 'title' }, 't0'] }] },
        ],
      };
      const rows = await allPages(store, [{ field: 'amount', dir: 'asc' }], filter, 4);
      const all = (await store.listRecords('repair', 'request', { limit: 500 })).items;
      const expected = all.filter(
        (r) =>
          ['open', 'waiting'].includes(r.data.status as string) &&
          typeof r.data.amount === 'number' &&
          r.data.amount >= 2,
      );
      expect(rows.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
      expect(rows.length).toBeGreaterThan(4);
    });

    it('limits a customer to the records they created', async () => {
      const rows = (await store.listRecords('repair', 'request', { createdBy: 'odd', limit: 500 })).items;
      expect(rows.length).toBe(Math.floor(COUNT / 2));
      expect(rows.every((r) => r.createdBy === 'odd')).toBe(true);
    });

    it('names the path of an unknown field, operator or bad value', async () => {
      const cases: [unknown, string][] = [
        [
          { and: [{ '==': [{ var: 'status' }, 'open'] }, { '==': [{ var: 'nope' }, 1] }] },
          '/filter/and/1/==/0/var',
        ],
        [{ '==': [{ var: 'tags' }, 'a'] }, '/filter/==/0/var'],
        [{ or: [{ substr: [{ var: 'title' }, 1] }] }, '/filter/or/0/substr'],
        [{ '<': [{ var: 'amount' }, 'lots'] }, '/filter/</1'],
        [{ in: [{ var: 'status' }, { var: 'title' }] }, '/filter/in/1'],
      ];
      for (const [filter, path] of cases) {
        await expect(store.listRecords('repair', 'request', { filter })).rejects.toMatchObject({
          code: 'FC_BAD_REQUEST',
          path,
        });
      }
      await expect(
        store.listRecords('repair', 'request', { sort: [{ field: 'tags' }] }),
      ).rejects.toMatchObject({ code: 'FC_BAD_REQUEST', path: '/sort/0/field' });
      await expect(store.listRecords('repair', 'request', { cursor: 'not-a-cursor' })).rejects.toMatchObject({
        code: 'FC_BAD_REQUEST',
        path: '/cursor',
      });
    });

    it('treats filter values as data, never as SQL', async () => {
      const page = await store.listRecords('repair', 'request', {
        filter: { '==': [{ var: 'title' }, "t1' or '1'='1"] },
      });
      expect(page.items).toEqual([]);
    });

    it('finds text containing a needle, ignoring case, with LIKE wildcards taken literally', async () => {
      const ids = async (filter: unknown) =>
        (await store.listRecords('repair', 'request', { filter, limit: 500 })).items.map((r) => r.id).sort();
      // t1, t10…t19: the needle anywhere in the title.
      expect(await ids({ in: ['t1', { var: 'title' }] })).toEqual([
        'r001',
        ...Array.from({ length: 10 }, (_, i) => `r0${10 + i}`),
      ]);
      expect(await ids({ in: ['T5', { var: 'title' }] })).toEqual([
        'r005',
        'r050',
        'r051',
        'r052',
        'r053',
        'r054',
        'r055',
        'r056',
      ]);
      // Closed (every third from 1) and a 2 in the title.
      const closedWithTwo = Array.from({ length: COUNT }, (_, i) => i).filter(
        (i) => i % 3 === 1 && `t${i}`.includes('2'),
      );
      expect(
        await ids({ and: [{ in: ['los', { var: 'status' }] }, { in: ['2', { var: 'title' }] }] }),
      ).toEqual(closedWithTwo.map((i) => `r${String(i).padStart(3, '0')}`));
      // % and _ are characters to find, not patterns; a quote is data.
      expect(await ids({ in: ['%', { var: 'title' }] })).toEqual([]);
      expect(await ids({ in: ['t_', { var: 'title' }] })).toEqual([]);
      expect(await ids({ in: ["' or 1=1 --", { var: 'title' }] })).toEqual([]);
      await expect(
        store.listRecords('repair', 'request', { filter: { in: ['1', { var: 'amount' }] } }),
      ).rejects.toMatchObject({ code: 'FC_BAD_REQUEST', path: '/filter/in/1/var' });
    });
  });
}
