/**
 * Apps: shipped templates, installing from a template or a bundle (every problem by JSON path,
 * nothing stored when invalid), who sees which app, designing drafts, and publishing immutable
 * versions. Drafts that are invalid, stale revisions and retyped fields: drafts.test.ts.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const minimalApproval = JSON.parse(
  readFileSync(new URL('../../examples/minimal-approval.json', import.meta.url), 'utf8'),
) as Record<string, unknown> & {
  forms: { key: string; fields: { key: string }[] }[];
};

/** Two base-data forms whose sample records point at each other with the `@form:n` convention. */
const crm = {
  format: 'flowcase/app@1',
  key: 'crm',
  name: 'CRM',
  version: 1,
  roles: [
    { key: 'sales', name: 'Sales' },
    { key: 'crm_designer', name: 'Designer', design: true },
  ],
  forms: [
    {
      key: 'customers',
      name: 'Customers',
      fields: [{ key: 'name', type: 'text', label: 'Name', required: true }],
    },
    {
      key: 'orders',
      name: 'Orders',
      fields: [
        { key: 'customer', type: 'relation', label: 'Customer', form: 'customers', display: 'name' },
        { key: 'title', type: 'text', label: 'Title' },
      ],
    },
  ],
  flows: [],
  dashboards: [],
  sampleData: {
    customers: [{ name: 'Ann' }, { name: 'Bo' }],
    orders: [{ customer: '@customers:1', title: 'First order' }],
  },
};

let t: Built;
let admin: string;
beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

function call(method: 'GET' | 'POST' | 'PUT', url: string, token: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Saves into a draft on its current revision (If-Match), as the designer does. */
async function save(url: string, token: string, payload: unknown) {
  const app = /^\/api\/v1\/apps\/([a-z0-9_]+)\//.exec(url)![1]!;
  const current = await call('GET', `/api/v1/apps/${app}/draft`, token);
  const revision = current.statusCode === 200 ? String(current.json().revision) : '0';
  return t.app.inject({
    method: 'PUT',
    url,
    headers: { ...bearer(token), 'if-match': revision },
    payload: payload as object,
  });
}

describe('GET /api/v1/templates', () => {
  it('lists the shipped templates with their names', async () => {
    const res = await call('GET', '/api/v1/templates', admin);
    expect(res.statusCode).toBe(200);
    const keys = res.json<{ key: string; name: unknown }[]>().map((x) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['after_sales', 'repair_order', 'satisfaction']));
    expect(res.body).not.toContain('.json');
  });
});

