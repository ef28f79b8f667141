/**
 * Drafts as a domain: a designer saves work in progress that may be invalid and gets every problem
 * of the whole draft back by JSON path; each save names the revision it was made on (If-Match), a
 * stale one is a 409 that stores nothing; publishing refuses an invalid draft; the designer
 * layout is kept through save, publish and read; the draft's diff against the published version;
 * and a field whose type changes gets its data moved, so lists and dashboards read the new type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const orders = () => ({
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
  dashboards: [
    {
      key: 'overview',
      name: 'Overview',
      widgets: [{ key: 'orders', type: 'kpi', form: 'order', measures: [{ op: 'count' }] }],
    },
  ],
});

let t: Built;
let admin: string;
beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await call('POST', '/api/v1/apps', admin, { bundle: orders() });
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
  revision?: number | string,
) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(token), ...(revision === undefined ? {} : { 'if-match': `"${revision}"` }) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

interface DraftAnswer {
  draft: ReturnType<typeof orders> & { layout?: unknown };
  revision: number;
  problems: { path: string; code: string; message: string }[];
}

async function draft(): Promise<DraftAnswer> {
  const res = await call('GET', '/api/v1/apps/shop/draft', admin);
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers.etag).toBe(`"${res.json<DraftAnswer>().revision}"`);
  return res.json<DraftAnswer>();
}

const orderForm = () =>
  structuredClone(orders().forms[0]!) as Record<string, unknown> & {
    fields: Record<string, unknown>[];
  };

describe('saving a draft', () => {
  it('keeps an invalid draft and answers every problem of the whole draft by JSON path', async () => {
    const { revision } = await draft();
    const form = orderForm();
    // The task still shows `amount`, which the form no longer has; the new field has no label.
    form.fields = [form.fields[0]!, { key: 'note', type: 'textarea' }];
    const res = await call('PUT', '/api/v1/apps/shop/forms/order', admin, form, revision);
    expect(res.statusCode, res.body).toBe(200);
    const saved = res.json<DraftAnswer & { definition: unknown }>();
    expect(saved.definition).toEqual(form);
    expect(saved.revision).toBe(revision + 1);
    expect(res.headers.etag).toBe(`"${revision + 1}"`);
    const found = saved.problems.map((p) => [p.path, p.code]);
    expect(found).toContainEqual(['/forms/0/fields/1/label', 'schema.required']);
    expect(saved.problems.filter((p) => p.path.startsWith('/flows/0/nodes/check/fields'))).not.toEqual([]);
    expect(saved.problems.every((p) => p.message.length > 0)).toBe(true);

    const again = await draft();
    expect(again.revision).toBe(revision + 1);
    expect(again.draft.forms[0]).toEqual(form);
    expect(again.problems).toEqual(saved.problems);
    // Nothing published changed.
    const published = await call('GET', '/api/v1/apps/shop', admin);
    expect(published.json().version).toBe(1);
    expect(published.json().forms[0].fields.map((f: { key: string }) => f.key)).toEqual(['title', 'amount']);
  });

  it('refuses a save on a stale revision with 409, the current revision, and stores nothing', async () => {
    const before = await draft();
    const form = orderForm();
    const first = await call('PUT', '/api/v1/apps/shop/forms/order', admin, form, before.revision);
    expect(first.statusCode, first.body).toBe(200);
    // A second designer saved on the same revision a moment later.
    const other = orderForm();
    other.name = 'Someone else';
    const stale = await call('PUT', '/api/v1/apps/shop/forms/order', admin, other, before.revision);
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({
      code: 'FC_CONFLICT',
      revision: before.revision + 1,
      errors: [{ path: '/revision', code: 'draft.stale_revision' }],
    });
    const after = await draft();
    expect(after.revision).toBe(before.revision + 1);
    expect(after.draft.forms[0]!.name).toBe('Order');
  });

  it('asks for the revision: 428 without If-Match, 400 for one that is not a revision', async () => {
    const missing = await call('PUT', '/api/v1/apps/shop/forms/order', admin, orderForm());
    expect(missing.statusCode).toBe(428);
    expect(missing.json().errors).toEqual([
      expect.objectContaining({ path: '/headers/if-match', code: 'draft.revision_required' }),
    ]);
    const bad = await call('PUT', '/api/v1/apps/shop/forms/order', admin, orderForm(), 'latest');
    expect(bad.statusCode).toBe(400);
  });

  it('still refuses what is not a definition at all: not an object, or a key unlike the path', async () => {
    const { revision } = await draft();
    const list = await t.app.inject({
      method: 'PUT',
      url: '/api/v1/apps/shop/forms/order',
      headers: { ...bearer(admin), 'if-match': String(revision), 'content-type': 'application/json' },
      payload: '[1, 2]',
    });
    expect(list.statusCode).toBe(400);
    const wrongKey = await call('PUT', '/api/v1/apps/shop/forms/other', admin, orderForm(), revision);
    expect(wrongKey.statusCode).toBe(400);
    expect((await draft()).revision).toBe(revision);
  });

  it('lets only designers save, read and diff the draft', async () => {
    const clerk = await t.userWithRoles('clerk_1', ['clerk']);
    const { revision } = await draft();
    expect(
      (await call('PUT', '/api/v1/apps/shop/forms/order', clerk.token, orderForm(), revision)).statusCode,
    ).toBe(403);
    expect((await call('PUT', '/api/v1/apps/shop/forms/order', clerk.token, orderForm())).statusCode).toBe(
      403,
    );
    expect((await call('GET', '/api/v1/apps/shop/draft', clerk.token)).statusCode).toBe(403);
    expect((await call('GET', '/api/v1/apps/shop/draft/diff', clerk.token)).statusCode).toBe(403);
    const designer = await t.userWithRoles('designer_1', ['shop_designer']);
    expect((await call('GET', '/api/v1/apps/shop/draft/diff', designer.token)).statusCode).toBe(200);
  });
});

describe('publishing a draft', () => {
  it('refuses an invalid draft with 400 and every problem by JSON path', async () => {
    const broken = orderForm();
    broken.fields = [broken.fields[0]!, { key: 'note', type: 'textarea' }];
    const saved = await call('PUT', '/api/v1/apps/shop/forms/order', admin, broken, (await draft()).revision);
    const problems = saved.json<DraftAnswer>().problems;
    expect(problems.length).toBeGreaterThan(1);
    const res = await call('POST', '/api/v1/apps/shop/publish', admin);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('FC_DEFINITION_INVALID');
    expect(res.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual(
      problems.map((p) => [p.path, p.code]),
    );
    expect((await call('GET', '/api/v1/apps/shop', admin)).json().version).toBe(1);
    // Repaired, it publishes.
    const fixed = await call(
      'PUT',
      '/api/v1/apps/shop/forms/order',
      admin,
      orderForm(),
      (await draft()).revision,
    );
    expect(fixed.json<DraftAnswer>().problems).toEqual([]);
  });

  it('publishes only the revision named in If-Match, when one is named', async () => {
    const { revision } = await draft();
    const stale = await call('POST', '/api/v1/apps/shop/publish', admin, undefined, revision - 1);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().revision).toBe(revision);
  });
});

describe('the designer layout', () => {
  it('is kept through save, publish and read, and ignored by the engine', async () => {
    const layout = {
      flows: { handle: { nodes: { check: { x: 120, y: 40 }, done: { x: 120, y: 200 } } } },
      forms: { order: { sections: [{ title: { zh: '订单', en: 'Order' }, columns: 2, fields: ['title'] }] } },
    };
    const { revision } = await draft();
    const saved = await call('PUT', '/api/v1/apps/shop/draft/layout', admin, layout, revision);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({ layout, revision: revision + 1, problems: [] });
    expect((await draft()).draft).toMatchObject({ layout });

    const bad = await call('PUT', '/api/v1/apps/shop/draft/layout', admin, { canvas: {} }, revision + 1);
    expect(bad.statusCode).toBe(200);
    expect(bad.json().problems).toContainEqual(
      expect.objectContaining({ path: '/layout/canvas', code: 'schema.unknown_property' }),
    );
    const back = await call('PUT', '/api/v1/apps/shop/draft/layout', admin, layout, revision + 2);
    expect(back.json().problems).toEqual([]);

    const published = await call('POST', '/api/v1/apps/shop/publish', admin, undefined, revision + 3);
    expect(published.statusCode, published.body).toBe(201);
    const version = published.json().version as number;
    expect((await t.store.getAppVersion('shop', version))?.bundle.layout).toEqual(layout);
    expect((await draft()).draft.layout).toEqual(layout);
  });
});

describe('a field whose type changes', () => {
  it('gets a new typed column on publish with its data converted: lists and dashboards read numbers', async () => {
    const clerk = await t.userWithRoles('clerk_2', ['clerk']);
    for (const [title, amount] of [
      ['big', '42'],
      ['small', '7.5'],
      ['words', 'a lot'],
    ] as const) {
      const res = await call('POST', '/api/v1/apps/shop/forms/order/records', admin, {
        data: { title, amount },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    expect(clerk.token).toBeTruthy();

    const form = orderForm();
    form.fields[1] = { key: 'amount', type: 'number', label: 'Amount' };
    const dashboard = {
      key: 'overview',
      name: 'Overview',
      widgets: [
        { key: 'orders', type: 'kpi', form: 'order', measures: [{ op: 'count' }] },
        { key: 'total', type: 'kpi', form: 'order', measures: [{ op: 'sum', field: 'amount' }] },
      ],
    };
    let { revision } = await draft();
    revision = (await call('PUT', '/api/v1/apps/shop/forms/order', admin, form, revision)).json().revision;
    const dash = await call('PUT', '/api/v1/apps/shop/dashboards/overview', admin, dashboard, revision);
    expect(dash.json().problems).toEqual([]);

    const diff = await call('GET', '/api/v1/apps/shop/draft/diff', admin);
    expect(diff.statusCode).toBe(200);
    expect(diff.json().changes).toContainEqual(
      expect.objectContaining({
        kind: 'field',
        change: 'changed',
        form: 'order',
        key: 'amount',
        typeChange: { from: 'text', to: 'number' },
      }),
    );
    expect(diff.json().changes).toContainEqual(
      expect.objectContaining({ kind: 'widget', change: 'added', dashboard: 'overview', key: 'total' }),
    );

    expect((await call('POST', '/api/v1/apps/shop/publish', admin)).statusCode).toBe(201);

    const filter = encodeURIComponent(JSON.stringify({ '>': [{ var: 'amount' }, 40] }));
    const big = await call('GET', `/api/v1/apps/shop/forms/order/records?filter=${filter}`, admin);
    expect(big.statusCode, big.body).toBe(200);
    expect(big.json().items.map((r: { data: { title: string } }) => r.data.title)).toEqual(['big']);
    // The raw value stays in the record's data.
    expect(big.json().items[0].data.amount).toBe('42');
    const sorted = await call('GET', '/api/v1/apps/shop/forms/order/records?sort=-amount', admin);
    expect(
      sorted
        .json()
        .items.map((r: { data: { title: string } }) => r.data.title)
        .slice(0, 2),
    ).toEqual(['big', 'small']);

    const data = await call('GET', '/api/v1/apps/shop/dashboards/overview/data', admin);
    expect(data.statusCode, data.body).toBe(200);
    const total = data.json().widgets.find((w: { key: string }) => w.key === 'total');
    expect(JSON.stringify(total)).toContain('49.5');

    // A record written after the change is a number, and counts too.
    const more = await call('POST', '/api/v1/apps/shop/forms/order/records', admin, {
      data: { title: 'new', amount: 0.5 },
    });
    expect(more.statusCode, more.body).toBe(201);
    const after = await call('GET', '/api/v1/apps/shop/dashboards/overview/data', admin);
    expect(JSON.stringify(after.json().widgets.find((w: { key: string }) => w.key === 'total'))).toContain(
      '50',
    );
  });
});
