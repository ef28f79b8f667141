/**
 * 抄送 and 催办 in the flagship template: an escalated repair intake (past its hour) is copied to
 * the supervisor, besides making them an assignee, so it stays in their 抄送我的 tab after the desk
 * acts; a complaint's remedy notice is copied to the supervisor with the fields it reads. The
 * customer urges their open intake (the desk is reminded) and the supervisor, who supervises the
 * app, may too; the technician may not; twice within the hour is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let ownCustomer: string;
let product: { id: string; data: { category: string } };

interface Copy {
  recordId: string;
  node: string;
  nodeName: string;
  reason: string;
  fields: string[];
  data: Record<string, unknown>;
}

beforeAll(async () => {
  h = await startHarness();
  ownCustomer = (await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records')).json<{
    items: { id: string }[];
  }>().items[0]!.id;
  product = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: (typeof product)[] }>().items[0]!;
});
afterAll(async () => {
  await h?.close();
});

async function repairRequest(): Promise<string> {
  const view = await h.create('customer', 'after_sales', 'repair_request', {
    customer: ownCustomer,
    product: product.id,
    purchase_date: '2024-01-10',
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: product.data.category,
    description: 'Screen flickers',
  });
  return view.record.id;
}

async function copies(username: string, recordId: string): Promise<Copy[]> {
  const res = await h.call(username, 'GET', '/api/v1/copies?status=all&limit=200');
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Copy[] }>().items.filter((c) => c.recordId === recordId);
}

describe('after_sales · 抄送 to the supervisor', () => {
  it('a repair intake that breaches its SLA is copied to the supervisor, and stays there after the desk acts', async () => {
    const id = await repairRequest();
    expect(await copies('supervisor', id)).toEqual([]);
    h.advance(61 * 60_000);
    await h.drain();
    const [copy, ...more] = await copies('supervisor', id);
    expect(more).toEqual([]);
    expect(copy).toMatchObject({ node: 'intake', nodeName: '受理', reason: 'sla.breach' });
    expect(copy!.fields).toEqual(expect.arrayContaining(['rma_no', 'customer', 'product', 'description']));
    await h.complete('desk', await h.openTask('desk', id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    expect(await copies('supervisor', id)).toHaveLength(1);
    // Other staff are not copied.
    expect(await copies('desk', id)).toEqual([]);
  });

  it("a complaint's remedy notice is copied to the supervisor with the fields the notice reads", async () => {
    const { record } = await h.create('customer', 'after_sales', 'complaint', {
      customer: ownCustomer,
      category: 'delay',
      severity: 'low',
      description: 'Too slow',
    });
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), { action: 'approve' });
    await h.complete('tech', await h.openTask('tech', record.id, 'handle'), {
      action: 'submit',
      data: { remedy: 'Explained the delay' },
    });
    const [copy] = await copies('supervisor', record.id);
    expect(copy).toMatchObject({
      node: 'notify_remedy',
      reason: 'node',
      data: expect.objectContaining({ remedy: 'Explained the delay' }),
    });
    expect(copy!.fields).toEqual(
      expect.arrayContaining(['complaint_no', 'category', 'remedy', 'compensation']),
    );
  });
});

describe('after_sales · 催办', () => {
  it('the customer urges their intake once an hour; the supervisor may urge, the technician may not', async () => {
    const id = await repairRequest();
    const intake = await h.openTask('desk', id, 'intake');
    const url = `/api/v1/tasks/${intake.id}/urge`;
    expect((await h.call('tech', 'POST', url, {})).statusCode).toBe(403);
    const urged = await h.call('customer', 'POST', url, { comment: '请尽快处理' });
    expect(urged.statusCode, urged.body).toBe(200);
    await h.drain();
    const titles = (await h.notifications('desk')).filter((n) => n.recordId === id).map((n) => n.title);
    expect(titles.some((title) => title.includes('催办：受理'))).toBe(true);
    const again = await h.call('supervisor', 'POST', url, {});
    expect(again.statusCode).toBe(429);
    h.advance(60 * 60_000);
    expect((await h.call('supervisor', 'POST', url, {})).statusCode).toBe(200);
  });
});
