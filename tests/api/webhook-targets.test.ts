/**
 * Where a webhook may go. The allow-list says which hosts and ports a flow may call; at delivery
 * the host is resolved, and a name that leads to a loopback, private or link-local address (the
 * cloud metadata service, the office network) is refused with an incident unless the operator
 * allowed that address; the call then connects to the very address that was checked, so a DNS
 * answer that changes afterwards (rebinding) is never used.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { nonPublicRange } from '../../runtime/jobs/webhook-address.js';
import { webhookAllowed } from '../../runtime/jobs/webhook-allow-list.js';
import type { Config } from '../../runtime/config.js';
import { ADMIN_PASSWORD, build, type Built } from './helpers/build.js';

function bundle(url: string) {
  return {
    format: 'flowcase/app@1',
    key: 'hooked',
    name: 'Hooked',
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

/**
 * A server whose flow calls `url` once for a new record; the outbox worker runs once with `dns`
 * as its resolver. Returns what was fetched (when `countOnly`), the lookups, the incidents and the
 * instance's status.
 */
async function deliver(
  url: string,
  config: Partial<Config>,
  dns: (host: string) => string[],
  countOnly = true,
) {
  built = await build({
    config: {
      webhookMaxAttempts: 1,
      webhookSecret: 'whsec_' + Buffer.from('x'.repeat(32)).toString('base64'),
      ...config,
    },
  });
  const token = await built.login('admin', ADMIN_PASSWORD);
  const auth = { authorization: `Bearer ${token}` };
  expect(
    (
      await built.app.inject({
        method: 'POST',
        url: '/api/v1/apps',
        headers: auth,
        payload: { bundle: bundle(url) },
      })
    ).statusCode,
  ).toBe(201);
  const created = await built.app.inject({
    method: 'POST',
    url: '/api/v1/apps/hooked/forms/order/records',
    headers: auth,
    payload: { data: { title: 'x' } },
  });
  const recordId = (created.json() as { record: { id: string } }).record.id;
  const fetched: string[] = [];
  const lookups: string[] = [];
  const s = built.services;
  const worker = createOutboxWorker({
    store: s.store,
    cases: s.cases,
    clock: s.clock,
    config: s.config,
    log: { error: () => undefined, warn: () => undefined },
    owner: 't',
    lookup: (host) => {
      lookups.push(host);
      return Promise.resolve(
        dns(host).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    },
    ...(countOnly
      ? {
          fetch: (input: string | URL | Request) => {
            fetched.push(input instanceof Request ? input.url : input.toString());
            return Promise.resolve(new Response(null, { status: 204 }));
          },
        }
      : {}),
  });
  await worker.runOnce();
  const incidents = (
    await built.app.inject({ method: 'GET', url: '/api/v1/incidents', headers: auth })
  ).json() as { reason: string }[];
  const view = (
    await built.app.inject({ method: 'GET', url: `/api/v1/records/${recordId}`, headers: auth })
  ).json() as { instance: { status: string } };
  return { fetched, lookups, incidents, status: view.instance.status };
}

describe('webhook targets', () => {
  it('an allowed name that resolves to the cloud metadata address is refused with an incident, and nothing is called', async () => {
    const r = await deliver(
      'https://hooks.example.com/in',
      { webhookAllowList: ['hooks.example.com'] },
      () => ['169.254.169.254'],
    );
    expect(r.fetched).toEqual([]);
    expect(r.incidents).toHaveLength(1);
    expect(r.incidents[0]!.reason).toContain('169.254.169.254');
    expect(r.incidents[0]!.reason).toContain('link-local');
  });

  it('a name with one private address among public ones is refused, also when written as IPv4-mapped IPv6', async () => {
    const r = await deliver(
      'https://hooks.example.com/in',
      { webhookAllowList: ['hooks.example.com'] },
      () => ['93.184.216.34', '::ffff:10.1.2.3'],
    );
    expect(r.fetched).toEqual([]);
    expect(r.incidents[0]!.reason).toMatch(/::ffff:10\.1\.2\.3.*private/);
  });

  it('a public address is called', async () => {
    const r = await deliver(
      'https://hooks.example.com/in',
      { webhookAllowList: ['hooks.example.com'] },
      () => ['93.184.216.34'],
    );
    expect(r.fetched).toEqual(['https://hooks.example.com/in']);
    expect(r.lookups).toEqual(['hooks.example.com']);
    expect(r.incidents).toEqual([]);
  });

  it('a private address allowed by FLOWCASE_WEBHOOK_ALLOW_PRIVATE is called, on the address that was checked', async () => {
    const hosts: string[] = [];
    receiver = createServer((req, res) => {
      hosts.push(String(req.headers.host));
      req.resume();
      req.on('end', () => res.writeHead(204).end());
    });
    await new Promise<void>((r) => receiver!.listen(0, '127.0.0.1', r));
    const port = (receiver.address() as AddressInfo).port;
    // The name exists nowhere but in this resolver, which answers 127.0.0.1 once and then (as a
    // rebinding attacker would) the metadata address: only the first answer may be used.
    let answers = 0;
    const r = await deliver(
      `http://receiver.flowcase.invalid:${port}/hook`,
      { webhookAllowList: [`receiver.flowcase.invalid:${port}`], webhookAllowPrivate: ['127.0.0.0/8'] },
      () => (answers++ === 0 ? ['127.0.0.1'] : ['169.254.169.254']),
      false,
    );
    expect(r.incidents).toEqual([]);
    expect(r.status).toBe('done');
    expect(r.lookups).toEqual(['receiver.flowcase.invalid']);
    expect(hosts).toEqual([`receiver.flowcase.invalid:${port}`]);
  });

  it('an allow-list entry naming the address itself allows it (test receivers on 127.0.0.1)', async () => {
    const r = await deliver('http://127.0.0.1:9/hook', { webhookAllowList: ['127.0.0.1:9'] }, (host) => [
      host,
    ]);
    expect(r.fetched).toEqual(['http://127.0.0.1:9/hook']);
  });
});

describe('the allow-list', () => {
  it('a host alone allows its scheme’s default port only; host:port allows that port only', () => {
    expect(webhookAllowed('https://hooks.example.com/x', ['hooks.example.com'])).toBe(true);
    expect(webhookAllowed('https://hooks.example.com:443/x', ['hooks.example.com'])).toBe(true);
    expect(webhookAllowed('http://hooks.example.com/x', ['hooks.example.com'])).toBe(true);
    expect(webhookAllowed('https://hooks.example.com:8443/x', ['hooks.example.com'])).toBe(false);
    expect(webhookAllowed('http://hooks.example.com:6379/x', ['hooks.example.com'])).toBe(false);
    expect(webhookAllowed('https://hooks.example.com:8443/x', ['hooks.example.com:8443'])).toBe(true);
    expect(webhookAllowed('https://hooks.example.com/x', ['hooks.example.com:8443'])).toBe(false);
    expect(webhookAllowed('https://a.example.com/x', ['*.example.com'])).toBe(true);
    expect(webhookAllowed('https://a.example.com:8080/x', ['*.example.com'])).toBe(false);
    expect(webhookAllowed('https://example.com/x', ['*.example.com'])).toBe(false);
  });

  it('addresses and CIDR blocks match URLs that name an address, IPv6 in brackets', () => {
    expect(webhookAllowed('http://10.1.2.3/x', ['10.1.0.0/16'])).toBe(true);
    expect(webhookAllowed('http://10.2.0.1/x', ['10.1.0.0/16'])).toBe(false);
    expect(webhookAllowed('http://[fd00::5]:8080/x', ['[fd00::/8]:8080'])).toBe(true);
    expect(webhookAllowed('http://[fd00::5]/x', ['fd00::5'])).toBe(true);
    expect(webhookAllowed('http://user:pw@hooks.example.com/x', ['hooks.example.com'])).toBe(false);
    expect(webhookAllowed('file:///etc/passwd', ['hooks.example.com'])).toBe(false);
  });

  it('FLOWCASE_WEBHOOK_ALLOW_PRIVATE takes addresses and CIDRs only', () => {
    expect(
      readConfig({ FLOWCASE_WEBHOOK_ALLOW_PRIVATE: '10.0.0.0/8, 127.0.0.1,fd00::/8' }).webhookAllowPrivate,
    ).toEqual(['10.0.0.0/8', '127.0.0.1', 'fd00::/8']);
    expect(readConfig({}).webhookAllowPrivate).toEqual([]);
    expect(() => readConfig({ FLOWCASE_WEBHOOK_ALLOW_PRIVATE: 'intranet.local' })).toThrow(
      /FLOWCASE_WEBHOOK_ALLOW_PRIVATE/,
    );
  });
});

describe('addresses no webhook reaches unless allowed', () => {
  it('are loopback, private, shared, link-local and the like, in IPv4 and IPv6 and IPv4 inside IPv6', () => {
    const refused = [
      '127.0.0.1',
      '127.255.0.9',
      '10.0.0.1',
      '172.16.0.1',
      '172.31.255.255',
      '192.168.1.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '0.1.2.3',
      '224.0.0.1',
      '255.255.255.255',
      '::1',
      '::',
      'fc00::1',
      'fd12:3456::1',
      'fe80::1',
      'fe80::1%eth0',
      'ff02::1',
      '::ffff:127.0.0.1',
      '::ffff:a9fe:a9fe',
      '::ffff:192.168.0.1',
      '64:ff9b::a00:1',
      '2002:c0a8:0101::1',
    ];
    for (const address of refused) expect(nonPublicRange(address), address).toBeDefined();
    for (const address of [
      '93.184.216.34',
      '8.8.8.8',
      '172.32.0.1',
      '100.128.0.1',
      '2606:4700::1111',
      '::ffff:8.8.8.8',
      '64:ff9b::808:808',
    ]) {
      expect(nonPublicRange(address), address).toBeUndefined();
    }
  });
});
