/**
 * Every path of the after-sales repair flow through the HTTP API, each step by the role the
 * template gives it: in and out of warranty, intake rejected, quote declined, payment by the
 * `payment.confirmed` event (once per Idempotency-Key) or by the cashier (short online payment,
 * time-out), on-site repair, QA sending the work back twice, dispatch, and the intake SLA breach.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapless, startHarness, type Harness, type RecordView } from './helpers/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let h: Harness;
let customers: { id: string; data: Record<string, unknown> }[];
let products: { id: string; data: { category: string; warranty_months: number } }[];

beforeAll(async () => {
  h = await startHarness();
  // What the demo customer's relation pickers offer: their own customer record (linked to their
  // account on the first start) and the whole product catalogue.
  customers = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=50')
  ).json<{ items: typeof customers }>().items;
  products = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: typeof products }>().items;
  expect(customers.map((c) => c.data.account)).toEqual([await h.userId('customer')]);
  expect(products.length).toBeGreaterThan(1);
});

afterAll(async () => {
  await h?.close();
});

function product(category: string): { id: string; data: { category: string; warranty_months: number } } {
  return products.find((p) => p.data.category === category)!;
}

/** A request filed by `who`, bought `ageDays` ago (the phone has a 12-month warranty). */
async function request(who: string, extra: Record<string, unknown> = {}, ageDays = 900): Promise<RecordView> {
  const p = product((extra.fault_category as string | undefined) ?? 'phone');
  const purchase = new Date(h.clock.now().getTime() - ageDays * DAY).toISOString().slice(0, 10);
  const view = await h.create(who, 'after_sales', 'repair_request', {
    customer: customers[0]!.id,
    product: p.id,
    purchase_date: purchase,
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: p.data.category,
    description: 'Does not charge',
    ...extra,
  });
  expect(view.instance.activeNodes).toEqual(['intake']);
  expect(view.record.data.status).toBe('submitted');
  return view;
}

async function noticesFor(username: string, recordId: string): Promise<string[]> {
  await h.drain();
  return (await h.notifications(username)).filter((n) => n.recordId === recordId).map((n) => n.body);
}

