/**
 * SLA on the flagship intake (due in 1 hour, a reminder 15 minutes before, escalation to the
 * supervisor), with the server's clock under the test's control: the reminder reaches the desk,
 * the breach marks the task, records `sla.breached`, adds the supervisor as an assignee and tells
 * them, and a scheduler that runs again fires nothing twice.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const PASSWORD = 'demo-password-1';
const MINUTE = 60_000;
const clock = new ManualClock('2026-03-02T01:00:00.000Z');
let server: RunningServer;
let dir: string;

interface Task {
  id: string;
  node: string;
  status: string;
  breached: boolean;
  dueAt?: string;
  assignees: ({ role: string } | { user: string })[];
}
interface View {
  record: { id: string };
  instance: {
    id: string;
    tasks: Task[];
    history: { seq: number; type: string; node?: string; detail?: Record<string, unknown> }[];
  };
}

const tokens = new Map<string, string>();
async function call<T>(
  username: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<{ status: number; body: T }> {
  let token = tokens.get(username);
  if (!token) {
    const login = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(login.statusCode, `login ${username}: ${login.body}`).toBe(200);
    token = (login.json() as { token: string }).token;
    tokens.set(username, token);
  }
  const res = await server.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() as T };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'flowcase-sla-'));
  process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
  server = await startServer(
    {
      ...readConfig({}),
      timeZone: 'Asia/Shanghai',
      dataDir: dir,
      adminPassword: PASSWORD,
      demo: true,
      logLevel: 'silent',
    },
    { clock, listen: false, jobs: false },
  );
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function newRequest(): Promise<View> {
  const customers = await call<{ items: { id: string }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/customers/records',
  );
  const products = await call<{ items: { id: string }[] }>(
    'admin',
    'GET',
    '/api/v1/apps/after_sales/forms/products/records',
  );
  const res = await call<View>('desk', 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
    data: {
      customer: customers.body.items[0]!.id,
      product: products.body.items[0]!.id,
      purchase_date: '2026-02-01',
      intake_channel: 'hotline',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'No picture',
    },
  });
  expect(res.status).toBe(201);
  return res.body;
}

async function notifications(username: string): Promise<{ title: string; body: string }[]> {
  const res = await call<{ items: { title: string; body: string }[] } | { title: string; body: string }[]>(
    username,
    'GET',
    '/api/v1/notifications',
  );
  expect(res.status, `${username}: ${JSON.stringify(res.body)}`).toBe(200);
  return Array.isArray(res.body) ? res.body : res.body.items;
}

describe('the intake SLA of the flagship flow', () => {
  it('reminds 15 minutes before the due time and escalates to the supervisor after one hour, once', async () => {
    const created = await newRequest();
    const intake = created.instance.tasks.find((t) => t.node === 'intake')!;
    expect(intake.dueAt).toBe(new Date(clock.now().getTime() + 60 * MINUTE).toISOString());
    expect(intake.breached).toBe(false);

    // 44 minutes: nothing is due yet; at 45 the reminder.
    clock.advance(44 * MINUTE);
    expect(await server.jobs.timers.runOnce()).toBe(0);

    clock.advance(1 * MINUTE + 1000);
    expect(await server.jobs.timers.runOnce()).toBe(1);
    await server.jobs.outbox.runOnce();
    const reminder = (await notifications('desk')).find(
      (n) => n.body.includes('Reminder') || n.body.includes('提醒'),
    );
    // The notice names its case and shows the deadline as people read it (the server's zone), never as UTC ISO text.
    expect(reminder?.title).toMatch(/^(售后服务单|Repair request) RMA-\d{8}-\d{4}$/);
    expect(reminder?.body).toMatch(/2026-03-02 10:00/);
    expect(reminder?.body).not.toMatch(/T\d\d:\d\d:\d\d/);
    expect(await notifications('supervisor')).toEqual([]);

    clock.advance(15 * MINUTE);
    expect(await server.jobs.timers.runOnce()).toBe(1);
    expect(await server.jobs.timers.runOnce()).toBe(0);
    await server.jobs.outbox.runOnce();

    const view = (await call<View>('admin', 'GET', `/api/v1/records/${created.record.id}`)).body;
    const task = view.instance.tasks.find((t) => t.id === intake.id)!;
    expect(task).toMatchObject({ status: 'open', breached: true });
    expect(task.assignees).toEqual(
      expect.arrayContaining([{ role: 'service_desk' }, { role: 'supervisor' }]),
    );
    const types = view.instance.history.map((h) => h.type);
    expect(types.filter((t) => t === 'sla.reminded')).toHaveLength(1);
    expect(types.filter((t) => t === 'sla.breached')).toHaveLength(1);
    expect(view.instance.history.find((h) => h.type === 'sla.breached')).toMatchObject({
      node: 'intake',
      detail: { taskId: intake.id, escalatedTo: [{ role: 'supervisor' }] },
    });
    expect(view.instance.history.map((h) => h.seq)).toEqual(view.instance.history.map((_, i) => i + 1));

    const told = (await notifications('supervisor')).filter(
      (n) => n.body.includes('overdue') || n.body.includes('超时'),
    );
    expect(told).toHaveLength(1);

    // The supervisor now holds the task: it is in their inbox and they may complete it.
    const inbox = await call<{ items: Task[] }>('supervisor', 'GET', '/api/v1/tasks?status=open');
    expect(inbox.body.items.map((t) => t.id)).toContain(intake.id);
    const done = await call<View>('supervisor', 'POST', `/api/v1/tasks/${intake.id}/complete`, {
      action: 'reject',
      comment: 'Duplicate request',
    });
    expect(done.status).toBe(200);

    // Much later, nothing about this task fires again.
    clock.advance(7 * 24 * 60 * MINUTE);
    tokens.clear(); // sessions last 12 hours
    await server.jobs.timers.runOnce();
    await server.jobs.outbox.runOnce();
    expect(
      (await notifications('supervisor')).filter(
        (n) => n.body.includes('overdue') || n.body.includes('超时'),
      ),
    ).toHaveLength(1);
  });
});