describe('POST /api/v1/apps', () => {
  it('installs a template: 201 with its forms, flows and dashboards, and its sample data', async () => {
    const res = await call('POST', '/api/v1/apps', admin, { template: 'after_sales' });
    expect(res.statusCode, res.body).toBe(201);
    const app = res.json();
    expect(app).toMatchObject({ key: 'after_sales', version: 1 });
    expect(app.forms.map((f: { key: string }) => f.key)).toEqual(
      expect.arrayContaining(['customers', 'products']),
    );
    expect(app.flows.length).toBeGreaterThan(0);
    expect(app.sampleRecords).toBeGreaterThan(0);
    const customers = await t.store.listRecords('after_sales', 'customers');
    expect(customers.items.length).toBeGreaterThan(0);
  });

  it('answers 409 when the app is already installed', async () => {
    const res = await call('POST', '/api/v1/apps', admin, { template: 'after_sales' });
    expect(res.statusCode).toBe(409);
    expect((await t.store.getApp('after_sales'))?.currentVersion).toBe(1);
  });

  it('answers 404 for a template that does not exist', async () => {
    expect((await call('POST', '/api/v1/apps', admin, { template: 'no_such_template' })).statusCode).toBe(
      404,
    );
  });

  it('installs a bundle and resolves "@form:n" references between sample records', async () => {
    const res = await call('POST', '/api/v1/apps', admin, { bundle: crm });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().sampleRecords).toBe(3);
    const customers = (
      await t.store.listRecords('crm', 'customers', { sort: [{ field: 'createdAt', dir: 'asc' }] })
    ).items;
    const [order] = (await t.store.listRecords('crm', 'orders')).items;
    const bo = customers.find((c) => c.data.name === 'Bo');
    expect(order?.data.customer).toBe(bo?.id);
  });

  it('answers 400 listing every problem of a bad bundle by JSON path, and stores nothing', async () => {
    const bad = {
      ...crm,
      key: 'broken',
      forms: [{ key: 'customers', name: 'C', fields: [{ key: 'name', type: 'nope', label: 'Name' }] }],
      flows: [
        {
          key: 'f',
          name: 'F',
          form: 'missing',
          trigger: { on: 'record.created' },
          start: 'x',
          nodes: { x: { type: 'end' } },
        },
      ],
      sampleData: {},
    };
    const res = await call('POST', '/api/v1/apps', admin, { bundle: bad });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const paths = (res.json().errors as { path: string }[]).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['/forms/0/fields/0/type', '/flows/0/form']));
    expect(await t.store.getApp('broken')).toBeUndefined();
  });

  it('refuses a bundle whose sample records are invalid before writing anything: no app, no records', async () => {
    const bad = {
      ...crm,
      key: 'crm_bad_samples',
      sampleData: {
        customers: [{ name: 'Ann' }],
        orders: [
          { customer: '@customers:0', title: 'ok' },
          { customer: 'no-such-id', title: 'dangling' },
        ],
      },
    };
    const res = await call('POST', '/api/v1/apps', admin, { bundle: bad });
    expect(res.statusCode).toBe(400);
    expect((res.json().errors as { path: string }[]).map((e) => e.path)).toEqual([
      '/sampleData/orders/1/customer',
    ]);
    expect(await t.store.getApp('crm_bad_samples')).toBeUndefined();
    expect(
      (await t.store.listRecords('crm_bad_samples', 'customers', {}).catch(() => ({ items: [] }))).items,
    ).toEqual([]);
  });

  it('answers 400 for a body with neither or both of template and bundle', async () => {
    expect((await call('POST', '/api/v1/apps', admin, {})).statusCode).toBe(400);
    expect(
      (await call('POST', '/api/v1/apps', admin, { template: 'after_sales', bundle: crm })).statusCode,
    ).toBe(400);
  });

  it('answers 403 to non-admins', async () => {
    const { token } = await t.userWithRoles('seller', ['sales']);
    expect(
      (await call('POST', '/api/v1/apps', token, { bundle: { ...crm, key: 'crm_two' } })).statusCode,
    ).toBe(403);
    expect(await t.store.getApp('crm_two')).toBeUndefined();
  });
});

describe('GET /api/v1/apps and /api/v1/apps/:app', () => {
  it('admins see every app', async () => {
    const keys = (await call('GET', '/api/v1/apps', admin)).json<{ key: string }[]>().map((a) => a.key);
    expect(keys).toEqual(expect.arrayContaining(['after_sales', 'crm']));
  });

  it('others see only the apps that declare one of their roles', async () => {
    const { token } = await t.userWithRoles('salesperson', ['sales']);
    const res = await call('GET', '/api/v1/apps', token);
    expect(res.json<{ key: string }[]>().map((a) => a.key)).toEqual(['crm']);
    expect((await call('GET', '/api/v1/apps/crm', token)).json()).toMatchObject({
      key: 'crm',
      version: 1,
      canDesign: false,
      forms: [{ key: 'customers' }, { key: 'orders' }],
    });
    expect((await call('GET', '/api/v1/apps/after_sales', token)).statusCode).toBe(404);
  });

  it("names the server's time zone, which report periods are local to", async () => {
    expect((await call('GET', '/api/v1/apps/crm', admin)).json()).toMatchObject({
      timeZone: 'Asia/Shanghai',
    });
  });

  it('answers 404 for an app that does not exist', async () => {
    expect((await call('GET', '/api/v1/apps/nothing_here', admin)).statusCode).toBe(404);
  });
});

