/**
 * Shared by the reports tests: a server on SQLite or PostgreSQL (the store tests' dialects), the
 * `shop` app (clients, tickets with a two-step flow, one dashboard of every widget type), and a
 * seeded set of tickets whose raw values the tests keep to compute expected figures themselves.
 */
import type { FastifyInstance } from 'fastify';
import { createAppService } from '../../runtime/apps/app-service.js';
import { VersionCache } from '../../runtime/apps/version-cache.js';
import { hashPassword } from '../../runtime/auth/passwords.js';
import { createCaseService } from '../../runtime/cases/case-service.js';
import type { Actor } from '../../runtime/cases/types.js';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig, type Config } from '../../runtime/config.js';
import { buildApp } from '../../runtime/http/app.js';
import type { Services } from '../../runtime/services.js';
import type { Store, UserRow } from '../../runtime/store/store.js';
import type { DialectCase } from '../store/dialects.js';

export interface Server {
  app: FastifyInstance;
  services: Services;
  store: Store;
  clock: ManualClock;
  token(username: string): Promise<string>;
  users: Map<string, UserRow>;
  // Response bodies are read loosely in tests (json() is any).
  get(
    username: string,
    url: string,
  ): Promise<{
    statusCode: number;
    body: string;
    rawPayload: Buffer;
    headers: Record<string, unknown>;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
    json(): any;
  }>;
  close(): Promise<void>;
}

const PASSWORD = 'reports-password-1';

