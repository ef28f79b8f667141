/**
 * A notification as the customer reads it in `GET /api/v1/notifications`: in their language,
 * select values as their labels, linked records by name, and the text as written (the app escapes
 * on display, so `<` arrives as `<`, never as `&lt;`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let desk: string;

interface Row {
  id: string;
  data: Record<string, unknown>;
}

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res;
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

/** A customer in `language` with their own customer record files a request the desk rejects. */
async function rejectedRequest(
  username: string,
  language: 'en' | 'zh-CN',
  name: string,
): Promise<{ token: string; rma: string; product: string }> {
  const { user, token } = await t.userWithRoles(username, ['customer']);
  await t.store.updateUser(user.id, { language });
  const own = await call(desk, 'POST', '/api/v1/apps/after_sales/forms/customers/records', {
    data: { name, phone: '+86 138-0000-0002', tier: 'regular', account: user.id },
  });
  const product = (await call(token, 'GET', '/api/v1/apps/after_sales/forms/products/records'))
    .json<{ items: Row[] }>()
    .items.find((p) => p.data.category === 'phone')!;
  const created = await call(token, 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
    data: {
      customer: own.json<{ record: Row }>().record.id,
      product: product.id,
      purchase_date: '2020-01-01',
      intake_channel: 'online_shop',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'Cracked',
    },
  });
  const record = created.json<{ record: Row }>().record;
  const tasks = (await call(desk, 'GET', '/api/v1/tasks?status=open&limit=100')).json<{
    items: { id: string; recordId: string; node: string }[];
  }>().items;
  const intake = tasks.find((task) => task.recordId === record.id && task.node === 'intake')!;
  await call(desk, 'POST', `/api/v1/tasks/${intake.id}/complete`, {
    action: 'reject',
    comment: 'Screens < 5" & "water" damage',
  });
  await deliver();
  return { token, rma: String(record.data.rma_no), product: String(product.data.name) };
}

async function noticeBody(token: string): Promise<string> {
  const notes = (await call(token, 'GET', '/api/v1/notifications')).json<{ body: string }[]>();
  expect(notes).toHaveLength(1);
  return notes[0]!.body;
}

beforeAll(async () => {
  t = await build();
  const admin = await t.login('admin', 'admin-password-1');
  await call(admin, 'POST', '/api/v1/apps', { template: 'after_sales' });
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
});

afterAll(async () => {
  await t.close();
});

describe('the rejection notice of a repair request', () => {
  it('reads in English with the fault category’s label and the customer’s and product’s names', async () => {
    const { token, rma, product } = await rejectedRequest('ann', 'en', 'Ann Archer');
    expect(await noticeBody(token)).toBe(
      `Dear Ann Archer, we are sorry: your repair request ${rma} (${product}, Mobile phone) could not be accepted. Reason: Screens < 5" & "water" damage`,
    );
  });

  it('reads in Chinese for a customer whose language is Chinese', async () => {
    const { token, rma, product } = await rejectedRequest('bo', 'zh-CN', '白波');
    expect(await noticeBody(token)).toBe(
      `白波，您好！很抱歉，您的售后服务单 ${rma}（${product}，手机）未能受理。原因：Screens < 5" & "water" damage`,
    );
  });
});
