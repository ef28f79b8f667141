/**
 * Store contract: timers and outbox rows are claimed under a lease, never by two claimers at once;
 * a timer fires exactly once; outbox retries keep their bookkeeping.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at } from './fixtures.js';

const DIALECTS = await dialects('jobs');
const LEASE = 60_000;

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`timers and outbox (${d.name})`, () => {
    let store: Store;
    let other: Store;
    beforeAll(async () => {
      store = await d.open({ now: () => at(0) });
      // PostgreSQL: a second pool stands in for a second server process. SQLite is one process
      // per file, so its claimers share the connection (and BEGIN IMMEDIATE serializes them).
      other = d.name === 'postgres' ? await d.open({ now: () => at(0) }) : store;
    });
    afterAll(async () => {
      if (other !== store) await other?.close();
      await store?.close();
      await d.cleanup();
    });

    it('never hands a due timer to two concurrent claimers, and skips future and cancelled ones', async () => {
      await store.write(async (tx) => {
        for (let i = 0; i < 40; i++)
          await tx.scheduleTimer({
            id: `t${i}`,
            instanceId: 'i',
            kind: 'wait',
            node: 'w',
            dueAt: at(i % 10),
          });
        await tx.scheduleTimer({ id: 'future', instanceId: 'i', kind: 'wait', node: 'w', dueAt: at(500) });
        await tx.scheduleTimer({ id: 'cancelled', instanceId: 'i', kind: 'wait', node: 'w', dueAt: at(1) });
        await tx.cancelTimer('cancelled', at(0));
      });
      const claimers = Array.from({ length: 6 }, (_, i) =>
        (i % 2 ? other : store).claimDueTimers(at(20), `owner-${i}`, LEASE, 5),
      );
      const claimed = (await Promise.all(claimers)).flat();
      const again = await store.claimDueTimers(at(20), 'late', LEASE, 100);
      const ids = [...claimed, ...again].map((t) => t.id);
      expect(ids).toHaveLength(40);
      expect(new Set(ids).size).toBe(40);
      expect(ids).not.toContain('future');
      expect(ids).not.toContain('cancelled');
      expect(
        again.every(
          (t) =>
            t.leaseOwner === 'late' && t.leaseUntil === new Date(Date.parse(at(20)) + LEASE).toISOString(),
        ),
      ).toBe(true);
    });

    it('re-offers a timer whose lease ran out, and fires it exactly once', async () => {
      expect(await store.claimDueTimers(at(20), 'x', LEASE, 100)).toEqual([]);
      const reclaimed = await store.claimDueTimers(at(21), 'after-crash', LEASE, 100);
      expect(reclaimed.map((t) => t.id).sort()).toHaveLength(40);
      await store.markTimerFired('t0', at(21));
      await expect(store.markTimerFired('t0', at(22))).rejects.toMatchObject({ code: 'FC_CONFLICT' });
      await expect(store.write((tx) => tx.markTimerFired('cancelled'))).rejects.toMatchObject({
        code: 'FC_CONFLICT',
      });
      expect((await store.getTimer('t0'))?.firedAt).toBe(at(21));
      const later = await store.claimDueTimers(at(100), 'y', LEASE, 100);
      expect(later.map((t) => t.id)).not.toContain('t0');
    });

    it('claims outbox rows once, counts attempts, retries later and gives up when told', async () => {
      await store.write(async (tx) => {
        for (let i = 0; i < 12; i++)
          await tx.enqueueOutbox({ id: `o${i}`, kind: 'webhook', payload: { n: i }, nextAttemptAt: at(1) });
        await tx.enqueueOutbox({ id: 'later', kind: 'email', payload: {}, nextAttemptAt: at(50) });
      });
      const claims = await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          (i % 2 ? other : store).claimOutbox(at(2), `w${i}`, 30 * LEASE, 4),
        ),
      );
      const ids = claims.flat().map((o) => o.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `o${i}`).sort());
      expect(claims.flat().every((o) => o.attempts === 1 && o.status === 'pending')).toBe(true);

      await store.completeOutbox('o0');
      await store.failOutbox('o1', at(10), 'HTTP 503');
      await store.failOutbox('o2', null, 'HTTP 400: gave up');
      expect(await store.getOutbox('o0')).toMatchObject({ status: 'done', leaseOwner: null });
      expect(await store.getOutbox('o1')).toMatchObject({
        status: 'pending',
        attempts: 1,
        nextAttemptAt: at(10),
        lastError: 'HTTP 503',
        leaseOwner: null,
      });
      expect(await store.getOutbox('o2')).toMatchObject({ status: 'failed', lastError: 'HTTP 400: gave up' });

      // Still leased (30 minutes) or not due yet.
      expect((await store.claimOutbox(at(5), 'w', LEASE, 100)).map((o) => o.id)).toEqual([]);
      const retry = await store.claimOutbox(at(10), 'w', LEASE, 100);
      expect(retry.map((o) => o.id)).toEqual(['o1']);
      expect(retry[0]).toMatchObject({ attempts: 2, payload: { n: 1 } });
    });
  });
}
