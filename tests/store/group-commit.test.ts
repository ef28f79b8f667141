/**
 * Store contract for concurrent writes: on SQLite they share one transaction (group commit, each
 * in its own savepoint); on both databases each write stays all-or-nothing, a failing write never
 * takes the others down, and only committed history is ever served (the history cache).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, StoreTx } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle, snapshot } from './fixtures.js';

const DIALECTS = await dialects('group');

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`concurrent writes (${d.name})`, () => {
    let store: Store;
    const statements: string[] = [];
    beforeAll(async () => {
      store = await d.open({ now: () => at(0), onQuery: (sql) => statements.push(sql) });
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
      await store.write(async (tx) => {
        for (let i = 0; i < 8; i++) {
          await tx.insertRecord({
            id: `rec-${i}`,
            app: 'repair',
            form: 'request',
            version: 1,
            data: { title: `t${i}` },
            createdBy: 'u',
          });
          await tx.insertInstance({
            id: `inst-${i}`,
            app: 'repair',
            flow: 'main',
            version: 1,
            recordId: `rec-${i}`,
            snapshot: snapshot(),
          });
        }
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    /** One event on instance `i`: the snapshot with the optimistic check, a history row, a task, the record. */
    async function event(tx: StoreTx, i: number, label: string): Promise<number> {
      const { rev } = (await tx.getInstance(`inst-${i}`))!;
      const next = await tx.saveInstance(`inst-${i}`, snapshot({ seq: rev, outcome: label }), rev);
      await tx.appendHistory(`inst-${i}`, [{ seq: rev, at: at(rev), actor: label, type: 'step' }]);
      await tx.insertTask({
        id: `task-${label}`,
        instanceId: `inst-${i}`,
        recordId: `rec-${i}`,
        app: 'repair',
        form: 'request',
        node: 'n',
        assignees: [{ user: label }],
      });
      await tx.updateRecord(`rec-${i}`, { data: { title: label, status: 'open' }, updatedAt: at(rev) });
      return next;
    }

    it('commits concurrent writes together, and a failing one loses only itself', async () => {
      statements.length = 0;
      const writes = Array.from({ length: 6 }, (_, i) =>
        store.write(async (tx) => {
          const rev = await event(tx, i, `w${i}`);
          if (i === 2) throw new Error('engine failed after writing');
          return rev;
        }),
      );
      const results = await Promise.allSettled(writes);
      expect(results.map((r) => r.status)).toEqual([
        'fulfilled',
        'fulfilled',
        'rejected',
        'fulfilled',
        'fulfilled',
        'fulfilled',
      ]);
      expect((results[2] as PromiseRejectedResult).reason).toMatchObject({
        message: 'engine failed after writing',
      });
      if (d.name === 'sqlite') {
        // One shared transaction: a single COMMIT for all six, each write in its savepoint.
        expect(statements.filter((s) => /^commit$/i.test(s))).toHaveLength(1);
        expect(statements.filter((s) => /^savepoint /i.test(s))).toHaveLength(6);
        expect(statements.filter((s) => /^rollback to /i.test(s))).toHaveLength(1);
      }
      for (let i = 0; i < 6; i++) {
        const instance = (await store.getInstance(`inst-${i}`))!;
        const history = await store.listHistory(`inst-${i}`);
        const record = (await store.getRecord(`rec-${i}`))!;
        if (i === 2) {
          expect(instance.rev).toBe(1);
          expect(history).toEqual([]);
          expect(await store.getTask('task-w2')).toBeUndefined();
          expect(record.data).toEqual({ title: 't2' });
        } else {
          expect(instance).toMatchObject({ rev: 2, snapshot: { outcome: `w${i}` } });
          expect(history.map((h) => h.actor)).toEqual([`w${i}`]);
          expect(await store.getTask(`task-w${i}`)).toMatchObject({ assignees: [{ user: `w${i}` }] });
          expect(record.data).toEqual({ title: `w${i}`, status: 'open' });
        }
      }
      // Typed columns follow the committed data only: the filter sees the five committed titles.
      const open = await store.listRecords('repair', 'request', {
        filter: { '==': [{ var: 'status' }, 'open'] },
        limit: 50,
      });
      expect(open.items.map((r) => r.id).sort()).toEqual(['rec-0', 'rec-1', 'rec-3', 'rec-4', 'rec-5']);
    });

    it('lets only one of two writes with the same revision win, even in one batch', async () => {
      const { rev } = (await store.getInstance('inst-6'))!;
      const attempt = (label: string) =>
        store.write(async (tx) => {
          const next = await tx.saveInstance('inst-6', snapshot({ seq: rev, outcome: label }), rev);
          await tx.appendHistory('inst-6', [{ seq: rev, at: at(rev), actor: label, type: 'step' }]);
          return next;
        });
      const results = await Promise.allSettled([attempt('a'), attempt('b'), attempt('c')]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      for (const r of results)
        if (r.status === 'rejected') expect(r.reason).toMatchObject({ code: 'FC_CONFLICT' });
      const winner = (await store.getInstance('inst-6'))!.snapshot.outcome;
      expect((await store.listHistory('inst-6')).map((h) => h.actor)).toEqual([winner]);
    });

    it('serves history from committed rows only, appending what later writes add', async () => {
      const first = await store.listHistory('inst-7');
      expect(first).toEqual([]);
      await store.write((tx) =>
        tx.appendHistory('inst-7', [
          { seq: 1, at: at(1), actor: 'a', type: 'step', changes: [{ field: 'title', from: 'x', to: 'y' }] },
        ]),
      );
      expect((await store.listHistory('inst-7')).map((h) => h.seq)).toEqual([1]);
      await expect(
        store.write(async (tx) => {
          await tx.appendHistory('inst-7', [{ seq: 2, at: at(2), actor: 'rolled back', type: 'step' }]);
          throw new Error('no');
        }),
      ).rejects.toThrow('no');
      expect((await store.listHistory('inst-7')).map((h) => h.actor)).toEqual(['a']);
      await store.write((tx) =>
        tx.appendHistory('inst-7', [
          { seq: 2, at: at(2), actor: 'b', type: 'step' },
          { seq: 3, at: at(3), actor: 'c', type: 'step' },
        ]),
      );
      const all = await store.listHistory('inst-7');
      expect(all.map((h) => [h.seq, h.actor])).toEqual([
        [1, 'a'],
        [2, 'b'],
        [3, 'c'],
      ]);
      expect(all[0]?.changes).toEqual([{ field: 'title', from: 'x', to: 'y' }]);
      // Another store on the same database sees the same, and so does this one after its appends.
      const other = await d.open();
      try {
        await other.write((tx) =>
          tx.appendHistory('inst-7', [{ seq: 4, at: at(4), actor: 'elsewhere', type: 'step' }]),
        );
        expect((await store.listHistory('inst-7')).map((h) => h.actor)).toEqual(['a', 'b', 'c', 'elsewhere']);
        expect(await other.listHistory('inst-7')).toEqual(await store.listHistory('inst-7'));
      } finally {
        await other.close();
      }
    });

    it('rewrites only changed typed columns and keeps every typed column equal to the data', async () => {
      const steps: Record<string, unknown>[] = [
        { title: 'a', status: 'open', amount: 10, qty: 1, received: '2025-01-02', vip: true },
        { title: 'a', status: 'closed', amount: 10, qty: 1, received: '2025-01-02', vip: true },
        { title: 'b', amount: 12.5, qty: 2, vip: false, tags: ['a'] },
        { title: 'b', amount: 12.5, qty: 2, vip: false, tags: ['a'] },
      ];
      for (const [n, data] of steps.entries()) {
        await store.write((tx) => tx.updateRecord('rec-7', { data, updatedAt: at(10 + n) }));
        const row = (await store.getRecord('rec-7'))!;
        expect(row).toMatchObject({ data, updatedAt: at(10 + n) });
        const match = (filter: unknown) =>
          store
            .listRecords('repair', 'request', { filter, limit: 50 })
            .then((p) => p.items.some((r) => r.id === 'rec-7'));
        expect(await match({ '==': [{ var: 'status' }, 'closed'] })).toBe(data.status === 'closed');
        expect(await match({ '==': [{ var: 'status' }, 'open'] })).toBe(data.status === 'open');
        expect(await match({ '==': [{ var: 'amount' }, data.amount] })).toBe(true);
        expect(await match({ '==': [{ var: 'qty' }, data.qty] })).toBe(true);
        expect(await match({ '==': [{ var: 'vip' }, data.vip] })).toBe(true);
        expect(await match({ '==': [{ var: 'received' }, '2025-01-02'] })).toBe(
          data.received === '2025-01-02',
        );
      }
    });
  });
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`bulk import and batch reads (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('imports many records in one go, typed columns and index included', async () => {
      const records = Array.from({ length: 2500 }, (_, i) => ({
        id: `bulk-${i}`,
        app: 'repair',
        form: 'request',
        version: 1,
        data: {
          title: `t${i}`,
          status: i % 2 ? 'open' : 'closed',
          amount: i / 4,
          qty: i,
          vip: i % 3 === 0,
          tags: ['a'],
        },
        createdBy: 'importer',
        createdAt: at(i),
      }));
      await store.insertRecords(records);
      expect(await store.getRecord('bulk-1234')).toEqual({
        ...records[1234],
        createdAt: at(1234),
        updatedAt: at(1234),
      });
      const open = await store.listRecords('repair', 'request', {
        filter: { and: [{ '==': [{ var: 'status' }, 'open'] }, { '>=': [{ var: 'qty' }, 2490] }] },
        limit: 50,
      });
      expect(open.items.map((r) => r.id).sort()).toEqual([
        'bulk-2491',
        'bulk-2493',
        'bulk-2495',
        'bulk-2497',
        'bulk-2499',
      ]);
      // record_index knows every one: an update by id finds it.
      await store.write((tx) => tx.updateRecord('bulk-7', { data: { title: 'seven' } }));
      expect((await store.getRecord('bulk-7'))?.data).toEqual({ title: 'seven' });
    });

    it('imports all or nothing', async () => {
      const dup = [
        { id: 'fresh-1', app: 'repair', form: 'request', version: 1, data: { title: 'x' }, createdBy: 'u' },
        { id: 'bulk-1', app: 'repair', form: 'request', version: 1, data: { title: 'y' }, createdBy: 'u' },
      ];
      await expect(store.insertRecords(dup)).rejects.toThrow();
      expect(await store.getRecord('fresh-1')).toBeUndefined();
      expect((await store.getRecord('bulk-1'))?.data).toMatchObject({ title: 't1' });
      await expect(store.insertRecords([{ ...dup[0]!, form: 'nope' }])).rejects.toMatchObject({
        code: 'FC_NOT_FOUND',
      });
    });

    it('reads a page of records by id in the order asked, skipping unknown ids', async () => {
      const ids = ['bulk-9', 'nobody', 'bulk-3', 'bulk-9', 'bulk-2000'];
      expect((await store.getRecords(ids)).map((r) => r.id)).toEqual([
        'bulk-9',
        'bulk-3',
        'bulk-9',
        'bulk-2000',
      ]);
      // A second store (no remembered tables) reads the same rows through record_index.
      const other = await d.open();
      try {
        expect(await other.getRecords(ids)).toEqual(await store.getRecords(ids));
      } finally {
        await other.close();
      }
      expect(await store.getRecords([])).toEqual([]);
    });
  });
}
