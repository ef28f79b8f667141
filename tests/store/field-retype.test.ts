/**
 * Store contract: publishing a field whose type changed gives it a new typed column and moves its
 * values there, converted where the new type can hold them (NULL otherwise), in the publish
 * transaction; the raw value stays in the record's data. Lists filter and sort, and aggregates
 * sum and group, on the new type. On SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle, FieldDef, JsonLogic } from '../../engine/index.js';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at } from './fixtures.js';

const DIALECTS = await dialects('retype');

function bundle(fields: FieldDef[]): AppBundle {
  return {
    format: 'flowcase/app@1',
    key: 'shop',
    name: 'Shop',
    version: 1,
    roles: [{ key: 'clerk', name: 'Clerk' }],
    forms: [
      { key: 'order', name: 'Order', fields: [{ key: 'title', type: 'text', label: 'Title' }, ...fields] },
    ],
    flows: [],
    dashboards: [],
  };
}

const V1: FieldDef[] = [
  { key: 'amount', type: 'text', label: 'Amount' },
  { key: 'due', type: 'text', label: 'Due' },
  { key: 'flag', type: 'text', label: 'Flag' },
];
const V2: FieldDef[] = [
  { key: 'amount', type: 'number', label: 'Amount' },
  { key: 'due', type: 'date', label: 'Due' },
  {
    key: 'flag',
    type: 'multiselect',
    label: 'Flag',
    options: [{ value: 'x', label: 'X' }],
  },
];

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`a field whose type changes (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      await store.publishApp('shop', { by: 'admin', bundle: bundle(V1) });
      const rows: [string, Record<string, unknown>][] = [
        ['big', { amount: '42', due: '2026-03-01', flag: 'x' }],
        ['small', { amount: ' 7.5 ', due: 'next week', flag: 'y' }],
        ['words', { amount: 'a lot', due: '2026-03-02' }],
        ['none', {}],
      ];
      await store.write(async (tx) => {
        for (const [title, data] of rows)
          await tx.insertRecord({
            id: `r-${title}`,
            app: 'shop',
            form: 'order',
            version: 1,
            data: { title, ...data },
            createdBy: 'u1',
          });
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    const titles = async (filter?: JsonLogic, sort?: { field: string; desc?: boolean }[]) =>
      (
        await store.listRecords('shop', 'order', {
          ...(filter === undefined ? {} : { filter }),
          ...(sort ? { sort } : {}),
        })
      ).items.map((r) => r.data.title);

    it('moves the values into new typed columns on publish, converting what the new type can hold', async () => {
      expect(await store.publishApp('shop', { by: 'admin', bundle: bundle(V2) })).toBe(2);
      expect(await titles({ '>': [{ var: 'amount' }, 40] })).toEqual(['big']);
      expect(await titles({ '<': [{ var: 'amount' }, 40] })).toEqual(['small']);
      const [sum] = await store.aggregateRecords('shop', 'order', {
        measures: [{ op: 'sum', field: 'amount' }],
      });
      expect(sum!.values).toEqual([49.5]);
      // A date column holds only days: "next week" is NULL there.
      const byDay = await store.aggregateRecords('shop', 'order', {
        dimensions: [{ field: 'due', bucket: 'month' }],
        measures: [{ op: 'count' }],
      });
      expect(byDay).toEqual([
        { keys: [null], values: [2] },
        { keys: ['2026-03'], values: [2] },
      ]);
      // The raw values stay in the records' data.
      const small = await store.getRecordWithInstance('r-small');
      expect(small?.record.data).toMatchObject({ amount: ' 7.5 ', due: 'next week', flag: 'y' });
    });

    it('keeps a converted value when a record of the old version is written again', async () => {
      await store.write((tx) =>
        tx.updateRecord('r-big', { data: { title: 'big', amount: '42', due: '2026-03-01', flag: 'x' } }),
      );
      expect(await titles({ '==': [{ var: 'amount' }, 42] })).toEqual(['big']);
    });

    it('gives a field changed back its own new column again, never reusing a name', async () => {
      const v3: FieldDef[] = [
        { key: 'amount', type: 'text', label: 'Amount' },
        { key: 'due', type: 'date', label: 'Due' },
        { key: 'flag', type: 'text', label: 'Flag' },
      ];
      expect(await store.publishApp('shop', { by: 'admin', bundle: bundle(v3) })).toBe(3);
      expect(await titles({ '==': [{ var: 'amount' }, 'a lot'] })).toEqual(['words']);
      expect(await titles({ '==': [{ var: 'flag' }, 'y'] })).toEqual(['small']);
      expect(await store.publishApp('shop', { by: 'admin', bundle: bundle(V2) })).toBe(4);
      expect(await titles({ '>': [{ var: 'amount' }, 40] })).toEqual(['big']);
    });
  });
}
