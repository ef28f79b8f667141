/**
 * Store contract: 抄送 (copies) and 催办 (urges). A copy is kept per recipient (a user, or a role
 * all of whose holders read it), listed newest first with keyset paging, read per user (also a
 * role's copy), found per instance for the record's access check, and stored once however often
 * its step is applied. A task's last urge is one row that outlives the store that wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewCopy, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('copies');

const copy = (id: string, at: string, to: NewCopy['to'], extra: Partial<NewCopy> = {}): NewCopy => ({
  id,
  to,
  app: 'aftersales',
  instanceId: 'inst1',
  recordId: 'rec1',
  form: 'repair_request',
  node: 'intake',
  nodeName: '受理',
  fields: ['rma_no', 'product'],
  reason: 'node',
  createdAt: at,
  ...extra,
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`copies and urges (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
      await store.write(async (tx) => {
        await tx.insertCopies([
          copy('c1', '2026-01-05T09:00:00.000Z', [{ role: 'supervisor' }]),
          copy('c2', '2026-01-05T10:00:00.000Z', [{ user: 'boss' }, { role: 'qa' }], {
            reason: 'sla.breach',
            taskId: 't1',
            fields: ['rma_no'],
          }),
          copy('c3', '2026-01-05T11:00:00.000Z', [{ user: 'other' }], {
            instanceId: 'inst2',
            recordId: 'rec2',
          }),
          copy('c4', '2026-01-05T12:00:00.000Z', [{ user: 'boss' }, { role: 'supervisor' }], {
            instanceId: 'inst2',
            recordId: 'rec2',
          }),
        ]);
        // The same step applied again stores nothing new.
        await tx.insertCopies([copy('c1', '2026-01-05T09:00:00.000Z', [{ role: 'supervisor' }])]);
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('lists the copies addressed to the user or their roles, newest first, each once', async () => {
      const page = await store.listCopies('boss', ['supervisor']);
      expect(page.items.map((c) => c.id)).toEqual(['c4', 'c2', 'c1']);
      expect(page.nextCursor).toBeUndefined();
      expect(page.items[1]).toEqual({
        id: 'c2',
        to: { user: 'boss' },
        app: 'aftersales',
        instanceId: 'inst1',
        recordId: 'rec1',
        form: 'repair_request',
        node: 'intake',
        nodeName: '受理',
        fields: ['rma_no'],
        reason: 'sla.breach',
        taskId: 't1',
        createdAt: '2026-01-05T10:00:00.000Z',
        readAt: null,
      });
      expect((await store.listCopies('qa1', ['qa'])).items.map((c) => c.id)).toEqual(['c2']);
      expect((await store.listCopies('nobody', [])).items).toEqual([]);
    });

    it('pages with an opaque cursor', async () => {
      const first = await store.listCopies('boss', ['supervisor'], { limit: 2 });
      expect(first.items.map((c) => c.id)).toEqual(['c4', 'c2']);
      const second = await store.listCopies('boss', ['supervisor'], { limit: 2, cursor: first.nextCursor! });
      expect(second.items.map((c) => c.id)).toEqual(['c1']);
      expect(second.nextCursor).toBeUndefined();
      await expect(store.listCopies('boss', [], { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
        code: 'FC_BAD_REQUEST',
      });
    });

    it('marks a copy read per user, a role copy too, and lists only unread ones on request', async () => {
      await store.markCopyRead('c1', 'boss', ['supervisor'], '2026-01-06T08:00:00.000Z');
      await store.markCopyRead('c1', 'boss', ['supervisor']); // twice is fine
      expect(
        (await store.listCopies('boss', ['supervisor'], { status: 'unread' })).items.map((c) => c.id),
      ).toEqual(['c4', 'c2']);
      const all = await store.listCopies('boss', ['supervisor'], { status: 'all' });
      expect(all.items.find((c) => c.id === 'c1')?.readAt).toBe('2026-01-06T08:00:00.000Z');
      // Another holder of the role has not read it.
      expect(
        (await store.listCopies('boss2', ['supervisor'], { status: 'unread' })).items.map((c) => c.id),
      ).toEqual(['c4', 'c1']);
    });

    it('a copy not addressed to the user cannot be marked read by them', async () => {
      await expect(store.markCopyRead('c3', 'boss', ['supervisor'])).rejects.toMatchObject({
        code: 'FC_NOT_FOUND',
      });
      await expect(store.markCopyRead('missing', 'boss', [])).rejects.toMatchObject({ code: 'FC_NOT_FOUND' });
    });

    it('finds the copies of one instance that a user holds', async () => {
      expect((await store.copiesOnInstance('inst1', 'boss', ['supervisor'])).map((c) => c.id)).toEqual([
        'c1',
        'c2',
      ]);
      expect((await store.copiesOnInstance('inst1', 'qa1', ['qa'])).map((c) => [c.id, c.fields])).toEqual([
        ['c2', ['rma_no']],
      ]);
      expect(await store.copiesOnInstance('inst1', 'other', [])).toEqual([]);
    });

    it("keeps each task's last urge, across stores", async () => {
      await store.write((tx) =>
        tx.putTaskUrge({ taskId: 't1', urgedAt: '2026-01-05T09:00:00.000Z', urgedBy: 'cust1' }),
      );
      await store.write((tx) =>
        tx.putTaskUrge({ taskId: 't1', urgedAt: '2026-01-05T10:30:00.000Z', urgedBy: 'boss' }),
      );
      const other = await d.open();
      try {
        const urges = await other.taskUrges(['t1', 't2']);
        expect([...urges.values()]).toEqual([
          { taskId: 't1', urgedAt: '2026-01-05T10:30:00.000Z', urgedBy: 'boss' },
        ]);
        expect((await other.taskUrges([])).size).toBe(0);
      } finally {
        await other.close();
      }
    });
  });
}
