/**
 * Administrators manage users: the user shape the API documents, Argon2id hashes that never leave the
 * server, unique usernames, and roles that must exist (`admin` or declared by an installed app).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const minimalApproval: unknown = JSON.parse(
  readFileSync(new URL('../../examples/minimal-approval.json', import.meta.url), 'utf8'),
);

let t: Built;
let admin: string;
beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const installed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(admin),
    payload: { bundle: minimalApproval },
  });
  expect(installed.statusCode, installed.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

function createUser(token: string, payload: Record<string, unknown>) {
  return t.app.inject({ method: 'POST', url: '/api/v1/users', headers: bearer(token), payload });
}

describe('POST /api/v1/users', () => {
  it('lets an admin create a user with roles of an installed app, answering the user shape only', async () => {
    const res = await createUser(admin, {
      username: 'alice',
      password: 'alice-password',
      displayName: 'Alice',
      roles: ['approver'],
      language: 'en',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toEqual({
      id: expect.any(String),
      username: 'alice',
      displayName: 'Alice',
      roles: ['approver'],
      language: 'en',
    });
    expect(res.body).not.toContain('alice-password');
    expect(res.body).not.toContain('argon2');
  });

  it('hashes the password with Argon2id and the new user can sign in', async () => {
    await createUser(admin, { username: 'bob', password: 'bob-password', roles: ['requester'] });
    const stored = await t.store.getUserByUsername('bob');
    expect(stored?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(stored?.language).toBe('zh-CN');
    expect(stored?.displayName).toBe('bob');
    await expect(t.login('bob', 'bob-password')).resolves.toEqual(expect.any(String));
  });

  it('answers 409 for a username that is taken', async () => {
    await createUser(admin, { username: 'carol', password: 'carol-password' });
    const again = await createUser(admin, { username: 'carol', password: 'other-password' });
    expect(again.statusCode).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('answers 422 naming each role no installed app declares, and stores nothing', async () => {
    const res = await createUser(admin, {
      username: 'dave',
      password: 'dave-password',
      roles: ['approver', 'wizard', 'king'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(['/roles/1', '/roles/2']);
    expect(await t.store.getUserByUsername('dave')).toBeUndefined();
  });

  it('answers 400 for a short password or an unknown language', async () => {
    expect((await createUser(admin, { username: 'erin', password: 'short' })).statusCode).toBe(400);
    expect(
      (await createUser(admin, { username: 'erin', password: 'erin-password', language: 'fr' })).statusCode,
    ).toBe(400);
  });

  it('answers 403 to users who are not admins', async () => {
    const { token } = await t.userWithRoles('approver1', ['approver']);
    const res = await createUser(token, {
      username: 'sneaky',
      password: 'sneaky-password',
      roles: ['admin'],
    });
    expect(res.statusCode).toBe(403);
    expect(await t.store.getUserByUsername('sneaky')).toBeUndefined();
  });
});

describe('GET /api/v1/users', () => {
  it('lists users for admins without any password material', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(admin) });
    expect(res.statusCode).toBe(200);
    const users = res.json<Record<string, unknown>[]>();
    expect(users.map((u) => u.username)).toContain('admin');
    for (const u of users)
      expect(Object.keys(u).sort()).toEqual([
        'createdAt',
        'disabled',
        'displayName',
        'id',
        'language',
        'roles',
        'username',
      ]);
    expect(res.body).not.toContain('argon2');
  });

  it('answers 403 to non-admins', async () => {
    const { token } = await t.userWithRoles('requester1', ['requester']);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(token) })).statusCode,
    ).toBe(403);
  });
});

describe('PATCH /api/v1/users/:id', () => {
  it('changes roles, name and language', async () => {
    const { user } = await t.userWithRoles('frank', ['requester']);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
      payload: { roles: ['approver'], displayName: 'Frank F.', language: 'zh-CN' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      id: user.id,
      username: 'frank',
      displayName: 'Frank F.',
      roles: ['approver'],
      language: 'zh-CN',
    });
  });

  it('a new password signs the user out everywhere and the new one works', async () => {
    const { user, token } = await t.userWithRoles('grace', ['requester']);
    const res = await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
      payload: { password: 'grace-new-password' },
    });
    expect(res.statusCode).toBe(200);
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
    await expect(t.login('grace', 'grace-new-password')).resolves.toEqual(expect.any(String));
  });

  it('disabling a user ends their sessions', async () => {
    const { user, token } = await t.userWithRoles('heidi', ['requester']);
    await t.app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${user.id}`,
      headers: bearer(admin),
      payload: { disabled: true },
    });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer(token) })).statusCode,
    ).toBe(401);
  });

  it('answers 422 for unknown roles, 404 for unknown users, 403 for non-admins', async () => {
    const { user, token } = await t.userWithRoles('ivan', ['requester']);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${user.id}`,
          headers: bearer(admin),
          payload: { roles: ['ghost'] },
        })
      ).statusCode,
    ).toBe(422);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: '/api/v1/users/no-such-user',
          headers: bearer(admin),
          payload: { roles: [] },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/users/${user.id}`,
          headers: bearer(token),
          payload: { roles: ['admin'] },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.store.getUser(user.id))?.roles).toEqual(['requester']);
  });
});
