/**
 * The admin console and the app studio over HTTP (issue 20): accounts (list with their state,
 * disable and enable, reset a password shown once, one app's roles, who holds a role) and apps
 * (the studio's list with status and versions, a blank app, rename, design roles, archive, the
 * version history, the template gallery). Every route is for signed-in admins (the studio's reads
 * for designers too); the others get 403, and a refused write changes nothing.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const minimalApproval = JSON.parse(
  readFileSync(new URL('../../examples/minimal-approval.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

/** A small app with a design role, so designers who are not admins can be tried. */
const crm = {
  format: 'flowcase/app@1',
  key: 'crm',
  name: { zh: '客户管理', en: 'CRM' },
  version: 1,
  roles: [
    { key: 'sales', name: { zh: '销售', en: 'Sales' } },
    { key: 'crm_designer', name: { zh: '设计者', en: 'Designer' }, design: true },
  ],
  forms: [{ key: 'customers', name: 'Customers', fields: [{ key: 'name', type: 'text', label: 'Name' }] }],
  flows: [],
  dashboards: [],
};

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
let t: Built;
let admin: string;

function call(method: Method, url: string, token: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  for (const bundle of [minimalApproval, crm]) {
    const res = await call('POST', '/api/v1/apps', admin, { bundle });
    expect(res.statusCode, res.body).toBe(201);
  }
});
afterAll(async () => {
  await t.close();
});

describe('who may call the admin console and studio routes', () => {
  it('answers 403 to a signed-in user without the admin role on every admin route, and 401 signed out', async () => {
    const { user, token } = await t.userWithRoles('nosy', ['sales']);
    const adminRoutes: [Method, string, unknown?][] = [
      ['GET', '/api/v1/users'],
      ['POST', `/api/v1/users/${user.id}/reset-password`],
      ['PUT', `/api/v1/users/${user.id}/app-roles/crm`, { roles: ['sales', 'crm_designer'] }],
      ['GET', '/api/v1/roles'],
      ['GET', '/api/v1/roles/sales/users'],
      ['POST', '/api/v1/studio/apps', { key: 'sneaky', name: 'Sneaky' }],
      ['PATCH', '/api/v1/studio/apps/crm', { name: 'Mine' }],
      ['POST', '/api/v1/studio/apps/crm/archive'],
    ];
    for (const [method, url, payload] of adminRoutes) {
      expect((await call(method, url, token, payload)).statusCode, `${method} ${url}`).toBe(403);
      const signedOut = await t.app.inject({
        method,
        url,
        ...(payload ? { payload: payload as object } : {}),
      });
      expect(signedOut.statusCode, `${method} ${url} signed out`).toBe(401);
    }
    // Nothing the refused calls asked for happened.
    expect((await t.store.getUser(user.id))?.roles).toEqual(['sales']);
    await expect(t.login('nosy', 'nosy-password')).resolves.toEqual(expect.any(String));
    expect(await t.store.getApp('sneaky')).toBeUndefined();
    expect((await t.store.getApp('crm'))?.archivedAt).toBeNull();
    expect((await t.store.getApp('crm'))?.currentVersion).toBe(1);
  });
});

