/**
 * A customer's own customer record: the desk keys it in and links it to the customer's account
 * (the form's `ownerField`); the customer may then read it, find it in the relation picker (the
 * record list the picker searches) and submit requests that link it, but never another
 * customer's record. The product catalogue (`readRoles: ["customer"]`) is readable by every
 * customer. Staff keep seeing and linking everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
let desk: string;
let ann: { user: { id: string }; token: string };
let ben: { user: { id: string }; token: string };
let annRecord: string;
let benRecord: string;
let product: string;

interface Row {
  id: string;
  data: Record<string, unknown>;
}

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function list(token: string, form: string, filter?: unknown): Promise<Row[]> {
  const query = filter === undefined ? '' : `?filter=${encodeURIComponent(JSON.stringify(filter))}`;
  const res = await call(token, 'GET', `/api/v1/apps/after_sales/forms/${form}/records${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Row[] }>().items;
}

async function create(token: string, form: string, data: Record<string, unknown>) {
  return call(token, 'POST', `/api/v1/apps/after_sales/forms/${form}/records`, { data });
}

function repairRequest(customer: string): Record<string, unknown> {
  return {
    customer,
    product,
    purchase_date: '2026-01-10',
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: 'phone',
    description: 'The screen flickers',
  };
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  expect((await call(admin, 'POST', '/api/v1/apps', { template: 'after_sales' })).statusCode).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  ann = await t.userWithRoles('ann', ['customer']);
  ben = await t.userWithRoles('ben', ['customer']);
  const keyIn = async (name: string, account: string, tier: string) => {
    const res = await create(desk, 'customers', { name, phone: '+86 138-0000-0001', tier, account });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ record: Row }>().record.id;
  };
  annRecord = await keyIn('Ann Archer', ann.user.id, 'vip');
  benRecord = await keyIn('Ben Baker', ben.user.id, 'regular');
  product = (await list(desk, 'products'))[0]!.id;
});

afterAll(async () => {
  await t.close();
});

describe('a customer and the customer records', () => {
  it('lists only the record linked to their account, not the sample customers or another customer', async () => {
    expect((await list(ann.token, 'customers')).map((r) => r.id)).toEqual([annRecord]);
    expect((await list(ben.token, 'customers')).map((r) => r.id)).toEqual([benRecord]);
  });

  it('finds their own record with the picker’s name search, and nobody else’s', async () => {
    const prefix = (text: string) => ({
      and: [{ '>=': [{ var: 'name' }, text] }, { '<': [{ var: 'name' }, `${text}\uffff`] }],
    });
    expect((await list(ann.token, 'customers', prefix('Ann'))).map((r) => r.id)).toEqual([annRecord]);
    expect(await list(ann.token, 'customers', prefix('Ben'))).toEqual([]);
    // A filter naming the owner field cannot widen the scope either.
    expect(await list(ann.token, 'customers', { '==': [{ var: 'account' }, ben.user.id] })).toEqual([]);
  });

  it('opens their own record, while another customer’s answers 404', async () => {
    const own = await call(ann.token, 'GET', `/api/v1/records/${annRecord}`);
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json<{ record: Row }>().record.data).toMatchObject({ name: 'Ann Archer' });
    // Their tier is the staff's business (it orders the inbox), not shown to them.
    expect(own.json<{ record: Row }>().record.data).not.toHaveProperty('tier');
    expect((await call(ann.token, 'GET', `/api/v1/records/${benRecord}`)).statusCode).toBe(404);
  });

  it('reads the whole product catalogue, which the form opens to the customer role', async () => {
    const products = await list(ann.token, 'products');
    expect(products.length).toBe((await list(desk, 'products')).length);
    expect(products.length).toBeGreaterThan(0);
  });

  it('submits a repair request that links their own record; its formula reads that record', async () => {
    const res = await create(ann.token, 'repair_request', repairRequest(annRecord));
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json<{ record: Row }>().record.id;
    // The tier is the staff's business: the formula ran, and only the desk reads its result.
    expect(res.json<{ record: Row }>().record.data).toMatchObject({ customer: annRecord });
    expect(res.json<{ record: Row }>().record.data).not.toHaveProperty('customer_tier');
    const asDesk = await t.app.inject({ method: 'GET', url: `/api/v1/records/${id}`, headers: bearer(desk) });
    expect(asDesk.json<{ record: Row }>().record.data).toMatchObject({
      customer: annRecord,
      customer_tier: 'vip',
    });
  });

  it('may not link another customer’s record: 422 naming the field, nothing stored', async () => {
    const before = (await list(desk, 'repair_request')).length;
    const res = await create(ann.token, 'repair_request', repairRequest(benRecord));
    expect(res.statusCode, res.body).toBe(422);
    const body = res.json<{ detail: string; errors: { path: string; code: string; message: string }[] }>();
    const refusal = 'You may not choose this record: choose your own or one the list offers';
    expect(body.errors).toEqual([
      { path: '/customer', code: 'field.relation_not_allowed', message: refusal },
    ]);
    expect(body.detail).toBe(`Customer: ${refusal}`);
    expect((await list(desk, 'repair_request')).length).toBe(before);
  });

  it('gets the same answer for an id that does not exist, so ids of others do not leak', async () => {
    const res = await create(
      ann.token,
      'repair_request',
      repairRequest('00000000-0000-4000-8000-000000000000'),
    );
    expect(res.statusCode).toBe(422);
    expect(res.json<{ errors: { code: string }[] }>().errors.map((e) => e.code)).toEqual([
      'field.relation_not_allowed',
    ]);
  });

  it('may link their own repair request in a complaint, never another customer’s', async () => {
    const bens = await create(ben.token, 'repair_request', repairRequest(benRecord));
    expect(bens.statusCode, bens.body).toBe(201);
    const complaint = {
      customer: annRecord,
      repair_request: bens.json<{ record: Row }>().record.id,
      category: 'delay',
      severity: 'low',
      description: 'Too slow',
    };
    const res = await create(ann.token, 'complaint', complaint);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/repair_request']);
    const anns = (await list(ann.token, 'repair_request'))[0]!.id;
    expect((await create(ann.token, 'complaint', { ...complaint, repair_request: anns })).statusCode).toBe(
      201,
    );
  });
});

describe('the service desk', () => {
  it('still sees every customer record, the samples included', async () => {
    const ids = (await list(desk, 'customers')).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining([annRecord, benRecord]));
    expect(ids.length).toBeGreaterThan(2);
  });

  it('links any customer’s record when filing a request for them', async () => {
    const res = await create(desk, 'repair_request', repairRequest(benRecord));
    expect(res.statusCode, res.body).toBe(201);
  });
});
