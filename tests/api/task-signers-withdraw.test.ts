/**
 * 加签, 撤回 and an event's staff fallback through the HTTP API:
 * - `POST /tasks/:id/add-signer {user, position, comment}` adds a colleague before (they act first,
 *   the task waits) or after (they act once it is completed); the person must be someone the task
 *   could be transferred to (`GET /tasks/:id/signer-targets` lists them), never a customer;
 * - `POST /tasks/:id/withdraw` (the completed task's id) takes a step back while the next one is
 *   untouched, for whoever completed it only;
 * - a task at an `event` node is its fallback: the cashier resolves the wait by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'claims',
  name: 'Claims',
  version: '1.0.0',
  roles: [
    { key: 'desk', name: 'Desk' },
    { key: 'manager', name: 'Manager' },
    { key: 'finance', name: 'Finance' },
    { key: 'cashier', name: 'Cashier' },
    { key: 'claimant', name: 'Claimant', customer: true },
  ],
  forms: [
    {
      key: 'claim',
      name: 'Claim',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'note', type: 'textarea', label: 'Note' },
        { key: 'pay_ref', type: 'text', label: 'Payment reference' },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'claim',
      trigger: { on: 'record.created' },
      start: 'intake',
      nodes: {
        intake: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['submit', 'withdraw'],
          fields: { editable: ['note'] },
          next: 'review',
        },
        review: {
          type: 'task',
          assignee: { role: 'manager' },
          actions: ['approve', 'reject', 'addSigner', 'withdraw'],
          fields: { editable: ['note'] },
          onApprove: 'pay',
          onReject: 'intake',
        },
        pay: {
          type: 'event',
          name: 'payment.confirmed',
          fields: ['pay_ref'],
          fallback: {
            assignee: { role: 'cashier' },
            name: { en: 'Confirm by hand', zh: '人工确认收款' },
            fields: { visible: ['title', 'pay_ref'], required: ['pay_ref'] },
          },
          next: 'done',
        },
        done: { type: 'end', outcome: 'paid' },
      },
    },
  ],
  dashboards: [],
};

interface TaskView {
  id: string;
  node: string;
  status: string;
  iteration: number;
  assignees: ({ user: string } | { role: string })[];
  actions: string[];
  fields: { visible: string[]; editable: string[]; required: string[] };
  nodeName: string;
  signer?: { position: string; by: string };
  waitingFor?: string[];
  signersAfter?: string[];
  withdrawable?: boolean;
}
interface View {
  record: { id: string; data: Record<string, unknown> };
  instance: {
    id: string;
    status: string;
    outcome?: string;
    activeNodes: string[];
    tasks: TaskView[];
    history: { type: string; actor: string; comment?: string; detail?: Record<string, unknown> }[];
  };
}

let t: Built;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

async function person(username: string, roles: string[]): Promise<void> {
  const { user, token } = await t.userWithRoles(username, roles);
  ids[username] = user.id;
  tokens[username] = token;
}

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(tokens[who]!),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

async function view(who: string, recordId: string): Promise<View> {
  const res = await call(who, 'GET', `/records/${recordId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}

const openAt = (v: View, node: string, signer = false) =>
  v.instance.tasks.find((x) => x.node === node && x.status === 'open' && Boolean(x.signer) === signer)!;

/** A claim filed by the claimant, its intake submitted by `desk`: the review is open. */
async function atReview(): Promise<{ recordId: string; intake: string; review: string }> {
  const res = await call('claimant', 'POST', '/apps/claims/forms/claim/records', {
    data: { title: 'Broken phone' },
  });
  expect(res.statusCode, res.body).toBe(201);
  const recordId = res.json<View>().record.id;
  const intake = openAt(await view('desk', recordId), 'intake').id;
  expect(
    (
      await call('desk', 'POST', `/tasks/${intake}/complete`, {
        action: 'submit',
        data: { note: 'receipt attached' },
      })
    ).statusCode,
  ).toBe(200);
  return { recordId, intake, review: openAt(await view('boss', recordId), 'review').id };
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
  await person('desk', ['desk']);
  await person('desk2', ['desk']);
  await person('boss', ['manager']);
  await person('fin', ['finance']);
  await person('cash', ['cashier']);
  await person('claimant', ['claimant']);
  await person('other_claimant', ['claimant']);
});

afterAll(async () => {
  await t.close();
});

