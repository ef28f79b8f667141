/**
 * Exactly-once at the edges, against the real server: the same external event with the same
 * `Idempotency-Key` (eight at once, again later, again after a restart) has one effect and one
 * response; an outbound webhook whose receiver fails once (with a kill -9 of the server between the
 * attempts) is retried with the same `webhook-id` and valid Standard Webhooks signatures; one that
 * always fails opens an incident on its instance after the last attempt.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityProblems, invariantProblems, openDb } from './helpers/db-checks.js';
import { daysAgo, flagshipIds, type FlagshipIds, type View } from './helpers/flagship-load.js';
import { Client, waitFor } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';
import { webhookBundle } from './helpers/test-bundles.js';

const SECRET = `whsec_${Buffer.from('reliability-test-secret-0123456789').toString('base64')}`;
const ATTEMPTS = 3;

interface Delivery {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

let receiver: Server;
const deliveries: Delivery[] = [];
let server: ServerProcess;
let client: Client;
let ids: FlagshipIds;

beforeAll(async () => {
  // /flaky fails its first call and accepts the next; /broken always fails.
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      deliveries.push({ path: req.url ?? '', headers: req.headers, body });
      const seen = deliveries.filter((d) => d.path === req.url).length;
      res.statusCode = req.url === '/flaky' && seen > 1 ? 204 : 503;
      res.end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const port = (receiver.address() as AddressInfo).port;
  server = new ServerProcess({
    env: {
      FLOWCASE_WEBHOOK_ALLOW: `127.0.0.1:${port}`,
      FLOWCASE_WEBHOOK_ATTEMPTS: String(ATTEMPTS),
      FLOWCASE_WEBHOOK_SECRET: SECRET,
    },
  });
  await server.start();
  client = new Client(() => server.url);
  ids = await flagshipIds(client);
  await client.expect(201, 'admin', 'POST', '/api/v1/apps', {
    bundle: webhookBundle(`http://127.0.0.1:${port}`),
  });
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
  await new Promise((resolve) => receiver?.close(resolve));
});

/** An out-of-warranty case driven to the `await_payment` event node (online payment chosen). */
async function caseAwaitingPayment(): Promise<View> {
  const created = await client.expect<View>(
    201,
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    {
      data: {
        customer: ids.customer,
        product: ids.product(1),
        purchase_date: daysAgo(3000),
        intake_channel: 'online_shop',
        service_type: 'carry_in',
        fault_category: 'phone',
        description: 'Cracked screen',
      },
    },
  );
  const task = (view: View, node: string) =>
    view.instance!.tasks.find((t) => t.node === node && t.status === 'open')!.id;
  let view = await client.expect<View>(
    200,
    'desk',
    'POST',
    `/api/v1/tasks/${task(created, 'intake')}/complete`,
    { action: 'approve', data: { technician: ids.user('tech') } },
  );
  view = await client.expect<View>(200, 'tech', 'POST', `/api/v1/tasks/${task(view, 'quote')}/complete`, {
    action: 'submit',
    data: { quote_fee: 300, quote_days: 3 },
  });
  view = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${created.record.id}`);
  view = await client.expect<View>(
    200,
    'customer',
    'POST',
    `/api/v1/tasks/${task(view, 'customer_decision')}/complete`,
    { action: 'approve', data: { payment_method: 'wechat_pay' } },
  );
  view = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${created.record.id}`);
  expect(view.instance!.activeNodes).toEqual(['await_payment']);
  return view;
}

function verifySignature(d: Delivery): boolean {
  const id = String(d.headers['webhook-id']);
  const ts = String(d.headers['webhook-timestamp']);
  const expected = createHmac('sha256', Buffer.from(SECRET.slice('whsec_'.length), 'base64'))
    .update(`${id}.${ts}.${d.body}`)
    .digest('base64');
  return String(d.headers['webhook-signature']).split(' ').includes(`v1,${expected}`);
}

