/**
 * Transfers in the flagship template, as a service team expects them: the desk's intake goes to
 * another clerk or the supervisor, never the cashier, the shipper or the customer; the technician
 * a case names hands his step to a fellow technician or the supervisor, never back to himself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let recordId: string;

beforeAll(async () => {
  h = await startHarness();
  const customer = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records')
  ).json<{
    items: { id: string }[];
  }>().items[0]!.id;
  const product = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: { id: string; data: { category: string } }[] }>().items[0]!;
  recordId = (
    await h.create('customer', 'after_sales', 'repair_request', {
      customer,
      product: product.id,
      purchase_date: '2024-01-10',
      intake_channel: 'online_shop',
      service_type: 'carry_in',
      fault_category: product.data.category,
      description: 'Screen flickers',
    })
  ).record.id;
});
afterAll(async () => {
  await h?.close();
});

async function targets(username: string, taskId: string): Promise<string[]> {
  const res = await h.call(username, 'GET', `/api/v1/tasks/${taskId}/transfer-targets`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ username: string }[]>().map((p) => p.username);
}

describe('after_sales · whom a task may be transferred to', () => {
  it("the desk's intake is offered to the supervisor only; the cashier is refused at /to", async () => {
    const intake = await h.openTask('desk', recordId, 'intake');
    expect(await targets('desk', intake.id)).toEqual(['supervisor']);
    for (const to of ['cashier', 'shipper', 'customer']) {
      const res = await h.call('desk', 'POST', `/api/v1/tasks/${intake.id}/transfer`, { to });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.json<{ errors: { path: string }[] }>().errors.map((e) => e.path)).toEqual(['/to']);
    }
  });

  it("the technician's step goes to a technician or the supervisor, never back to its holder", async () => {
    await h.complete('desk', await h.openTask('desk', recordId, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    // In warranty the case goes straight to repair, else to the quote: both are the technician's.
    const step = (await h.hasTask('tech', recordId, 'quote')) ? 'quote' : 'repair';
    const quote = await h.openTask('tech', recordId, step);
    // The supervisor, who holds no task here, is offered; the technician is the only one of his role.
    expect(await targets('tech', quote.id)).toEqual(['supervisor']);
    const created = await h.call('admin', 'POST', '/api/v1/users', {
      username: 'tech2',
      displayName: '李工',
      password: 'tech2-password-long',
      roles: ['technician'],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(await targets('tech', quote.id)).toEqual(['supervisor', 'tech2']);
  });
});
