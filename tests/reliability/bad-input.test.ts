/**
 * Bad input against the real server: a generated corpus of well over 1,000 bad requests never gets
 * a 5xx (nor a dropped connection), no state-changing request among them is accepted, and a dump of
 * every table is the same before and after the run.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  badRequests,
  coercibleRequests,
  danglingReferenceRequests,
  regexBundle,
  type BadRequest,
  type CorpusContext,
} from './helpers/bad-input-corpus.js';
import {
  changedTables,
  dumpTables,
  integrityProblems,
  invariantProblems,
  openDb,
} from './helpers/db-checks.js';
import { flagshipIds, repairRequest, type View } from './helpers/flagship-load.js';
import { Client, waitFor, type Reply } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';

const USERS = [
  'admin',
  'desk',
  'customer',
  'customer2',
  'tech',
  'cashier',
  'shipper',
  'qa',
  'supervisor',
  'ops',
];
const CONCURRENCY = 6;

let server: ServerProcess;
let client: Client;
let ctx: CorpusContext;

beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
  client = new Client(() => server.url);
  await client.expect(201, 'admin', 'POST', '/api/v1/apps', { bundle: regexBundle() });
  await client.addUser('customer2', ['customer']);
  await Promise.all(USERS.map((u) => client.token(u)));
  const ids = await flagshipIds(client);
  const mine = await client.expect<View>(
    201,
    'customer',
    'POST',
    '/api/v1/apps/after_sales/forms/repair_request/records',
    { data: repairRequest(ids, { technician: undefined }) },
  );

  // A revoked token (logged out) and an expired one (written straight into the store).
  const revoked = await client.expect<{ token: string }>(200, null, 'POST', '/api/v1/auth/login', {
    username: 'customer',
    password: 'demo-password-1',
  });
  await client.raw({
    method: 'POST',
    path: '/api/v1/auth/logout',
    headers: { authorization: `Bearer ${revoked.token}` },
  });
  const expiredToken = randomBytes(32).toString('hex');
  const db = openDb(server.dbFile);
  try {
    const sha = (s: string) => createHash('sha256').update(s).digest('hex');
    db.prepare(
      "insert into auth_tokens (token_hash, user_id, kind, csrf_hash, created_at, expires_at, revoked_at) values (?, ?, 'session', ?, '2020-01-01T00:00:00.000Z', '2020-01-01T12:00:00.000Z', null)",
    ).run(sha(expiredToken), ids.user('admin'), sha('csrf'));
  } finally {
    db.close();
  }
  ctx = {
    recordId: mine.record.id,
    instanceId: mine.instance!.id,
    intakeTaskId: mine.instance!.tasks.find((t) => t.node === 'intake')!.id,
    adminId: ids.user('admin'),
    customerId: ids.user('customer'),
    expiredToken,
    revokedToken: revoked.token,
    customerToken: await client.token('customer'),
    validRepairRequest: repairRequest(ids),
  };
}, 180_000);

afterAll(async () => {
  await server?.cleanup();
});

/** Waits until the outbox and the timers have nothing due, so only requests could change the data. */
async function quiet(): Promise<void> {
  await waitFor('the background jobs to go idle', () => {
    const db = openDb(server.dbFile);
    try {
      const now = new Date().toISOString();
      const outbox = db
        .prepare("select count(*) as n from outbox where status = 'pending' and next_attempt_at <= ?")
        .get(now) as { n: number };
      const timers = db
        .prepare(
          'select count(*) as n from timers where fired_at is null and cancelled_at is null and due_at <= ?',
        )
        .get(now) as { n: number };
      return outbox.n === 0 && timers.n === 0 ? true : undefined;
    } finally {
      db.close();
    }
  });
}

function dump(): Map<string, string> {
  const db = openDb(server.dbFile);
  try {
    return dumpTables(db);
  } finally {
    db.close();
  }
}

async function send(req: BadRequest): Promise<Reply> {
  const auth: Record<string, string> = req.as
    ? { authorization: `Bearer ${await client.token(req.as)}` }
    : {};
  return client.raw({
    method: req.method,
    path: req.path,
    headers: { ...auth, ...req.headers },
    ...(req.body !== undefined ? { body: req.body } : {}),
  });
}

describe('a corpus of bad requests', () => {
  it('never gets a 5xx and never changes the stored data', async () => {
    const corpus = badRequests(ctx);
    expect(corpus.length).toBeGreaterThanOrEqual(1000);
    await quiet();
    const before = dump();

    const answers: { req: BadRequest; res: Reply }[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < corpus.length) {
          const req = corpus[next++]!;
          answers.push({ req, res: await send(req) });
        }
      }),
    );

    const describe = ({ req, res }: { req: BadRequest; res: Reply }) =>
      `${res.status} ${req.label}: ${res.text.slice(0, 300)}`;
    const serverErrors = answers.filter((a) => a.res.status === 0 || a.res.status >= 500);
    expect(serverErrors.map(describe), server.output().slice(-5000)).toEqual([]);
    const accepted = answers.filter((a) => a.req.method !== 'GET' && a.res.status < 400);
    expect(accepted.map((a) => `${a.res.status} ${a.req.label}`)).toEqual([]);
    // Every error is problem+json, except those refused before routing: Node's 431 for oversized
    // headers, and Fastify's FST_ERR_BAD_URL / FST_ERR_MAX_PARAM_LENGTH (no `frameworkErrors` handler yet).
    const beforeRouting = (a: { res: Reply }) =>
      a.res.status === 431 || /"code":"FST_ERR_(BAD_URL|MAX_PARAM_LENGTH)"/.test(a.res.text);
    const notProblems = answers.filter(
      (a) =>
        a.res.status >= 400 &&
        !beforeRouting(a) &&
        !String(a.res.headers.get('content-type')).startsWith('application/problem+json'),
    );
    expect(notProblems.map(describe)).toEqual([]);

    // Still serving, and not one row changed anywhere.
    expect((await client.call('desk', 'GET', '/api/v1/auth/me')).status).toBe(200);
    await quiet();
    expect(changedTables(before, dump())).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const db = openDb(server.dbFile);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
    } finally {
      db.close();
    }
  }, 300_000);

  async function refusedWithoutChange(requests: BadRequest[]): Promise<void> {
    await quiet();
    const before = dump();
    for (const req of requests) {
      const res = await send(req);
      expect(res.status, `${req.label}: ${res.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
      expect(res.status, req.label).toBeLessThan(500);
    }
    expect(changedTables(before, dump())).toEqual([]);
  }

  it('wrong types and unknown properties in bodies are refused, not coerced or stripped', async () => {
    await refusedWithoutChange(coercibleRequests(ctx));
  });

  it('record fields that refer to no user or file are refused', async () => {
    await refusedWithoutChange(danglingReferenceRequests(ctx));
  });
});
