/**
 * Store contract: bulk loading whole cases (`loadCases`, what the sample-data seeder writes with)
 * leaves exactly the rows that the one-by-one writes of a running flow leave, on SQLite and
 * PostgreSQL, and keeps the history's uniqueness.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../engine/index.js';
import type { LoadedCase, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle, snapshot } from './fixtures.js';

const DIALECTS = await dialects('load');

/** Case `n` (times from minute `t`): a record, its instance at revision 3, a done and an open task, a pending timer, three events. */
function caseRows(n: number, t = n): LoadedCase {
  const id = (what: string) => `${what}-${n}`;
  const history: HistoryEvent[] = [
    { seq: 1, at: at(t), actor: 'u', type: 'instance.started' },
    {
      seq: 2,
      at: at(t + 1),
      actor: 'desk',
      type: 'task.completed',
      node: 'intake',
      action: 'approve',
      changes: [{ field: 'status', from: 'open', to: 'closed' }],
    },
    {
      seq: 3,
      at: at(t + 2),
      actor: 'system',
      type: 'task.created',
      node: 'repair',
      detail: { taskId: id('t2') },
    },
  ];
  return {
    records: [
      {
        id: id('rec'),
        app: 'repair',
        form: 'request',
        version: 1,
        data: { title: `case ${n}`, status: t % 2 ? 'open' : 'closed', qty: n },
        createdBy: 'u',
        createdAt: at(t),
        updatedAt: at(t + 2),
        instanceId: id('inst'),
      },
    ],
    recordUpdates: [],
    instance: {
      id: id('inst'),
      app: 'repair',
      flow: 'main',
      version: 1,
      recordId: id('rec'),
      snapshot: snapshot({ seq: 3 }),
      createdAt: at(t),
      rev: 3,
      updatedAt: at(t + 2),
    },
    tasks: [
      {
        id: id('t1'),
        instanceId: id('inst'),
        recordId: id('rec'),
        app: 'repair',
        form: 'request',
        node: 'intake',
        assignees: [{ role: 'desk' }, { user: 'desk' }],
        createdAt: at(t),
        status: 'done',
        completedAt: at(t + 1),
        completedBy: 'desk',
        action: 'approve',
      },
      {
        id: id('t2'),
        instanceId: id('inst'),
        recordId: id('rec'),
        app: 'repair',
        form: 'request',
        node: 'repair',
        assignees: [{ role: 'tech' }],
        createdAt: at(t + 2),
        dueAt: at(t + 100),
        priority: 2,
      },
    ],
    timers: [
      {
        id: id('timer'),
        instanceId: id('inst'),
        kind: 'sla.due',
        node: 'repair',
        taskId: id('t2'),
        dueAt: at(t + 100),
      },
    ],
    history,
    outbox: [],
    notifications: [],
    incidents: [],
  };
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`loading cases in bulk (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('leaves the same rows as writing the case one row at a time', async () => {
      const bulk = Array.from({ length: 150 }, (_, i) => caseRows(i + 1));
      await store.write((tx) => tx.loadCases(bulk));
      // The same case written the way a running flow writes it, one row at a time.
      const single = caseRows(1000, 1);
      await store.write(async (tx) => {
        for (const r of single.records) await tx.insertRecord(r);
        const i = single.instance!;
        await tx.insertInstance(i);
        await tx.saveInstance(i.id, snapshot({ seq: 1 }), 1, at(2));
        await tx.saveInstance(i.id, i.snapshot, 2, i.updatedAt);
        for (const t of single.tasks) await tx.insertTask(t);
        await tx.scheduleTimer(single.timers[0]!);
        await tx.appendHistory(i.id, single.history);
      });
      const asCase1 = (value: unknown) =>
        JSON.parse(
          JSON.stringify(value)
            .replaceAll('-1000"', '-1"')
            .replaceAll('case 1000', 'case 1')
            .replaceAll('"qty":1000', '"qty":1'),
        ) as unknown;
      expect(await store.getRecordWithInstance('rec-1')).toEqual(
        asCase1(await store.getRecordWithInstance('rec-1000')),
      );
      for (const n of [77, 150]) {
        const loaded = await store.getRecordWithInstance(`rec-${n}`);
        expect(loaded?.history.map((e) => e.seq)).toEqual([1, 2, 3]);
        expect(loaded?.tasks.map((t) => [t.id, t.status, t.assignees])).toEqual([
          [`t1-${n}`, 'done', [{ role: 'desk' }, { user: 'desk' }]],
          [`t2-${n}`, 'open', [{ role: 'tech' }]],
        ]);
        expect(loaded?.instance?.rev).toBe(3);
      }
      const page = await store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }],
      });
      expect(Object.fromEntries(page.map((r) => [r.keys[0], r.values[0]]))).toEqual({ open: 76, closed: 75 });
    });

    it('refuses a history seq used twice for an instance, and writes none of the batch', async () => {
      const fine = caseRows(3000);
      const clash = caseRows(3001);
      clash.history = [clash.history[0]!, { ...clash.history[1]!, seq: 1 }];
      await expect(store.write((tx) => tx.loadCases([fine, clash]))).rejects.toMatchObject({
        code: 'FC_CONFLICT',
      });
      expect(await store.getRecord('rec-3000')).toBeUndefined();
      expect(await store.getInstance('inst-3001')).toBeUndefined();
    });
  });
}
