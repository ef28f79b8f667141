/**
 * A 422 lists every problem of a submission at once, in the form's field order: the server's own
 * checks (users and files that must exist, records a customer may not link) no longer stop the
 * request before the form has checked options, required fields and formats. Nothing is stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let desk: string;
let ann: { user: { id: string }; token: string };
let annRecord: string;
let benRecord: string;
let product: string;

const NO_USER = '00000000-0000-4000-8000-00000000dead';

interface Problem {
  path: string;
  code: string;
}

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function create(token: string, data: Record<string, unknown>) {
  return call(token, 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', { data });
}

async function count(): Promise<number> {
  const res = await call(desk, 'GET', '/api/v1/apps/after_sales/forms/repair_request/records?limit=200');
  return res.json<{ items: unknown[] }>().items.length;
}

function problems(res: { json: <T>() => T }): string[] {
  return res.json<{ errors: Problem[] }>().errors.map((e) => `${e.path} ${e.code}`);
}

function request(customer: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer,
    product,
    purchase_date: '2026-01-10',
    intake_channel: 'hotline',
    service_type: 'carry_in',
    fault_category: 'phone',
    description: 'The screen flickers',
    ...extra,
  };
}

beforeAll(async () => {
  t = await build();
  const admin = await t.login('admin', 'admin-password-1');
  expect((await call(admin, 'POST', '/api/v1/apps', { template: 'after_sales' })).statusCode).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  ann = await t.userWithRoles('ann', ['customer']);
  const ben = await t.userWithRoles('ben', ['customer']);
  const keyIn = async (name: string, account: string) => {
    const res = await call(desk, 'POST', '/api/v1/apps/after_sales/forms/customers/records', {
      data: { name, phone: '+86 138-0000-0001', tier: 'regular', account },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json<{ record: { id: string } }>().record.id;
  };
  annRecord = await keyIn('Ann Archer', ann.user.id);
  benRecord = await keyIn('Ben Baker', ben.user.id);
  const products = await call(desk, 'GET', '/api/v1/apps/after_sales/forms/products/records');
  product = products.json<{ items: { id: string }[] }>().items[0]!.id;
});

afterAll(async () => {
  await t.close();
});

describe('a creation with several problems', () => {
  it('a customer linking another customer’s record hears about the bad option and the empty required field too', async () => {
    const before = await count();
    const { description: _, ...withoutDescription } = request(benRecord, { service_type: 'teleport' });
    const res = await create(ann.token, withoutDescription);
    expect(res.statusCode, res.body).toBe(422);
    // Field order: customer, service_type, description.
    expect(problems(res)).toEqual([
      '/customer field.relation_not_allowed',
      '/service_type field.option',
      '/description field.required',
    ]);
    expect(await count()).toBe(before);
  });

  it('the link refusal alone reads as before, and an id that does not exist gets the same answer', async () => {
    const other = await create(ann.token, request(benRecord));
    const missing = await create(ann.token, request('00000000-0000-4000-8000-000000000000'));
    expect(problems(other)).toEqual(['/customer field.relation_not_allowed']);
    expect(problems(missing)).toEqual(problems(other));
    expect(other.json<{ detail: string }>().detail).toBe(missing.json<{ detail: string }>().detail);
    expect(other.json<{ detail: string }>().detail).toMatch(/^Customer: /);
  });

  it('the desk naming a user that does not exist hears about the bad option too', async () => {
    const before = await count();
    const res = await create(desk, request(annRecord, { service_type: 'teleport', technician: NO_USER }));
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res)).toEqual(['/service_type field.option', '/technician field.user_not_found']);
    expect(res.json<{ detail: string }>().detail).toBe('Some fields are invalid.');
    expect(await count()).toBe(before);
  });
});

describe('a task completion with several problems', () => {
  it('lists the unknown user with the form’s problems, and leaves the task open', async () => {
    const created = await create(ann.token, request(annRecord));
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json<{ record: { id: string } }>().record.id;
    const inbox = await call(desk, 'GET', '/api/v1/tasks?status=open&limit=100');
    const task = inbox
      .json<{ items: { id: string; recordId: string; node: string }[] }>()
      .items.find((i) => i.recordId === id);
    expect(task?.node).toBe('intake');

    const res = await call(desk, 'POST', `/api/v1/tasks/${task!.id}/complete`, {
      action: 'approve',
      data: { fault_category: 'toaster', technician: NO_USER },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(problems(res)).toEqual(['/fault_category field.option', '/technician field.user_not_found']);

    const after = await call(desk, 'GET', `/api/v1/records/${id}`);
    const tasks = after.json<{ instance: { tasks: { id: string; status: string }[] } }>().instance.tasks;
    expect(tasks.find((x) => x.id === task!.id)?.status).toBe('open');
    expect(after.json<{ record: { data: Record<string, unknown> } }>().record.data).toMatchObject({
      fault_category: 'phone',
    });
  });
});
