/**
 * The flagship repair flow, driven only through the HTTP API by the people who work it: the
 * customer submits, the desk takes it in, the technician quotes and repairs, the cashier takes the
 * payment, QA checks, the shipper ships, and three days later the customer rates the service.
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

async function login(username: string): Promise<string> {
  const cached = tokens.get(username);
  if (cached) return cached;
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username, password: PASSWORD },
  });
  expect(res.statusCode, res.body).toBe(200);
  const token = (res.json() as { token: string }).token;
  tokens.set(username, token);
  return token;
}

async function call(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const token = await login(username);
  return server.app.inject({
    method,
    url,
    ...(payload !== undefined ? { payload: payload as object } : {}),
    headers: { authorization: `Bearer ${token}`, ...headers },
  });
}

interface Task {
  id: string;
  node: string;
  recordId: string;
  data: Record<string, unknown>;
  fields: { visible: string[]; editable: string[] };
}

async function openTask(username: string, recordId: string, node: string): Promise<Task> {
  const res = await call(username, 'GET', '/api/v1/tasks?status=open');
  expect(res.statusCode, res.body).toBe(200);
  const task = (res.json() as { items: Task[] }).items.find(
    (t) => t.recordId === recordId && t.node === node,
  );
  expect(task, `${username} should have an open "${node}" task`).toBeDefined();
  return task!;
}

async function complete(username: string, task: Task, body: Record<string, unknown>) {
  const res = await call(username, 'POST', `/api/v1/tasks/${task.id}/complete`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as {
    record: { data: Record<string, unknown> };
    instance: {
      status: string;
      outcome?: string;
      activeNodes: string[];
      history: { type: string; node?: string; changes?: { field: string; from: unknown; to: unknown }[] }[];
    };
  };
}

async function sampleIds(): Promise<{
  customer: string;
  product: (warranty: number) => string;
  userId: (u: string) => string;
}> {
  const customers = (
    await call('admin', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=50')
  ).json() as { items: { id: string }[] };
  const products = (
    await call('admin', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json() as { items: { id: string; data: { warranty_months: number } }[] };
  const users = (await call('admin', 'GET', '/api/v1/users')).json() as
    { id: string; username: string }[] | { items: { id: string; username: string }[] };
  const list = Array.isArray(users) ? users : users.items;
  return {
    customer: customers.items[0]!.id,
    product: (warranty) => products.items.find((p) => p.data.warranty_months >= warranty)!.id,
    userId: (u) => list.find((x) => x.username === u)!.id,
  };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowcase-repair-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  server = await startServer(
    { ...readConfig({}), dataDir: dir, adminPassword: PASSWORD, demo: true, logLevel: 'silent' },
    { clock, listen: false, jobs: false },
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the flagship repair flow over HTTP', () => {
  it('out of warranty: quote, payment, repair, QA, shipping, notice and survey, each by their own role', async () => {
    const ids = await sampleIds();
    const created = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: {
        customer: ids.customer,
        product: ids.product(1),
        serial_number: 'SN-0001',
        purchase_date: '2020-01-15',
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: await firstOption('fault_category'),
        description: 'Screen flickers <img src=x onerror=alert(1)>',
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const view = created.json() as {
      record: { id: string; data: Record<string, unknown> };
      instance: { activeNodes: string[] };
    };
    const id = view.record.id;
    expect(view.record.data.rma_no).toMatch(/^RMA-20261123-0001$/);
    expect(view.record.data.in_warranty).toBe(false);
    expect(view.instance.activeNodes).toEqual(['intake']);

    // The customer cannot take the desk's task.
    const intake = await openTask('desk', id, 'intake');
    const stolen = await call('customer', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
      action: 'approve',
    });
    expect(stolen.statusCode).toBe(403);
    // The desk may not write a field its node does not list as editable.
    const notEditable = await call('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
      action: 'approve',
      data: { quote_fee: 1 },
    });
    expect(notEditable.statusCode).toBe(422);
    expect(JSON.stringify(notEditable.json())).toContain('/quote_fee');

    await complete('desk', intake, {
      action: 'approve',
      data: { technician: ids.userId('tech') },
      comment: 'Accepted',
    });
    const again = await call('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, { action: 'approve' });
    expect(again.statusCode).toBe(409);

    const quote = await openTask('tech', id, 'quote');
    expect(quote.fields.editable).toEqual(expect.arrayContaining(['quote_fee', 'quote_days']));
    await complete('tech', quote, { action: 'submit', data: { quote_fee: 300, quote_days: 3 } });

    const decision = await openTask('customer', id, 'customer_decision');
    await complete('customer', decision, { action: 'approve', data: { payment_method: 'cash' } });

    const payment = await openTask('cashier', id, 'payment');
    expect(payment.data).not.toHaveProperty('diagnosis');
    await complete('cashier', payment, {
      action: 'submit',
      data: { payment_amount: 300, payment_method: 'cash', payment_reference: 'R-1' },
    });

    const repair = await openTask('tech', id, 'repair');
    await complete('tech', repair, {
      action: 'submit',
      data: { diagnosis: 'Cable', parts: [{ part_name: 'Cable', qty: 2, unit_price: 15 }], labour_fee: 50 },
    });

    const qa = await openTask('qa', id, 'qa');
    await complete('qa', qa, { action: 'approve', data: { qa_result: 'pass' } });

    const ship = await openTask('shipper', id, 'ship');
    const shipped = await complete('shipper', ship, {
      action: 'submit',
      data: { courier: await firstOption('courier'), tracking_number: 'SF123456' },
    });
    expect(shipped.instance.activeNodes).toEqual(['survey_wait']);

    // The completion notice reaches the customer through the outbox.
    await server.jobs.outbox.runOnce();
    const notes = (await call('customer', 'GET', '/api/v1/notifications')).json() as
      { items?: { body: string }[] } | { body: string }[];
    const list = Array.isArray(notes) ? notes : (notes.items ?? []);
    expect(list.some((n) => n.body.includes('SF123456'))).toBe(true);

    // Three days later the survey opens (the timer fires once, even if the scheduler runs twice).
    clock.advance(3 * 86_400_000 + 1000);
    tokens.clear(); // sessions expire after 12 hours
    await server.jobs.timers.runOnce();
    await server.jobs.timers.runOnce();
    const survey = await openTask('customer', id, 'survey');
    const done = await complete('customer', survey, {
      action: 'submit',
      data: { rating: 5, comment: '很好' },
    });
    expect(done.instance.status).toBe('done');
    expect(done.instance.outcome).toBe('completed');
    // The customer's view holds what they may read; the repair's costs are the staff's.
    expect(done.record.data).not.toHaveProperty('repair_total');
    expect(
      (await call('desk', 'GET', `/api/v1/records/${id}`)).json<{
        record: { data: Record<string, unknown> };
      }>().record.data.repair_total,
    ).toBe(80);
    // Backfill (补录): the desk adds the serial number to its finished intake step afterwards.
    const byTech = await call('tech', 'POST', `/api/v1/records/${id}/backfill`, {
      node: 'intake',
      data: { serial_number: 'SN-LATE' },
    });
    expect(byTech.statusCode).toBe(403);
    const notListed = await call('desk', 'POST', `/api/v1/records/${id}/backfill`, {
      node: 'intake',
      data: { description: 'changed' },
    });
    expect(notListed.statusCode).toBe(422);
    const backfilled = await call('desk', 'POST', `/api/v1/records/${id}/backfill`, {
      node: 'intake',
      data: { serial_number: 'SN-LATE' },
      comment: 'from the invoice',
    });
    expect(backfilled.statusCode, backfilled.body).toBe(200);
    const after = backfilled.json() as typeof done;
    expect(after.record.data.serial_number).toBe('SN-LATE');
    expect(after.instance.history.at(-1)).toMatchObject({
      type: 'record.backfilled',
      node: 'intake',
      changes: [{ field: 'serial_number', from: 'SN-0001', to: 'SN-LATE' }],
    });

    const types = after.instance.history.map((h) => h.type);
    expect(types[0]).toBe('instance.started');
    expect(after.instance.history.map((h) => (h as { seq?: number }).seq)).toEqual(
      after.instance.history.map((_, i) => i + 1),
    );
    // The customer's timeline is a part of it, in order: their own steps and the case's changes they may read.
    const seen = done.instance.history.map((h) => (h as { seq?: number }).seq ?? 0);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeLessThan(after.instance.history.length);
  });

  it('in warranty: straight to repair, no quote or payment', async () => {
    const ids = await sampleIds();
    const created = await call('desk', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: {
        customer: ids.customer,
        product: ids.product(12),
        purchase_date: '2026-10-01',
        intake_channel: 'hotline',
        service_type: 'carry_in',
        fault_category: await firstOption('fault_category'),
        description: 'Does not power on',
        technician: ids.userId('tech'),
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = (created.json() as { record: { id: string; data: { in_warranty: boolean } } }).record.id;
    expect((created.json() as { record: { data: { in_warranty: boolean } } }).record.data.in_warranty).toBe(
      true,
    );
    await complete('desk', await openTask('desk', id, 'intake'), { action: 'approve' });
    const repair = await openTask('tech', id, 'repair');
    expect(repair.node).toBe('repair');
  });

  it('a customer sees only their own requests', async () => {
    const other = await call('customer', 'GET', '/api/v1/apps/after_sales/forms/repair_request/records');
    expect(other.statusCode).toBe(200);
    const items = (other.json() as { items: { createdBy: string; data: { customer_account?: string } }[] })
      .items;
    const me = (await call('customer', 'GET', '/api/v1/auth/me')).json() as {
      id?: string;
      user?: { id: string };
    };
    const myId = me.id ?? me.user?.id;
    expect(items.length).toBeGreaterThan(0);
    // Theirs: filed by them, or filed for them by the desk (their customer record's account).
    expect(items.every((r) => r.createdBy === myId || r.data.customer_account === myId)).toBe(true);
  });
});

async function firstOption(field: string): Promise<string> {
  const res = await call('admin', 'GET', '/api/v1/apps/after_sales');
  const app = res.json() as {
    forms: { key: string; fields: { key: string; options?: { value: string }[] }[] }[];
  };
  const form = app.forms.find((f) => f.key === 'repair_request')!;
  return form.fields.find((f) => f.key === field)!.options![0]!.value;
}

describe('external events', () => {
  it('may not be sent by customers or by users outside the app', async () => {
    const ids = await sampleIds();
    const created = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: {
        customer: ids.customer,
        product: ids.product(1),
        purchase_date: '2020-01-15',
        intake_channel: 'wechat',
        service_type: 'carry_in',
        fault_category: await firstOption('fault_category'),
        description: 'x',
      },
    });
    const instanceId = (created.json() as { instance: { id: string } }).instance.id;
    const byCustomer = await call(
      'customer',
      'POST',
      `/api/v1/instances/${instanceId}/events`,
      { name: 'payment.confirmed', payload: { payment_amount: 1 } },
      { 'idempotency-key': 'k-1' },
    );
    expect(byCustomer.statusCode).toBe(403);
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: { authorization: `Bearer ${await login('admin')}` },
      payload: { username: 'outsider', displayName: 'Outsider', password: PASSWORD, roles: [] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const byOutsider = await call(
      'outsider',
      'POST',
      `/api/v1/instances/${instanceId}/events`,
      { name: 'payment.confirmed', payload: {} },
      { 'idempotency-key': 'k-2' },
    );
    expect(byOutsider.statusCode).toBe(404);
  });
});

describe("the app's people", () => {
  it('staff can list who holds the app roles (for assigning a technician); customers cannot', async () => {
    const techs = await call('desk', 'GET', '/api/v1/apps/after_sales/users?role=technician');
    expect(techs.statusCode, techs.body).toBe(200);
    expect((techs.json() as { username: string; roles: string[] }[]).map((u) => u.username)).toEqual([
      'tech',
    ]);
    expect(JSON.stringify(techs.json())).not.toContain('password');
    expect((await call('customer', 'GET', '/api/v1/apps/after_sales/users')).statusCode).toBe(403);
  });
});
