/**
 * The two small templates over HTTP, installed next to the flagship as an administrator would:
 * repair_order (every step, and the two early ends) and satisfaction (a low rating goes to the
 * supervisor, who returns it for another call).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapless, startHarness, type Harness } from './helpers/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  for (const template of ['repair_order', 'satisfaction']) {
    const res = await h.call('admin', 'POST', '/api/v1/apps', { template });
    expect(res.statusCode, res.body).toBe(201);
  }
});

afterAll(async () => {
  await h?.close();
});

describe('repair_order', () => {
  const order = {
    customer_name: '王小明',
    customer_phone: '+86 138-0000-0000',
    device: 'Phone X',
    fault_description: 'Cracked screen',
  };

  it('request → accept → quote → pay → repair → ship back → notice', async () => {
    const { record, instance } = await h.create('customer', 'repair_order', 'repair_order', order);
    expect(instance.activeNodes).toEqual(['accept']);
    expect(record.data.order_no).toMatch(/^WO-\d{8}-\d{4}$/);
    const tech = await h.userId('tech');
    await h.complete('desk', await h.openTask('desk', record.id, 'accept'), {
      action: 'approve',
      data: { technician: tech },
    });
    await h.complete('tech', await h.openTask('tech', record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 350, quote_days: 2 },
    });
    await h.complete('desk', await h.openTask('desk', record.id, 'pay'), {
      action: 'approve',
      data: { payment_amount: 350, payment_method: 'cash' },
    });
    expect(await h.hasTask('desk', record.id, 'repair')).toBe(false);
    await h.complete('tech', await h.openTask('tech', record.id, 'repair'), {
      action: 'submit',
      data: { repair_note: 'Screen replaced', parts_cost: 180 },
    });
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'ship_back'), {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF9' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'completed' });
    const full = await h.view('admin', record.id);
    expect(full.record.data).toMatchObject({ status: 'completed', quote_fee: 350, payment_amount: 350 });
    expect(full.record.data.paid_at).toBeTruthy();
    expectGapless(full.instance.history);
    await h.drain();
    expect(
      (await h.notifications('customer')).filter((n) => n.recordId === record.id).length,
    ).toBeGreaterThanOrEqual(2);
  });

  it('rejected at acceptance, or declined at payment', async () => {
    const a = await h.create('customer', 'repair_order', 'repair_order', order);
    const rejected = await h.complete('desk', await h.openTask('desk', a.record.id, 'accept'), {
      action: 'reject',
      data: { reject_reason: 'We do not repair this brand' },
    });
    expect(rejected.instance.outcome).toBe('rejected');
    const b = await h.create('customer', 'repair_order', 'repair_order', order);
    await h.complete('desk', await h.openTask('desk', b.record.id, 'accept'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', b.record.id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 900, quote_days: 5 },
    });
    const declined = await h.complete('desk', await h.openTask('desk', b.record.id, 'pay'), {
      action: 'reject',
      data: { decline_reason: 'Too expensive' },
    });
    expect(declined.instance.outcome).toBe('declined');
    await h.drain();
    const notes = (await h.notifications('customer'))
      .filter((n) => n.recordId === a.record.id || n.recordId === b.record.id)
      .map((n) => n.body);
    expect(notes.some((t) => t.includes('We do not repair this brand'))).toBe(true);
    expect(notes.some((t) => t.includes('Too expensive'))).toBe(true);
  });
});

describe('satisfaction', () => {
  const survey = {
    source_app: 'after_sales',
    source_form: 'repair_request',
    source_record: 'r-1',
    reference: 'RMA-20260301-0001',
    customer_name: '李晓梅',
    customer_phone: '+86 139-1234-5678',
  };

  it('a good rating ends the follow-up', async () => {
    const { record } = await h.create('desk', 'satisfaction', 'survey', survey);
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'call'), {
      action: 'submit',
      data: { contact_result: 'reached', rating: 5, would_recommend: true },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'done' });
    expect(view.record.data).toMatchObject({ status: 'done', recommend_score: 100 });
  });

  it('a rating of 1–2 goes to the supervisor, who returns it for another call', async () => {
    const { record } = await h.create('desk', 'satisfaction', 'survey', survey);
    await h.complete('desk', await h.openTask('desk', record.id, 'call'), {
      action: 'submit',
      data: { contact_result: 'reached', rating: 2, would_recommend: false },
    });
    const review = await h.openTask('supervisor', record.id, 'review');
    expect(await h.hasTask('desk', record.id, 'review')).toBe(false);
    await h.complete('supervisor', review, { action: 'return', returnTo: 'call' });
    const call = await h.openTask('desk', record.id, 'call');
    expect(call.iteration).toBe(2);
    await h.complete('desk', call, {
      action: 'submit',
      data: { contact_result: 'reached', rating: 1, comment: 'Still unhappy' },
    });
    const view = await h.complete('supervisor', await h.openTask('supervisor', record.id, 'review'), {
      action: 'submit',
      data: { review_note: 'Refund offered' },
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'done' });
    expect(view.record.data).toMatchObject({ status: 'done', rating: 1, recommend_score: 0 });
    expectGapless(view.instance.history);
  });
});
