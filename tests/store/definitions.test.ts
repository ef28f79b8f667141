/**
 * Store contract: migrations, publishing immutable versions and the typed record columns that
 * publishing maintains.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle } from './fixtures.js';

const DIALECTS = await dialects('defs');

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`definitions and record columns (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('runs migrations again as a no-op, keeping the data', async () => {
      await store.createUser({ username: 'ann', displayName: 'Ann', passwordHash: 'h', roles: ['desk'] });
      await store.migrate();
      const again = await d.open();
      await again.migrate();
      expect((await again.getUserByUsername('ann'))?.roles).toEqual(['desk']);
      await again.close();
    });

    it('publishes immutable numbered versions and keeps the draft', async () => {
      await store.saveDraft('repair', repairBundle());
      expect(await store.publishApp('repair', { by: 'admin' })).toBe(1);
      const app = await store.getApp('repair');
      expect(app?.currentVersion).toBe(1);
      expect(app?.draft?.key).toBe('repair');
      expect((await store.getAppVersion('repair', 1))?.bundle.version).toBe(1);
      expect(await store.getAppVersion('repair', 2)).toBeUndefined();
    });

    it('adds a column for a field that v2 adds; v1 records keep their version', async () => {
      await store.write((tx) =>
        tx.insertRecord({
          id: 'r-v1',
          app: 'repair',
          form: 'request',
          version: 1,
          data: { title: 'old', status: 'open' },
          createdBy: 'u1',
        }),
      );
      const bad = store.listRecords('repair', 'request', { filter: { '==': [{ var: 'priority' }, 'high'] } });
      await expect(bad).rejects.toMatchObject({ code: 'FC_BAD_REQUEST' });

      expect(await store.publishApp('repair', { by: 'admin', bundle: repairBundle(true) })).toBe(2);
      await store.write((tx) =>
        tx.insertRecord({
          id: 'r-v2',
          app: 'repair',
          form: 'request',
          version: 2,
          data: { title: 'new', status: 'open', priority: 'high' },
          createdBy: 'u1',
        }),
      );

      const high = await store.listRecords('repair', 'request', {
        filter: { '==': [{ var: 'priority' }, 'high'] },
      });
      expect(high.items.map((r) => r.id)).toEqual(['r-v2']);
      const v1 = await store.write((tx) => tx.getRecord('r-v1'));
      expect(v1).toMatchObject({ version: 1, data: { title: 'old', status: 'open' } });
      expect(
        (await store.getAppVersion('repair', 1))?.bundle.forms[0]?.fields.some((f) => f.key === 'priority'),
      ).toBe(false);
    });

    it('keeps typed columns in sync with data on insert and update', async () => {
      const find = async (filter: unknown) =>
        (await store.listRecords('repair', 'request', { filter })).items.map((r) => r.id);
      await store.write((tx) =>
        tx.insertRecord({
          id: 'sync',
          app: 'repair',
          form: 'request',
          version: 2,
          data: { title: 'sync', amount: 12.5, qty: 3, vip: true, received: '2025-01-05' },
          createdBy: 'u2',
        }),
      );
      expect(
        await find({
          and: [
            { '==': [{ var: 'amount' }, 12.5] },
            { '==': [{ var: 'qty' }, 3] },
            { '==': [{ var: 'vip' }, true] },
          ],
        }),
      ).toEqual(['sync']);

      const updated = await store.write((tx) =>
        tx.updateRecord('sync', {
          data: { title: 'sync', amount: 99, qty: null, vip: false },
          updatedAt: at(5),
        }),
      );
      expect(updated).toMatchObject({
        data: { amount: 99, qty: null, vip: false },
        updatedAt: at(5),
        createdAt: at(0),
      });
      expect(await find({ '==': [{ var: 'amount' }, 12.5] })).toEqual([]);
      expect(await find({ '==': [{ var: 'amount' }, 99] })).toEqual(['sync']);
      expect(
        await find({
          and: [
            { '==': [{ var: 'qty' }, null] },
            { '==': [{ var: 'vip' }, false] },
            { '==': [{ var: 'title' }, 'sync'] },
          ],
        }),
      ).toEqual(['sync']);
      expect(await find({ '==': [{ var: 'received' }, '2025-01-05'] })).toEqual([]);
    });

    it('groups records by a select field on its column', async () => {
      const rows = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }],
      });
      expect(rows).toEqual([
        { keys: [null], values: [1] },
        { keys: ['open'], values: [2] },
      ]);
    });

    it.runIf(d.name === 'sqlite')('backs up online to a file that opens as a complete store', async () => {
      const file = `${d.sqliteFile!}.backup`;
      await store.backup(file);
      const copy = await d.open({ sqliteFile: file });
      expect((await copy.getRecordWithInstance('r-v2'))?.record.data).toMatchObject({ priority: 'high' });
      await copy.close();
    });

    it('refuses records of a form that was never published', async () => {
      const write = store.write((tx) =>
        tx.insertRecord({ id: 'x', app: 'repair', form: 'nope', version: 1, data: {}, createdBy: 'u' }),
      );
      await expect(write).rejects.toMatchObject({ code: 'FC_NOT_FOUND' });
      expect(await store.write((tx) => tx.getRecord('x'))).toBeUndefined();
    });
  });
}
