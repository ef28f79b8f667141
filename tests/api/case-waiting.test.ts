/**
 * A case that no person holds says what it waits for (`instance.waiting` of `GET /records/:id`):
 * the step's name in the reader's language, whether it is a timer or an outside event, and until
 * when. Staff also read an event's timeout and its staff fallback (when it opens, then its task);
 * the case's customer reads a wait step's time but none of the internal deadlines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'orders',
  name: 'Orders',
  version: '1.0.0',
  roles: [
    { key: 'desk', name: 'Desk' },
    { key: 'cashier', name: 'Cashier' },
    { key: 'buyer', name: 'Buyer', customer: true },
  ],
  forms: [
    {
      key: 'order',
      name: { en: 'Order', zh: '订单' },
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'pay_ref', type: 'text', label: 'Payment reference' },
      ],
    },
  ],
  flows: [
    {
      key: 'fulfil',
      name: 'Fulfil',
      form: 'order',
      trigger: { on: 'record.created' },
      start: 'check',
      nodes: {
        check: { type: 'task', assignee: { role: 'desk' }, actions: ['submit'], next: 'pay' },
        pay: {
          type: 'event',
          // No name of its own: the view names it by its kind.
          name: 'payment.confirmed',
          fields: ['pay_ref'],
          timeout: 'PT6H',
          onTimeout: 'check',
          fallback: { assignee: { role: 'cashier' }, after: 'PT2H', fields: { required: ['pay_ref'] } },
          next: 'cool_off',
        },
        cool_off: {
          type: 'wait',
          name: { en: 'satisfaction survey', zh: '满意度回访' },
          duration: 'P3D',
          next: 'survey',
        },
        survey: { type: 'task', assignee: { role: 'desk' }, actions: ['submit'], next: 'done' },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

interface Waiting {
  node: string;
  name: string;
  kind: string;
  since: string;
  until?: string;
  fallback?: { taskId?: string; opensAt?: string };
}
interface View {
  record: { id: string };
  instance: { id: string; tasks: { id: string; node: string; status: string }[]; waiting?: Waiting[] };
}

const HOUR = 3_600_000;
const clock = new ManualClock('2026-12-05T02:00:00.000Z');
let t: Built;
const tokens: Record<string, string> = {};

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown, language?: string) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: { ...bearer(tokens[who]!), ...(language ? { 'x-flowcase-language': language } : {}) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function view(who: string, recordId: string, language?: string): Promise<View> {
  const res = await call(who, 'GET', `/records/${recordId}`, undefined, language);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}

async function fireDue(): Promise<void> {
  for (const timer of await t.store.claimDueTimers(clock.now().toISOString(), 'test', 60_000, 50))
    await t.services.cases.fireTimer(timer.id);
}

const at = (ms: number) => new Date(ms).toISOString();

beforeAll(async () => {
  t = await build({ clock, config: { tokenTtlMs: 30 * 24 * HOUR } });
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  const installed = await call('admin', 'POST', '/apps', { bundle: BUNDLE });
  expect(installed.statusCode, installed.body).toBeLessThan(300);
  for (const [name, roles] of [
    ['desk', ['desk']],
    ['cashier', ['cashier']],
    ['buyer', ['buyer']],
  ] as const)
    tokens[name] = (await t.userWithRoles(name, [...roles])).token;
});

afterAll(async () => {
  await t?.close();
});

describe('what a waiting case waits for', () => {
  it('names the outside event, its timeout and fallback for staff, and the wait step with its end for everyone', async () => {
    const created = await call('buyer', 'POST', '/apps/orders/forms/order/records', {
      data: { title: 'Phone X' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const recordId = created.json<View>().record.id;
    // A person holds the case: nothing is waited for.
    expect((await view('desk', recordId)).instance.waiting).toBeUndefined();

    const check = (await view('desk', recordId)).instance.tasks.find((x) => x.node === 'check')!;
    const t0 = clock.now().getTime();
    expect((await call('desk', 'POST', `/tasks/${check.id}/complete`, { action: 'submit' })).statusCode).toBe(
      200,
    );

    // Staff: the event, named by its kind, until its timeout, with the fallback still to open.
    expect((await view('desk', recordId)).instance.waiting).toEqual([
      {
        node: 'pay',
        name: 'Wait for event',
        kind: 'event',
        since: at(t0),
        until: at(t0 + 6 * HOUR),
        fallback: { opensAt: at(t0 + 2 * HOUR) },
      },
    ]);
    expect((await view('desk', recordId, 'zh-CN')).instance.waiting?.[0]?.name).toBe('等待外部事件');
    // The customer reads where the case is, not the internal deadlines.
    expect((await view('buyer', recordId)).instance.waiting).toEqual([
      { node: 'pay', name: 'Wait for event', kind: 'event', since: at(t0) },
    ]);

    // Two hours on, the cashier's fallback task is open: the wait names it.
    clock.advance(2 * HOUR);
    await fireDue();
    const staff = await view('desk', recordId);
    const fallback = staff.instance.tasks.find((x) => x.node === 'pay' && x.status === 'open')!;
    expect(staff.instance.waiting).toEqual([
      {
        node: 'pay',
        name: 'Wait for event',
        kind: 'event',
        since: at(t0),
        until: at(t0 + 6 * HOUR),
        fallback: { taskId: fallback.id },
      },
    ]);
    expect((await view('buyer', recordId)).instance.waiting?.[0]).not.toHaveProperty('fallback');

    // The payment arrives: the case waits three days for the survey, and the customer reads until when.
    const paid = await call('admin', 'POST', `/instances/${staff.instance.id}/events`, {
      name: 'payment.confirmed',
      payload: { pay_ref: 'PAY-1' },
    });
    expect(paid.statusCode, paid.body).toBe(200);
    const t1 = clock.now().getTime();
    const survey = { node: 'cool_off', kind: 'timer', since: at(t1), until: at(t1 + 72 * HOUR) };
    expect((await view('desk', recordId)).instance.waiting).toEqual([
      { ...survey, name: 'satisfaction survey' },
    ]);
    expect((await view('buyer', recordId, 'zh-CN')).instance.waiting).toEqual([
      { ...survey, name: '满意度回访' },
    ]);

    // When the time is up a person holds the case again.
    clock.advance(72 * HOUR);
    await fireDue();
    const after = await view('desk', recordId);
    expect(after.instance.waiting).toBeUndefined();
    expect(after.instance.tasks.some((x) => x.node === 'survey' && x.status === 'open')).toBe(true);
  });
});
