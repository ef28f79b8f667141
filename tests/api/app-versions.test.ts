/**
 * An app's versions for the people who change it: every published version with who published it,
 * when, and how many cases still run on it; and what changed between two versions, node by node
 * and field by field. Admins and the app's designers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const shop = () => ({
  format: 'flowcase/app@1',
  key: 'shop',
  name: 'Shop',
  version: 1,
  roles: [
    { key: 'clerk', name: 'Clerk' },
    { key: 'shop_designer', name: 'Designer', design: true },
  ],
  forms: [
    {
      key: 'order',
      name: 'Order',
      fields: [
        { key: 'title', type: 'text', label: 'Title', required: true },
        { key: 'amount', type: 'text', label: 'Amount' },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'order',
      trigger: { on: 'record.created' },
      start: 'check',
      nodes: {
        check: {
          type: 'task',
          assignee: { role: 'clerk' },
          fields: { visible: ['title', 'amount'] },
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
});

let t: Built;
let admin: string;

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

async function newOrder(title: string): Promise<void> {
  const res = await call('POST', '/api/v1/apps/shop/forms/order/records', admin, { data: { title } });
  expect(res.statusCode, res.body).toBe(201);
}

/** Publishes the app with `edit` applied to its flow and form. */
async function publishEdited(edit: (bundle: ReturnType<typeof shop>) => void): Promise<number> {
  const bundle = shop();
  edit(bundle);
  let revision = (await call('GET', '/api/v1/apps/shop/draft', admin)).json<{ revision: number }>().revision;
  for (const [part, def] of [
    ['forms', bundle.forms[0]!],
    ['flows', bundle.flows[0]!],
  ] as const) {
    const saved = await call('PUT', `/api/v1/apps/shop/${part}/${def.key}`, admin, def, revision);
    expect(saved.statusCode, saved.body).toBe(200);
    revision = saved.json<{ revision: number }>().revision;
  }
  const published = await call('POST', '/api/v1/apps/shop/publish', admin, undefined, revision);
  expect(published.statusCode, published.body).toBe(201);
  return published.json<{ version: number }>().version;
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await call('POST', '/api/v1/apps', admin, { bundle: shop() });
  expect(res.statusCode, res.body).toBe(201);
  await newOrder('first');
  await newOrder('second');
  // Version 2 adds a field, asks for a review and makes the amount required at the check.
  await publishEdited((b) => {
    b.forms[0]!.fields.push({ key: 'note', type: 'text', label: 'Note' });
    const nodes = b.flows[0]!.nodes as Record<string, Record<string, unknown>>;
    nodes['check'] = {
      ...nodes['check'],
      fields: { visible: ['title', 'amount'], required: ['amount'] },
      next: 'review',
    };
    nodes['review'] = { type: 'task', assignee: { role: 'clerk' }, next: 'done' };
  });
  await newOrder('third');
});
afterAll(async () => {
  await t.close();
});

describe('the list of versions', () => {
  it('names every version newest first, who published it, and the cases still open on it', async () => {
    const res = await call('GET', '/api/v1/apps/shop/versions', admin);
    expect(res.statusCode, res.body).toBe(200);
    expect(
      res
        .json()
        .map((v: { version: number; current: boolean; openInstances: number }) => [
          v.version,
          v.current,
          v.openInstances,
        ]),
    ).toEqual([
      [2, true, 1],
      [1, false, 2],
    ]);
    expect(res.json()[0].publishedBy).toEqual({ id: t.admin.id, displayName: 'Administrator' });
    expect(Date.parse(res.json()[0].publishedAt)).not.toBeNaN();
  });

  it('counts open cases by version in one query, none for an unknown app', async () => {
    const instances = await t.store.countOpenInstancesByVersion('shop');
    expect(Object.fromEntries(instances)).toEqual({ 1: 2, 2: 1 });
    expect(await t.store.countOpenInstancesByVersion('no_such_app')).toEqual(new Map());
  });
});

