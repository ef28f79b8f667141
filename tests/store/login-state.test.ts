/**
 * Store contract: the login limiter's state. Counters and sign-in addresses are kept per key,
 * replaced whole, pruned once expired, and outlive the store that wrote them (a restart, another
 * server). The limiter on top of them holds under parallel guesses, also from two servers at once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoginLimiter, type LoginAttempt, type LoginRefused } from '../../runtime/auth/login-limiter.js';
import { ManualClock } from '../../runtime/clock.js';
import type { LoginCounter, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('login_state');

const counter = (
  key: string,
  failures: number,
  expiresAt: string,
  blockedUntil: string | null = null,
): LoginCounter => ({ key, failures, since: '2026-01-05T09:00:00.000Z', blockedUntil, expiresAt });

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`login limiter state (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('keeps counters by key, replaces them whole and deletes them', async () => {
      await store.writeLoginState((tx) =>
        tx.putLoginCounters([
          counter('a:1', 1, '2026-01-05T09:01:00.000Z'),
          counter('u:x', 21, '2026-01-06T09:00:00.000Z', '2026-01-05T09:00:02.000Z'),
        ]),
      );
      await store.writeLoginState((tx) =>
        tx.putLoginCounters([counter('a:1', 2, '2026-01-05T09:01:00.000Z')]),
      );
      const read = await store.writeLoginState((tx) => tx.getLoginCounters(['a:1', 'u:x', 'nothing']));
      expect(read.sort((a, b) => a.key.localeCompare(b.key))).toEqual([
        counter('a:1', 2, '2026-01-05T09:01:00.000Z'),
        counter('u:x', 21, '2026-01-06T09:00:00.000Z', '2026-01-05T09:00:02.000Z'),
      ]);
      await store.writeLoginState((tx) => tx.deleteLoginCounters(['a:1']));
      expect(await store.writeLoginState((tx) => tx.getLoginCounters(['a:1']))).toEqual([]);
    });

    it('writes nothing when the transaction throws', async () => {
      await expect(
        store.writeLoginState(async (tx) => {
          await tx.putLoginCounters([counter('a:rolled-back', 1, '2026-01-05T09:01:00.000Z')]);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await store.writeLoginState((tx) => tx.getLoginCounters(['a:rolled-back']))).toEqual([]);
    });

    it('knows the addresses an account signed in from since a given time', async () => {
      await store.writeLoginState((tx) =>
        tx.rememberLoginAddress('acct', '203.0.113.5', '2026-01-05T09:00:00.000Z'),
      );
      const known = (address: string, since: string) =>
        store.writeLoginState((tx) => tx.knownLoginAddress('acct', address, since));
      expect(await known('203.0.113.5', '2026-01-01T00:00:00.000Z')).toBe(true);
      expect(await known('203.0.113.5', '2026-01-06T00:00:00.000Z')).toBe(false);
      expect(await known('203.0.113.6', '2026-01-01T00:00:00.000Z')).toBe(false);
      await store.writeLoginState((tx) =>
        tx.rememberLoginAddress('acct', '203.0.113.5', '2026-01-07T09:00:00.000Z'),
      );
      expect(await known('203.0.113.5', '2026-01-06T00:00:00.000Z')).toBe(true);
    });

    it('prunes expired counters and addresses unused for long', async () => {
      await store.writeLoginState(async (tx) => {
        await tx.putLoginCounters([
          counter('p:old', 3, '2026-01-05T09:01:00.000Z'),
          counter('p:live', 3, '2026-01-05T10:00:00.000Z'),
        ]);
        await tx.rememberLoginAddress('pruned', '198.51.100.1', '2025-01-01T00:00:00.000Z');
      });
      expect(
        await store.pruneLoginState('2026-01-05T09:30:00.000Z', '2025-06-01T00:00:00.000Z'),
      ).toBeGreaterThanOrEqual(2);
      expect(
        (await store.writeLoginState((tx) => tx.getLoginCounters(['p:old', 'p:live']))).map((c) => c.key),
      ).toEqual(['p:live']);
      expect(
        await store.writeLoginState((tx) =>
          tx.knownLoginAddress('pruned', '198.51.100.1', '2000-01-01T00:00:00.000Z'),
        ),
      ).toBe(false);
    });

    it('outlives the store that wrote it (a restart)', async () => {
      await store.writeLoginState((tx) =>
        tx.putLoginCounters([counter('a:restart', 7, '2026-01-05T09:01:00.000Z')]),
      );
      const again = await d.open();
      try {
        expect(await again.writeLoginState((tx) => tx.getLoginCounters(['a:restart']))).toEqual([
          counter('a:restart', 7, '2026-01-05T09:01:00.000Z'),
        ]);
      } finally {
        await again.close();
      }
    });

    it('lets exactly 10 of 30 parallel guesses through, also from two servers at once', async () => {
      const clock = new ManualClock();
      // SQLite has one owning process; PostgreSQL is shared by several servers.
      const second = d.name === 'postgres' ? await d.open() : store;
      try {
        const limiters = [new LoginLimiter(store, clock), new LoginLimiter(second, clock)];
        const results = await Promise.all(
          Array.from({ length: 30 }, (_, i) => limiters[i % 2]!.begin('parallel-user', '192.0.2.77')),
        );
        const refused = results.filter((r): r is LoginRefused => 'retryAfterSeconds' in r);
        expect(results.length - refused.length).toBe(10);
        expect(refused.every((r) => r.retryAfterSeconds === 60)).toBe(true);
      } finally {
        if (second !== store) await second.close();
      }
    });

    it('a right password from another server clears that address for the account', async () => {
      const clock = new ManualClock();
      const limiter = new LoginLimiter(store, clock);
      for (let i = 0; i < 9; i++)
        expect('succeeded' in (await limiter.begin('cleared-user', '192.0.2.78'))).toBe(true);
      await ((await limiter.begin('cleared-user', '192.0.2.78')) as LoginAttempt).succeeded();
      const other = new LoginLimiter(store, clock);
      for (let i = 0; i < 10; i++)
        expect('succeeded' in (await other.begin('cleared-user', '192.0.2.78'))).toBe(true);
      expect(await other.begin('cleared-user', '192.0.2.78')).toEqual({ retryAfterSeconds: 60 });
    });
  });
}
