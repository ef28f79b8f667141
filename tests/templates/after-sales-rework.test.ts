/**
 * The after-sales complaint flow's rework (a `subflow` node): a repair-quality complaint about a
 * repair request opens a new repair request for the same customer, product and fault, filed as
 * the complaint's submitter, and waits for it. The rework's outcome routes the complaint: done
 * (`completed`) writes the remedy and goes on; declined goes to the handler for another remedy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGapless, startHarness, type Harness, type RecordView } from './helpers/harness.js';

const DAY = 86_400_000;
let h: Harness;
let customerId: string;
let products: { id: string; data: { category: string } }[];

type Linked = RecordView & {
  instance: RecordView['instance'] & {
    parent?: { recordId: string; node: string };
    subflows?: { node: string; recordId: string; status: string; outcome?: string }[];
  };
};

beforeAll(async () => {
  h = await startHarness();
  customerId = (await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records')).json<{
    items: { id: string }[];
  }>().items[0]!.id;
  products = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: typeof products }>().items;
});

afterAll(async () => {
  await h?.close();
});

/** A repair request for the demo customer (a phone bought `ageDays` ago: 12 months' warranty), run by the desk. */
async function repairRequest(ageDays: number): Promise<RecordView> {
  const phone = products.find((p) => p.data.category === 'phone')!;
  return h.create('desk', 'after_sales', 'repair_request', {
    customer: customerId,
    product: phone.id,
    serial_number: 'SN-REWORK-1',
    purchase_date: new Date(h.clock.now().getTime() - ageDays * DAY).toISOString().slice(0, 10),
    intake_channel: 'hotline',
    service_type: 'carry_in',
    fault_category: 'phone',
    description: 'Battery drains overnight',
  });
}

/** The customer complains about `repairId`'s quality; the desk accepts; the rework starts. */
async function complainAndAccept(repairId: string): Promise<{ complaint: string; rework: Linked }> {
  const { record } = await h.create('customer', 'after_sales', 'complaint', {
    customer: customerId,
    repair_request: repairId,
    category: 'repair_quality',
    severity: 'medium',
    description: 'Still drains after the repair',
  });
  const accepted = await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
    action: 'approve',
  });
  expect(accepted.instance.activeNodes).toEqual(['open_rework']);
  await h.drain();
  const complaint = (await h.view('customer', record.id)) as Linked;
  const reworkId = String(complaint.record.data.rework_request);
  expect(complaint.instance.subflows).toEqual([
    expect.objectContaining({ node: 'open_rework', recordId: reworkId, status: 'active' }),
  ]);
  return { complaint: record.id, rework: (await h.view('customer', reworkId)) as Linked };
}

describe('after_sales · complaint rework (subflow)', () => {
  it('a repair-quality complaint opens a rework for the same customer, product and fault, which the customer follows as their own', async () => {
    const original = await repairRequest(30);
    const { complaint, rework } = await complainAndAccept(original.record.id);
    expect(rework.record.createdBy).toBe(await h.userId('customer'));
    expect(rework.record.data).toMatchObject({
      customer: customerId,
      product: original.record.data.product,
      fault_category: 'phone',
      status: 'submitted',
    });
    expect(String(rework.record.data.description)).toMatch(
      /^返修（投诉 CMP-\d{8}-\d{4}）\/ Rework \(complaint CMP-/,
    );
    expect(rework.instance.parent).toMatchObject({ recordId: complaint, node: 'open_rework' });
    expect(rework.instance.activeNodes).toEqual(['intake']);
    // The desk sees the rework in its inbox like any new request.
    expect(await h.hasTask('desk', rework.record.id, 'intake')).toBe(true);
  });

  it('the rework completes: the complaint notes it as the remedy and goes on to the notice and the follow-up', async () => {
    const original = await repairRequest(30);
    const { complaint, rework } = await complainAndAccept(original.record.id);
    const id = rework.record.id;
    await h.complete('desk', await h.openTask('desk', id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', id, 'repair'), {
      action: 'submit',
      data: { diagnosis: 'Replaced the battery again', parts: [], labour_fee: 0 },
    });
    await h.complete('qa', await h.openTask('qa', id, 'qa'), {
      action: 'approve',
      data: { qa_result: 'pass' },
    });
    await h.complete('shipper', await h.openTask('shipper', id, 'ship'), {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF3000000003' },
    });
    h.advance(3 * DAY + 1000);
    await h.drain();
    const done = await h.complete('customer', await h.openTask('customer', id, 'survey'), {
      action: 'submit',
      data: { rating: 4 },
    });
    expect(done.instance).toMatchObject({ status: 'done', outcome: 'completed' });
    await h.drain();

    const view = (await h.view('admin', complaint)) as Linked;
    expect(view.instance.activeNodes).toEqual(['follow_up_wait']);
    expect(view.record.data.status).toBe('resolved');
    expect(String(view.record.data.remedy)).toContain(String(done.record.data.rma_no));
    expect(view.instance.subflows).toEqual([
      expect.objectContaining({ recordId: id, status: 'done', outcome: 'completed' }),
    ]);
    expect(await h.hasTask('tech', complaint, 'handle')).toBe(false);
    expectGapless(view.instance.history);
  });

  it('the customer declines the rework quote: the complaint goes to the handler for another remedy', async () => {
    const original = await repairRequest(900);
    const { complaint, rework } = await complainAndAccept(original.record.id);
    const id = rework.record.id;
    expect(rework.record.data.in_warranty).toBe(false);
    await h.complete('desk', await h.openTask('desk', id, 'intake'), {
      action: 'approve',
      data: { technician: await h.userId('tech') },
    });
    await h.complete('tech', await h.openTask('tech', id, 'quote'), {
      action: 'submit',
      data: { quote_fee: 300, quote_days: 2 },
    });
    await h.complete('customer', await h.openTask('customer', id, 'customer_decision'), {
      action: 'reject',
      data: { decline_reason: 'Should be free' },
    });
    const declined = await h.complete('shipper', await h.openTask('shipper', id, 'return_device'), {
      action: 'submit',
      data: { courier: 'sf', tracking_number: 'SF3000000004' },
    });
    expect(declined.instance).toMatchObject({ status: 'done', outcome: 'declined' });
    await h.drain();
    const handle = await h.openTask('tech', complaint, 'handle');
    const view = await h.complete('tech', handle, {
      action: 'submit',
      data: { remedy: 'Free replacement unit', compensation: 0 },
    });
    expect(view.instance.activeNodes).toEqual(['follow_up_wait']);
  });

  it('other categories, or a complaint without its repair request, go straight to the handler', async () => {
    const { record } = await h.create('customer', 'after_sales', 'complaint', {
      customer: customerId,
      category: 'repair_quality',
      severity: 'low',
      description: 'Bad repair, no request number at hand',
    });
    const view = await h.complete('desk', await h.openTask('desk', record.id, 'intake'), {
      action: 'approve',
    });
    expect(view.instance.activeNodes).toEqual(['handle']);
    expect(view.record.data.rework_request ?? null).toBeNull();
  });
});
