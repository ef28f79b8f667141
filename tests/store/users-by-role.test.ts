/**
 * Store contract: `listUsersByRole` finds exactly the users holding a role (not a role whose key
 * merely contains it, or differs in case, or matches it only as a LIKE pattern), disabled ones
 * included (callers skip them), ordered by username.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('users_by_role');

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`users by role (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
      const users: [string, string[]][] = [
        ['zoe', ['tech']],
        ['amy', ['desk', 'tech']],
        ['bob', ['tech_lead']],
        ['cat', ['Tech']],
        ['dan', ['texh']],
        ['eve', ['a%b', 'x_y']],
        ['fay', ['axb', 'xzy']],
        ['gus', []],
      ];
      for (const [username, roles] of users)
        await store.createUser({ username, displayName: username.toUpperCase(), passwordHash: 'h', roles });
      const zoe = await store.getUserByUsername('zoe');
      await store.updateUser(zoe!.id, { disabled: true });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    const names = async (role: string) => (await store.listUsersByRole(role)).map((u) => u.username);

    it('lists the holders of a role and no one whose role only resembles it', async () => {
      expect(await names('tech')).toEqual(['amy', 'zoe']);
      expect(await names('tech_lead')).toEqual(['bob']);
      expect(await names('Tech')).toEqual(['cat']);
      expect(await names('desk')).toEqual(['amy']);
      expect(await names('nobody')).toEqual([]);
    });

    it('treats LIKE wildcards in a role key as plain characters', async () => {
      expect(await names('a%b')).toEqual(['eve']);
      expect(await names('x_y')).toEqual(['eve']);
      expect(await names('%')).toEqual([]);
      expect(await names('_')).toEqual([]);
    });

    it('returns whole users, disabled ones flagged, never a password hash', async () => {
      const [amy, zoe] = await store.listUsersByRole('tech');
      expect(amy).toMatchObject({ username: 'amy', displayName: 'AMY', roles: ['desk', 'tech'] });
      expect(zoe?.disabled).toBe(true);
      expect(Object.keys(amy!)).not.toContain('passwordHash');
    });
  });
}
