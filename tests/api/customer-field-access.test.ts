/**
 * What a customer reads and writes of their own case, tried the way a curious customer would:
 * every read path gives them one field set, sorting or filtering cannot probe a hidden field,
 * cursors carry no values, a creation may only fill the fields the form lets customers file, the
 * timeline hides staff notes and people, and an idempotency key replays nobody else's answer.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const PASSWORD = 'demo-password-1';
let server: RunningServer;
let dir: string;
const clock = new ManualClock('2026-11-23T01:00:00.000Z');
const tokens = new Map<string, string>();

type Data = Record<string, unknown>;
interface View {
  record: { id: string; data: Data };
  instance: {
    id: string;
    tasks: {
      node: string;
      assignees: unknown[];
      data: Data;
      dueAt: string | null;
      completedBy: string | null;
    }[];
    history: { type: string; actor: string; comment?: string; changes?: { field: string }[] }[];
  };
}
interface Task {
  id: string;
  node: string;
  recordId: string;
}

async function call(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  let token = tokens.get(username);
  if (!token) {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode, res.body).toBe(200);
    token = res.json<{ token: string }>().token;
    tokens.set(username, token);
  }
  return server.app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}

async function complete(username: string, recordId: string, node: string, body: Data): Promise<View> {
  const open = (await call(username, 'GET', '/api/v1/tasks?status=open')).json<{ items: Task[] }>().items;
  const task = open.find((t) => t.recordId === recordId && t.node === node);
  expect(task, `${username} should have an open "${node}" task`).toBeDefined();
  const res = await call(username, 'POST', `/api/v1/tasks/${task!.id}/complete`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}

const list = async (username: string, form: string, query = '') =>
  call(username, 'GET', `/api/v1/apps/after_sales/forms/${form}/records${query}`);
const keysOf = (data: Data): string[] => Object.keys(data).sort();

let ids: { customer: string; product: string; tech: string; fault: string };
/** A repair request of the demo customer, worked by the staff up to the shipping step. */
let caseId: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowcase-field-access-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  server = await startServer(
    { ...readConfig({}), dataDir: dir, adminPassword: PASSWORD, demo: true, logLevel: 'silent' },
    { clock, listen: false, jobs: false },
  );
  const own = (await list('customer', 'customers')).json<{ items: { id: string }[] }>().items[0]!.id;
  const products = (await list('admin', 'products', '?limit=50')).json<{
    items: { id: string; data: { warranty_months: number } }[];
  }>().items;
  const users = (await call('admin', 'GET', '/api/v1/users')).json<
    { id: string; username: string }[] | { items: { id: string; username: string }[] }
  >();
  const app = (await call('admin', 'GET', '/api/v1/apps/after_sales')).json<{
    forms: { key: string; fields: { key: string; options?: { value: string }[] }[] }[];
  }>();
  const fault = app.forms
    .find((f) => f.key === 'repair_request')!
    .fields.find((f) => f.key === 'fault_category')!.options![0]!.value;
  ids = {
    customer: own,
    product: products.find((p) => p.data.warranty_months >= 1)!.id,
    tech: (Array.isArray(users) ? users : users.items).find((u) => u.username === 'tech')!.id,
    fault,
  };

  const created = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
    data: request(),
  });
  expect(created.statusCode, created.body).toBe(201);
  caseId = created.json<View>().record.id;
  await complete('desk', caseId, 'intake', {
    action: 'approve',
    data: { technician: ids.tech },
    comment: 'internal: customer sounded angry',
  });
  await complete('tech', caseId, 'quote', {
    action: 'submit',
    data: { quote_fee: 300, quote_days: 3 },
    comment: 'Screen replacement, 3 days',
    commentForCustomer: true,
  });
  await complete('customer', caseId, 'customer_decision', {
    action: 'approve',
    data: { payment_method: 'cash' },
  });
  await complete('cashier', caseId, 'payment', {
    action: 'submit',
    data: { payment_amount: 300, payment_method: 'cash', payment_reference: 'R-SECRET-1' },
  });
  await complete('tech', caseId, 'repair', {
    action: 'submit',
    data: {
      diagnosis: 'SECRET cable fault',
      parts: [{ part_name: 'Cable', qty: 2, unit_price: 15 }],
      labour_fee: 50,
    },
  });
  await complete('qa', caseId, 'qa', {
    action: 'approve',
    data: { qa_result: 'pass', qa_note: 'SECRET solder looked poor' },
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

function request(extra: Data = {}): Data {
  return {
    customer: ids.customer,
    product: ids.product,
    purchase_date: '2020-01-15',
    service_type: 'carry_in',
    fault_category: ids.fault,
    description: 'Screen flickers',
    ...extra,
  };
}

const STAFF_FIELDS = [
  'diagnosis',
  'qa_note',
  'qa_result',
  'payment_reference',
  'technician',
  'labour_fee',
  'parts',
  'repair_total',
];

describe('one field set per viewer on every read path', () => {
  it('the record list gives a customer exactly the fields GET /records/:id gives them, none of the staff steps', async () => {
    const one = (await call('customer', 'GET', `/api/v1/records/${caseId}`)).json<View>();
    const row = (await list('customer', 'repair_request'))
      .json<{ items: { id: string; data: Data }[] }>()
      .items.find((r) => r.id === caseId)!;
    expect(keysOf(row.data)).toEqual(keysOf(one.record.data));
    for (const field of STAFF_FIELDS) expect(row.data, field).not.toHaveProperty(field);
    // What the customer filed, their own quote decision and the case number are theirs to read.
    expect(row.data).toMatchObject({
      description: 'Screen flickers',
      quote_fee: 300,
      payment_method: 'cash',
    });
    expect(row.data.rma_no).toMatch(/^RMA-/);
  });

  it('staff read every field of the same case', async () => {
    const row = (await list('supervisor', 'repair_request'))
      .json<{ items: { id: string; data: Data }[] }>()
      .items.find((r) => r.id === caseId)!;
    expect(row.data).toMatchObject({
      diagnosis: 'SECRET cable fault',
      qa_note: 'SECRET solder looked poor',
      payment_reference: 'R-SECRET-1',
    });
  });

  it('a complaint shows the customer the remedy offered to them, never the supervisor’s approval note', async () => {
    const filed = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/complaint/records', {
      data: { customer: ids.customer, category: 'delay', severity: 'high', description: 'Too slow' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const id = filed.json<View>().record.id;
    await complete('desk', id, 'intake', {
      action: 'approve',
      data: { category: 'delay', severity: 'high' },
    });
    await complete('supervisor', id, 'handle', {
      action: 'submit',
      data: { remedy: 'Free cleaning', compensation: 100 },
    });
    await complete('supervisor', id, 'approve_remedy', {
      action: 'approve',
      data: { approval_note: 'SECRET over budget' },
    });
    const one = (await call('customer', 'GET', `/api/v1/records/${id}`)).json<View>();
    const row = (await list('customer', 'complaint'))
      .json<{ items: { id: string; data: Data }[] }>()
      .items.find((r) => r.id === id)!;
    expect(keysOf(row.data)).toEqual(keysOf(one.record.data));
    expect(row.data).not.toHaveProperty('approval_note');
    expect(JSON.stringify(one)).not.toContain('SECRET');
  });
  it('a notice tells the customer nothing their record hides: the reason it sends is on the record too', async () => {
    const filed = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: request({ description: 'Not ours' }),
    });
    const id = filed.json<View>().record.id;
    await complete('desk', id, 'intake', { action: 'reject', comment: 'Third-party device' });
    await server.jobs.outbox.runOnce();
    const notes = (await call('customer', 'GET', '/api/v1/notifications')).json<
      { items?: { body: string }[] } | { body: string }[]
    >();
    const bodies = (Array.isArray(notes) ? notes : (notes.items ?? [])).map((n) => n.body);
    expect(bodies.some((b) => b.includes('Third-party device'))).toBe(true);
    const one = (await call('customer', 'GET', `/api/v1/records/${id}`)).json<View>();
    expect(one.record.data.reject_reason).toBe('Third-party device');
  });
});

describe('sorting, filtering and paging cannot probe a hidden field', () => {
  it('sorting by a hidden field is a 422 naming it', async () => {
    const res = await list('customer', 'repair_request', '?sort=-qa_note');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.body).toContain('qa_note');
  });

  it('filtering on a hidden field is a 422 naming it, whatever the value', async () => {
    const filter = encodeURIComponent(JSON.stringify({ '==': [{ var: 'diagnosis' }, 'SECRET cable fault'] }));
    const res = await list('customer', 'repair_request', `?filter=${filter}`);
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string; message: string }[] }>().errors[0]).toMatchObject({
      path: '/filter',
    });
    expect(res.body).toContain('diagnosis');
  });

  it('a cursor carries no field value, only where to continue', async () => {
    await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: request({ description: 'second' }),
    });
    const page = (await list('supervisor', 'repair_request', '?sort=-qa_note&limit=1')).json<{
      nextCursor?: string;
    }>();
    expect(page.nextCursor).toBeDefined();
    const decoded = Buffer.from(page.nextCursor!, 'base64url').toString('utf8');
    expect(decoded).not.toContain('SECRET');
    expect(JSON.parse(decoded)).toHaveLength(1);
    const next = await list(
      'supervisor',
      'repair_request',
      `?sort=-qa_note&limit=1&cursor=${page.nextCursor}`,
    );
    expect(next.statusCode, next.body).toBe(200);
  });
});

