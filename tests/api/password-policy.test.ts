/**
 * Wherever a password is set (an admin creating or changing an account, the first start's admin
 * and demo accounts) it must have at least 10 characters, must not be one of the commonest
 * passwords (in any case, nor with only digits or symbols around it), and must not be the username.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../../runtime/auth/password-policy.js';
import { bootstrap } from '../../runtime/bootstrap.js';
import { openStore } from '../../runtime/store/store.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

function createUser(username: string, password: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/v1/users',
    headers: bearer(admin),
    payload: { username, password },
  });
}

function codes(res: { json: () => { errors: { code?: string }[] } }): (string | undefined)[] {
  return res.json().errors.map((e) => e.code);
}

describe('setting a password', () => {
  it('needs at least 10 characters', async () => {
    expect((await createUser('nina', 'kq8#vL2pz')).statusCode).toBe(400);
    expect(await t.store.getUserByUsername('nina')).toBeUndefined();
    expect((await createUser('nina', 'kq8#vL2pzW')).statusCode).toBe(201);
  });

  it('refuses the commonest passwords in any case, also with only digits or symbols around them', async () => {
    for (const password of [
      '1234567890',
      'QWERTYUIOP',
      'Password123',
      'password1234',
      'Sunshine2024!',
      '!!iloveyou!!',
      'Flowcase2025',
    ]) {
      const res = await createUser('oscar', password);
      expect(res.statusCode, password).toBe(422);
      expect(codes(res), password).toEqual(['password.common']);
    }
    expect(await t.store.getUserByUsername('oscar')).toBeUndefined();
  });

  it('refuses the username as the password, also repeated or with only digits or symbols added', async () => {
    for (const password of ['Kate.Smith', 'kate.smith2024', '#kate.smith#', 'kate.smithkate.smith']) {
      const res = await createUser('kate.smith', password);
      expect(res.statusCode, password).toBe(422);
      expect(codes(res), password).toEqual(['password.username']);
    }
    expect((await createUser('kate.smith', 'kate-rides-bikes-7')).statusCode).toBe(201);
  });

  it('applies the same rules when an admin changes a password', async () => {
    const { user } = await t.userWithRoles('paula', []);
    const change = (password: string) =>
      t.app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: bearer(admin),
        payload: { password },
      });
    expect((await change('paula12345')).statusCode).toBe(422);
    expect((await change('Welcome@123')).statusCode).toBe(422);
    expect((await change('short')).statusCode).toBe(400);
    expect((await change('paula-likes-tea-9')).statusCode).toBe(200);
  });

  it('stops the first start when FLOWCASE_ADMIN_PASSWORD or FLOWCASE_DEMO_PASSWORD is too weak, naming the setting', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-first-start-'));
    const store = await openStore({ dataDir: dir });
    const saved = process.env.FLOWCASE_DEMO_PASSWORD;
    try {
      const services = { ...t.services, store };
      await expect(
        bootstrap(services, { demo: false, adminPassword: 'Admin@12345', template: null }),
      ).rejects.toThrow(/^FLOWCASE_ADMIN_PASSWORD: /);
      expect(await store.getUserByUsername('admin')).toBeUndefined();
      process.env.FLOWCASE_DEMO_PASSWORD = 'changeme123';
      await expect(
        bootstrap(services, { demo: true, adminPassword: 'a-long-admin-secret-1', template: null }),
      ).rejects.toThrow(/^FLOWCASE_DEMO_PASSWORD: /);
      // A demo password equal to one demo account's name is refused too ("supervisor" has 10 letters).
      process.env.FLOWCASE_DEMO_PASSWORD = 'Supervisor';
      await expect(bootstrap(services, { demo: true, template: null })).rejects.toThrow(
        /FLOWCASE_DEMO_PASSWORD/,
      );
      expect(await store.getUserByUsername('customer')).toBeUndefined();
    } finally {
      if (saved === undefined) delete process.env.FLOWCASE_DEMO_PASSWORD;
      else process.env.FLOWCASE_DEMO_PASSWORD = saved;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('generated passwords (admin and demo accounts on a first start) pass the rules', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-first-start-'));
    const store = await openStore({ dataDir: dir });
    const saved = process.env.FLOWCASE_DEMO_PASSWORD;
    delete process.env.FLOWCASE_DEMO_PASSWORD;
    try {
      const report = await bootstrap({ ...t.services, store }, { demo: true, template: null });
      expect(report.created.map((c) => c.username)).toContain('admin');
      for (const c of report.created) expect(passwordProblems(c.password, c.username)).toEqual([]);
    } finally {
      if (saved !== undefined) process.env.FLOWCASE_DEMO_PASSWORD = saved;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
