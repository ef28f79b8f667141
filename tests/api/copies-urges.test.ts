/**
 * 抄送 and 催办 through the API.
 *
 * Copies: a node's `cc` (and a task's `sla.cc` on a breach, a notify node's `cc` when it sends)
 * lists the case in `GET /copies` of each person copied, with a preview of the copy's fields. A
 * copied person opens the case read-only (`viaCopy`) with exactly the copy's fields, as far as they
 * may read them: also a supervisor of another app or a customer who could not open it otherwise
 * (they read the app's definition too, to lay it out), never anyone without a copy. They cannot
 * act on it. Marking read is per user.
 *
 * Urges: the record's submitter, admins and holders of a supervising role (`supervise: true`) may
 * urge an open task; its assignees get an in-app reminder (history `task.urged`); a second urge
 * within the hour is 429 with Retry-After, also from another server on the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaseService } from '../../runtime/cases/case-service.js';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { bearer, build, type Built } from './helpers/build.js';

const MINUTE = 60_000;

interface Task {
  id: string;
  node: string;
  status: string;
  assignees: unknown[];
  data: Record<string, unknown>;
  actions: string[];
  urge?: { nextAt?: string };
}
interface View {
  viaCopy?: boolean;
  record: { id: string; data: Record<string, unknown> };
  instance: {
    status: string;
    tasks: Task[];
    history: {
      type: string;
      node?: string;
      actor: string;
      comment?: string;
      detail?: Record<string, unknown>;
    }[];
  };
}
interface Copy {
  id: string;
  recordId: string;
  node: string;
  nodeName: string;
  reason: string;
  readAt: string | null;
  fields: string[];
  data: Record<string, unknown>;
}

function bundle(regional: string, bob: string) {
  return {
    format: 'flowcase/app@1',
    key: 'complaints',
    name: { en: 'Complaints', zh: '投诉' },
    version: 1,
    roles: [
      { key: 'customer', name: 'Customer', customer: true },
      { key: 'desk', name: 'Desk' },
      { key: 'manager', name: 'Manager', supervise: true },
    ],
    forms: [
      {
        key: 'complaint',
        name: 'Complaint',
        fields: [
          { key: 'subject', type: 'text', label: 'Subject' },
          {
            key: 'severity',
            type: 'select',
            label: 'Severity',
            options: [
              { value: 'low', label: 'Low' },
              { value: 'high', label: 'High' },
            ],
          },
          { key: 'handler', type: 'user', label: 'Handler' },
          { key: 'internal_note', type: 'textarea', label: 'Internal note' },
          { key: 'remedy', type: 'textarea', label: 'Remedy' },
        ],
      },
    ],
    flows: [
      {
        key: 'complaint',
        name: 'Complaint',
        form: 'complaint',
        trigger: { on: 'record.created' },
        start: 'intake',
        nodes: {
          intake: {
            type: 'task',
            name: { en: 'Intake', zh: '受理' },
            assignee: { role: 'desk' },
            // A regional supervisor of another app, and a customer who did not file the complaint.
            cc: [{ user: regional }, { user: bob }],
            fields: {
              visible: ['subject', 'severity', 'internal_note'],
              editable: ['handler', 'internal_note'],
              required: ['handler'],
            },
            sla: { due: 'PT2H', escalateTo: [{ role: 'manager' }], cc: [{ role: 'manager' }] },
            next: 'handle',
          },
          handle: {
            type: 'task',
            name: { en: 'Remedy', zh: '处理' },
            assignee: { field: 'handler' },
            fields: { visible: ['subject', 'remedy'], editable: ['remedy'], required: ['remedy'] },
            next: 'tell',
          },
          tell: {
            type: 'notify',
            name: { en: 'Tell the customer', zh: '通知客户' },
            to: [{ submitter: true }],
            channel: 'inapp',
            template: 'Our remedy: {{remedy}}',
            cc: [{ role: 'desk' }],
            next: 'done',
          },
          done: { type: 'end', outcome: 'resolved' },
        },
      },
    ],
    dashboards: [],
  };
}

let t: Built;
const tok: Record<string, string> = {};
const id: Record<string, string> = {};

async function call<T>(
  who: string,
  method: 'GET' | 'POST',
  url: string,
  payload?: object,
): Promise<{ status: number; body: T; headers: Record<string, unknown> }> {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(tok[who]!),
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: (res.body ? res.json<T>() : undefined) as T, headers: res.headers };
}

async function deliver(): Promise<void> {
  const s = t.services;
  const worker = createOutboxWorker({
    store: s.store,
    cases: s.cases,
    clock: s.clock,
    config: s.config,
    log: { error: () => undefined, warn: () => undefined },
    owner: 'test',
  });
  while ((await worker.runOnce()) > 0);
}

async function fireDueTimers(): Promise<void> {
  for (const timer of await t.store.claimDueTimers(t.clock.now().toISOString(), 'test', 60_000, 50))
    await t.services.cases.fireTimer(timer.id);
}

/** A complaint filed by alice; its view as she sees it. */
async function complaint(subject = 'Rude courier'): Promise<View> {
  const res = await call<View>('alice', 'POST', '/apps/complaints/forms/complaint/records', {
    data: { subject, severity: 'high' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

const openTask = (view: View, node: string): Task =>
  view.instance.tasks.find((x) => x.node === node && x.status === 'open')!;

beforeAll(async () => {
  t = await build();
  for (const [name, roles] of Object.entries({
    alice: ['customer'],
    bob: ['customer'],
    desk1: ['desk'],
    boss: ['manager'],
    regional: ['region_lead'], // a role of another app only
    stranger: ['region_lead'],
  })) {
    const { user, token } = await t.userWithRoles(name, roles);
    tok[name] = token;
    id[name] = user.id;
  }
  tok.admin = await t.login('admin', 'admin-password-1');
  const other = {
    ...bundle(id.regional!, id.bob!),
    key: 'regions',
    roles: [{ key: 'region_lead', name: 'Region lead' }],
    flows: [],
  };
  expect((await call('admin', 'POST', '/apps', { bundle: other, sampleData: false })).status).toBe(201);
  const installed = await call('admin', 'POST', '/apps', {
    bundle: bundle(id.regional!, id.bob!),
    sampleData: false,
  });
  expect(installed.status, JSON.stringify(installed.body)).toBe(201);
});
afterAll(async () => {
  await t.close();
});

describe('抄送: GET /copies and reading a case through a copy', () => {
  it('lists the copy for each person copied when the step opens, newest first, with a preview of its fields', async () => {
    const view = await complaint('Late delivery');
    const list = await call<{ items: Copy[] }>('regional', 'GET', '/copies');
    expect(list.status).toBe(200);
    expect(list.body.items[0]).toMatchObject({
      recordId: view.record.id,
      node: 'intake',
      nodeName: 'Intake',
      reason: 'node',
      readAt: null,
      fields: ['subject', 'severity', 'handler', 'internal_note'],
      data: { subject: 'Late delivery', severity: 'high' },
    });
    expect((await call<{ items: Copy[] }>('stranger', 'GET', '/copies')).body.items).toEqual([]);
  });

  it('a supervisor of another app opens the case read-only with exactly the copy’s fields; without a copy it stays hidden', async () => {
    const view = await complaint();
    await call('desk1', 'POST', `/tasks/${openTask(view, 'intake').id}/complete`, {
      action: 'submit',
      data: { handler: id.desk1, internal_note: 'VIP, be careful' },
    });
    const seen = await call<View>('regional', 'GET', `/records/${view.record.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.viaCopy).toBe(true);
    expect(seen.body.record.data).toEqual({
      subject: 'Rude courier',
      severity: 'high',
      handler: id.desk1,
      internal_note: 'VIP, be careful',
    });
    // Nothing to do and nobody named: the steps show only where the case is.
    for (const task of seen.body.instance.tasks)
      expect(task).toMatchObject({ assignees: [], actions: [], data: {} });
    // The app's definition, to lay the case out.
    expect((await call('regional', 'GET', '/apps/complaints')).status).toBe(200);
    // Someone of the same role without a copy sees neither.
    expect((await call('stranger', 'GET', `/records/${view.record.id}`)).status).toBe(404);
    expect((await call('stranger', 'GET', '/apps/complaints')).status).toBe(404);
  });

  it('a copied customer reads only the copy’s fields that a customer may read, and cannot act', async () => {
    const view = await complaint();
    const seen = await call<View>('bob', 'GET', `/records/${view.record.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.viaCopy).toBe(true);
    expect(Object.keys(seen.body.record.data).sort()).toEqual(['severity', 'subject']);
    expect(seen.body.instance.history.some((h) => JSON.stringify(h).includes('internal_note'))).toBe(false);
    const act = await call('bob', 'POST', `/tasks/${openTask(view, 'intake').id}/complete`, {
      action: 'submit',
      data: { handler: id.desk1 },
    });
    expect(act.status).toBe(403);
    // A staff list of the form stays closed to him.
    const list = await call<{ items: unknown[] }>('bob', 'GET', '/apps/complaints/forms/complaint/records');
    expect(list.body.items).toEqual([]);
  });

  it('marks a copy read for the reader only; ?status=unread leaves it out; anyone else’s copy is 404', async () => {
    const view = await complaint('Marked');
    const mine = (await call<{ items: Copy[] }>('regional', 'GET', '/copies?status=unread')).body.items.find(
      (c) => c.recordId === view.record.id,
    )!;
    expect((await call('stranger', 'POST', `/copies/${mine.id}/read`)).status).toBe(404);
    expect((await call('regional', 'POST', `/copies/${mine.id}/read`)).status).toBe(204);
    const unread = await call<{ items: Copy[] }>('regional', 'GET', '/copies?status=unread');
    expect(unread.body.items.map((c) => c.id)).not.toContain(mine.id);
    const all = await call<{ items: Copy[] }>('regional', 'GET', '/copies?status=all');
    expect(all.body.items.find((c) => c.id === mine.id)?.readAt).toEqual(expect.any(String));
    // Bob's copy of the same step is his own, still unread.
    expect(
      (await call<{ items: Copy[] }>('bob', 'GET', '/copies?status=unread')).body.items.some(
        (c) => c.recordId === view.record.id,
      ),
    ).toBe(true);
  });

  it('pages with the inbox’s cursor', async () => {
    const first = await call<{ items: Copy[]; nextCursor?: string }>('regional', 'GET', '/copies?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await call<{ items: Copy[] }>(
      'regional',
      'GET',
      `/copies?limit=2&cursor=${first.body.nextCursor!}`,
    );
    expect(second.status).toBe(200);
    expect(second.body.items.map((c) => c.id)).not.toContain(first.body.items[0]!.id);
    expect((await call('regional', 'GET', '/copies?cursor=garbage')).status).toBe(400);
  });

  it('copies the supervising role when the task breaches (sla.cc), and the desk when the notice goes out', async () => {
    const view = await complaint('Slow');
    t.clock.advance(2 * 60 * MINUTE + 1000);
    await fireDueTimers();
    const bossCopies = (await call<{ items: Copy[] }>('boss', 'GET', '/copies')).body.items.filter(
      (c) => c.recordId === view.record.id,
    );
    expect(bossCopies.map((c) => [c.node, c.reason])).toEqual([['intake', 'sla.breach']]);
    let current = (await call<View>('desk1', 'GET', `/records/${view.record.id}`)).body;
    await call('desk1', 'POST', `/tasks/${openTask(current, 'intake').id}/complete`, {
      action: 'submit',
      data: { handler: id.desk1 },
    });
    current = (await call<View>('desk1', 'GET', `/records/${view.record.id}`)).body;
    await call('desk1', 'POST', `/tasks/${openTask(current, 'handle').id}/complete`, {
      action: 'submit',
      data: { remedy: 'A voucher' },
    });
    const deskCopy = (await call<{ items: Copy[] }>('desk1', 'GET', '/copies')).body.items.find(
      (c) => c.recordId === view.record.id,
    );
    expect(deskCopy).toMatchObject({
      node: 'tell',
      reason: 'node',
      fields: ['remedy'],
      data: { remedy: 'A voucher' },
    });
    const history = (await call<View>('desk1', 'GET', `/records/${view.record.id}`)).body.instance.history;
    expect(history.filter((h) => h.type === 'copy.sent').map((h) => h.node)).toEqual([
      'intake',
      'intake',
      'tell',
    ]);
  });
});

describe('催办: POST /tasks/:id/urge', () => {
  it('the submitter sees she may urge, urges once, and the desk is reminded in the app', async () => {
    const view = await complaint('Urgent');
    const task = openTask(view, 'intake');
    expect(task.urge).toEqual({});
    const urged = await call<View>('alice', 'POST', `/tasks/${task.id}/urge`, {
      comment: 'Please call me today',
    });
    expect(urged.status, JSON.stringify(urged.body)).toBe(200);
    const nextAt = new Date(t.clock.now().getTime() + 60 * MINUTE).toISOString();
    expect(openTask(urged.body, 'intake').urge).toEqual({ nextAt });
    const staffView = (await call<View>('desk1', 'GET', `/records/${view.record.id}`)).body;
    expect(staffView.instance.history.at(-1)).toMatchObject({
      type: 'task.urged',
      node: 'intake',
      actor: id.alice,
      comment: 'Please call me today',
    });
    // Staff who neither filed the case nor supervise have no urge to offer.
    expect(openTask(staffView, 'intake').urge).toBeUndefined();
    await deliver();
    const notes = (await call<{ title: string; body: string }[]>('desk1', 'GET', '/notifications')).body;
    expect(notes.filter((n) => n.title.includes('Urged: Intake'))).toEqual([
      expect.objectContaining({ body: expect.stringContaining('Please call me today') }),
    ]);
  });

  it('a second urge within the hour is 429 with Retry-After, from anyone and from another server; after the hour it goes', async () => {
    const view = await complaint('Twice');
    const task = openTask(view, 'intake');
    expect((await call('alice', 'POST', `/tasks/${task.id}/urge`, {})).status).toBe(200);
    t.clock.advance(20 * MINUTE);
    const again = await call<{ code: string; detail: string }>('boss', 'POST', `/tasks/${task.id}/urge`);
    expect(again.status).toBe(429);
    expect(again.body.code).toBe('FC_RATE_LIMITED');
    expect(again.body.detail).toContain('in 40 min');
    expect(again.headers['retry-after']).toBe(String(40 * 60));
    // The limit lives in the database: a second server (a fresh case service) refuses too.
    const otherServer = createCaseService(t.store, t.clock, t.services.config);
    await expect(
      otherServer.urgeTask(task.id, undefined, { id: id.alice!, username: 'alice', roles: ['customer'] }),
    ).rejects.toMatchObject({ code: 'FC_RATE_LIMITED' });
    t.clock.advance(40 * MINUTE);
    expect((await call('boss', 'POST', `/tasks/${task.id}/urge`)).status).toBe(200);
  });

  it('supervisors and admins may urge; other staff 403; people who cannot see the case 404; closed tasks 409', async () => {
    const view = await complaint('Who');
    const task = openTask(view, 'intake');
    expect((await call('desk1', 'POST', `/tasks/${task.id}/urge`)).status).toBe(403);
    expect((await call('bob', 'POST', `/tasks/${task.id}/urge`)).status).toBe(404); // a copy lets him read, not urge
    expect((await call('stranger', 'POST', `/tasks/${task.id}/urge`)).status).toBe(404);
    expect((await call('admin', 'POST', `/tasks/${task.id}/urge`)).status).toBe(200);
    await call('desk1', 'POST', `/tasks/${task.id}/complete`, {
      action: 'submit',
      data: { handler: id.desk1 },
    });
    const closed = await call<{ code: string }>('alice', 'POST', `/tasks/${task.id}/urge`);
    expect(closed.status).toBe(409);
    expect((await call('alice', 'POST', '/tasks/no-such-task/urge')).status).toBe(404);
    expect(
      (await call('alice', 'POST', `/tasks/${task.id}/urge`, { comment: 'x'.repeat(1001) })).status,
    ).toBe(400);
  });
});
