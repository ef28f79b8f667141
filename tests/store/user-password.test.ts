/**
 * Store contract: `setUserPassword` writes the new hash and revokes every token of that user (and
 * no one else's) in one transaction; an unknown id is `FC_NOT_FOUND` and changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('user_password');
const LATER = '2099-01-01T00:00:00.000Z';

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`setting a password (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('stores the hash and revokes every token of the user, and only theirs', async () => {
      const desk = await store.createUser({
        username: 'desk',
        displayName: 'Desk',
        passwordHash: 'old',
        roles: ['desk'],
      });
      const tech = await store.createUser({
        username: 'tech',
        displayName: 'Tech',
        passwordHash: 'tech',
        roles: ['tech'],
      });
      await store.createToken({ tokenHash: 'd1', userId: desk.id, kind: 'bearer', expiresAt: LATER });
      await store.createToken({
        tokenHash: 'd2',
        userId: desk.id,
        kind: 'session',
        csrfHash: 'c',
        expiresAt: LATER,
      });
      await store.createToken({ tokenHash: 't1', userId: tech.id, kind: 'bearer', expiresAt: LATER });

      const user = await store.setUserPassword(desk.id, 'new', '2026-12-01T08:00:00.000Z');
      expect(user.username).toBe('desk');
      expect((await store.getUserByUsername('desk'))?.passwordHash).toBe('new');
      expect((await store.findToken('d1'))?.revokedAt).toBe('2026-12-01T08:00:00.000Z');
      expect((await store.findToken('d2'))?.revokedAt).toBe('2026-12-01T08:00:00.000Z');
      expect((await store.findToken('t1'))?.revokedAt).toBeNull();
      expect((await store.getUserByUsername('tech'))?.passwordHash).toBe('tech');
    });

    it('refuses an unknown user', async () => {
      await expect(store.setUserPassword('00000000-0000-4000-8000-000000000000', 'x')).rejects.toMatchObject({
        code: 'FC_NOT_FOUND',
      });
    });
  });
}
