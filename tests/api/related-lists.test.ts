/**
 * Related lists (关联查询): a repair request lists the knowledge base's known faults of its fault
 * category for the technician, through `GET /api/v1/records/:id/related/:key`, with the viewer's
 * own access to both the request and the knowledge base.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
let desk: string;
let tech: string;
let customer: { token: string; id: string };
let stranger: string;
const sample = JSON.parse(
  readFileSync(new URL('../../templates/after-sales.json', import.meta.url), 'utf8'),
) as {
  sampleData: { known_faults: { product_category: string; symptom: string; cause: string; fix: string }[] };
};

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function firstId(form: string): Promise<string> {
  const res = await call(admin, 'GET', `/api/v1/apps/after_sales/forms/${form}/records?limit=1`);
  return res.json<{ items: { id: string }[] }>().items[0]!.id;
}

async function request(token: string, fault: string, customerId: string): Promise<string> {
  const res = await call(token, 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
    data: {
      customer: customerId,
      product: await firstId('products'),
      purchase_date: '2020-01-15',
      intake_channel: 'hotline',
      service_type: 'carry_in',
      fault_category: fault,
      description: 'Does not start',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ record: { id: string } }>().record.id;
}

interface Related {
  key: string;
  form: string;
  fields: string[];
  items: { id: string; data: Record<string, unknown> }[];
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  expect((await call(admin, 'POST', '/api/v1/apps', { template: 'after_sales' })).statusCode).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  tech = (await t.userWithRoles('tech', ['technician'])).token;
  const c = await t.userWithRoles('cust', ['customer']);
  customer = { token: c.token, id: c.user.id };
  stranger = (await t.userWithRoles('other_customer', ['customer'])).token;
});

afterAll(async () => {
  await t?.close();
});

describe('GET /api/v1/records/:id/related/:key', () => {
  it("lists the known faults of the request's fault category, with the fields the list shows", async () => {
    const id = await request(desk, 'laptop', await firstId('customers'));
    const res = await call(tech, 'GET', `/api/v1/records/${id}/related/matching_faults`);
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json<Related>();
    expect(list).toMatchObject({
      key: 'matching_faults',
      form: 'known_faults',
      fields: ['symptom', 'cause', 'fix'],
    });
    const expected = sample.sampleData.known_faults.filter((f) => f.product_category === 'laptop');
    expect(expected.length).toBeGreaterThan(0);
    expect(list.items.map((i) => i.data.symptom).sort()).toEqual(expected.map((f) => f.symptom).sort());
    for (const item of list.items) expect(Object.keys(item.data).sort()).toEqual(['cause', 'fix', 'symptom']);
  });

  it('follows the record: another category lists other faults, and a new known fault shows up', async () => {
    const id = await request(desk, 'washing_machine', await firstId('customers'));
    const before = (await call(tech, 'GET', `/api/v1/records/${id}/related/matching_faults`)).json<Related>()
      .items;
    expect(before.length).toBe(
      sample.sampleData.known_faults.filter((f) => f.product_category === 'washing_machine').length,
    );
    const added = await call(tech, 'POST', '/api/v1/apps/after_sales/forms/known_faults/records', {
      data: {
        product_category: 'washing_machine',
        symptom: 'Drum squeaks at spin',
        cause: 'Worn bearing',
        fix: 'Replace the drum bearing',
      },
    });
    expect(added.statusCode, added.body).toBe(201);
    const after = (await call(tech, 'GET', `/api/v1/records/${id}/related/matching_faults`)).json<Related>()
      .items;
    expect(after.length).toBe(before.length + 1);
    expect(after[0]!.data.symptom).toBe('Drum squeaks at spin');
  });

  it("runs with the viewer's access: a customer sees their request but not the internal knowledge base", async () => {
    // The desk keys in the caller's customer record, linked to their portal account.
    const linked = await call(desk, 'POST', '/api/v1/apps/after_sales/forms/customers/records', {
      data: { name: '李小红', phone: '+86 139-0000-0001', tier: 'regular', account: customer.id },
    });
    expect(linked.statusCode, linked.body).toBe(201);
    const id = await request(customer.token, 'phone', linked.json<{ record: { id: string } }>().record.id);
    const own = await call(customer.token, 'GET', `/api/v1/records/${id}/related/matching_faults`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<Related>().items).toEqual([]);
    // Staff on the same request see the phone faults.
    expect(
      (await call(tech, 'GET', `/api/v1/records/${id}/related/matching_faults`)).json<Related>().items.length,
    ).toBe(sample.sampleData.known_faults.filter((f) => f.product_category === 'phone').length);
    // Someone who may not see the request learns nothing, not even that it exists.
    expect((await call(stranger, 'GET', `/api/v1/records/${id}/related/matching_faults`)).statusCode).toBe(
      404,
    );
  });

  it('answers 404 for a list the form does not declare, and 401 without a token', async () => {
    const id = await request(desk, 'phone', await firstId('customers'));
    const unknown = await call(tech, 'GET', `/api/v1/records/${id}/related/nothing_here`);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ errors: [{ path: '/key' }] });
    expect(
      (await t.app.inject({ method: 'GET', url: `/api/v1/records/${id}/related/matching_faults` }))
        .statusCode,
    ).toBe(401);
  });
});
