/**
 * Reasons into fields in the flagship template: the desk's rejection at intake (repair and
 * complaint) takes its reason as the action's comment, required (422 at /comment), and the
 * intake's `reasonField` writes it into `reject_reason`; the history shows the change, the
 * customer's rejection notice and record carry it, and so does the CSV export.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let customer: string;
let product: { id: string; data: { category: string } };

beforeAll(async () => {
  h = await startHarness();
  customer = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/customers/records?limit=50')
  ).json<{ items: { id: string }[] }>().items[0]!.id;
  product = (
    await h.call('customer', 'GET', '/api/v1/apps/after_sales/forms/products/records?limit=50')
  ).json<{ items: (typeof product)[] }>().items[0]!;
});

afterAll(async () => {
  await h?.close();
});

async function repairRequest(): Promise<string> {
  const view = await h.create('customer', 'after_sales', 'repair_request', {
    customer,
    product: product.id,
    purchase_date: '2024-01-10',
    intake_channel: 'online_shop',
    service_type: 'carry_in',
    fault_category: product.data.category,
    description: 'Cracked housing after a fall',
  });
  return view.record.id;
}

describe('after_sales · reasons into fields', () => {
  it('the repair intake offers no reason input; rejecting needs the reason as the comment', async () => {
    const id = await repairRequest();
    const intake = await h.openTask('desk', id, 'intake');
    expect(intake.fields.editable).not.toContain('reject_reason');
    expect(intake.fields.visible).not.toContain('reject_reason');
    const url = `/api/v1/tasks/${intake.id}/complete`;
    for (const body of [{ action: 'reject' }, { action: 'reject', comment: '  ' }]) {
      const res = await h.call('desk', 'POST', url, body);
      expect(res.statusCode).toBe(422);
      expect(res.json<{ errors: { path: string; code: string }[] }>().errors).toEqual([
        expect.objectContaining({ path: '/comment', code: 'field.required' }),
      ]);
    }
    // The field is the comment's to write: the old way of sending it as data is refused.
    const asData = await h.call('desk', 'POST', url, {
      action: 'reject',
      comment: 'Physical damage',
      data: { reject_reason: 'Something else' },
    });
    expect(asData.statusCode).toBe(422);
    expect(await h.hasTask('desk', id, 'intake')).toBe(true);
  });

  it('the reason lands in reject_reason: history, the customer’s notice and record, and the export carry it', async () => {
    const id = await repairRequest();
    const view = await h.complete('desk', await h.openTask('desk', id, 'intake'), {
      action: 'reject',
      comment: 'Physical damage is not covered by the warranty',
    });
    expect(view.instance).toMatchObject({ status: 'done', outcome: 'rejected' });
    const rejected = view.instance.history.find((e) => e.type === 'task.completed' && e.action === 'reject')!;
    expect(rejected.changes).toContainEqual({
      field: 'reject_reason',
      from: null,
      to: 'Physical damage is not covered by the warranty',
    });

    await h.drain();
    const notices = (await h.notifications('customer')).filter((n) => n.recordId === id).map((n) => n.body);
    expect(notices.some((b) => b.includes('Physical damage is not covered by the warranty'))).toBe(true);
    expect((await h.view('customer', id)).record.data.reject_reason).toBe(
      'Physical damage is not covered by the warranty',
    );

    const csv = await h.call(
      'admin',
      'GET',
      '/api/v1/apps/after_sales/forms/repair_request/export?format=csv&lang=en',
    );
    expect(csv.statusCode).toBe(200);
    const row = csv.body
      .split('\n')
      .find((line) => line.includes('Physical damage is not covered by the warranty'));
    expect(row).toBeDefined();
  });

  it('the complaint intake writes its rejection reason the same way', async () => {
    const filed = await h.create('customer', 'after_sales', 'complaint', {
      customer,
      category: 'delay',
      severity: 'low',
      description: 'The technician came late',
    });
    const intake = await h.openTask('desk', filed.record.id, 'intake');
    expect(intake.fields.editable).not.toContain('reject_reason');
    const blank = await h.call('desk', 'POST', `/api/v1/tasks/${intake.id}/complete`, { action: 'reject' });
    expect(blank.statusCode).toBe(422);
    const view = await h.complete('desk', intake, {
      action: 'reject',
      comment: 'Duplicate of complaint C-12',
    });
    expect(view.record.data.reject_reason).toBe('Duplicate of complaint C-12');
    await h.drain();
    const notices = (await h.notifications('customer'))
      .filter((n) => n.recordId === filed.record.id)
      .map((n) => n.body);
    expect(notices.some((b) => b.includes('Duplicate of complaint C-12'))).toBe(true);
  });
});