describe('designing and publishing', () => {
  beforeAll(async () => {
    expect((await call('POST', '/api/v1/apps', admin, { bundle: minimalApproval })).statusCode).toBe(201);
  });

  const requestForm = () => structuredClone(minimalApproval.forms[0]!);

  it('keeps a draft form that breaks a flow reference, naming the path, and publishing refuses it', async () => {
    const form = requestForm();
    form.fields = form.fields.filter((f) => f.key !== 'approver_note');
    const res = await save('/api/v1/apps/minimal_approval/forms/request', admin, form);
    expect(res.statusCode).toBe(200);
    const paths = (res.json().problems as { path: string }[]).map((e) => e.path);
    expect(paths.some((p) => p.startsWith('/flows/0/nodes/approve/fields'))).toBe(true);
    expect((await call('POST', '/api/v1/apps/minimal_approval/publish', admin)).statusCode).toBe(400);
    const repaired = await save('/api/v1/apps/minimal_approval/forms/request', admin, requestForm());
    expect(repaired.json().problems).toEqual([]);
  });

  it('refuses a body whose key differs from the path', async () => {
    const res = await save('/api/v1/apps/minimal_approval/forms/other', admin, requestForm());
    expect(res.statusCode).toBe(400);
  });

  it('saves a valid draft without changing the published version, and publish makes a new one', async () => {
    const form = requestForm();
    form.fields.push({ key: 'cost_center', type: 'text', label: 'Cost center' } as { key: string });
    const saved = await save('/api/v1/apps/minimal_approval/forms/request', admin, form);
    expect(saved.statusCode, saved.body).toBe(200);
    const fieldsOf = async () =>
      (
        (await call('GET', '/api/v1/apps/minimal_approval', admin)).json().forms[0].fields as {
          key: string;
        }[]
      ).map((f) => f.key);
    expect(await fieldsOf()).not.toContain('cost_center');

    const published = await call('POST', '/api/v1/apps/minimal_approval/publish', admin);
    expect(published.statusCode).toBe(201);
    expect(published.json()).toEqual({ app: 'minimal_approval', version: 2 });
    expect(await fieldsOf()).toContain('cost_center');
    expect((await call('GET', '/api/v1/apps/minimal_approval', admin)).json().version).toBe(2);
    // The first version is immutable.
    const v1 = await t.store.getAppVersion('minimal_approval', 1);
    expect(v1?.bundle.forms[0]?.fields.map((f) => f.key)).not.toContain('cost_center');
  });

  it('adds a new dashboard through PUT /dashboards/:key', async () => {
    const dashboard = {
      name: 'Overview',
      widgets: [{ key: 'count', type: 'kpi', form: 'request', measures: [{ op: 'count' }] }],
    };
    const res = await save('/api/v1/apps/minimal_approval/dashboards/overview', admin, dashboard);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ definition: { key: 'overview' }, problems: [] });
  });

  it('lets roles the app marks design: true design it, and no one else', async () => {
    const designer = await t.userWithRoles('crm_designer_1', ['crm_designer']);
    const seller = await t.userWithRoles('crm_seller_1', ['sales']);
    const customers = {
      key: 'customers',
      name: 'Customers',
      fields: [
        { key: 'name', type: 'text', label: 'Name', required: true },
        { key: 'vip', type: 'boolean', label: 'VIP' },
      ],
    };
    expect((await save('/api/v1/apps/crm/forms/customers', seller.token, customers)).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/apps/crm/publish', seller.token)).statusCode).toBe(403);
    expect((await save('/api/v1/apps/crm/forms/customers', designer.token, customers)).statusCode).toBe(200);
    expect((await call('POST', '/api/v1/apps/crm/publish', designer.token)).json()).toEqual({
      app: 'crm',
      version: 2,
    });
    // A designer of one app may not touch another.
    expect(
      (await save('/api/v1/apps/minimal_approval/forms/request', designer.token, requestForm())).statusCode,
    ).toBe(404);
  });
});
