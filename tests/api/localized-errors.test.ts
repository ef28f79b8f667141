/**
 * Errors speak the reader's language: the problem's title, detail and problems come in the
 * language on screen (`X-Flowcase-Language`), else the account's. A Chinese reader gets the
 * thrower's Chinese words, or the catalogue's Chinese title where there are none; never English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../runtime/auth/passwords.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE = {
  format: 'flowcase/app@1',
  key: 'notes',
  name: 'Notes',
  version: '1.0.0',
  roles: [{ key: 'desk', name: { en: 'Desk', zh: '前台' } }],
  forms: [
    {
      key: 'note',
      name: { en: 'Note', zh: '便签' },
      fields: [
        { key: 'title', type: 'text', label: { en: 'Title', zh: '标题' } },
        { key: 'remark', type: 'text', label: { en: 'Remark', zh: '备注' } },
        { key: 'owner', type: 'user', label: { en: 'Owner', zh: '负责人' } },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'note',
      trigger: { on: 'record.created' },
      start: 'check',
      nodes: {
        check: {
          type: 'task',
          assignee: { role: 'desk' },
          actions: ['submit'],
          backfill: ['remark'],
          next: 'done',
        },
        done: { type: 'end' },
      },
    },
  ],
  dashboards: [],
};

interface ProblemBody {
  title: string;
  detail?: string;
  code: string;
  errors: { path: string; code?: string; message: string }[];
}

let t: Built;
const tokens: Record<string, string> = {};
let recordId = '';
const CJK = /[\u4e00-\u9fff]/;

async function call(
  who: string | undefined,
  method: 'GET' | 'POST',
  url: string,
  payload?: unknown,
  language?: string,
) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: {
      ...(who ? bearer(tokens[who]!) : {}),
      ...(language ? { 'x-flowcase-language': language } : {}),
    },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

beforeAll(async () => {
  t = await build();
  tokens.admin = await t.login('admin', ADMIN_PASSWORD);
  expect((await call('admin', 'POST', '/apps', { bundle: BUNDLE })).statusCode).toBeLessThan(300);
  tokens.desk = (await t.userWithRoles('desk', ['desk'])).token;
  // A desk clerk whose account is in Chinese.
  await t.store.createUser({
    username: 'wang',
    displayName: '王',
    passwordHash: await hashPassword('wang-password-1'),
    roles: ['desk'],
    language: 'zh-CN',
  });
  tokens.wang = await t.login('wang', 'wang-password-1');
  const created = await call('desk', 'POST', '/apps/notes/forms/note/records', {
    data: { title: 'Call back' },
  });
  expect(created.statusCode, created.body).toBe(201);
  recordId = created.json<{ record: { id: string } }>().record.id;
  const view = await call('desk', 'GET', `/records/${recordId}`);
  const task = view.json<{ instance: { tasks: { id: string }[] } }>().instance.tasks[0]!;
  expect((await call('desk', 'POST', `/tasks/${task.id}/complete`, { action: 'submit' })).statusCode).toBe(
    200,
  );
});

afterAll(async () => {
  await t?.close();
});

describe('errors in the reader language', () => {
  it('a backfill without fields is refused in the language on screen', async () => {
    const en = await call('desk', 'POST', `/records/${recordId}/backfill`, { node: 'check', data: {} }, 'en');
    expect(en.statusCode).toBe(422);
    expect(en.json<ProblemBody>()).toMatchObject({
      title: 'The data is invalid',
      detail: 'Send at least one field to backfill.',
    });

    const zh = await call(
      'desk',
      'POST',
      `/records/${recordId}/backfill`,
      { node: 'check', data: {} },
      'zh-CN',
    );
    expect(zh.statusCode).toBe(422);
    expect(zh.json<ProblemBody>()).toMatchObject({
      code: 'FC_VALIDATION_FAILED',
      title: '数据有误',
      detail: '请至少修改一个字段再补录。',
      errors: [{ path: '/data', message: '请至少修改一个字段再补录。' }],
    });
  });

  it("without the header, the account's language decides", async () => {
    const res = await call('wang', 'POST', `/records/${recordId}/backfill`, { node: 'check', data: {} });
    expect(res.json<ProblemBody>().detail).toBe('请至少修改一个字段再补录。');
    // The header (the language on screen) wins over the account's.
    const en = await call('wang', 'POST', `/records/${recordId}/backfill`, { node: 'check', data: {} }, 'en');
    expect(en.json<ProblemBody>().detail).toBe('Send at least one field to backfill.');
  });

  it("an error with no Chinese words of its own reads as the catalogue's Chinese title", async () => {
    const res = await call('wang', 'GET', '/records/no-such-record');
    expect(res.statusCode).toBe(404);
    const body = res.json<ProblemBody>();
    expect(body).toMatchObject({ code: 'FC_NOT_FOUND', title: '未找到', detail: '未找到' });
    expect(body.errors.every((e) => CJK.test(e.message))).toBe(true);
    // Signed out, the screen's language still applies.
    const anonymous = await call(undefined, 'GET', '/tasks', undefined, 'zh-CN');
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json<ProblemBody>()).toMatchObject({ title: '请先登录', detail: '请先登录' });
  });

  it('every problem of a write is worded in Chinese: the form’s and the server’s own', async () => {
    const res = await call(
      'desk',
      'POST',
      '/apps/notes/forms/note/records',
      { data: { title: 42, owner: 'nobody' } },
      'zh-CN',
    );
    expect(res.statusCode).toBe(422);
    const body = res.json<ProblemBody>();
    expect(body.errors.map((e) => e.path).sort()).toEqual(['/owner', '/title']);
    for (const text of [body.title, body.detail ?? '', ...body.errors.map((e) => e.message)])
      expect(text).toMatch(CJK);
    expect(body.errors.find((e) => e.path === '/owner')?.message).toBe('该用户不存在或已停用');
  });
});
