/**
 * Bulk import (`POST /api/v1/apps/:app/forms/:form/records/import {records: [data, …]}`): the
 * app's staff bring in many records at once. Every row is validated exactly as a single creation
 * would be; one bad row stores nothing and the answer names each problem by row and field.
 * Imported records start no flow.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const PASSWORD = 'demo-password-1';
const BASE = '/api/v1/apps/after_sales/forms';
let server: RunningServer;
let dir: string;
const tokens = new Map<string, string>();

interface Rec {
  id: string;
  data: Record<string, unknown>;
}

/** The parts of the answers these tests read (lists, record views, import results, problems). */
interface Answer {
  items: (Rec & { recordId: string })[];
  nextCursor?: string;
  imported: number;
  ids: string[];
  record: Rec;
  instance?: unknown;
  detail: string;
  errors: { path: string }[];
}

async function call(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
): Promise<{ status: number; body: Answer }> {
  let token = tokens.get(username);
  if (!token) {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(login.statusCode).toBe(200);
    token = (login.json() as { token: string }).token;
    tokens.set(username, token);
  }
  const res = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json() : {}) as Answer };
}

async function count(form: string): Promise<number> {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await call(
      'admin',
      'GET',
      `${BASE}/${form}/records?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    n += page.body.items.length;
    cursor = page.body.nextCursor;
  } while (cursor);
  return n;
}

const customer = (i: number) => ({
  name: `  导入客户 ${i} `,
  phone: `+86 138-0000-${String(i).padStart(4, '0')}`,
  tier: i % 2 ? 'vip' : 'regular',
  preferred_channel: 'sms',
});

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowcase-import-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  server = await startServer(
    { ...readConfig({}), dataDir: dir, adminPassword: PASSWORD, demo: true, logLevel: 'silent' },
    { listen: false, jobs: false },
  );
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function csv(username: string, form: string, text: string): Promise<{ status: number; body: Answer }> {
  await call(username, 'GET', '/api/v1/auth/me');
  const res = await server.app.inject({
    method: 'POST',
    url: `${BASE}/${form}/records/import`,
    headers: { authorization: `Bearer ${tokens.get(username)!}`, 'content-type': 'text/csv; charset=utf-8' },
    payload: text,
  });
  return { status: res.statusCode, body: res.json() as Answer };
}

describe('importing a CSV file', () => {
  it('reads columns named by label in Chinese and options by label', async () => {
    const res = await csv(
      'desk',
      'customers',
      '姓名,电话,客户等级,首选联系方式\r\n张三,+86 139-0000-0001,VIP 客户,短信\r\n"李四, 王五",+86 139-0000-0002,Regular,email\r\n',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [a, b] = await Promise.all(res.body.ids.map((id) => call('desk', 'GET', `/api/v1/records/${id}`)));
    expect(a!.body.record.data).toMatchObject({ name: '张三', tier: 'vip', preferred_channel: 'sms' });
    expect(b!.body.record.data).toMatchObject({
      name: '李四, 王五',
      tier: 'regular',
      preferred_channel: 'email',
    });
  });

  it("imports a form's own CSV export again", async () => {
    const before = (await call('admin', 'GET', `${BASE}/products/records?limit=500`)).body.items;
    const exported = await server.app.inject({
      method: 'GET',
      url: `${BASE}/products/export?format=csv`,
      headers: { authorization: `Bearer ${tokens.get('admin')!}` },
    });
    expect(exported.statusCode).toBe(200);
    const res = await csv('admin', 'products', exported.body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.imported).toBe(before.length);
    const copies = await Promise.all(
      res.body.ids.map(async (id) => (await call('admin', 'GET', `/api/v1/records/${id}`)).body.record.data),
    );
    const key = (d: Record<string, unknown>) =>
      JSON.stringify([d.name, d.category, d.model, d.price, d.warranty_months]);
    expect(copies.map(key).sort()).toEqual(before.map((p) => key(p.data)).sort());
  });

  it('refuses columns that name no field, and cells the form refuses, naming column or row', async () => {
    const before = await count('customers');
    const unknown = await csv('desk', 'customers', 'name,phone,tier,nickname\nA,+86 139-0000-0003,vip,Ace\n');
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors.map((e) => e.path)).toEqual(['/columns/3']);
    const bad = await csv(
      'desk',
      'customers',
      'name,phone,tier\nA,+86 139-0000-0003,vip\nB,+86 139-0000-0004,gold\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e) => e.path)).toEqual(['/records/1/tier']);
    expect(await count('customers')).toBe(before);
  });

  it('takes linked records by their display name and users by username or display name, as the export writes them', async () => {
    const [customer] = (await call('admin', 'GET', `${BASE}/customers/records?limit=500`)).body.items.filter(
      (c) => c.data.name === '张三',
    );
    const res = await csv(
      'supervisor',
      'complaint',
      'customer,category,severity,description\n张三,delay,high,Waited two weeks\n',
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(
      (await call('supervisor', 'GET', `/api/v1/records/${res.body.ids[0]!}`)).body.record.data.customer,
    ).toBe(customer!.id);
    const tech = (await call('admin', 'GET', '/api/v1/users')).body as unknown as
      { id: string; username: string }[] | { items: { id: string; username: string }[] };
    const techId = (Array.isArray(tech) ? tech : tech.items).find((u) => u.username === 'tech')!.id;
    const staff = await csv('supervisor', 'service_staff', 'name,account,role\nTech One,tech,technician\n');
    expect(staff.status, JSON.stringify(staff.body)).toBe(201);
    expect(
      (await call('supervisor', 'GET', `/api/v1/records/${staff.body.ids[0]!}`)).body.record.data.account,
    ).toBe(techId);
  });

  it('refuses a name two records share, and one no record has, naming the cells', async () => {
    await call('desk', 'POST', `${BASE}/customers/records/import`, {
      records: [customer(3000), customer(3000)].map((c) => ({ ...c, name: 'Twin' })),
    });
    const twin = await csv(
      'supervisor',
      'complaint',
      'customer,category,severity,description\nTwin,delay,high,x\nTwin,billing,low,y\n',
    );
    expect(twin.status).toBe(422);
    expect(twin.body.errors.map((e) => e.path)).toEqual(['/records/0/customer', '/records/1/customer']);
    const nobody = await csv(
      'supervisor',
      'complaint',
      'customer,category,severity,description\nNobody Atall,delay,high,x\n',
    );
    expect(nobody.status).toBe(422);
    expect(nobody.body.errors.map((e) => e.path)).toEqual(['/records/0/customer']);
  });

  it('refuses a file CSV cannot read, naming the row and column, and stores nothing', async () => {
    const before = await count('customers');
    const res = await csv(
      'desk',
      'customers',
      'name,phone,tier\nA,+86 139-0000-0005,vip\nB,"+86 139-0000-0006,vip\nC,+86 139-0000-0007,vip\n',
    );
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        path: '/records/1',
        code: 'csv.unclosed_quote',
        message: expect.stringMatching(/^第 2 行第 2 列（phone）：引号内的单元格没有结束引号/) as unknown,
      },
    ]);
    expect(await count('customers')).toBe(before);
  });

  it('needs a header row and at least one record', async () => {
    expect((await csv('desk', 'customers', 'name,phone,tier\n')).status).toBe(422);
  });
});

describe('importing records', () => {
  it('stores every row as a creation would, in order, and answers with their ids', async () => {
    const before = await count('customers');
    const res = await call('desk', 'POST', `${BASE}/customers/records/import`, {
      records: Array.from({ length: 120 }, (_, i) => customer(i)),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.imported).toBe(120);
    expect(res.body.ids).toHaveLength(120);
    expect(await count('customers')).toBe(before + 120);
    const first = await call('desk', 'GET', `/api/v1/records/${res.body.ids[0]}`);
    // Normalized like a creation: text trimmed; a record of a form without a flow has no instance.
    expect(first.body.record.data).toMatchObject({
      name: '导入客户 0',
      tier: 'regular',
      preferred_channel: 'sms',
    });
    expect(first.body.instance).toBeUndefined();
  });

  it('fills autonumbers and formulas, and starts no flow for a form that has one', async () => {
    const customers = (await call('admin', 'GET', `${BASE}/customers/records?limit=1`)).body.items;
    const products = (await call('admin', 'GET', `${BASE}/products/records?limit=50`)).body.items;
    const product = products.find((p) => Number(p.data.warranty_months) >= 1)!;
    const row = (serial: string) => ({
      customer: customers[0]!.id,
      product: product.id,
      serial_number: serial,
      purchase_date: '2020-01-15',
      intake_channel: 'hotline',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'Imported from the old system',
    });
    const res = await call('supervisor', 'POST', `${BASE}/repair_request/records/import`, {
      records: [row('OLD-1'), row('OLD-2')],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const [a, b] = await Promise.all(
      res.body.ids.map((id) => call('supervisor', 'GET', `/api/v1/records/${id}`)),
    );
    expect(a!.body.record.data.rma_no).toMatch(/^RMA-\d{8}-\d{4}$/);
    expect(b!.body.record.data.rma_no).not.toBe(a!.body.record.data.rma_no);
    expect(a!.body.record.data.in_warranty).toBe(false); // a formula over the product's warranty
    expect(a!.body.record.data.customer_tier).toBe(customers[0]!.data.tier); // a formula over the linked customer
    expect(a!.body.instance).toBeUndefined();
    const inbox = await call('desk', 'GET', '/api/v1/tasks?status=open');
    expect(inbox.body.items.some((t) => res.body.ids.includes(t.recordId))).toBe(false);
  });

  it('stores nothing when one row is wrong, and names each problem by row and field', async () => {
    const before = await count('customers');
    const rows = [
      customer(1000),
      { ...customer(1001), tier: 'platinum' },
      customer(1002),
      { name: 'No phone', tier: 'vip', nickname: 'x' },
    ];
    const res = await call('desk', 'POST', `${BASE}/customers/records/import`, { records: rows });
    expect(res.status).toBe(422);
    // The demo desk clerk's account is in Chinese: so is the answer.
    expect(res.body.detail).toBe('4 条记录中有 2 条有误，未导入任何记录。');
    const paths = res.body.errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/records/1/tier', '/records/3/phone', '/records/3/nickname']),
    );
    expect(paths.every((p) => /^\/records\/[13]\//.test(p))).toBe(true);
    expect(await count('customers')).toBe(before);
  });

  it('gives the autonumbers of a failed import back', async () => {
    const customers = (await call('admin', 'GET', `${BASE}/customers/records?limit=1`)).body.items;
    const products = (await call('admin', 'GET', `${BASE}/products/records?limit=1`)).body.items;
    const row = {
      customer: customers[0]!.id,
      product: products[0]!.id,
      purchase_date: '2020-01-15',
      intake_channel: 'hotline',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'x',
    };
    const first = await call('admin', 'POST', `${BASE}/repair_request/records/import`, { records: [row] });
    const failed = await call('admin', 'POST', `${BASE}/repair_request/records/import`, {
      records: [row, { ...row, customer: 'no-such-record' }],
    });
    expect(failed.status).toBe(422);
    expect(failed.body.errors.map((e) => e.path)).toContain('/records/1/customer');
    const next = await call('admin', 'POST', `${BASE}/repair_request/records/import`, { records: [row] });
    const seq = async (id: string) =>
      Number(String((await call('admin', 'GET', `/api/v1/records/${id}`)).body.record.data.rma_no).slice(-4));
    expect((await seq(next.body.ids[0]!)) - (await seq(first.body.ids[0]!))).toBe(1);
  });

  it('names users that do not exist', async () => {
    const res = await call('admin', 'POST', `${BASE}/customers/records/import`, {
      records: [{ ...customer(2000), account: 'no-such-user' }],
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]?.path).toBe('/records/0/account');
  });

  it('is for the staff who may create records of the form', async () => {
    expect(
      (await call('customer', 'POST', `${BASE}/repair_request/records/import`, { records: [{}] })).status,
    ).toBe(403);
    expect(
      (
        await call('tech', 'POST', `${BASE}/products/records/import`, {
          records: [{ name: 'x', category: 'phone', warranty_months: 12 }],
        })
      ).status,
    ).toBe(403);
    const anonymous = await server.app.inject({
      method: 'POST',
      url: `${BASE}/customers/records/import`,
      payload: { records: [customer(1)] },
    });
    expect(anonymous.statusCode).toBe(401);
    // Refused before the file is read: resolving its names would read other records.
    expect(
      (await csv('customer', 'complaint', 'customer,category,severity,description\nTwin,delay,high,x\n'))
        .status,
    ).toBe(403);
    expect((await csv('tech', 'products', 'name,category,warranty_months\nx,phone,12\n')).status).toBe(403);
  });

  it('refuses an empty list, too many rows, rows that are not objects and unknown forms', async () => {
    expect((await call('admin', 'POST', `${BASE}/customers/records/import`, { records: [] })).status).toBe(
      400,
    );
    expect(
      (
        await call('admin', 'POST', `${BASE}/customers/records/import`, {
          records: Array.from({ length: 5001 }, () => ({})),
        })
      ).status,
    ).toBe(400);
    expect(
      (await call('admin', 'POST', `${BASE}/customers/records/import`, { records: ['a row'] })).status,
    ).toBe(400);
    expect(
      (await call('admin', 'POST', `${BASE}/no_such_form/records/import`, { records: [{}] })).status,
    ).toBe(404);
  });
});