describe('after_sales · repair', () => {
  it('in warranty: desk → technician → QA → shipper → notice with courier and tracking → survey after three days', async () => {
    const { record } = await request('customer', {}, 30);
    expect(record.data.in_warranty).toBe(true);
    const tech = await h.userId('tech');
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: tech },
    });
    // Straight to repair: no quote, no payment.
    expect(await h.hasTask('tech', record.id, 'quote')).toBe(false);
    const repair = await h.openTask('tech', record.id, 'repair');
    expect(await h.hasTask('cashier', record.id, 'repair')).toBe(false);
    let view = await h.complete('tech', repair, {
      action: 'submit',
      data: { diagnosis: 'Loose connector', parts: [], labour_fee: 0 },
    });
    expect(view.record.data.status).toBe('repairing');
    await h.complete('qa', await h.openTask('qa', record.id, 'qa'), {
      action: 'approve',
      data: { qa_result: 'pass' },
    });
    view = await h.complete('shipper', await h.openTask('shipper', record.id, 'ship'), {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF1000000001' },
    });
    expect(view.instance.activeNodes).toEqual(['survey_wait']);
    expect(view.record.data.status).toBe('awaiting_survey');
    // The demo customer reads Chinese: the courier by its label, not the stored `sf`.
    const notes = await noticesFor('customer', record.id);
    expect(notes.some((b) => b.includes('快递公司：顺丰速运，快递单号：SF1000000001'))).toBe(true);
    // One completion notice in-app: the completion e-mail goes to the customer's address, not again to their inbox.
    expect(notes.filter((b) => b.includes('SF1000000001'))).toHaveLength(1);

    expect(await h.hasTask('customer', record.id, 'survey')).toBe(false);
    h.advance(3 * DAY + 1000);
    await h.drain();
    view = await h.complete('customer', await h.openTask('customer', record.id, 'survey'), {
      action: 'submit',
      data: { rating: 5, comment: '很好' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'completed' });
    // The customer sees only their survey's fields; the desk sees the whole record.
    const full = await h.view('admin', record.id);
    expect(full.record.data).toMatchObject({ status: 'closed', rating: 5, courier: 'sf' });
    expect(full.record.data.closed_at).toBeTruthy();
    expect(full.record.data.resolution_hours).toEqual(expect.any(Number));
    expectGapless(full.instance.history);
  });

  it('intake rejected: the customer is told why', async () => {
    const { record } = await request('customer');
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'reject',
      comment: 'Water damage is not covered',
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(view.record.data.status).toBe('rejected');
    expect(
      (await noticesFor('customer', record.id)).some((b) => b.includes('Water damage is not covered')),
    ).toBe(true);
    expectGapless(view.instance.history);
  });

  it('out of warranty, carry-in quote declined: the customer decides, the shipper sends the device back unrepaired, then the case closes', async () => {
    const { record } = await request('customer');
    expect(record.data.in_warranty).toBe(false);
    // The desk assigns the technician at intake (a customer may not pick one: not in their creation set).
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 480, quote_days: 3 },
    });
    expect((await noticesFor('customer', record.id)).length).toBeGreaterThan(0); // the quote notice
    // The customer and the desk both hold the decision; the customer takes it.
    expect(await h.hasTask('desk', record.id, 'customer_decision')).toBe(true);
    let view = await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'reject',
      data: { decline_reason: 'Too expensive' },
    });
    expect((await h.view('admin', record.id)).record.data).toMatchObject({
      status: 'declined',
      quote_accepted: 'decline',
      decline_reason: 'Too expensive',
    });
    expect((await noticesFor('customer', record.id)).some((b) => b.includes('Too expensive'))).toBe(true);
    expect(await h.hasTask('desk', record.id, 'customer_decision')).toBe(false);
    // The device was carried in: the shipper sends it back unrepaired before the case closes.
    expect(view.instance).toMatchObject({ status: 'active', activeNodes: ['return_device'] });
    expect(view.record.data.closed_at ?? null).toBeNull();
    const back = await h.openTask('shipper', record.id, 'return_device');
    expect(back.fields.editable).toEqual(['courier', 'tracking_number']);
    expect(back.data).toMatchObject({ decline_reason: 'Too expensive', quote_fee: 480 });
    view = await h.complete('shipper', back, {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF2000000002' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'declined' });
    expect(view.record.data).toMatchObject({
      status: 'declined',
      courier: 'sf',
      tracking_number: 'SF2000000002',
    });
    expect(view.record.data.closed_at).toBeTruthy();
    expect(
      (await noticesFor('customer', record.id)).some(
        (b) => b.includes('SF2000000002') && b.includes('顺丰速运'),
      ),
    ).toBe(true);
    expectGapless(view.instance.history);
  });

  it('out of warranty, on-site quote declined: nothing to send back, the case closes at once', async () => {
    const { record } = await request(
      'customer',
      { fault_category: 'air_conditioner', service_type: 'on_site' },
      2400,
    );
    expect(record.data.in_warranty).toBe(false);
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 260, quote_days: 1 },
    });
    const view = await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'reject',
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'declined' });
    expect(view.record.data.closed_at).toBeTruthy();
    expect(await h.hasTask('shipper', record.id, 'return_device')).toBe(false);
  });

  it('out of warranty, paid by a payment.confirmed event delivered once per Idempotency-Key', async () => {
    const { record, instance } = await request('customer');
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 300, quote_days: 2 },
    });
    let view = await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'approve',
      data: { payment_method: 'wechat_pay' },
    });
    expect(view.instance.activeNodes).toEqual(['await_payment']);
    expect(view.record.data.status).toBe('awaiting_payment');

    const event = {
      name: 'payment.confirmed',
      payload: { payment_amount: 300, payment_method: 'wechat_pay', payment_reference: 'WX-42' },
    };
    const first = await h.call('admin', 'POST', `/api/v1/instances/${instance.id}/events`, event, {
      'idempotency-key': 'pay-42',
    });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      instanceId: instance.id,
      status: 'active',
      activeNodes: ['repair'],
    });
    const again = await h.call('admin', 'POST', `/api/v1/instances/${instance.id}/events`, event, {
      'idempotency-key': 'pay-42',
    });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    // A new key for the same event is refused: the flow no longer waits for it.
    const late = await h.call('admin', 'POST', `/api/v1/instances/${instance.id}/events`, event, {
      'idempotency-key': 'pay-43',
    });
    expect(late.statusCode).toBe(409);

    view = await h.view('admin', record.id);
    expect(view.record.data).toMatchObject({
      payment_amount: 300,
      payment_method: 'wechat_pay',
      payment_reference: 'WX-42',
      status: 'repairing',
      quote_accepted: 'accept',
    });
    expect(view.record.data.paid_at).toBeTruthy();
    expect(await h.hasTask('cashier', record.id, 'payment')).toBe(false);
    const paid = view.instance.history.find((e) => e.node === 'await_payment' && e.changes);
    expect(paid?.changes).toEqual(
      expect.arrayContaining([{ field: 'payment_reference', from: null, to: 'WX-42' }]),
    );
    await h.openTask('tech', record.id, 'repair');
    expectGapless(view.instance.history);
  });

  it('a short online payment goes to the cashier, who takes the rest', async () => {
    const { record, instance } = await request('customer');
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 500, quote_days: 2 },
    });
    await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'approve',
      data: { payment_method: 'alipay' },
    });
    const res = await h.call(
      'admin',
      'POST',
      `/api/v1/instances/${instance.id}/events`,
      {
        name: 'payment.confirmed',
        payload: { payment_amount: 200, payment_method: 'alipay', payment_reference: 'ALI-1' },
      },
      { 'idempotency-key': 'ali-1' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ activeNodes: ['payment'] });
    const payment = await h.openTask('cashier', record.id, 'payment');
    expect(payment.data).toMatchObject({ payment_amount: 200, payment_reference: 'ALI-1' });
    expect(payment.data).not.toHaveProperty('diagnosis');
    const view = await h.complete('cashier', payment, {
      action: 'submit',
      data: { payment_amount: 500, payment_method: 'cash', payment_reference: 'POS-9' },
    });
    expect(view.instance.activeNodes).toEqual(['repair']);
    expect(view.record.data).toMatchObject({ status: 'repairing', payment_amount: 500 });
  });

  it('a hotline case the desk files for a customer with a portal account follows that customer: their list, notices, quote decision and survey', async () => {
    const { record } = await request('desk', { intake_channel: 'hotline' });
    expect((await h.view('admin', record.id)).record.data.customer_account).toBe(await h.userId('customer'));
    const mine = (
      await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/repair_request/records?limit=100')
    ).json<{ items: { id: string }[] }>().items;
    expect(mine.map((r) => r.id)).toContain(record.id);
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 200, quote_days: 2 },
    });
    expect((await noticesFor('customer', record.id)).length).toBeGreaterThan(0);
    expect(await noticesFor('desk', record.id)).toEqual([]);
    // The customer decides on the quote themselves (the desk still may, for a customer on the phone).
    await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'reject',
      data: { decline_reason: 'Too expensive' },
    });
    expect((await h.view('admin', record.id)).record.data).toMatchObject({
      quote_accepted: 'decline',
      decline_reason: 'Too expensive',
    });
    expect((await noticesFor('customer', record.id)).some((b) => b.includes('Too expensive'))).toBe(true);
    expect(await noticesFor('desk', record.id)).toEqual([]);
  });

  it('no payment confirmation within a day: the cashier task takes over and a late event is refused', async () => {
    const { record, instance } = await request('desk', {
      technician: await h.userId('tech'),
      intake_channel: 'hotline',
    });
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), { action: 'approve' });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 120, quote_days: 1 },
    });
    // A hotline customer: the desk is the submitter and decides for them.
    await h.complete('desk', await h.openTask('desk', record.id, 'customer_decision'), {
      action: 'approve',
      data: { payment_method: 'wechat_pay' },
    });
    h.advance(DAY + 1000);
    await h.drain();
    const payment = await h.openTask('cashier', record.id, 'payment');
    const late = await h.call(
      'admin',
      'POST',
      `/api/v1/instances/${instance.id}/events`,
      { name: 'payment.confirmed', payload: { payment_amount: 120 } },
      { 'idempotency-key': 'late-1' },
    );
    expect(late.statusCode).toBe(409);
    expect(late.json()).toMatchObject({ type: expect.stringContaining('') });
    const view = await h.complete('cashier', payment, {
      action: 'submit',
      data: { payment_amount: 120, payment_method: 'card' },
    });
    expect(view.instance.activeNodes).toEqual(['repair']);
  });

  it('the gateway never reports an online payment: two hours later the cashier confirms it by hand, and the case goes on', async () => {
    const { record, instance } = await request('customer');
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 260, quote_days: 2 },
    });
    await h.complete('customer', await h.openTask('customer', record.id, 'customer_decision'), {
      action: 'approve',
      data: { payment_method: 'alipay' },
    });
    expect(await h.hasTask('cashier', record.id, 'await_payment')).toBe(false);
    h.advance(2 * HOUR + 1000);
    await h.drain();
    const fallback = await h.openTask('cashier', record.id, 'await_payment');
    expect(fallback).toMatchObject({
      nodeName: expect.stringMatching(/人工确认线上收款|Confirm the online payment by hand/),
      actions: ['submit'],
    });
    expect(fallback.fields.required).toEqual(['payment_amount', 'payment_reference']);
    expect(fallback.data).not.toHaveProperty('diagnosis');
    const missing = await h.call('cashier', 'POST', `/api/v1/tasks/${fallback.id}/complete`, {
      action: 'submit',
      data: { payment_amount: 260 },
    });
    expect(missing.statusCode).toBe(422);
    const view = await h.complete('cashier', fallback, {
      action: 'submit',
      data: { payment_amount: 260, payment_reference: 'ALI-HAND-7' },
      comment: 'Alipay receipt shown at the counter',
    });
    expect(view.instance.activeNodes).toEqual(['repair']);
    expect(view.record.data).toMatchObject({
      status: 'repairing',
      payment_amount: 260,
      payment_reference: 'ALI-HAND-7',
      payment_method: 'alipay',
    });
    expect(view.instance.history.map((e) => e.type)).toEqual(expect.arrayContaining(['event.resolved']));
    // The wait is over: the gateway's late event and the day's timeout change nothing.
    const late = await h.call(
      'admin',
      'POST',
      `/api/v1/instances/${instance.id}/events`,
      { name: 'payment.confirmed', payload: { payment_amount: 260 } },
      { 'idempotency-key': 'late-hand-1' },
    );
    expect(late.statusCode).toBe(409);
    h.advance(DAY);
    await h.drain();
    expect(await h.hasTask('cashier', record.id, 'payment')).toBe(false);
  });

  it('on-site repair with no technician at intake: dispatch, 48-hour SLA, QA returns it twice, no shipping', async () => {
    const { record } = await request(
      'customer',
      { fault_category: 'air_conditioner', service_type: 'on_site' },
      30,
    );
    expect(record.data.in_warranty).toBe(true);
    await h.complete('desk', await h.openTask('desk', record.id, 'intake'), { action: 'approve' });
    const dispatch = await h.openTask('desk', record.id, 'dispatch');
    await h.complete('desk', dispatch, { action: 'submit', data: { technician: await h.userId('tech') } });

    const first = await h.openTask('tech', record.id, 'repair_on_site');
    expect(first.iteration).toBe(1);
    const due = Date.parse((first as unknown as { dueAt: string }).dueAt) - h.clock.now().getTime();
    expect(due).toBe(48 * HOUR);
    await h.complete('tech', first, {
      action: 'submit',
      data: { diagnosis: 'Low refrigerant', parts: [{ part_name: 'R32 (kg)', qty: 1, unit_price: 90 }] },
    });
    // QA returns it to the on-site repair node...
    // A return needs a reason: it is the QA note, which the reopened repair task shows the technician.
    const qa1 = await h.openTask('qa', record.id, 'qa');
    expect(
      (
        await h.call('qa', 'POST', `/api/v1/tasks/${qa1.id}/complete`, {
          action: 'return',
          returnTo: 'repair_on_site',
          data: { qa_result: 'fail' },
        })
      ).statusCode,
    ).toBe(422);
    await h.complete('qa', qa1, {
      action: 'return',
      returnTo: 'repair_on_site',
      data: { qa_result: 'fail' },
      comment: 'Still warm air',
    });
    const second = await h.openTask('tech', record.id, 'repair_on_site');
    expect(second.iteration).toBe(2);
    expect(second.data.qa_note).toBe('Still warm air');
    await h.complete('tech', second, { action: 'submit', data: { diagnosis: 'Leak found and brazed' } });
    // ...and rejects it once more (back through repair_route, which picks on-site again).
    const qa2 = await h.openTask('qa', record.id, 'qa');
    expect(qa2.iteration).toBe(2);
    await h.complete('qa', qa2, { action: 'reject', data: { qa_result: 'fail' }, comment: 'Pressure drops' });
    const third = await h.openTask('tech', record.id, 'repair_on_site');
    expect(third.iteration).toBe(3);
    await h.complete('tech', third, {
      action: 'submit',
      data: {
        diagnosis: 'Valve replaced',
        parts: [{ part_name: 'Valve', qty: 1, unit_price: 65 }],
        labour_fee: 0,
      },
    });
    const view = await h.complete('qa', await h.openTask('qa', record.id, 'qa'), {
      action: 'approve',
      data: { qa_result: 'pass' },
    });
    // On-site jobs skip the shipper.
    expect(view.instance.activeNodes).toEqual(['survey_wait']);
    expect(await h.hasTask('shipper', record.id, 'ship')).toBe(false);
    expect(view.record.data).toMatchObject({ status: 'awaiting_survey', repair_total: 65 });
    const repairs = view.instance.history.filter(
      (e) => e.type === 'task.completed' && e.node === 'repair_on_site',
    );
    expect(
      repairs.length === 3 ||
        view.instance.history.filter((e) => e.node === 'repair_on_site' && e.action === 'submit').length ===
          3,
    ).toBe(true);
    expect(await noticesFor('customer', record.id)).not.toHaveLength(0);
    expectGapless(view.instance.history);
  });

  it('an intake left for more than an hour breaches its SLA and reaches the supervisor', async () => {
    const { record } = await request('customer');
    expect(await h.hasTask('supervisor', record.id, 'intake')).toBe(false);
    h.advance(61 * 60_000);
    await h.drain();
    const task = await h.openTask('supervisor', record.id, 'intake');
    expect(task.breached).toBe(true);
    expect(task.assignees).toEqual(
      expect.arrayContaining([{ role: 'service_desk' }, { role: 'supervisor' }]),
    );
    const view = await h.view('admin', record.id);
    expect(view.instance.history.map((e) => e.type)).toEqual(
      expect.arrayContaining(['sla.reminded', 'sla.breached']),
    );
    const done = await h.complete('supervisor', task, {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    expect(done.record.data.intake_within_sla).toBe(0);
    expect(done.record.data.first_response_minutes).toBe(61);
  });
});