describe('accounts', () => {
  it('lists every account with whether it is disabled and when it was made, never password material', async () => {
    await t.userWithRoles('lister', ['requester']);
    const res = await call('GET', '/api/v1/users', admin);
    expect(res.statusCode).toBe(200);
    const lister = res.json<Record<string, unknown>[]>().find((u) => u.username === 'lister');
    expect(lister).toEqual({
      id: expect.any(String),
      username: 'lister',
      displayName: 'lister',
      roles: ['requester'],
      language: 'en',
      disabled: false,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
    expect(res.body).not.toContain('argon2');
  });

  it('disabling ends the account’s sessions and refuses its sign-in; enabling lets it sign in again', async () => {
    const { user, token } = await t.userWithRoles('leaver', ['requester']);
    const off = await call('PATCH', `/api/v1/users/${user.id}`, admin, { disabled: true });
    expect(off.statusCode, off.body).toBe(200);
    expect((await call('GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
    await expect(t.login('leaver', 'leaver-password')).rejects.toThrow(/401/);
    const listed = (await call('GET', '/api/v1/users', admin)).json<
      { username: string; disabled: boolean }[]
    >();
    expect(listed.find((u) => u.username === 'leaver')?.disabled).toBe(true);
    const on = await call('PATCH', `/api/v1/users/${user.id}`, admin, { disabled: false });
    expect(on.statusCode).toBe(200);
    await expect(t.login('leaver', 'leaver-password')).resolves.toEqual(expect.any(String));
  });

  it('does not let an admin disable themselves or take away their own admin role', async () => {
    const self = await call('PATCH', `/api/v1/users/${t.admin.id}`, admin, { disabled: true });
    expect(self.statusCode).toBe(422);
    expect(self.json()).toMatchObject({ errors: [{ path: '/disabled' }] });
    const demote = await call('PATCH', `/api/v1/users/${t.admin.id}`, admin, { roles: ['sales'] });
    expect(demote.statusCode).toBe(422);
    expect(demote.json()).toMatchObject({ errors: [{ path: '/roles' }] });
    expect((await t.store.getUser(t.admin.id))?.roles).toEqual(['admin']);
    expect((await call('GET', '/api/v1/auth/me', admin)).statusCode).toBe(200);
  });

  it('resets a password: the new one is answered once (not cached), the old one and every session stop working', async () => {
    const { user, token } = await t.userWithRoles('forgetful', ['requester']);
    const res = await call('POST', `/api/v1/users/${user.id}/reset-password`, admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const { password, user: view } = res.json<{ password: string; user: { username: string } }>();
    expect(view.username).toBe('forgetful');
    expect(password).toMatch(/^[\w-]{16}$/);
    expect((await call('GET', '/api/v1/auth/me', token)).statusCode).toBe(401);
    await expect(t.login('forgetful', 'forgetful-password')).rejects.toThrow(/401/);
    await expect(t.login('forgetful', password)).resolves.toEqual(expect.any(String));
    // Only the hash is stored, and the listing never shows the password again.
    expect((await call('GET', '/api/v1/users', admin)).body).not.toContain(password);
    expect((await t.store.getUserByUsername('forgetful'))?.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it('answers 404 naming /id for an unknown account', async () => {
    const res = await call('POST', '/api/v1/users/nobody/reset-password', admin);
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ errors: [{ path: '/id' }] });
  });
});

describe("one app's roles", () => {
  it("sets which of the app's roles a user holds and keeps the roles of other apps; the user then sees the app", async () => {
    const { user, token } = await t.userWithRoles('newhire', ['requester']);
    expect((await call('GET', '/api/v1/apps', token)).json<{ key: string }[]>().map((a) => a.key)).toEqual([
      'minimal_approval',
    ]);
    const res = await call('PUT', `/api/v1/users/${user.id}/app-roles/crm`, admin, { roles: ['sales'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ roles: string[] }>().roles.sort()).toEqual(['requester', 'sales']);
    expect(
      (await call('GET', '/api/v1/apps', token))
        .json<{ key: string }[]>()
        .map((a) => a.key)
        .sort(),
    ).toEqual(['crm', 'minimal_approval']);
    const removed = await call('PUT', `/api/v1/users/${user.id}/app-roles/crm`, admin, { roles: [] });
    expect(removed.json<{ roles: string[] }>().roles).toEqual(['requester']);
  });

  it('answers 422 naming each role the app does not declare, 404 for an unknown app, and changes nothing', async () => {
    const { user } = await t.userWithRoles('typo', ['requester']);
    const res = await call('PUT', `/api/v1/users/${user.id}/app-roles/crm`, admin, {
      roles: ['sales', 'requester', 'wizard'],
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      '/roles/1',
      '/roles/2',
    ]);
    const noApp = await call('PUT', `/api/v1/users/${user.id}/app-roles/nope`, admin, { roles: [] });
    expect(noApp.statusCode).toBe(404);
    const badBody = await call('PUT', `/api/v1/users/${user.id}/app-roles/crm`, admin, { roles: 'sales' });
    expect(badBody.statusCode).toBe(400);
    expect((await t.store.getUser(user.id))?.roles).toEqual(['requester']);
  });

  it('lists every role with the apps declaring it and its holders, and who holds one', async () => {
    await t.userWithRoles('seller1', ['sales']);
    await t.userWithRoles('seller2', ['sales', 'requester']);
    const roles = (await call('GET', '/api/v1/roles', admin)).json<
      { key: string; apps: { app: string; design: boolean }[]; holders: number }[]
    >();
    expect(roles[0]?.key).toBe('admin');
    expect(roles.find((r) => r.key === 'crm_designer')).toMatchObject({
      apps: [{ app: 'crm', design: true }],
      holders: 0,
    });
    const sales = roles.find((r) => r.key === 'sales');
    expect(sales?.apps).toEqual([
      {
        app: 'crm',
        appName: { zh: '客户管理', en: 'CRM' },
        name: { zh: '销售', en: 'Sales' },
        design: false,
        customer: false,
      },
    ]);
    const holders = await call('GET', '/api/v1/roles/sales/users', admin);
    expect(holders.statusCode).toBe(200);
    const names = holders.json<{ username: string }[]>().map((u) => u.username);
    expect(names).toEqual(expect.arrayContaining(['seller1', 'seller2']));
    expect(names).not.toContain('admin');
    expect(sales?.holders).toBe(names.length);
    expect((await call('GET', '/api/v1/roles/wizard/users', admin)).statusCode).toBe(404);
  });
});

describe('the app studio', () => {
  it('lists every app for admins with its status, version and whether the draft has unpublished changes', async () => {
    const res = await call('GET', '/api/v1/studio/apps', admin);
    expect(res.statusCode).toBe(200);
    const crmView = res.json<Record<string, unknown>[]>().find((a) => a.key === 'crm');
    expect(crmView).toMatchObject({
      name: { zh: '客户管理', en: 'CRM' },
      status: 'active',
      version: 1,
      versions: 1,
      draftChanged: false,
      canDesign: true,
      counts: { forms: 1, flows: 0, dashboards: 0 },
    });
  });

  it('shows a designer only the apps their roles design, and someone who designs nothing none', async () => {
    const { token: designer } = await t.userWithRoles('crmdesigner', ['crm_designer', 'requester']);
    const listed = (await call('GET', '/api/v1/studio/apps', designer)).json<{ key: string }[]>();
    expect(listed.map((a) => a.key)).toEqual(['crm']);
    const { token: seller } = await t.userWithRoles('plainseller', ['sales']);
    expect((await call('GET', '/api/v1/studio/apps', seller)).json()).toEqual([]);
    expect((await call('GET', '/api/v1/studio/apps/crm/versions', seller)).statusCode).toBe(404);
  });

  it('creates a blank app for admins (409 for a taken key, 400 naming a bad key) which designers then fill', async () => {
    const res = await call('POST', '/api/v1/studio/apps', admin, {
      key: 'blank_one',
      name: { zh: '空白应用', en: 'Blank app' },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ key: 'blank_one', version: 1, counts: { forms: 0, flows: 0 } });
    const draft = await call('GET', '/api/v1/apps/blank_one/draft', admin);
    expect(draft.statusCode).toBe(200);
    expect(
      (await call('POST', '/api/v1/studio/apps', admin, { key: 'blank_one', name: 'Again' })).statusCode,
    ).toBe(409);
    const bad = await call('POST', '/api/v1/studio/apps', admin, { key: 'Bad Key', name: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('/key');
  });

  it('renames an app as its next version, keeping the draft’s other changes, and lists the history', async () => {
    // A designer's unfinished work in the draft, saved straight to the store (the draft routes have their own tests).
    const published = (await t.store.getAppVersion('crm', 1))!.bundle;
    const leads = { key: 'leads', name: 'Leads', fields: [{ key: 'title', type: 'text', label: 'Title' }] };
    await t.store.saveDraft('crm', { ...published, forms: [...published.forms, leads] } as typeof published);
    expect((await call('GET', '/api/v1/studio/apps/crm', admin)).json()).toMatchObject({
      draftChanged: true,
    });
    const res = await call('PATCH', '/api/v1/studio/apps/crm', admin, {
      name: { zh: '客户关系', en: 'Customers' },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ name: { zh: '客户关系', en: 'Customers' }, version: 2, versions: 2 });
    // The rename is published from the current version: the unfinished form stays in the draft only.
    expect((await call('GET', '/api/v1/apps/crm', admin)).json<{ forms: unknown[] }>().forms).toHaveLength(1);
    const draft = (await t.store.getApp('crm'))!.draft!;
    expect(draft.name).toEqual({ zh: '客户关系', en: 'Customers' });
    expect(draft.forms.map((f) => f.key)).toEqual(['customers', 'leads']);
    const history = (await call('GET', '/api/v1/studio/apps/crm/versions', admin)).json<
      { version: number; current: boolean; publishedBy: { displayName: string } }[]
    >();
    expect(history.map((v) => [v.version, v.current, v.publishedBy.displayName])).toEqual([
      [2, true, 'Administrator'],
      [1, false, 'Administrator'],
    ]);
  });

  it('lets admins choose the design roles among the app’s own roles (422 naming the path otherwise)', async () => {
    const { token: seller } = await t.userWithRoles('designingseller', ['sales']);
    const bad = await call('PATCH', '/api/v1/studio/apps/crm', admin, {
      designRoles: ['sales', 'requester'],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/designRoles/1']);
    const before = (await t.store.getApp('crm'))?.currentVersion;
    const res = await call('PATCH', '/api/v1/studio/apps/crm', admin, { designRoles: ['sales'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ roles: { key: string; design: boolean }[] }>().roles).toEqual([
      expect.objectContaining({ key: 'sales', design: true }),
      expect.objectContaining({ key: 'crm_designer', design: false }),
    ]);
    expect((await t.store.getApp('crm'))?.currentVersion).toBe((before ?? 0) + 1);
    expect((await call('GET', '/api/v1/apps/crm/draft', seller)).statusCode).toBe(200);
    expect(
      (await call('GET', '/api/v1/studio/apps', seller)).json<{ key: string }[]>().map((a) => a.key),
    ).toEqual(['crm']);
  });

  it('archives an app out of everyone’s app list and brings it back; the studio still lists it', async () => {
    const { token: seller } = await t.userWithRoles('archiveseller', ['sales']);
    const res = await call('POST', '/api/v1/studio/apps/crm/archive', admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: 'archived', archivedAt: expect.any(String) });
    expect((await call('GET', '/api/v1/apps', seller)).json()).toEqual([]);
    expect(
      (await call('GET', '/api/v1/apps', admin)).json<{ key: string }[]>().map((a) => a.key),
    ).not.toContain('crm');
    const studio = (await call('GET', '/api/v1/studio/apps', admin)).json<
      { key: string; status: string }[]
    >();
    expect(studio.find((a) => a.key === 'crm')?.status).toBe('archived');
    // An archived app takes no new records, neither one by one nor by import; nothing is stored.
    const before = (await call('GET', '/api/v1/apps/crm/forms/customers/records', admin)).json<{
      items: unknown[];
    }>().items.length;
    const filed = await call('POST', '/api/v1/apps/crm/forms/customers/records', admin, {
      data: { name: 'Acme' },
    });
    expect(filed.statusCode, filed.body).toBe(409);
    expect(filed.json()).toMatchObject({
      code: 'FC_CONFLICT',
      errors: [expect.objectContaining({ path: '/app' })],
    });
    expect(filed.json<{ detail: string }>().detail).toContain('archived');
    const imported = await call('POST', '/api/v1/apps/crm/forms/customers/records/import', admin, {
      records: [{ name: 'Acme' }],
    });
    expect(imported.statusCode, imported.body).toBe(409);
    expect(
      (await call('GET', '/api/v1/apps/crm/forms/customers/records', admin)).json<{ items: unknown[] }>()
        .items,
    ).toHaveLength(before);
    const back = await call('POST', '/api/v1/studio/apps/crm/unarchive', admin);
    expect(back.json()).toMatchObject({ status: 'active' });
    expect((await call('GET', '/api/v1/apps', seller)).json<{ key: string }[]>().map((a) => a.key)).toEqual([
      'crm',
    ]);
    const refiled = await call('POST', '/api/v1/apps/crm/forms/customers/records', admin, {
      data: { name: 'Acme' },
    });
    expect(refiled.statusCode, refiled.body).toBe(201);
    expect((await call('POST', '/api/v1/studio/apps/nope/archive', admin)).statusCode).toBe(404);
  });
});

describe('the template gallery', () => {
  it('lists each template with what installing brings, sample records per form included', async () => {
    const res = await call('GET', '/api/v1/templates', admin);
    const satisfaction = res
      .json<{ key: string; contents: { forms: number; sampleRecords: Record<string, number> } }[]>()
      .find((x) => x.key === 'satisfaction');
    expect(satisfaction?.contents.forms).toBeGreaterThan(0);
    expect(Object.values(satisfaction?.contents.sampleRecords ?? {}).every((n) => Number.isInteger(n))).toBe(
      true,
    );
  });

  it('serves a screenshot for the templates that have one, 404 for an unknown template', async () => {
    const list = (await call('GET', '/api/v1/templates', admin)).json<
      { key: string; screenshot?: string }[]
    >();
    expect(list.find((x) => x.key === 'after_sales')?.screenshot).toBe(
      '/api/v1/templates/after_sales/screenshot',
    );
    for (const template of list.filter((x) => x.screenshot)) {
      const png = await call('GET', template.screenshot!, admin);
      expect(png.statusCode).toBe(200);
      expect(png.headers['content-type']).toBe('image/png');
      expect(png.rawPayload.subarray(1, 4).toString()).toBe('PNG');
    }
    expect((await call('GET', '/api/v1/templates/nope/screenshot', admin)).statusCode).toBe(404);
  });
});
