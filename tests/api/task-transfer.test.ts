/**
 * Transfers hand a task to a colleague: someone who holds a role the step's assignee rules name,
 * or a staff role of the app (a role that is not a customer role). A customer, a user of no role
 * of the app, or a disabled user is refused with 422 at `/to`, through `/transfer` and through
 * `/complete` alike, since the receiver would read the case and complete a staff step. The
 * transfer picker asks `GET /tasks/:id/transfer-targets`, which lists exactly the eligible people.
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
    { key: 'vip', name: 'VIP claimant', customer: true },
    { key: 'claimant', name: 'Claimant', customer: true },
  ],
  forms: [{ key: 'claim', name: 'Claim', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'review',
      nodes: {
        // The rules name one customer role: its holders may receive the step, other customers not.
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

  it('hands it to staff of another role of the app', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, ids.auditor!)).statusCode).toBe(200);
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
  });

  it('accepts a customer only when the step’s own rules name their role', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, 'victor')).statusCode).toBe(200);
  });

  it('leaves a task that is not yours at 403, whoever the receiver', async () => {
    const { taskId } = await reviewTask();
    expect((await transfer(taskId, 'adjuster2', tokens.auditor)).statusCode).toBe(403);
    expect((await transfer(taskId, 'bob', tokens.bob)).statusCode).toBe(403);
  });
});

describe('GET /api/v1/tasks/:id/transfer-targets: the transfer picker', () => {
  it('lists the step’s role holders and the app’s staff, never other customers, outsiders, disabled users or oneself', async () => {
    const { taskId } = await reviewTask();
    const res = await targets(taskId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<Person[]>().map((p) => [p.username, p.roles])).toEqual([
      ['adjuster2', ['adjuster']],
      ['auditor', ['auditor']],
      ['victor', ['vip']],
    ]);
    expect((await targets(taskId, adjuster, 'AUD')).json<Person[]>().map((p) => p.username)).toEqual([
      'auditor',
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