/** A server around `dialect`'s store with admin, three staff users, two customers and an outsider. */
export async function startServer(dialect: DialectCase, config: Partial<Config> = {}): Promise<Server> {
  const clock = new ManualClock('2025-01-01T00:00:00.000Z');
  const store = await dialect.open({ now: () => clock.now().toISOString() });
  const cfg: Config = {
    ...readConfig({}),
    dataDir: '/nonexistent',
    logLevel: 'silent',
    timeZone: 'Asia/Shanghai',
    tokenTtlMs: 20 * 365 * 86_400_000,
    ...config,
  };
  const versions = new VersionCache(store);
  const cases = createCaseService(store, clock, cfg, { versions });
  const apps = createAppService({ store, clock, cases, versions });
  const services: Services = { config: cfg, store, clock, cases, apps, versions };
  const app = await buildApp(services, { logger: false });
  await app.ready();
  const users = new Map<string, UserRow>();
  const hash = await hashPassword(PASSWORD);
  const people: [string, string, string[]][] = [
    ['admin', 'Administrator', ['admin']],
    ['anna', 'Anna Staff', ['staff']],
    ['bo', 'Bo Staff', ['staff']],
    ['cy', 'Cy Staff', ['staff']],
    ['kate', 'Kate Client', ['client']],
    ['liu', '刘客户', ['client']],
    ['stranger', 'Stranger', ['other']],
  ];
  for (const [username, displayName, roles] of people)
    users.set(
      username,
      await store.createUser({ username, displayName, passwordHash: hash, roles, language: 'en' }),
    );
  const tokens = new Map<string, string>();
  async function token(username: string): Promise<string> {
    const known = tokens.get(username);
    if (known) return known;
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    const t = res.json<{ token: string }>().token;
    tokens.set(username, t);
    return t;
  }
  return {
    app,
    services,
    store,
    clock,
    token,
    users,
    async get(username, url) {
      const res = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${await token(username)}` },
      });
      return {
        statusCode: res.statusCode,
        body: res.body,
        rawPayload: res.rawPayload,
        headers: res.headers,
        // eslint-disable-next-line @typescript-eslint/no-unsafe-return -- see `get`
        json: () => res.json(),
      };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}

export function actorOf(user: UserRow): Actor {
  return { id: user.id, username: user.username, roles: user.roles, language: 'en' };
}

const STATUS = [
  { value: 'new', label: { en: 'New', zh: '新建' } },
  { value: 'open', label: { en: 'Open', zh: '处理中' } },
  { value: 'closed', label: { en: 'Closed', zh: '已关闭' } },
];
const CHANNEL = [
  { value: 'web', label: 'Web' },
  { value: 'phone', label: 'Phone' },
  { value: 'shop', label: 'Shop' },
];

export const SHOP_BUNDLE = {
  format: 'flowcase/app@1',
  key: 'shop',
  name: 'Shop service',
  version: '1.0.0',
  roles: [
    { key: 'staff', name: 'Staff', design: true },
    { key: 'client', name: 'Client', customer: true },
  ],
  forms: [
    // Customers pick their company from the whole list (they may link only records they can read).
    {
      key: 'clients',
      name: 'Clients',
      readRoles: ['client'],
      fields: [
        { key: 'name', type: 'text', label: 'Name' },
        {
          key: 'tier',
          type: 'select',
          label: 'Tier',
          options: [
            { value: 'gold', label: 'Gold' },
            { value: 'basic', label: 'Basic' },
          ],
        },
      ],
    },
    {
      key: 'ticket',
      name: { en: 'Tickets', zh: '工单' },
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'status', type: 'select', label: 'Status', options: STATUS },
        { key: 'channel', type: 'select', label: 'Channel', options: CHANNEL },
        { key: 'amount', type: 'money', label: 'Amount' },
        { key: 'hours', type: 'number', label: 'Hours' },
        { key: 'client', type: 'relation', label: 'Client', form: 'clients', display: 'name' },
        { key: 'owner', type: 'user', label: 'Owner' },
        { key: 'opened', type: 'datetime', label: 'Opened' },
        { key: 'due', type: 'date', label: 'Due' },
        { key: 'notes', type: 'textarea', label: 'Notes' },
      ],
    },
  ],
  flows: [
    {
      key: 'handle',
      name: 'Handle a ticket',
      form: 'ticket',
      trigger: { on: 'record.created' },
      start: 'triage',
      nodes: {
        triage: {
          type: 'task',
          name: 'Triage',
          assignee: { role: 'staff' },
          actions: ['approve', 'reject'],
          sla: { due: 'PT2H' },
          onApprove: 'fix',
          onReject: 'rejected',
        },
        fix: { type: 'task', name: 'Fix', assignee: { role: 'staff' }, actions: ['submit'], next: 'done' },
        done: { type: 'end', name: { en: 'Fixed', zh: '已修复' }, outcome: 'fixed' },
        rejected: { type: 'end', name: { en: 'Refused', zh: '不予处理' }, outcome: 'refused' },
      },
    },
  ],
  dashboards: [
    {
      key: 'overview',
      name: 'Overview',
      widgets: [
        {
          key: 'not_closed',
          type: 'kpi',
          title: 'Not closed',
          form: 'ticket',
          filter: { '!': { in: [{ var: 'status' }, ['closed']] } },
          measures: [{ op: 'count' }],
        },
        {
          key: 'avg_amount',
          type: 'kpi',
          title: 'Average amount',
          form: 'ticket',
          measures: [
            { op: 'avg', field: 'amount' },
            { op: 'sum', field: 'amount' },
          ],
        },
        {
          key: 'by_status',
          type: 'bar',
          title: 'By status',
          form: 'ticket',
          dimensions: [{ field: 'status' }],
          measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
        },
        {
          key: 'by_month',
          type: 'line',
          title: 'By month',
          form: 'ticket',
          filter: { '!!': { var: 'opened' } },
          dimensions: [{ field: 'opened', bucket: 'month' }],
          measures: [{ op: 'count' }, { op: 'max', field: 'hours' }],
        },
        {
          key: 'by_week',
          type: 'line',
          title: 'By week',
          form: 'ticket',
          dimensions: [{ field: 'opened', bucket: 'week' }],
          measures: [{ op: 'sum', field: 'hours' }],
        },
        {
          key: 'by_due_day',
          type: 'bar',
          title: 'Due per day',
          form: 'ticket',
          filter: { '==': [{ var: 'channel' }, 'web'] },
          dimensions: [{ field: 'due', bucket: 'day' }],
          measures: [{ op: 'count' }],
        },
        {
          key: 'mix',
          type: 'pie',
          title: 'Amount and hours',
          form: 'ticket',
          filter: { '>=': [{ var: 'amount' }, 50] },
          measures: [
            { op: 'sum', field: 'amount' },
            { op: 'sum', field: 'hours' },
          ],
        },
        {
          key: 'channels',
          type: 'pie',
          title: 'Channels',
          form: 'ticket',
          dimensions: [{ field: 'channel' }],
          measures: [{ op: 'count' }],
        },
        {
          key: 'owner_status',
          type: 'pivot',
          title: 'Owner × status',
          form: 'ticket',
          dimensions: [{ field: 'owner' }, { field: 'status' }],
          measures: [{ op: 'count' }],
        },
        {
          key: 'by_client',
          type: 'pivot',
          title: 'Per client',
          form: 'ticket',
          dimensions: [{ field: 'client' }],
          measures: [{ op: 'count' }, { op: 'avg', field: 'hours' }, { op: 'min', field: 'amount' }],
        },
        {
          key: 'latest',
          type: 'table',
          title: 'Latest',
          form: 'ticket',
          dimensions: [
            { field: 'title' },
            { field: 'status' },
            { field: 'client' },
            { field: 'owner' },
            { field: 'amount' },
          ],
          measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
        },
      ],
    },
  ],
};

export interface Ticket {
  id: string;
  createdAt: string;
  createdBy: string;
  data: {
    title: string;
    status: string;
    channel: string;
    amount?: number;
    hours?: number;
    client: string;
    owner?: string;
    opened?: string;
    due?: string;
    notes?: string;
  };
}

/** Deterministic pseudo-random numbers (mulberry32). */
export function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Installs `shop` with four clients and `count` tickets created over Jan–Jun 2025 by staff and customers. */
export async function seedShop(
  server: Server,
  count: number,
): Promise<{ tickets: Ticket[]; clients: { id: string; name: string }[] }> {
  const admin = server.users.get('admin')!;
  const install = await server.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: { authorization: `Bearer ${await server.token('admin')}` },
    payload: { bundle: SHOP_BUNDLE },
  });
  if (install.statusCode !== 201 && install.statusCode !== 200)
    throw new Error(`install: ${install.statusCode} ${install.body}`);
  const clients: { id: string; name: string }[] = [];
  for (const name of ['Acme', '北方公司', 'Globex', 'Initech']) {
    const view = await server.services.cases.createRecord(
      'shop',
      'clients',
      { name, tier: 'gold' },
      actorOf(admin),
    );
    clients.push({ id: view.record.id, name });
  }
  const rnd = random(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const creators = ['anna', 'bo', 'kate', 'liu', 'admin'];
  const owners = ['anna', 'bo', 'cy'];
  const tickets: Ticket[] = [];
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  const span = Date.parse('2025-07-01T00:00:00.000Z') - start;
  for (let i = 0; i < count; i++) {
    const createdAt = new Date(
      start + Math.floor((i / count) * span) + Math.floor(rnd() * 3_600_000),
    ).toISOString();
    server.clock.set(createdAt);
    // Opened near local (UTC+8) midnights, so a UTC bucket would differ from the local one.
    const openedMs =
      start +
      Math.floor((rnd() * span) / 86_400_000) * 86_400_000 +
      16 * 3_600_000 +
      (rnd() < 0.5 ? -60_000 : 60_000);
    const data: Ticket['data'] = {
      title: i % 17 === 0 ? `=HYPERLINK("http://evil.example/${i}","click")` : `Ticket ${i}, "quoted" 工单`,
      status: pick(['new', 'open', 'closed', 'closed']),
      channel: pick(['web', 'phone', 'shop']),
      client: pick(clients).id,
    };
    if (rnd() < 0.85) data.amount = Math.round(rnd() * 20000) / 100;
    if (rnd() < 0.8) data.hours = Math.round(rnd() * 400) / 10;
    if (rnd() < 0.8) data.owner = server.users.get(pick(owners))!.id;
    if (rnd() < 0.9) data.opened = new Date(openedMs).toISOString();
    if (rnd() < 0.9)
      data.due = new Date(openedMs + Math.floor(rnd() * 10) * 86_400_000).toISOString().slice(0, 10);
    if (i % 5 === 0) data.notes = 'line one\nline two';
    const creator = server.users.get(creators[i % creators.length]!)!;
    const view = await server.services.cases.createRecord('shop', 'ticket', data, actorOf(creator));
    tickets.push({ id: view.record.id, createdAt, createdBy: creator.id, data });
  }
  return { tickets, clients };
}
