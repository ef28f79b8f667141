/**
 * A step's field lists through the server: a field the step may edit is shown and a field it
 * requires is editable, whatever the node lists. A desk step with `editable: ["installer"],
 * required: ["installer"]` and no `installer` in `visible` shows the field in its task view and
 * answers 422 at `/installer` while it is empty, instead of moving the case on with it blank; a
 * customer's own step that may edit a field it forgot to list as visible lets them read it back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'installs',
  name: 'Installations',
  version: '1.0.0',
  roles: [
    { key: 'desk', name: 'Desk' },
    { key: 'installer', name: 'Installer' },
    { key: 'customer', name: 'Customer', customer: true },
  ],
  forms: [
    {
      key: 'install',
      name: 'Installation',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'installer', type: 'user', label: 'Installer' },
        { key: 'contact_phone', type: 'phone', label: 'Contact phone' },
      ],
      access: [{ roles: ['customer'], create: ['title'] }],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'install',
      trigger: { on: 'record.created' },
      start: 'assign',
      nodes: {
        assign: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['submit'],
          fields: { visible: ['title'], editable: ['installer'], required: ['installer'] },
          next: 'confirm',
        },
        confirm: {
          type: 'task',
          assignee: { submitter: true },
          actions: ['submit'],
          fields: { visible: ['title'], editable: ['contact_phone'], required: ['contact_phone'] },
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

interface TaskView {
  id: string;
  node: string;
  recordId: string;
  fields: { visible: string[]; editable: string[]; required: string[] };
}

let t: Built;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

function call(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(tokens[who]!),
    ...(payload ? { payload } : {}),
  });
}

async function openTask(who: string, recordId: string, node: string): Promise<TaskView> {
  const res = await call(who, 'GET', '/tasks?status=open&limit=200');
  const task = res
    .json<{ items: TaskView[] }>()
    .items.find((x) => x.recordId === recordId && x.node === node);
  expect(task, `${who} has no open ${node} task`).toBeDefined();
  return task!;
}

beforeAll(async () => {
  t = await build();
  const admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(admin),
    payload: { bundle: BUNDLE },
  });
  expect(res.statusCode, res.body).toBe(201);
  for (const [name, roles] of Object.entries({
    desk1: ['desk'],
    inst1: ['installer'],
    cust1: ['customer'],
  })) {
    const { user, token } = await t.userWithRoles(name, roles);
    tokens[name] = token;
    ids[name] = user.id;
  }
});

afterAll(async () => {
  await t?.close();
});

describe("a step's field lists, through the server", () => {
  it('shows and requires a required field the node left out of visible and editable: 422 at its path, then on', async () => {
    const created = await call('cust1', 'POST', '/apps/installs/forms/install/records', {
      data: { title: 'Wall box' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const recordId = created.json<{ record: { id: string } }>().record.id;

    const assign = await openTask('desk1', recordId, 'assign');
    expect(assign.fields).toEqual({
      visible: ['title', 'installer'],
      editable: ['installer'],
      required: ['installer'],
    });

    const empty = await call('desk1', 'POST', `/tasks/${assign.id}/complete`, { action: 'submit' });
    expect(empty.statusCode).toBe(422);
    expect(
      empty.json<{ errors: { path: string; code: string }[] }>().errors.map((e) => `${e.path} ${e.code}`),
    ).toEqual(['/installer field.required']);
    expect((await openTask('desk1', recordId, 'assign')).id).toBe(assign.id);

    const done = await call('desk1', 'POST', `/tasks/${assign.id}/complete`, {
      action: 'submit',
      data: { installer: ids.inst1 },
    });
    expect(done.statusCode, done.body).toBe(200);
    const record = await call('desk1', 'GET', `/records/${recordId}`);
    expect(record.json<{ record: { data: Record<string, unknown> } }>().record.data.installer).toBe(
      ids.inst1,
    );
  });

  it("lets a customer read back the field their own step made them fill in, though the step's visible list forgot it", async () => {
    const created = await call('cust1', 'POST', '/apps/installs/forms/install/records', {
      data: { title: 'Heat pump' },
    });
    const recordId = created.json<{ record: { id: string } }>().record.id;
    const assign = await openTask('desk1', recordId, 'assign');
    await call('desk1', 'POST', `/tasks/${assign.id}/complete`, {
      action: 'submit',
      data: { installer: ids.inst1 },
    });

    const confirm = await openTask('cust1', recordId, 'confirm');
    expect(confirm.fields.visible).toContain('contact_phone');
    const blank = await call('cust1', 'POST', `/tasks/${confirm.id}/complete`, { action: 'submit' });
    expect(blank.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual([
      '/contact_phone',
    ]);
    const ok = await call('cust1', 'POST', `/tasks/${confirm.id}/complete`, {
      action: 'submit',
      data: { contact_phone: '13800138000' },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const mine = await call('cust1', 'GET', `/records/${recordId}`);
    expect(mine.json<{ record: { data: Record<string, unknown> } }>().record.data).toMatchObject({
      title: 'Heat pump',
      contact_phone: '13800138000',
    });
  });
});
