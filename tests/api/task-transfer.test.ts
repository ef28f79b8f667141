/**
 * Transfers hand a task to a colleague who does the same job or oversees it: someone who holds a
 * role the step's assignee rules name, a role of the task's current user-assignees (the handler a
 * user field chose makes the handler's colleagues eligible) or a role marked `supervise: true`.
 * Staff of other roles (the cashier for a desk step), a customer (even of a role the step names),
 * a user of no role of the app, a disabled user and the task's current assignee are refused with
 * 422 at `/to`, through `/transfer` and through `/complete` alike, since the receiver would read
 * the case and complete the step. The transfer picker asks `GET /tasks/:id/transfer-targets`,
 * which lists exactly the eligible people.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'claims',
  name: 'Claims',
  version: '1.0.0',
  roles: [
    { key: 'adjuster', name: 'Adjuster' },
    { key: 'auditor', name: 'Auditor' },
    { key: 'cashier', name: 'Cashier' },
    { key: 'lead', name: 'Team lead', supervise: true },
    { key: 'tech', name: 'Technician' },
    { key: 'vip', name: 'VIP claimant', customer: true },
    { key: 'claimant', name: 'Claimant', customer: true },
  ],
  forms: [
    { key: 'claim', name: 'Claim', fields: [{ key: 'title', type: 'text', label: 'Title' }] },
    {
      key: 'job',
      name: 'Job',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'handler', type: 'user', label: 'Handler' },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'review',
      nodes: {
        // The rules name one customer role: still no customer may receive the step.
        review: {
          type: 'task',
          assignee: [{ role: 'adjuster' }, { role: 'vip' }],
          actions: ['submit', 'transfer'],
          next: 'confirm',
        },
        confirm: { type: 'task', assignee: { submitter: true }, actions: ['submit'], next: 'done' },
        done: { type: 'end' },
      },
    },
    {
      key: 'work',
      name: 'Work',
      form: 'job',
      trigger: { on: 'record.created' },
      start: 'fix',
      nodes: {
        // A user field picks the handler; the adjusters share the step.
        fix: {
          type: 'task',
          assignee: [{ field: 'handler' }, { role: 'adjuster' }],
          actions: ['submit', 'transfer'],
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

interface Person {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

let t: Built;
let adjuster: string;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function person(username: string, roles: string[]): Promise<void> {
  const { user, token } = await t.userWithRoles(username, roles);
  ids[username] = user.id;
  tokens[username] = token;
}

/** A new claim by `alice` and the id of its open review task. */
async function reviewTask(): Promise<{ recordId: string; taskId: string }> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps/claims/forms/claim/records',
    headers: bearer(tokens.alice!),
    payload: { data: { title: 'Broken' } },
  });
  expect(res.statusCode, res.body).toBe(201);
  const recordId = res.json<{ record: { id: string } }>().record.id;
  const inbox = await t.app.inject({
    method: 'GET',
    url: '/api/v1/tasks?status=open&limit=200',
    headers: bearer(adjuster),
  });
  return {
    recordId,
    taskId: inbox
      .json<{ items: { id: string; recordId: string }[] }>()
      .items.find((x) => x.recordId === recordId)!.id,
  };
}

/** A new job for `tech1` and the id of its open task, which tech1 and the adjusters share. */
async function fixTask(): Promise<string> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps/claims/forms/job/records',
    headers: bearer(adjuster),
    payload: { data: { title: 'Leak', handler: ids.tech1 } },
  });
  expect(res.statusCode, res.body).toBe(201);
  const recordId = res.json<{ record: { id: string } }>().record.id;
  const inbox = await t.app.inject({
    method: 'GET',
    url: '/api/v1/tasks?status=open&limit=200',
    headers: bearer(tokens.tech1!),
  });
  return inbox
    .json<{ items: { id: string; recordId: string }[] }>()
    .items.find((x) => x.recordId === recordId)!.id;
}

