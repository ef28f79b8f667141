/**
 * List views (列表视图): a form's views give each role the columns, default filter and sort of its
 * record list; the app definition carries only the views the reader's roles allow, the list and
 * the export honour `view=<key>`, a view for other roles is refused, and a column the reader may
 * not read is never sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';
import { parseCsv } from './csv-reader.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'desk_views',
  name: 'Tickets',
  version: 1,
  roles: [
    { key: 'technician', name: 'Technician' },
    { key: 'service_desk', name: 'Service desk' },
    { key: 'customer', name: 'Customer', customer: true },
  ],
  forms: [
    {
      key: 'tickets',
      name: { en: 'Tickets', zh: '工单' },
      fields: [
        { key: 'subject', type: 'text', label: { en: 'Subject', zh: '主题' } },
        {
          key: 'priority',
          type: 'select',
          label: { en: 'Priority', zh: '优先级' },
          options: [
            { value: 'high', label: { en: 'High', zh: '高' } },
            { value: 'low', label: { en: 'Low', zh: '低' } },
          ],
        },
        { key: 'cost', type: 'number', label: { en: 'Cost', zh: '费用' } },
        { key: 'internal_note', type: 'text', label: { en: 'Internal note', zh: '内部备注' } },
      ],
      access: [
        { roles: ['customer'], create: ['subject'] },
        { create: ['subject', 'priority', 'cost', 'internal_note'] },
      ],
      views: [
        {
          key: 'tech_queue',
          name: { en: 'My queue', zh: '我的队列' },
          roles: ['technician'],
          columns: ['priority', 'cost', 'createdAt'],
          filter: { '==': [{ var: 'priority' }, 'high'] },
          sort: { field: 'cost', dir: 'desc' },
        },
        {
          key: 'desk_all',
          name: { en: 'All tickets', zh: '全部工单' },
          roles: ['service_desk'],
          columns: ['subject', 'internal_note', 'priority'],
          sort: { field: 'subject', dir: 'asc' },
        },
        {
          key: 'customer_mine',
          name: { en: 'Mine', zh: '我的' },
          roles: ['customer'],
          columns: ['subject', 'internal_note'],
        },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

interface Listed {
  items: { id: string; data: Record<string, unknown> }[];
}

let t: Built;
let admin: string;
let tech: string;
let desk: string;
let customer: string;

const list = (token: string, params: string) =>
  t.app.inject({
    method: 'GET',
    url: `/api/v1/apps/desk_views/forms/tickets/records${params}`,
    headers: bearer(token),
  });

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  const installed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(admin),
    payload: { bundle: BUNDLE },
  });
  expect(installed.statusCode, installed.body).toBe(201);
  tech = (await t.userWithRoles('tech', ['technician'])).token;
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  customer = (await t.userWithRoles('cust', ['customer'])).token;
  const tickets = [
    { subject: 'Printer jam', priority: 'high', cost: 120, internal_note: 'repeat caller' },
    { subject: 'Broken screen', priority: 'high', cost: 480, internal_note: 'warranty?' },
    { subject: 'Slow laptop', priority: 'low', cost: 60, internal_note: '' },
    { subject: 'Dead battery', priority: 'high', cost: 90, internal_note: 'ordered' },
  ];
  for (const data of tickets) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apps/desk_views/forms/tickets/records',
      headers: bearer(desk),
      payload: { data },
    });
    expect(res.statusCode, res.body).toBe(201);
  }
  const mine = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps/desk_views/forms/tickets/records',
    headers: bearer(customer),
    payload: { data: { subject: 'My phone' } },
  });
  expect(mine.statusCode, mine.body).toBe(201);
});

afterAll(async () => {
  await t?.close();
});

describe('list views', () => {
  it('the app definition carries only the views the reader may use, the first being their default', async () => {
    const viewsOf = async (token: string) => {
      const res = await t.app.inject({
        method: 'GET',
        url: '/api/v1/apps/desk_views',
        headers: bearer(token),
      });
      expect(res.statusCode, res.body).toBe(200);
      const form = res.json<{ forms: { key: string; views?: { key: string }[] }[] }>().forms[0]!;
      return (form.views ?? []).map((v) => v.key);
    };
    expect(await viewsOf(tech)).toEqual(['tech_queue']);
    expect(await viewsOf(desk)).toEqual(['desk_all']);
    expect(await viewsOf(customer)).toEqual(['customer_mine']);
    expect(await viewsOf(admin)).toEqual(['tech_queue', 'desk_all', 'customer_mine']);
  });

  it("a technician's view lists the high-priority tickets, dearest first", async () => {
    const res = await list(tech, '?view=tech_queue');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Listed>().items.map((r) => r.data.subject)).toEqual([
      'Broken screen',
      'Printer jam',
      'Dead battery',
    ]);
  });

  it("the reader's own filter narrows the view and their own sort replaces its sort", async () => {
    const filter = encodeURIComponent(JSON.stringify({ '<': [{ var: 'cost' }, 200] }));
    const res = await list(tech, `?view=tech_queue&filter=${filter}&sort=cost`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Listed>().items.map((r) => r.data.subject)).toEqual(['Dead battery', 'Printer jam']);
  });

  it("the service desk's view lists every ticket by subject", async () => {
    const res = await list(desk, '?view=desk_all');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Listed>().items.map((r) => r.data.subject)).toEqual([
      'Broken screen',
      'Dead battery',
      'My phone',
      'Printer jam',
      'Slow laptop',
    ]);
  });

  it('a view for other roles is refused, and an unknown one is not found', async () => {
    const forbidden = await list(tech, '?view=desk_all');
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json()).toMatchObject({ code: 'FC_FORBIDDEN', errors: [{ path: '/view' }] });
    const exported = await t.app.inject({
      method: 'GET',
      url: '/api/v1/apps/desk_views/forms/tickets/export?view=desk_all',
      headers: bearer(tech),
    });
    expect(exported.statusCode).toBe(403);
    const unknown = await list(desk, '?view=nope');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'FC_NOT_FOUND', errors: [{ path: '/view' }] });
  });

  it("a customer's view never sends a column they may not read", async () => {
    const res = await list(customer, '?view=customer_mine');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json<Listed>().items;
    expect(items.map((r) => r.data.subject)).toEqual(['My phone']);
    expect(items[0]!.data).not.toHaveProperty('internal_note');
    expect(res.body).not.toContain('internal_note');
  });

  it("an export under a view has the view's columns in its order, filtered and sorted as the view", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/apps/desk_views/forms/tickets/export?view=tech_queue&lang=en',
      headers: bearer(tech),
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.body.replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['ID', 'Priority', 'Cost', 'Created']);
    expect(rows.slice(1).map((r) => r[2])).toEqual(['480', '120', '90']);
    expect(rows.slice(1).map((r) => r[1])).toEqual(['High', 'High', 'High']);
  });

  it('an export under a view formats the same bytes on worker threads as on the request thread', async () => {
    const config = t.services.config;
    const url = '/api/v1/apps/desk_views/forms/tickets/export?view=desk_all&lang=en';
    config.exportThreadsFrom = 1_000_000;
    const single = await t.app.inject({ method: 'GET', url, headers: bearer(desk) });
    config.exportThreadsFrom = 0;
    const threaded = await t.app.inject({ method: 'GET', url, headers: bearer(desk) });
    delete config.exportThreadsFrom;
    expect(threaded.statusCode, threaded.body).toBe(200);
    expect(threaded.rawPayload.equals(single.rawPayload)).toBe(true);
    expect(parseCsv(threaded.body.replace(/^\ufeff/, ''))[0]).toEqual([
      'ID',
      'Subject',
      'Internal note',
      'Priority',
    ]);
  });

  it("the service desk's export keeps its view's order", async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/api/v1/apps/desk_views/forms/tickets/export?view=desk_all&lang=zh-CN',
      headers: bearer(desk),
    });
    expect(res.statusCode, res.body).toBe(200);
    const rows = parseCsv(res.body.replace(/^\ufeff/, ''));
    expect(rows[0]).toEqual(['ID', '主题', '内部备注', '优先级']);
    expect(rows.slice(1).map((r) => r[1])).toEqual([
      'Broken screen',
      'Dead battery',
      'My phone',
      'Printer jam',
      'Slow laptop',
    ]);
  });

  it('a view for customers that sorts or filters on a field they may not read cannot be published', async () => {
    const url = '/api/v1/apps/desk_views/forms/tickets';
    const saveForm = async (form: unknown) => {
      const draft = await t.app.inject({
        method: 'GET',
        url: '/api/v1/apps/desk_views/draft',
        headers: bearer(admin),
      });
      const revision = draft.statusCode === 200 ? String(draft.json<{ revision: number }>().revision) : '0';
      return t.app.inject({
        method: 'PUT',
        url,
        headers: { ...bearer(admin), 'if-match': revision },
        payload: form as object,
      });
    };
    const form = structuredClone(BUNDLE.forms[0]!);
    form.views.push({
      key: 'customer_sorted',
      name: { en: 'Mine, by note', zh: '我的（按备注）' },
      roles: ['customer'],
      columns: ['subject'],
      filter: { '==': [{ var: 'priority' }, 'high'] },
      sort: { field: 'internal_note', dir: 'asc' },
    } as (typeof form.views)[number]);
    const saved = await saveForm(form);
    expect(saved.statusCode, saved.body).toBe(200);
    const flagged = saved
      .json<{ problems: { path: string; code: string }[] }>()
      .problems.filter((p) => p.code === 'view.customer_hidden_field')
      .map((p) => p.path);
    expect(flagged).toEqual(['/forms/0/views/3/filter', '/forms/0/views/3/sort/field']);
    const publish = await t.app.inject({
      method: 'POST',
      url: '/api/v1/apps/desk_views/publish',
      headers: bearer(admin),
    });
    expect(publish.statusCode, publish.body).toBe(400);
    expect(publish.body).toContain('/forms/0/views/3/sort/field');
    // Without the view the draft is clean again.
    const restored = await saveForm(BUNDLE.forms[0]);
    expect(restored.json<{ problems: unknown[] }>().problems).toEqual([]);
  });
});
