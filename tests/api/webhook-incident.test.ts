/**
 * Outbound webhooks: signed per Standard Webhooks, retried with backoff under the same
 * `webhook-id`; after the last attempt the case shows an incident, and an administrator's retry
 * lets the waiting flow continue.
 */
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { build, type Built } from './helpers/build.js';

const SECRET = 'whsec_' + Buffer.from('a-test-secret-of-enough-bytes!!').toString('base64');

function bundle(url: string) {
  return {
    format: 'flowcase/app@1',
    key: 'shop_sync',
    name: 'Shop sync',
    version: 1,
    roles: [{ key: 'desk', name: 'Desk' }],
    forms: [
      {
        key: 'order',
        name: 'Order',
        fields: [{ key: 'title', type: 'text', label: 'Title', required: true }],
      },
    ],
    flows: [
      {
        key: 'sync',
        name: 'Sync',
        form: 'order',
        trigger: { on: 'record.created' },
        start: 'call',
        nodes: {
          call: { type: 'webhook', url, body: '{"title": "{{title}}"}', next: 'done' },
          done: { type: 'end', outcome: 'synced' },
        },
      },
    ],
    dashboards: [],
  };
}

let built: Built | undefined;
let receiver: Server | undefined;
afterEach(async () => {
  await built?.close();
  await new Promise((r) => (receiver ? receiver.close(r) : r(undefined)));
  built = undefined;
  receiver = undefined;
});

describe('webhook incidents', () => {
  it('retries with the same id, opens an incident after the last attempt, and continues after an admin retry', async () => {
    const seen: { id: string; valid: boolean; body: string }[] = [];
    let failing = true;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const id = String(req.headers['webhook-id']);
        const ts = String(req.headers['webhook-timestamp']);
        const expected = createHmac('sha256', Buffer.from(SECRET.slice(6), 'base64'))
          .update(`${id}.${ts}.${body}`)
          .digest('base64');
        seen.push({ id, valid: req.headers['webhook-signature'] === `v1,${expected}`, body });
        res.statusCode = failing ? 503 : 204;
        res.end();
      });
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;

    built = await build({
      config: { webhookAllowList: [`127.0.0.1:${port}`], webhookMaxAttempts: 2, webhookSecret: SECRET },
    });
    const admin = await built.login('admin', 'admin-password-1');
    const auth = { authorization: `Bearer ${admin}` };
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: '/api/v1/apps',
          headers: auth,
          payload: { bundle: bundle(`http://127.0.0.1:${port}/hook`) },
        })
      ).statusCode,
    ).toBe(201);
    const created = await built.app.inject({
      method: 'POST',
      url: '/api/v1/apps/shop_sync/forms/order/records',
      headers: auth,
      payload: { data: { title: 'Say "hi"' } },
    });
    const recordId = (created.json() as { record: { id: string } }).record.id;

    const s = built.services;
    const worker = createOutboxWorker({
      store: s.store,
      cases: s.cases,
      clock: s.clock,
      config: s.config,
      log: { error: () => undefined, warn: () => undefined },
      owner: 't',
    });
    await worker.runOnce();
    built.clock.advance(60_000);
    await worker.runOnce();
    expect(seen).toHaveLength(2);
    expect(new Set(seen.map((c) => c.id)).size).toBe(1);
    expect(seen.every((c) => c.valid)).toBe(true);
    expect(JSON.parse(seen[0]!.body)).toEqual({ title: 'Say "hi"' });

    const incidents = (
      await built.app.inject({ method: 'GET', url: '/api/v1/incidents?open=true', headers: auth })
    ).json() as { id: string; reason: string }[];
    expect(incidents).toHaveLength(1);
    expect(incidents[0]!.reason).toContain('503');
    let view = (
      await built.app.inject({ method: 'GET', url: `/api/v1/records/${recordId}`, headers: auth })
    ).json() as { instance: { status: string; activeNodes: string[]; incidents: unknown[] } };
    expect(view.instance.status).toBe('active');
    expect(view.instance.activeNodes).toEqual(['call']);
    expect(view.instance.incidents).toHaveLength(1);

    const desk = await built.userWithRoles('desk1', ['desk']);
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: `/api/v1/incidents/${incidents[0]!.id}/retry`,
          headers: { authorization: `Bearer ${desk.token}` },
        })
      ).statusCode,
    ).toBe(403);
    failing = false;
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: `/api/v1/incidents/${incidents[0]!.id}/retry`,
          headers: auth,
        })
      ).statusCode,
    ).toBe(200);
    await worker.runOnce();
    expect(seen).toHaveLength(3);
    expect(seen[2]!.id).toBe(seen[0]!.id);
    view = (
      await built.app.inject({ method: 'GET', url: `/api/v1/records/${recordId}`, headers: auth })
    ).json() as typeof view;
    expect(view.instance.status).toBe('done');
    expect(
      (
        await built.app.inject({
          method: 'POST',
          url: `/api/v1/incidents/${incidents[0]!.id}/retry`,
          headers: auth,
        })
      ).statusCode,
    ).toBe(409);
  });

  it('never calls a target outside the allow-list', async () => {
    built = await build({ config: { webhookAllowList: [], webhookMaxAttempts: 3, webhookSecret: SECRET } });
    const admin = await built.login('admin', 'admin-password-1');
    const auth = { authorization: `Bearer ${admin}` };
    await built.app.inject({
      method: 'POST',
      url: '/api/v1/apps',
      headers: auth,
      payload: { bundle: bundle('http://169.254.169.254/latest/meta-data') },
    });
    await built.app.inject({
      method: 'POST',
      url: '/api/v1/apps/shop_sync/forms/order/records',
      headers: auth,
      payload: { data: { title: 'x' } },
    });
    const s = built.services;
    const calls: string[] = [];
    const worker = createOutboxWorker({
      store: s.store,
      cases: s.cases,
      clock: s.clock,
      config: s.config,
      log: { error: () => undefined, warn: () => undefined },
      owner: 't',
      fetch: (url) => {
        calls.push(url instanceof Request ? url.url : url.toString());
        return Promise.resolve(new Response(null, { status: 204 }));
      },
    });
    await worker.runOnce();
    expect(calls).toEqual([]);
    const incidents = (
      await built.app.inject({ method: 'GET', url: '/api/v1/incidents', headers: auth })
    ).json() as { reason: string }[];
    expect(incidents[0]!.reason).toContain('allow-list');
  });
});
