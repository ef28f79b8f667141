/**
 * Store contract: one engine step is one transaction; optimistic concurrency on instances;
 * append-only history; idempotency keys; autonumber sequences.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store, StoreTx } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle, snapshot } from './fixtures.js';

const DIALECTS = await dialects('tx');

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`transactions (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      await store.publishApp('repair', { by: 'admin', bundle: repairBundle() });
      await store.write(async (tx) => {
        await tx.insertRecord({
          id: 'rec',
          app: 'repair',
          form: 'request',
          version: 1,
          data: { title: 'a' },
          createdBy: 'u',
        });
        await tx.insertInstance({
          id: 'inst',
          app: 'repair',
          flow: 'main',
          version: 1,
          recordId: 'rec',
          snapshot: snapshot(),
        });
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    async function step(tx: StoreTx, rev: number, label: string): Promise<number> {
      const next = await tx.saveInstance('inst', snapshot({ seq: rev, outcome: label }), rev);
      await tx.appendHistory('inst', [{ seq: rev, at: at(rev), actor: label, type: 'step' }]);
      await tx.insertTask({
        id: `task-${label}`,
        instanceId: 'inst',
        recordId: 'rec',
        app: 'repair',
        form: 'request',
        node: 'n',
        assignees: [{ user: label }],
      });
      return next;
    }

    it('lets one of two writers with the same rev win; the other gets FC_CONFLICT and writes nothing', async () => {
      const { rev } = (await store.getInstance('inst'))!;
      const results = await Promise.allSettled([
        store.write((tx) => step(tx, rev, 'alice')),
        store.write((tx) => step(tx, rev, 'bob')),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect((lost[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'FC_CONFLICT' });

      const instance = (await store.getInstance('inst'))!;
      expect(instance.rev).toBe(rev + 1);
      const winner = instance.snapshot.outcome!;
      const loser = winner === 'alice' ? 'bob' : 'alice';
      expect((await store.listHistory('inst')).map((e) => e.actor)).toEqual([winner]);
      expect(await store.getTask(`task-${winner}`)).toBeDefined();
      expect(await store.getTask(`task-${loser}`)).toBeUndefined();
    });

    it('writes nothing when the callback throws after writing', async () => {
      const before = (await store.getInstance('inst'))!;
      const failing = store.write(async (tx) => {
        await step(tx, before.rev, 'carol');
        await tx.updateRecord('rec', { data: { title: 'changed' } });
        await tx.enqueueOutbox({ id: 'ob-x', kind: 'email', payload: {} });
        await tx.scheduleTimer({ id: 'tm-x', instanceId: 'inst', kind: 'wait', node: 'n', dueAt: at(1) });
        await tx.putIdempotency('events', 'k-x', { ok: true });
        throw new Error('engine failed');
      });
      await expect(failing).rejects.toThrow('engine failed');
      expect(await store.getInstance('inst')).toEqual(before);
      expect(await store.listHistory('inst')).toHaveLength(1);
      expect(await store.getTask('task-carol')).toBeUndefined();
      expect((await store.getRecord('rec'))?.data).toEqual({ title: 'a' });
      expect(await store.getOutbox('ob-x')).toBeUndefined();
      expect(await store.getTimer('tm-x')).toBeUndefined();
      expect(await store.getIdempotency('events', 'k-x')).toBeUndefined();
    });

    it('keeps history append-only: no method changes it, and a seq is used once per instance', async () => {
      const methods = (o: object) =>
        Object.getOwnPropertyNames(Object.getPrototypeOf(o)).concat(Object.keys(o));
      const historyMethods = methods(store).filter((m) => /history/i.test(m));
      await store.write((tx) =>
        Promise.resolve(void historyMethods.push(...methods(tx).filter((m) => /history/i.test(m)))),
      );
      expect(new Set(historyMethods)).toEqual(new Set(['appendHistory', 'listHistory']));

      const existing = (await store.listHistory('inst'))[0]!;
      const dup = store.write((tx) => tx.appendHistory('inst', [{ ...existing, actor: 'mallory' }]));
      await expect(dup).rejects.toMatchObject({ code: 'FC_CONFLICT' });
      expect(await store.listHistory('inst')).toEqual([existing]);

      await store.write((tx) =>
        tx.appendHistory('other', [
          {
            seq: existing.seq,
            at: at(9),
            actor: 'x',
            type: 'step',
            changes: [{ field: 'title', from: 'a', to: 'b' }],
          },
        ]),
      );
      expect((await store.listHistory('other'))[0]?.changes).toEqual([
        { field: 'title', from: 'a', to: 'b' },
      ]);
    });

    it('stores an idempotency key once and returns its response', async () => {
      await store.write((tx) => tx.putIdempotency('events:inst', 'pay-1', { status: 200, body: { ok: 1 } }));
      expect(await store.getIdempotency('events:inst', 'pay-1')).toEqual({ status: 200, body: { ok: 1 } });
      await expect(
        store.write((tx) => tx.putIdempotency('events:inst', 'pay-1', { other: true })),
      ).rejects.toMatchObject({ code: 'FC_CONFLICT' });
      expect(await store.getIdempotency('events:inst', 'pay-1')).toEqual({ status: 200, body: { ok: 1 } });
      await store.write((tx) => tx.putIdempotency('events:other', 'pay-1', null));
    });

    it('hands out autonumber sequences that increase per day and field', async () => {
      const next = (day: string, field = 'no') =>
        store.write((tx) => tx.nextSequence('repair', 'request', field, day));
      expect([await next('20250101'), await next('20250101'), await next('20250101')]).toEqual([1, 2, 3]);
      expect(await next('20250102')).toBe(1);
      expect(await next('20250101', 'other')).toBe(1);
      const parallel = await Promise.all(Array.from({ length: 5 }, () => next('20250103')));
      expect([...parallel].sort()).toEqual([1, 2, 3, 4, 5]);
      await expect(
        store.write(async (tx) => {
          await tx.nextSequence('repair', 'request', 'no', '20250104');
          throw new Error('rolled back');
        }),
      ).rejects.toThrow();
      expect(await next('20250104')).toBe(1);
    });

    it('hands out a block of consecutive numbers at once (an import), first number returned', async () => {
      const take = (count?: number) =>
        store.write((tx) => tx.nextSequence('repair', 'request', 'no', '20250201', count));
      expect(await take(100)).toBe(1);
      expect(await take()).toBe(101);
      expect(await take(3)).toBe(102);
      expect(await take()).toBe(105);
    });
  });
}