function transfer(taskId: string, to: string, token = adjuster) {
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/tasks/${taskId}/transfer`,
    headers: bearer(token),
    payload: { to },
  });
}

function targets(taskId: string, token = adjuster, q?: string) {
  return t.app.inject({
    method: 'GET',
    url: `/api/v1/tasks/${taskId}/transfer-targets${q ? `?q=${encodeURIComponent(q)}` : ''}`,
    headers: bearer(token),
  });
}

beforeAll(async () => {
  t = await build();
  const admin = await t.login('admin', ADMIN_PASSWORD);
  expect(
    (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/apps',
        headers: bearer(admin),
        payload: { bundle: BUNDLE },
      })
    ).statusCode,
  ).toBe(201);
  await person('adjuster', ['adjuster']);
  adjuster = tokens.adjuster!;
  await person('adjuster2', ['adjuster']);
  await person('auditor', ['auditor']);
  await person('cashier', ['cashier']);
  await person('lead', ['lead']);
  await person('tech1', ['tech']);
  await person('tech2', ['tech']);
  await person('alice', ['claimant']);
  await person('bob', ['claimant']);
  await person('victor', ['vip']);
  await person('outsider', ['other_app_role']);
  await person('gone', ['adjuster']);
  await t.store.updateUser(ids.gone!, { disabled: true });
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/tasks/:id/transfer: who may receive a task', () => {
  it('hands the task to another holder of the step’s role, who then works it', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, 'adjuster2')).statusCode).toBe(200);
    const done = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/complete`,
      headers: bearer(tokens.adjuster2!),
      payload: { action: 'submit' },
    });
    expect(done.statusCode, done.body).toBe(200);
  });

  it('hands it to a holder of a supervising role of the app', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, ids.lead!)).statusCode).toBe(200);
  });

  it('refuses staff of a role the step does not name (the cashier, the auditor) with 422 at /to', async () => {
    const { taskId } = await reviewTask();
    for (const to of [ids.cashier!, 'auditor']) {
      const res = await transfer(taskId, to);
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/to']);
    }
  });

  it('hands a task a user field assigned to a colleague of the same role, never to its current holder', async () => {
    const taskId = await fixTask();
    expect((await transfer(taskId, 'tech1')).statusCode).toBe(422);
    expect((await transfer(taskId, 'tech2')).statusCode).toBe(200);
  });

  it('refuses a customer with 422 at /to; the customer never gets the task nor reads the case', async () => {
    const { recordId, taskId } = await reviewTask();
    const res = await transfer(taskId, 'bob');
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/to']);
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks?status=open',
      headers: bearer(tokens.bob!),
    });
    expect(inbox.json<{ items: unknown[] }>().items).toEqual([]);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/api/v1/records/${recordId}`,
          headers: bearer(tokens.bob!),
        })
      ).statusCode,
    ).toBe(404);
    const steal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/complete`,
      headers: bearer(tokens.bob!),
      payload: { action: 'submit' },
    });
    expect(steal.statusCode).toBe(403);
  });

  it('refuses a customer through /complete with action transfer too', async () => {
    const { taskId } = await reviewTask();
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/tasks/${taskId}/complete`,
      headers: bearer(adjuster),
      payload: { action: 'transfer', to: ids.bob },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/to']);
  });

  it('refuses someone with no role of the app, a disabled colleague and an unknown name with the same answer', async () => {
    const { taskId } = await reviewTask();
    const answer = async (to: string) => {
      const res = await transfer(taskId, to);
      expect(res.statusCode, res.body).toBe(422);
      return JSON.stringify(res.json()).replaceAll(to, '<to>');
    };
    const unknown = await answer('nobody-at-all');
    expect(await answer('outsider')).toBe(unknown);
    expect(await answer('gone')).toBe(unknown);
    expect(await answer('alice')).toBe(unknown);
    expect(await answer('cashier')).toBe(unknown);
  });

  it('refuses a customer even when the step’s own rules name their role', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, 'victor')).statusCode).toBe(422);
  });

  it('leaves a task that is not yours at 403, whoever the receiver', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, 'adjuster2', tokens.auditor)).statusCode).toBe(403);
    expect((await transfer(taskId, 'bob', tokens.bob)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/tasks/:id/transfer-targets: the transfer picker', () => {
  it('lists the step’s role holders and the supervisors, never other staff, customers, outsiders, disabled users or oneself', async () => {
    const { taskId } = await reviewTask();
    const res = await targets(taskId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Person[]>().map((p) => [p.username, p.roles])).toEqual([
      ['adjuster2', ['adjuster']],
      ['lead', ['lead']],
    ]);
    expect((await targets(taskId, adjuster, 'LEA')).json<Person[]>().map((p) => p.username)).toEqual([
      'lead',
    ]);
  });

  it('does not offer the cashier for a desk step', async () => {
    const { taskId } = await reviewTask();
    const names = (await targets(taskId)).json<Person[]>().map((p) => p.username);
    expect(names).not.toContain('cashier');
    expect((await targets(taskId, adjuster, 'cash')).json<Person[]>()).toEqual([]);
  });

  it('offers the colleagues of a task’s user-assignee, never the assignee themself', async () => {
    const taskId = await fixTask();
    const asTech = await targets(taskId, tokens.tech1);
    expect(asTech.statusCode, asTech.body).toBe(200);
    expect(asTech.json<Person[]>().map((p) => p.username)).toEqual([
      'adjuster',
      'adjuster2',
      'lead',
      'tech2',
    ]);
    expect((await targets(taskId)).json<Person[]>().map((p) => p.username)).toEqual([
      'adjuster2',
      'lead',
      'tech2',
    ]);
  });

  it('is for the task’s assignees: others get 403, unknown tasks 404', async () => {
    const { taskId } = await reviewTask();
    expect((await targets(taskId, tokens.bob)).statusCode).toBe(403);
    expect((await targets(taskId, tokens.auditor)).statusCode).toBe(403);
    expect((await targets('no-such-task')).statusCode).toBe(404);
  });

  it('answers 422 for a step that cannot be transferred', async () => {
    const { taskId } = await reviewTask();
    expect(
      (
        await t.app.inject({
          method: 'POST',
          url: `/api/v1/tasks/${taskId}/complete`,
          headers: bearer(adjuster),
          payload: { action: 'submit' },
        })
      ).statusCode,
    ).toBe(200);
    const inbox = await t.app.inject({
      method: 'GET',
      url: '/api/v1/tasks?status=open&limit=200',
      headers: bearer(tokens.alice!),
    });
    const confirm = inbox
      .json<{ items: { id: string; node: string }[] }>()
      .items.find((x) => x.node === 'confirm')!;
    expect((await targets(confirm.id, tokens.alice)).statusCode).toBe(422);
  });
});
