/**
 * Finding records and tasks by what people see: a record list's `q` searches the fields its
 * reader may read (text, option labels, the linked customer's or product's name), a filter may ask
 * for text containing a value, every listed record and task names its linked records and people
 * (`display`), and the inbox's `q` finds a task by its customer's name. A customer's search never
 * looks into fields hidden from them, and search text is data, never SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../templates/helpers/harness.js';

const DAY = 86_400_000;
const LIST = '/api/v1/apps/after_sales/forms/repair_request/records';

interface Listed {
  id: string;
  data: Record<string, unknown>;
  display?: Record<string, string>;
}

let h: Harness;
let customers: { id: string; data: { name: string } }[];
let products: { id: string; data: { name: string; category: string } }[];
/** Requests by the name of their customer. */
const requests = new Map<string, string>();

async function list(
  user: string,
  query: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Listed[]> {
  const res = await h.call(
    user,
    'GET',
    `${LIST}?${new URLSearchParams({ limit: '500', ...query }).toString()}`,
    undefined,
    headers,
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: Listed[] }>().items;
}

async function inbox(
  user: string,
  q?: string,
): Promise<{ recordId: string; node: string; display?: Record<string, string> }[]> {
  const res = await h.call(user, 'GET', `/api/v1/tasks?limit=100${q ? `&q=${encodeURIComponent(q)}` : ''}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { recordId: string; node: string; display?: Record<string, string> }[] }>().items;
}

beforeAll(async () => {
  h = await startHarness();
  customers = (
    await h.call('desk', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=50')
  ).json<{ items: typeof customers }>().items;
  products = (await h.call('desk', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')).json<{
    items: typeof products;
  }>().items;
  const phone = products.find((p) => p.data.category === 'phone')!;
  const laptop = products.find((p) => p.data.category === 'laptop')!;
  // The desk files by phone for three customers; the portal customer files one for themselves.
  for (const [name, product, service] of [
    ['王建国', phone, 'carry_in'],
    ['李晓梅', laptop, 'on_site'],
    ['张伟', phone, 'carry_in'],
  ] as const) {
    const customer = customers.find((c) => c.data.name === name)!;
    const view = await h.create('desk', 'after_sales', 'repair_request', {
      customer: customer.id,
      product: product.id,
      purchase_date: new Date(h.clock.now().getTime() - 900 * DAY).toISOString().slice(0, 10),
      intake_channel: 'hotline',
      service_type: service,
      fault_category: product.data.category,
      description: `${name}: screen flickers 50%_off`,
    });
    requests.set(name, view.record.id);
  }
});

afterAll(async () => {
  await h?.close();
});

describe('record lists: search, text filters, display names', () => {
  it("finds requests by the linked customer's name, and names customer and product on every row", async () => {
    const found = await list('desk', { q: '李晓' });
    expect(found.map((r) => r.id)).toEqual([requests.get('李晓梅')]);
    expect(found[0]!.display).toMatchObject({
      customer: '李晓梅',
      product: products.find((p) => p.data.category === 'laptop')!.data.name,
    });
    // Every listed row names its links, searched or not.
    for (const r of await list('desk', {}))
      expect(r.display?.customer).toBe(customers.find((c) => c.id === r.data.customer)?.data.name);
  });

  it('finds by text fields, option labels in either language and case, and combines with a filter', async () => {
    expect((await list('desk', { q: 'FLICKERS' })).length).toBeGreaterThanOrEqual(3);
    const onSite = await list('desk', { q: '上门' });
    expect(onSite.map((r) => r.id)).toEqual([requests.get('李晓梅')]);
    expect((await list('desk', { q: 'on-site' })).map((r) => r.id)).toEqual([requests.get('李晓梅')]);
    const both = await list('desk', {
      q: 'flickers',
      filter: JSON.stringify({ '==': [{ var: 'service_type' }, 'carry_in'] }),
    });
    expect(both.map((r) => r.id).sort()).toEqual([requests.get('王建国'), requests.get('张伟')].sort());
    // A column filter: text containing a value.
    const contains = await list('desk', {
      filter: JSON.stringify({ in: ['张伟:', { var: 'description' }] }),
    });
    expect(contains.map((r) => r.id)).toEqual([requests.get('张伟')]);
  });

  it('takes search text as data: wildcards are characters, quotes are text, nothing matches nothing', async () => {
    expect((await list('desk', { q: '50%_off' })).length).toBeGreaterThanOrEqual(3);
    expect(await list('desk', { q: '5%f' })).toEqual([]);
    expect(await list('desk', { q: "' or 1=1 --" })).toEqual([]);
    expect(await list('desk', { q: 'no such words anywhere' })).toEqual([]);
  });

  it("never looks into fields hidden from a customer, nor at other customers' requests", async () => {
    const mine = await h.create('customer', 'after_sales', 'repair_request', {
      customer: customers[0]!.id,
      product: products.find((p) => p.data.category === 'phone')!.id,
      purchase_date: new Date(h.clock.now().getTime() - 900 * DAY).toISOString().slice(0, 10),
      intake_channel: 'online_shop',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'Battery swells',
    });
    await h.complete('desk', await h.openTask('desk', mine.record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', mine.record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 90, quote_days: 1 },
    });
    await h.complete('customer', await h.openTask('customer', mine.record.id, 'customer_decision'), {
      action: 'approve',
      data: { payment_method: 'cash' },
    });
    await h.complete('cashier', await h.openTask('cashier', mine.record.id, 'payment'), {
      action: 'submit',
      data: { payment_amount: 90, payment_method: 'cash' },
    });
    await h.complete('tech', await h.openTask('tech', mine.record.id, 'repair'), {
      action: 'submit',
      data: { diagnosis: 'Internal swollen cell K9X' },
    });
    // Staff find the internal diagnosis; the customer, who may not read it, does not.
    expect((await list('desk', { q: 'K9X' })).map((r) => r.id)).toEqual([mine.record.id]);
    expect(await list('customer', { q: 'K9X' })).toEqual([]);
    expect((await list('customer', { q: 'swells' })).map((r) => r.id)).toEqual([mine.record.id]);
    // Another customer's request, named in the search, stays out of sight.
    expect(await list('customer', { q: '张伟' })).toEqual([]);
    const own = await list('customer', { q: customers[0]!.data.name });
    expect(own.map((r) => r.id)).toContain(mine.record.id);
    expect(own.every((r) => r.data.customer === customers[0]!.id)).toBe(true);
  });

  it('exports what a search lists', async () => {
    const res = await h.call(
      'desk',
      'GET',
      `/api/v1/apps/after_sales/forms/repair_request/export?format=csv&q=${encodeURIComponent('李晓梅')}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    const lines = res.body.trim().split(/\r?\n/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('李晓梅');
  });
});

describe('the inbox: display names and search', () => {
  it("names each task's customer and product, within the fields its step shows", async () => {
    const tasks = (await inbox('desk')).filter(
      (t) => t.node === 'intake' && [...requests.values()].includes(t.recordId),
    );
    expect(tasks).toHaveLength(3);
    for (const t of tasks) {
      const name = [...requests].find(([, id]) => id === t.recordId)![0];
      expect(t.display).toMatchObject({ customer: name });
      expect(t.display?.product).toBeTruthy();
    }
  });

  it("finds a task by its customer's name, its step or a shown value", async () => {
    expect((await inbox('desk', '王建')).map((t) => t.recordId)).toEqual([requests.get('王建国')]);
    expect((await inbox('desk', '受理')).length).toBeGreaterThanOrEqual(3);
    expect(await inbox('desk', 'nobody by this name')).toEqual([]);
  });
});