describe('a creation fills only the fields the form lets its creator file', () => {
  it.each([
    ['technician', () => ids.tech],
    ['quote_fee', () => 0],
    ['payment_amount', () => 1],
    ['payment_reference', () => 'FAKE'],
    ['qa_result', () => 'pass'],
    ['rating', () => 5],
  ])('a customer writing %s gets a 422 naming it, and nothing is stored', async (field, value) => {
    const before = (await list('supervisor', 'repair_request', '?limit=100')).json<{ items: unknown[] }>()
      .items.length;
    const res = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: request({ [field]: value() }),
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
      expect.objectContaining({ path: `/${field}`, code: 'field.not_at_creation' }),
    ]);
    expect(
      (await list('supervisor', 'repair_request', '?limit=100')).json<{ items: unknown[] }>().items.length,
    ).toBe(before);
  });

  it('the desk filing a hotline case may preset the technician (its own creation set)', async () => {
    const res = await call('desk', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: request({ intake_channel: 'hotline', technician: ids.tech }),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json<View>().record.data.technician).toBe(ids.tech);
  });

  it('a formula or autonumber field named at creation is a 422 like a read-only one', async () => {
    for (const [field, value] of [
      ['rma_no', 'RMA-FAKE'],
      ['in_warranty', true],
    ] as const) {
      const res = await call('desk', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
        data: request({ [field]: value }),
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
        expect.objectContaining({ path: `/${field}`, code: 'field.computed' }),
      ]);
    }
  });

  it('the app tells the web app each form’s creation sets (the new-record page shows only those)', async () => {
    const app = (await call('customer', 'GET', '/api/v1/apps/after_sales')).json<{
      forms: { key: string; access?: { roles?: string[]; create: string[] }[] }[];
    }>();
    const access = app.forms.find((f) => f.key === 'repair_request')!.access!;
    const mine = access.find((e) => e.roles?.includes('customer'))!.create;
    expect(mine).toContain('description');
    expect(mine).not.toContain('reject_reason');
    expect(mine).not.toContain('technician');
  });
});