describe('idempotent external events', () => {
  it('the same payment.confirmed with one Idempotency-Key: one effect and the same answer, concurrently, later and after a restart', async () => {
    const view = await caseAwaitingPayment();
    const url = `/api/v1/instances/${view.instance!.id}/events`;
    const event = {
      name: 'payment.confirmed',
      payload: { payment_amount: 300, payment_method: 'wechat_pay', payment_reference: 'WX-0001' },
    };
    const key = { 'idempotency-key': `pay-${view.record.id}` };

    const burst = await Promise.all(
      Array.from({ length: 8 }, () => client.call('admin', 'POST', url, event, key)),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(8).fill(200));
    const first = burst[0]!.body;
    for (const r of burst) expect(r.body).toEqual(first);
    expect(first).toMatchObject({ instanceId: view.instance!.id, status: 'active', activeNodes: ['repair'] });

    const later = await client.call('admin', 'POST', url, event, key);
    expect(later.status).toBe(200);
    expect(later.body).toEqual(first);
    await server.stop('SIGTERM');
    await server.start();
    const afterRestart = await client.call(
      'admin',
      'POST',
      url,
      { ...event, payload: { ...event.payload, payment_reference: 'WX-CHANGED' } },
      key,
    );
    expect(afterRestart.status).toBe(200);
    expect(afterRestart.body).toEqual(first);
    // Another key is another delivery: the instance no longer waits for a payment, so it is refused.
    const other = await client.call('admin', 'POST', url, event, {
      'idempotency-key': `other-${view.record.id}`,
    });
    expect(other.status).toBeGreaterThanOrEqual(400);
    expect(other.status).toBeLessThan(500);

    const final = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${view.record.id}`);
    const history = final.instance!.history;
    expect(history.filter((h) => h.type === 'event.received')).toHaveLength(1);
    expect(history.filter((h) => h.node === 'mark_paid')).toHaveLength(1);
    expect(history.filter((h) => h.type === 'task.created' && h.node === 'repair')).toHaveLength(1);
    expect(final.record.data).toMatchObject({ payment_amount: 300, payment_reference: 'WX-0001' });
  }, 120_000);
});

describe('outbound webhooks', () => {
  it('a receiver that fails and then succeeds sees the same webhook-id, across a kill -9, with valid signatures', async () => {
    const created = await client.expect<View>(
      201,
      'admin',
      'POST',
      '/api/v1/apps/rel_hooks/forms/flaky/records',
      { data: { title: 'flaky one' } },
    );
    await waitFor('the first (failing) delivery to be recorded as failed', () => {
      const db = openDb(server.dbFile);
      try {
        const row = db
          .prepare(
            "select attempts, status, lease_owner from outbox where kind = 'webhook' and instance_id = ?",
          )
          .get(created.instance!.id) as
          { attempts: number; status: string; lease_owner: string | null } | undefined;
        return row && row.attempts === 1 && row.status === 'pending' && row.lease_owner === null
          ? true
          : undefined;
      } finally {
        db.close();
      }
    });
    await server.stop('SIGKILL');
    await server.start();
    const done = await waitFor('the retried call to succeed', async () => {
      const v = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${created.record.id}`);
      return v.instance!.status === 'done' ? v : undefined;
    });
    const calls = deliveries.filter((d) => d.path === '/flaky');
    expect(calls).toHaveLength(2);
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(calls.map(verifySignature)).toEqual([true, true]);
    expect(calls.map((c) => c.body)).toEqual(['{"title":"flaky one"}', '{"title":"flaky one"}']);
    expect(done.instance!.history.filter((h) => h.type === 'webhook.called')).toHaveLength(1);
    expect(done.instance!.history.filter((h) => h.type === 'webhook.succeeded')).toHaveLength(1);
  }, 120_000);

  it(`a receiver that always fails: ${ATTEMPTS} attempts with one webhook-id, then an incident on the instance`, async () => {
    const created = await client.expect<View>(
      201,
      'admin',
      'POST',
      '/api/v1/apps/rel_hooks/forms/broken/records',
      { data: { title: 'broken one' } },
    );
    const failed = await waitFor('an incident after the last attempt', async () => {
      const v = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${created.record.id}`);
      return (v.instance!.incidents ?? []).length > 0 ? v : undefined;
    });
    const calls = deliveries.filter((d) => d.path === '/broken');
    expect(calls).toHaveLength(ATTEMPTS);
    expect(new Set(calls.map((c) => c.headers['webhook-id'])).size).toBe(1);
    expect(calls.every(verifySignature)).toBe(true);
    expect(failed.instance!.incidents).toHaveLength(1);
    expect(failed.instance!.incidents![0]).toMatchObject({ node: 'call' });
    expect(failed.instance!.incidents![0]!.reason).toContain('503');
    // The flow never went on as if the call had worked: it fails, or waits at the node for an admin's retry.
    expect(failed.instance!.history.filter((h) => h.type === 'webhook.succeeded')).toEqual([]);
    expect(failed.instance!.status === 'failed' || failed.instance!.activeNodes.includes('call')).toBe(true);

    await server.stop('SIGTERM');
    expect(deliveries.filter((d) => d.path === '/broken')).toHaveLength(ATTEMPTS);
    const db = openDb(server.dbFile);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
    } finally {
      db.close();
    }
  }, 120_000);
});
