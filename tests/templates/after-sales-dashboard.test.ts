/**
 * The after-sales service overview shows what was actually charged. Jobs are run through the
 * HTTP API (an online payment, a cash payment at the desk, one in warranty, one declined), then
 * every revenue figure of the dashboard is compared with sums this test computes itself from
 * the records: the amount paid of each paid request. A job's quote, parts and labour are one
 * charge, never added up (that once showed ¥900 where ¥450 was collected).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.js';

const DAY = 86_400_000;
const URL = '/api/v1/apps/after_sales/dashboards/service_overview/data';

interface Widget {
  key: string;
  labels?: string[];
  keys?: (string | number | null)[];
  series?: { label: string; data: (number | null)[] }[];
  columns?: { key: string; label: string }[];
  total?: number | null;
}

let h: Harness;
let customer: string;
let products: { id: string; data: { category: string } }[];

beforeAll(async () => {
  h = await startHarness();
  customer = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=5')
  ).json<{ items: { id: string }[] }>().items[0]!.id;
  products = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: typeof products }>().items;
});

afterAll(async () => {
  await h?.close();
});

/** An out-of-warranty (or, `ageDays` small, in-warranty) request accepted by the desk for the technician. */
async function accepted(category: string, ageDays = 1500): Promise<string> {
  const product = products.find((p) => p.data.category === category)!;
  const { record } = await h.create('customer', 'after_sales', 'repair_request', {
    customer,
    product: product.id,
    purchase_date: new Date(h.clock.now().getTime() - ageDays * DAY).toISOString().slice(0, 10),
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: category,
    description: 'Broken',
  });
  await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
    action: 'approve',
    data: { technician: await h.userId('tech') },
  });
  return record.id;
}

async function quoted(id: string, fee: number, method: string): Promise<void> {
  await h.complete('tech', await h.openTask('tech', id, 'quote'), {
    action: 'submit',
    data: { quote_fee: fee, quote_days: 2 },
  });
  await h.complete('customer', await h.openTask('customer', id, 'customer_decision'), {
    action: 'approve',
    data: { payment_method: method },
  });
}

async function repaired(id: string, parts: number, labour: number): Promise<void> {
  await h.complete('tech', await h.openTask('tech', id, 'repair'), {
    action: 'submit',
    data: {
      diagnosis: 'Replaced',
      parts: [{ part_name: 'Board', qty: 1, unit_price: parts }],
      labour_fee: labour,
    },
  });
}

async function dashboard(lang?: 'en' | 'zh-CN'): Promise<Widget[]> {
  const res = await h.call('supervisor', 'GET', URL, undefined, lang ? { 'x-flowcase-language': lang } : {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ widgets: Widget[] }>().widgets;
}

const widget = (widgets: Widget[], key: string): Widget => widgets.find((w) => w.key === key)!;

describe('after_sales · service overview', () => {
  it('shows as revenue exactly the amounts paid, by product category and in total', async () => {
    // ¥450 paid online for a phone whose repair used ¥300 of parts and ¥150 of labour.
    const phone = await accepted('phone');
    await quoted(phone, 450, 'wechat_pay');
    const instance = (await h.view('admin', phone)).instance.id;
    const paid = await h.call(
      'admin',
      'POST',
      `/api/v1/instances/${instance}/events`,
      {
        name: 'payment.confirmed',
        payload: { payment_amount: 450, payment_method: 'wechat_pay', payment_reference: 'WX-1' },
      },
      { 'idempotency-key': 'dash-1' },
    );
    expect(paid.statusCode, paid.body).toBe(200);
    await repaired(phone, 300, 150);
    // ¥300 in cash at the desk for a laptop.
    const laptop = await accepted('laptop');
    await quoted(laptop, 300, 'cash');
    await h.complete('cashier', await h.openTask('cashier', laptop, 'payment'), {
      action: 'submit',
      data: { payment_amount: 300, payment_method: 'cash' },
    });
    // Nothing is charged in warranty, nor for a declined quote.
    const inWarranty = await accepted('tablet', 30);
    await repaired(inWarranty, 80, 40);
    const declined = await accepted('phone');
    await h.complete('tech', await h.openTask('tech', declined, 'quote'), {
      action: 'submit',
      data: { quote_fee: 999, quote_days: 2 },
    });
    await h.complete('customer', await h.openTask('customer', declined, 'customer_decision'), {
      action: 'reject',
    });

    // The figures, from the records alone: what each paid request's customer paid.
    const records = (
      await h.call('admin', 'GET', '/api/v1/apps/after_sales/forms/repair_request/records?limit=500')
    ).json<{ items: { data: Record<string, unknown> }[] }>().items;
    const paidRecords = records.filter((r) => typeof r.data.paid_at === 'string');
    const total = paidRecords.reduce((s, r) => s + (r.data.payment_amount as number), 0);
    const byCategory = new Map<string, number>();
    for (const r of paidRecords)
      byCategory.set(
        r.data.fault_category as string,
        (byCategory.get(r.data.fault_category as string) ?? 0) + (r.data.payment_amount as number),
      );
    expect(total).toBe(750);

    const widgets = await dashboard('en');
    expect(widget(widgets, 'revenue_total').total).toBe(total);
    const pie = widget(widgets, 'revenue_share');
    expect(Object.fromEntries(pie.keys!.map((k, i) => [k, pie.series![0]!.data[i]]))).toEqual(
      Object.fromEntries(byCategory),
    );
    expect(pie.labels).toEqual(
      pie.keys!.map((k) => ({ phone: 'Mobile phone', laptop: 'Laptop' })[k as string]),
    );
    expect(pie.series![0]!.label).toBe('Collected');
    const monthly = widget(widgets, 'revenue_by_month');
    expect(monthly.series![0]!.data.reduce<number>((s, v) => s + (v ?? 0), 0)).toBe(total);
  });

  it('names every figure once, in the language on screen', async () => {
    const zh = await dashboard('zh-CN');
    const names = zh.flatMap((w) => [
      ...(w.labels ?? []),
      ...(w.series ?? []).map((s) => s.label),
      ...(w.columns ?? []).map((c) => c.label),
    ]);
    expect(names.filter((n) => /合计合计|总计合计/.test(n))).toEqual([]);
    expect(widget(zh, 'revenue_share').series![0]!.label).toBe('实收金额');
    expect(widget(zh, 'technician_performance').columns!.map((c) => c.label)).toEqual([
      '维修工程师',
      '完工单数',
      '平均处理时长',
      '平均满意度',
    ]);
    const en = await dashboard('en');
    expect(widget(en, 'technician_performance').columns!.map((c) => c.label)).toEqual([
      'Technician',
      'Jobs done',
      'Average resolution time',
      'Average satisfaction',
    ]);
    // Chart series and category labels carry no Chinese in English.
    const english = en.flatMap((w) => [
      ...(w.labels ?? []),
      ...(w.series ?? []).map((s) => s.label),
      ...(w.columns ?? []).map((c) => c.label),
    ]);
    expect(english.filter((n) => /[\u4e00-\u9fff]/.test(n) && !/星辰|清风|净澈/.test(n))).toEqual([]);
  });
});