describe('the diff between two versions', () => {
  it('reads field by field and node by node, with permission changes spelt out', async () => {
    const res = await call('GET', '/api/v1/apps/shop/versions/1/diff/2', admin);
    expect(res.statusCode, res.body).toBe(200);
    const diff = res.json<{
      from: number;
      to: number;
      groups: { kind: string; key: string; change?: string; changes: Record<string, unknown>[] }[];
    }>();
    expect([diff.from, diff.to]).toEqual([1, 2]);
    const form = diff.groups.find((g) => g.kind === 'form' && g.key === 'order')!;
    expect(form.change).toBeUndefined();
    expect(form.changes).toContainEqual(
      expect.objectContaining({ kind: 'field', change: 'added', key: 'note' }),
    );
    const flow = diff.groups.find((g) => g.kind === 'flow' && g.key === 'handle')!;
    expect(flow.changes).toContainEqual(
      expect.objectContaining({ kind: 'node', change: 'added', key: 'review' }),
    );
    const check = flow.changes.find((c) => c['kind'] === 'node' && c['key'] === 'check')!;
    expect(check['permissions']).toEqual({ required: { added: ['amount'], removed: [] } });
    expect(flow.changes).toContainEqual(
      expect.objectContaining({ kind: 'transition', key: 'check', after: { to: 'review' } }),
    );
  });

  it('reads backwards too, and a version against itself is no change', async () => {
    const back = (await call('GET', '/api/v1/apps/shop/versions/2/diff/1', admin)).json();
    expect(back.changes).toContainEqual(
      expect.objectContaining({ kind: 'node', change: 'removed', key: 'review' }),
    );
    const same = await call('GET', '/api/v1/apps/shop/versions/2/diff/2', admin);
    expect(same.json()).toMatchObject({ changes: [], groups: [] });
  });

  it('is a 404 naming the side for a version that was never published', async () => {
    const res = await call('GET', '/api/v1/apps/shop/versions/1/diff/9', admin);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('FC_NOT_FOUND');
  });
});

describe('who may see versions', () => {
  it('admins and the app designers; a clerk is refused and a stranger does not see the app', async () => {
    const designer = await t.userWithRoles('designer_v', ['shop_designer']);
    expect((await call('GET', '/api/v1/apps/shop/versions', designer.token)).statusCode).toBe(200);
    expect((await call('GET', '/api/v1/apps/shop/versions/1/diff/2', designer.token)).statusCode).toBe(200);
    const clerk = await t.userWithRoles('clerk_v', ['clerk']);
    expect((await call('GET', '/api/v1/apps/shop/versions', clerk.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/apps/shop/versions/1/diff/2', clerk.token)).statusCode).toBe(403);
    const stranger = await t.userWithRoles('stranger_v', ['other']);
    expect((await call('GET', '/api/v1/apps/shop/versions', stranger.token)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/apps/shop/versions' })).statusCode).toBe(401);
  });
});

describe('rolling back', () => {
  it('publishes an earlier version again as the newest; new cases start on it, open ones keep theirs', async () => {
    const designer = await t.userWithRoles('designer_r', ['shop_designer']);
    const res = await call('POST', '/api/v1/apps/shop/versions/1/republish', designer.token);
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ app: 'shop', version: 3, republished: 1 });
    const same = (await call('GET', '/api/v1/apps/shop/versions/1/diff/3', admin)).json();
    expect(same.changes).toEqual([]);
    await newOrder('fourth');
    const versions = (await call('GET', '/api/v1/apps/shop/versions', admin)).json();
    expect(
      versions.map((v: { version: number; current: boolean; openInstances: number }) => [
        v.version,
        v.current,
        v.openInstances,
      ]),
    ).toEqual([
      [3, true, 1],
      [2, false, 1],
      [1, false, 2],
    ]);
    expect(versions[0].publishedBy.id).toBe(designer.user.id);
  });

  it('is refused to a clerk and a 404 for a version never published', async () => {
    const clerk = await t.userWithRoles('clerk_r', ['clerk']);
    expect((await call('POST', '/api/v1/apps/shop/versions/1/republish', clerk.token)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/apps/shop/versions/42/republish', admin)).statusCode).toBe(404);
  });
});
