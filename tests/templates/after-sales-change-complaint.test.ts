/**
 * The after-sales app's other two flows over HTTP: a customer-data change request the desk
 * approves (the flow itself updates the customer record; the history shows old and new values)
 * or rejects, and complaints: low severity straight to the remedy, high severity through the
 * supervisor (who sends it back to the handler once), intake rejection, the follow-up survey.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapless, startHarness, type Harness } from './helpers/harness.js';

const DAY = 86_400_000;
let h: Harness;
let customerIds: string[];
/** The demo customer's own customer record (linked to their account on the first start). */
let ownId: string;

beforeAll(async () => {
  h = await startHarness();
  const res = await h.call('admin', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=50');
  customerIds = res.json<{ items: { id: string }[] }>().items.map((c) => c.id);
  const own = await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records');
  ownId = own.json<{ items: { id: string }[] }>().items[0]!.id;
});

afterAll(async () => {
  await h?.close();
});

async function customer(id: string): Promise<Record<string, unknown>> {
  const res = await h.call('admin', 'GET', `/api/v1/records/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ record: { data: Record<string, unknown> } }>().record.data;
}

describe('after_sales · customer data change', () => {
  it('approved by the desk: the flow updates the customer record, the history shows old → new', async () => {
    const id = ownId;
    const before = await customer(id);
    const newAddress = {
      province: '上海市',
      city: '上海市',
      district: '徐汇区',
      street: '漕溪北路 18 号',
      postcode: '200030',
    };
    const { record } = await h.create('customer', 'after_sales', 'customer_change', {
      customer: id,
      new_phone: '+86 139-0000-1111',
      new_address: newAddress,
      reason: '搬家了 / moved',
    });
    expect(await h.hasTask('customer', record.id, 'review')).toBe(false);
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'review'), {
      action: 'approve',
      data: { review_note: 'Verified by phone' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'applied' });

    const after = await customer(id);
    expect(after).toMatchObject({
      phone: '+86 139-0000-1111',
      address: newAddress,
      name: before.name,
      tier: before.tier,
    });
    // A value the request left empty keeps its old value.
    expect(after.preferred_channel).toEqual(before.preferred_channel);

    const full = await h.view('admin', record.id);
    expect(full.record.data.status).toBe('applied');
    const applied = full.instance.history.find((e) => e.node === 'apply_change');
    expect(applied?.changes).toEqual(
      expect.arrayContaining([{ field: 'phone', from: before.phone, to: '+86 139-0000-1111' }]),
    );
    expect(applied?.changes?.find((c) => c.field === 'address')).toMatchObject({
      from: before.address,
      to: newAddress,
    });
    expectGapless(full.instance.history);
    await h.drain();
    expect((await h.notifications('customer')).some((n) => n.recordId === record.id)).toBe(true);
  });

  it('filed by the desk for a caller and rejected: the customer record stays as it was', async () => {
    const id = customerIds.find((c) => c !== ownId)!;
    const before = await customer(id);
    const { record } = await h.create('desk', 'after_sales', 'customer_change', {
      customer: id,
      new_phone: '+86 139-0000-2222',
      reason: 'new number',
    });
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'review'), {
      action: 'reject',
      data: { review_note: 'Could not verify' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(await customer(id)).toEqual(before);
  });
});

describe('after_sales · complaint', () => {
  async function file(severity: string): Promise<string> {
    const { record, instance } = await h.create('customer', 'after_sales', 'complaint', {
      customer: ownId,
      category: 'delay',
      severity,
      description: 'Repair took two weeks',
    });
    expect(instance.activeNodes).toEqual(['intake']);
    return record.id;
  }

  it('high severity: the handler proposes, the supervisor rejects once, approves the second remedy; notice and follow-up', async () => {
    const id = await file('high');
    await h.complete('desk', await h.openTask('desk', id, 'intake'), { action: 'approve' });
    // Any technician or supervisor may handle it; the technician takes it.
    expect(await h.hasTask('supervisor', id, 'handle')).toBe(true);
    await h.complete('tech', await h.openTask('tech', id, 'handle'), {
      action: 'submit',
      data: { remedy: 'Apology letter', compensation: 0 },
    });
    const first = await h.openTask('supervisor', id, 'approve_remedy');
    expect(await h.hasTask('tech', id, 'approve_remedy')).toBe(false);
    await h.complete('supervisor', first, { action: 'reject', data: { approval_note: 'Offer a voucher' } });
    const again = await h.openTask('tech', id, 'handle');
    expect(again.iteration).toBe(2);
    await h.complete('tech', again, {
      action: 'submit',
      data: { remedy: 'Apology and a voucher', compensation: 200 },
    });
    let view = await h.complete('supervisor', await h.openTask('supervisor', id, 'approve_remedy'), {
      action: 'approve',
    });
    expect(view.instance.activeNodes).toEqual(['follow_up_wait']);
    await h.drain();
    expect((await h.notifications('customer')).some((n) => n.recordId === id)).toBe(true);

    h.advance(3 * DAY + 1000);
    await h.drain();
    expect(await h.hasTask('desk', id, 'follow_up')).toBe(true);
    view = await h.complete('customer', await h.openTask('customer', id, 'follow_up'), {
      action: 'submit',
      data: { follow_up_rating: 4 },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'resolved' });
    const full = await h.view('admin', id);
    expect(full.record.data).toMatchObject({ status: 'closed', compensation: 200, follow_up_rating: 4 });
    expectGapless(full.instance.history);
  });

  it('the supervisor may also return the remedy to the handler', async () => {
    const id = await file('critical');
    await h.complete('desk', await h.openTask('desk', id, 'intake'), { action: 'approve' });
    await h.complete('supervisor', await h.openTask('supervisor', id, 'handle'), {
      action: 'submit',
      data: { remedy: 'Refund' },
    });
    await h.complete('supervisor', await h.openTask('supervisor', id, 'approve_remedy'), {
      action: 'return',
      returnTo: 'handle',
    });
    expect((await h.openTask('tech', id, 'handle')).iteration).toBe(2);
  });

  it('low severity needs no approval', async () => {
    const id = await file('low');
    await h.complete('desk', await h.openTask('desk', id, 'intake'), { action: 'approve' });
    const view = await h.complete('tech', await h.openTask('tech', id, 'handle'), {
      action: 'submit',
      data: { remedy: 'Explained the delay' },
    });
    expect(view.instance.activeNodes).toEqual(['follow_up_wait']);
    expect(await h.hasTask('supervisor', id, 'approve_remedy')).toBe(false);
  });

  it('rejected at intake with a reason the customer receives', async () => {
    const id = await file('medium');
    const view = await h.complete('desk', await h.openTask('desk', id, 'intake'), {
      action: 'reject',
      comment: 'Duplicate of an earlier complaint',
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'rejected' });
    await h.drain();
    expect((await h.notifications('customer')).some((n) => n.recordId === id)).toBe(true);
  });
});
