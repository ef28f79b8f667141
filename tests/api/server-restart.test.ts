/**
 * A server restart in the middle of a flow: close the server and start it again on the same data
 * directory. The instance continues where it stopped (tokens, tasks and history survive), and the
 * survey timer that fell due while the server was down fires once after the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const PASSWORD = 'demo-password-1';
const clock = new ManualClock('2026-04-06T02:00:00.000Z');
let server: RunningServer;
let dir: string;
const tokens = new Map<string, string>();

interface View {
  record: { id: string; data: Record<string, unknown> };
  instance: {
    id: string;
    status: string;
    outcome?: string;
    activeNodes: string[];
    tasks: { id: string; node: string; status: string }[];
    history: { seq: number; type: string; node?: string }[];
  };
}

function start(): Promise<RunningServer> {
  return startServer(
    { ...readConfig({}), dataDir: dir, adminPassword: PASSWORD, demo: true, logLevel: 'silent' },
    { clock, listen: false, jobs: false },
  );
}

async function call(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<{ status: number; body: View }> {
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
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() as View };
}

async function complete(username: string, view: View, node: string, body: object): Promise<View> {
  const task = view.instance.tasks.find((t) => t.node === node && t.status === 'open');
  expect(task, `an open ${node} task`).toBeDefined();
  const res = await call(username, 'POST', `/api/v1/tasks/${task!.id}/complete`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

async function restart(downtimeMs = 0): Promise<void> {
  await server.close();
  clock.advance(downtimeMs);
  server = await start();
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowcase-restart-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  server = await start();
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a restart in the middle of a flow', () => {
  it('the instance continues after each restart, and a timer due during the downtime fires once', async () => {
    const admin = { authorization: `Bearer ${await loginAdmin()}` };
    const users = (
      await server.app.inject({ method: 'GET', url: '/api/v1/users', headers: admin })
    ).json() as { id: string; username: string }[];
    const customers = (
      await server.app.inject({
        method: 'GET',
        url: '/api/v1/apps/after_sales/forms/customers/records',
        headers: admin,
      })
    ).json() as { items: { id: string }[] };
    const products = (
      await server.app.inject({
        method: 'GET',
        url: '/api/v1/apps/after_sales/forms/products/records',
        headers: admin,
      })
    ).json() as { items: { id: string; data: { warranty_months: number } }[] };
    const created = await call('customer', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
      data: {
        customer: customers.items[0]!.id,
        product: products.items.find((p) => p.data.warranty_months >= 12)!.id,
        purchase_date: '2026-03-01',
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: 'laptop',
        description: 'Keyboard dead',
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.record.id;

    let view = await complete('desk', created.body, 'intake', {
      action: 'approve',
      data: { technician: users.find((u) => u.username === 'tech')!.id },
    });
    expect(view.instance.activeNodes).toEqual(['repair']);

    await restart(60_000);
    view = (await call('admin', 'GET', `/api/v1/records/${id}`)).body;
    expect(view.instance.activeNodes).toEqual(['repair']);
    view = await complete('tech', view, 'repair', {
      action: 'submit',
      data: { diagnosis: 'Ribbon cable', labour_fee: 80 },
    });
    view = await complete('qa', view, 'qa', { action: 'approve', data: { qa_result: 'pass' } });

    await restart(60_000);
    view = await complete('shipper', (await call('admin', 'GET', `/api/v1/records/${id}`)).body, 'ship', {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF0001' },
    });
    expect(view.instance.activeNodes).toEqual(['survey_wait']);

    // Down for four days: the three-day wait falls due meanwhile and fires once after the start.
    await restart(4 * 86_400_000);
    tokens.clear(); // sessions last 12 hours
    expect(await server.jobs.timers.runOnce()).toBe(1);
    expect(await server.jobs.timers.runOnce()).toBe(0);
    await restart(1000);
    expect(await server.jobs.timers.runOnce()).toBe(0);

    view = (await call('admin', 'GET', `/api/v1/records/${id}`)).body;
    expect(view.instance.activeNodes).toEqual(['survey']);
    view = await complete('customer', view, 'survey', { action: 'submit', data: { rating: 4 } });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'completed' });
    // The whole history as staff read it (the customer's view leaves out staff entries).
    const history = (await call('admin', 'GET', `/api/v1/records/${id}`)).body.instance.history;
    expect(history.map((h) => h.seq)).toEqual(history.map((_, i) => i + 1));
    expect(history.filter((h) => h.type === 'wait.elapsed')).toHaveLength(1);
    expect(history.filter((h) => h.type === 'task.completed').map((h) => h.node)).toEqual([
      'intake',
      'repair',
      'qa',
      'ship',
      'survey',
    ]);
  });
});

async function loginAdmin(): Promise<string> {
  const res = await server.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: PASSWORD },
  });
  return (res.json() as { token: string }).token;
}