describe('the customer’s timeline and tasks', () => {
  it('shows their own steps and the case’s changes they may read; staff notes, people and values stay with the staff', async () => {
    const view = (await call('customer', 'GET', `/api/v1/records/${caseId}`)).json<View>();
    const text = JSON.stringify(view.instance);
    expect(text).not.toContain('internal: customer sounded angry');
    expect(text).not.toContain(ids.tech);
    expect(text).not.toContain('SECRET');
    // A comment the technician wrote for the customer reaches them.
    expect(view.instance.history.some((h) => h.comment === 'Screen replacement, 3 days')).toBe(true);
    expect(view.instance.history[0]!.type).toBe('instance.started');
    for (const h of view.instance.history)
      expect(['staff', 'system', view.record.data.customer === undefined ? '' : h.actor]).toContain(h.actor);
    for (const t of view.instance.tasks.filter((t) => t.node !== 'customer_decision')) {
      expect(t.assignees).toEqual([]);
      expect(t.data).toEqual({});
      expect(t.dueAt).toBeNull();
    }
  });

  it('staff see every entry with its comment and actor', async () => {
    const view = (await call('supervisor', 'GET', `/api/v1/records/${caseId}`)).json<View>();
    expect(view.instance.history.some((h) => h.comment === 'internal: customer sounded angry')).toBe(true);
    expect(JSON.stringify(view.instance.tasks)).toContain(ids.tech);
  });
});

describe('Idempotency-Key', () => {
  it('a customer repeating the cashier’s key is refused, not answered with the cashier’s 200', async () => {
    const created = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: request(),
    });
    const { record, instance } = created.json<View>();
    await complete('desk', record.id, 'intake', { action: 'approve', data: { technician: ids.tech } });
    await complete('tech', record.id, 'quote', { action: 'submit', data: { quote_fee: 300, quote_days: 3 } });
    await complete('customer', record.id, 'customer_decision', {
      action: 'approve',
      data: { payment_method: 'wechat_pay' },
    });
    const key = { 'idempotency-key': 'pay-123' };
    const payment = {
      name: 'payment.confirmed',
      payload: { payment_amount: 300, payment_method: 'wechat_pay', payment_reference: 'WX-1' },
    };
    const byCashier = await call('cashier', 'POST', `/api/v1/instances/${instance.id}/events`, payment, key);
    expect(byCashier.statusCode, byCashier.body).toBe(200);
    expect(
      (await call('cashier', 'POST', `/api/v1/instances/${instance.id}/events`, payment, key)).statusCode,
    ).toBe(200);
    const byCustomer = await call(
      'customer',
      'POST',
      `/api/v1/instances/${instance.id}/events`,
      payment,
      key,
    );
    expect(byCustomer.statusCode).toBe(403);
  });
});