describe('POST /api/v1/tasks/:id/add-signer (加签)', () => {
  it('before: the signer acts first while the manager waits; the history keeps the comment', async () => {
    const { recordId, review } = await atReview();
    const res = await call('boss', 'POST', `/tasks/${review}/add-signer`, {
      user: 'fin',
      position: 'before',
      comment: 'Is the budget there?',
    });
    expect(res.statusCode, res.body).toBe(200);
    let v = res.json<View>();
    const mine = v.instance.tasks.find((x) => x.id === review)!;
    expect(mine).toMatchObject({ waitingFor: [ids.fin], actions: [] });
    const signer = openAt(v, 'review', true);
    expect(signer).toMatchObject({
      assignees: [{ user: ids.fin }],
      signer: { position: 'before', by: ids.boss },
      actions: ['approve', 'reject'],
    });
    expect(v.instance.history.find((h) => h.type === 'task.signer_added')).toMatchObject({
      actor: ids.boss,
      comment: 'Is the budget there?',
      detail: { position: 'before', user: ids.fin },
    });

    const early = await call('boss', 'POST', `/tasks/${review}/complete`, { action: 'approve' });
    expect(early.statusCode, early.body).toBe(422);
    const inbox = (await call('fin', 'GET', '/tasks?status=open')).json<{ items: TaskView[] }>().items;
    expect(inbox.map((x) => x.id)).toContain(signer.id);
    expect(
      (
        await call('fin', 'POST', `/tasks/${signer.id}/complete`, {
          action: 'approve',
          comment: 'Budget is there',
        })
      ).statusCode,
    ).toBe(200);
    v = await view('boss', recordId);
    expect(v.instance.tasks.find((x) => x.id === review)).toMatchObject({
      status: 'open',
      actions: ['approve', 'reject', 'addSigner'],
    });
    expect(v.instance.tasks.find((x) => x.id === review)!.waitingFor).toBeUndefined();
    const done = await call('boss', 'POST', `/tasks/${review}/complete`, { action: 'approve' });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json<View>().instance.activeNodes).toEqual(['pay']);
  });

  it('after: the signer acts once the manager approves, then the flow moves on', async () => {
    const { recordId, review } = await atReview();
    const added = await call('boss', 'POST', `/tasks/${review}/add-signer`, {
      user: ids.fin,
      position: 'after',
      comment: 'Finance signs too',
    });
    expect(added.json<View>().instance.tasks.find((x) => x.id === review)).toMatchObject({
      signersAfter: [ids.fin],
    });
    const approved = await call('boss', 'POST', `/tasks/${review}/complete`, { action: 'approve' });
    expect(approved.json<View>().instance.activeNodes).toEqual(['review']);
    const signer = openAt(await view('fin', recordId), 'review', true);
    expect(signer.signer).toEqual({ position: 'after', by: ids.boss });
    const last = await call('fin', 'POST', `/tasks/${signer.id}/complete`, { action: 'approve' });
    expect(last.json<View>().instance.activeNodes).toEqual(['pay']);
  });

  it('lists and accepts colleagues only: never a customer, an unknown name or oneself; a comment is required', async () => {
    const { review } = await atReview();
    const targets = await call('boss', 'GET', `/tasks/${review}/signer-targets`);
    expect(targets.statusCode, targets.body).toBe(200);
    const names = targets.json<{ username: string }[]>().map((p) => p.username);
    expect(names).toEqual(expect.arrayContaining(['desk', 'fin', 'cash']));
    expect(names).not.toContain('claimant');
    expect(names).not.toContain('boss');
    for (const user of ['claimant', 'nobody-at-all']) {
      const res = await call('boss', 'POST', `/tasks/${review}/add-signer`, {
        user,
        position: 'before',
        comment: 'x',
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/user']);
    }
    expect(
      (
        await call('boss', 'POST', `/tasks/${review}/add-signer`, {
          user: 'fin',
          position: 'before',
          comment: '',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('boss', 'POST', `/tasks/${review}/add-signer`, {
          user: 'fin',
          position: 'beside',
          comment: 'x',
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await call('desk', 'POST', `/tasks/${review}/add-signer`, {
          user: 'fin',
          position: 'before',
          comment: 'x',
        })
      ).statusCode,
    ).toBe(403);
    // A step that does not list addSigner offers no signers.
    const { recordId } = await atReview();
    const intake2 = (await view('desk', recordId)).instance.tasks.find((x) => x.node === 'intake')!;
    expect((await call('desk', 'GET', `/tasks/${intake2.id}/signer-targets`)).statusCode).toBe(409);
  });

  it('a customer never sees who signs a staff step', async () => {
    const { recordId, review } = await atReview();
    await call('boss', 'POST', `/tasks/${review}/add-signer`, {
      user: 'fin',
      position: 'before',
      comment: 'check',
    });
    const v = await view('claimant', recordId);
    for (const task of v.instance.tasks) {
      expect(task.waitingFor).toBeUndefined();
      expect(task.signer).toBeUndefined();
      expect(task.assignees).toEqual([]);
    }
    expect(v.instance.history.some((h) => h.type === 'task.signer_added')).toBe(false);
  });
});

describe('POST /api/v1/tasks/:id/withdraw (撤回)', () => {
  it('takes the intake back while the review is untouched: the review is cancelled, the intake reopens', async () => {
    const { recordId, intake, review } = await atReview();
    expect((await view('desk', recordId)).instance.tasks.find((x) => x.id === intake)).toMatchObject({
      status: 'done',
      withdrawable: true,
    });
    expect(
      (await view('desk2', recordId)).instance.tasks.find((x) => x.id === intake)!.withdrawable,
    ).toBeUndefined();
    expect((await call('desk2', 'POST', `/tasks/${intake}/withdraw`, {})).statusCode).toBe(403);
    expect((await call('desk', 'POST', `/tasks/${review}/withdraw`, {})).statusCode).toBe(422);

    const res = await call('desk', 'POST', `/tasks/${intake}/withdraw`, {
      comment: 'forgot the serial number',
    });
    expect(res.statusCode, res.body).toBe(200);
    const v = res.json<View>();
    expect(v.instance.activeNodes).toEqual(['intake']);
    expect(v.instance.tasks.find((x) => x.id === review)!.status).toBe('cancelled');
    expect(openAt(v, 'intake')).toMatchObject({ iteration: 2, assignees: [{ role: 'desk' }] });
    expect(v.record.data.note).toBe('receipt attached');
    expect(v.instance.history.find((h) => h.type === 'task.withdrawn')).toMatchObject({
      actor: ids.desk,
      comment: 'forgot the serial number',
      detail: { taskId: intake, cancelled: [review] },
    });
    expect((await t.store.getTask(review))!.status).toBe('cancelled');
    // Twice is once too many.
    expect((await call('desk', 'POST', `/tasks/${intake}/withdraw`, {})).statusCode).toBe(422);
  });

  it('is refused once the next step has been acted on, and for a task still open', async () => {
    const { intake, review } = await atReview();
    expect(
      (
        await call('boss', 'POST', `/tasks/${review}/add-signer`, {
          user: 'fin',
          position: 'after',
          comment: 'x',
        })
      ).statusCode,
    ).toBe(200);
    const res = await call('desk', 'POST', `/tasks/${intake}/withdraw`, {});
    expect(res.statusCode, res.body).toBe(422);
    expect((await call('boss', 'POST', `/tasks/${review}/withdraw`, {})).statusCode).toBe(422);
  });
});

describe('an event node’s fallback task', () => {
  async function atPayment(): Promise<{ recordId: string; instanceId: string }> {
    const { recordId, review } = await atReview();
    const res = await call('boss', 'POST', `/tasks/${review}/complete`, { action: 'approve' });
    const v = res.json<View>();
    expect(v.instance.activeNodes).toEqual(['pay']);
    return { recordId, instanceId: v.instance.id };
  }

  it('the cashier resolves the wait by hand with the fields the fallback allows', async () => {
    const { recordId, instanceId } = await atPayment();
    const inbox = (await call('cash', 'GET', '/tasks?status=open&limit=200')).json<{
      items: (TaskView & { recordId: string })[];
    }>().items;
    const task = inbox.find((x) => x.node === 'pay' && x.recordId === recordId)!;
    expect(task).toMatchObject({
      nodeName: 'Confirm by hand',
      actions: ['submit'],
      fields: { visible: ['title', 'pay_ref'], editable: ['pay_ref'], required: ['pay_ref'] },
    });
    expect(
      (await call('cash', 'POST', `/tasks/${task.id}/complete`, { action: 'submit', data: {} })).statusCode,
    ).toBe(422);
    const res = await call('cash', 'POST', `/tasks/${task.id}/complete`, {
      action: 'submit',
      data: { pay_ref: 'POS-17' },
      comment: 'paid in cash',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<View>().instance).toMatchObject({ status: 'done', outcome: 'paid' });
    expect((await view('cash', recordId)).record.data.pay_ref).toBe('POS-17');
    const late = await t.app.inject({
      method: 'POST',
      url: `/api/v1/instances/${instanceId}/events`,
      headers: bearer(tokens.cash!),
      payload: { name: 'payment.confirmed', payload: { pay_ref: 'WX-1' } },
    });
    expect(late.statusCode).toBe(409);
  });

  it('the event arriving first cancels the fallback task', async () => {
    const { recordId, instanceId } = await atPayment();
    const fallback = openAt(await view('cash', recordId), 'pay');
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/v1/instances/${instanceId}/events`,
      headers: bearer(tokens.cash!),
      payload: { name: 'payment.confirmed', payload: { pay_ref: 'WX-2' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((await t.store.getTask(fallback.id))!.status).toBe('cancelled');
    expect(
      (
        await call('cash', 'POST', `/tasks/${fallback.id}/complete`, {
          action: 'submit',
          data: { pay_ref: 'X' },
        })
      ).statusCode,
    ).toBe(409);
  });
});
