/**
 * Numbers beyond what a field can mean: a technician's quote of 1e308 is refused at the field
 * (money holds at most a trillion unless the form says less), and values stored before numbers had
 * limits, whose sums overflow, still leave the dashboard answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;
let desk: string;
let tech: { user: { id: string }; token: string };
let supervisor: string;
let product: string;
let customer: string;

interface Problem {
  status: number;
  code: string;
  errors: { path: string; code?: string; message: string }[];
}

async function call(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(token),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function firstId(form: string): Promise<string> {
  const res = await call(admin, 'GET', `/api/v1/apps/after_sales/forms/${form}/records?limit=1`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ items: { id: string }[] }>().items[0]!.id;
}

/** A repair request out of warranty, taken in by the desk: the technician's quote task is open. */
async function requestAtQuote(): Promise<{ record: string; quoteTask: string }> {
  const created = await call(desk, 'POST', '/api/v1/apps/after_sales/forms/repair_request/records', {
    data: {
      customer,
      product,
      purchase_date: '2020-01-15',
      intake_channel: 'hotline',
      service_type: 'carry_in',
      fault_category: 'phone',
      description: 'Does not charge',
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const record = created.json<{ record: { id: string } }>().record.id;
  const taskOf = async (token: string, node: string) => {
    const res = await call(token, 'GET', '/api/v1/tasks?status=open');
    return res
      .json<{ items: { id: string; node: string; recordId: string }[] }>()
      .items.find((x) => x.recordId === record && x.node === node)!.id;
  };
  const intake = await call(desk, 'POST', `/api/v1/tasks/${await taskOf(desk, 'intake')}/complete`, {
    action: 'approve',
    data: { technician: tech.user.id },
  });
  expect(intake.statusCode, intake.body).toBe(200);
  return { record, quoteTask: await taskOf(tech.token, 'quote') };
}

/** Writes straight to the store, as data saved before the limits existed would be. */
async function storeDirectly(record: string, values: Record<string, unknown>): Promise<void> {
  const row = (await t.store.getRecord(record))!;
  await t.store.write((tx) => tx.updateRecord(record, { data: { ...row.data, ...values } }));
}

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', 'admin-password-1');
  expect((await call(admin, 'POST', '/api/v1/apps', { template: 'after_sales' })).statusCode).toBe(201);
  desk = (await t.userWithRoles('desk', ['service_desk'])).token;
  tech = await t.userWithRoles('tech', ['technician']);
  supervisor = (await t.userWithRoles('boss', ['supervisor'])).token;
  product = await firstId('products');
  customer = await firstId('customers');
});

afterAll(async () => {
  await t.close();
});

describe('numbers have bounds', () => {
  it('a quote of 1e308 answers 422 naming /quote_fee and its bound; nothing is stored', async () => {
    const { record, quoteTask } = await requestAtQuote();
    const res = await call(tech.token, 'POST', `/api/v1/tasks/${quoteTask}/complete`, {
      action: 'submit',
      data: { quote_fee: 1e308, quote_days: 3 },
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json<Problem>().errors).toEqual([
      { path: '/quote_fee', code: 'field.maximum', message: 'Must be at most 1000000000000' },
    ]);
    const stored = await call(admin, 'GET', `/api/v1/records/${record}`);
    expect(stored.json<{ record: { data: Record<string, unknown> } }>().record.data).not.toHaveProperty(
      'quote_fee',
    );
    const fair = await call(tech.token, 'POST', `/api/v1/tasks/${quoteTask}/complete`, {
      action: 'submit',
      data: { quote_fee: 999_999_999_999.99, quote_days: 3 },
    });
    expect(fair.statusCode, fair.body).toBe(200);
  });

  it('a dashboard over huge values stored before the limits, whose sums overflow, still answers', async () => {
    // Two requests in each of two weeks before today, every one 1e308 minutes late: each week's average overflows.
    const now = t.clock.now().getTime(); // 2026-01-05, 17:00 in Shanghai
    const hour = 3_600_000;
    for (const at of [now - 26 * hour, now - 25 * hour, now - 194 * hour, now - 193 * hour]) {
      t.clock.set(new Date(at));
      const { record } = await requestAtQuote();
      await storeDirectly(record, {
        first_response_minutes: 1e308,
        quote_fee: 1e308,
        payment_amount: 1e308,
        paid_at: new Date(at).toISOString(),
        in_warranty: false,
      });
    }
    t.clock.set(new Date(now));
    const res = await call(
      supervisor,
      'GET',
      '/api/v1/apps/after_sales/dashboards/service_overview/data?from=2025-12-29&to=2026-01-04',
    );
    expect(res.statusCode, res.body).toBe(200);
    const widgets = res.json<{
      widgets: {
        key: string;
        total?: number | null;
        change?: number | null;
        series?: { data: (number | null)[] }[];
      }[];
    }>().widgets;
    const late = widgets.find((w) => w.key === 'avg_first_response')!;
    expect(late.total).toBeNull();
    expect(late.change ?? null).toBeNull();
    expect(widgets.find((w) => w.key === 'revenue_share')!.series![0]!.data[0]).toBeNull();
    expect(widgets.find((w) => w.key === 'revenue_total')!.total).toBeNull();
  });
});
