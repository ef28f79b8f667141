/**
 * An app's roles are worked on in its draft like its forms (the studio's app page edits them): a
 * designer replaces the list under the revision rule, the validator judges it with the rest of the
 * draft, and once published an admin can give the new roles to users.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await call('POST', '/api/v1/studio/apps', admin, { key: 'supplies', name: { en: 'Supplies' } });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  token: string,
  payload?: unknown,
  revision?: number,
) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(token), ...(revision === undefined ? {} : { 'if-match': `"${revision}"` }) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function revision(): Promise<number> {
  return (await call('GET', '/api/v1/apps/supplies/draft', admin)).json<{ revision: number }>().revision;
}

const roles = [
  { key: 'requester', name: { zh: '申请人', en: 'Requester' } },
  { key: 'buyer', name: { zh: '采购员', en: 'Buyer' }, design: true },
];

describe("the draft's roles", () => {
  it('are replaced under the revision rule and published with the app', async () => {
    const res = await call('PUT', '/api/v1/apps/supplies/draft/roles', admin, { roles }, await revision());
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<{ roles: unknown; revision: number; problems: { path: string }[] }>();
    expect(saved.roles).toEqual(roles);
    expect(res.headers.etag).toBe(`"${saved.revision}"`);
    expect(saved.problems.filter((p) => p.path.startsWith('/roles'))).toEqual([]);
    const draft = (await call('GET', '/api/v1/apps/supplies/draft', admin)).json<{
      draft: { roles: unknown };
    }>();
    expect(draft.draft.roles).toEqual(roles);
    // Nothing published yet; publishing makes them the app's roles, which users can now be given.
    expect((await call('GET', '/api/v1/apps/supplies', admin)).json<{ roles: unknown[] }>().roles).toEqual(
      [],
    );
    const published = await call('POST', '/api/v1/apps/supplies/publish', admin);
    expect(published.statusCode, published.body).toBe(201);
    const { user } = await t.userWithRoles('mei', []);
    const given = await call('PUT', `/api/v1/users/${user.id}/app-roles/supplies`, admin, {
      roles: ['requester'],
    });
    expect(given.statusCode, given.body).toBe(200);
  });

  it('keep a wrong role with its problem by JSON path, refuse a stale revision and a list of non-objects', async () => {
    const at = await revision();
    const bad = await call(
      'PUT',
      '/api/v1/apps/supplies/draft/roles',
      admin,
      { roles: [{ key: 'Bad Key' }] },
      at,
    );
    expect(bad.statusCode, bad.body).toBe(200);
    expect(bad.json<{ problems: { path: string }[] }>().problems.map((p) => p.path)).toContainEqual(
      expect.stringMatching(/^\/roles\/0/),
    );
    const stale = await call('PUT', '/api/v1/apps/supplies/draft/roles', admin, { roles }, at);
    expect(stale.statusCode).toBe(409);
    const notObjects = await call(
      'PUT',
      '/api/v1/apps/supplies/draft/roles',
      admin,
      { roles: ['x'] },
      at + 1,
    );
    expect(notObjects.statusCode).toBe(400);
    expect((await call('PUT', '/api/v1/apps/supplies/draft/roles', admin, { roles })).statusCode).toBe(428);
  });

  it('may be changed only by designers of the app', async () => {
    const { token } = await t.userWithRoles('outsider', []);
    const res = await call('PUT', '/api/v1/apps/supplies/draft/roles', token, { roles }, await revision());
    expect([403, 404]).toContain(res.statusCode);
  });
});
