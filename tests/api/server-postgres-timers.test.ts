/**
 * Two server processes over one PostgreSQL (here two `startServer` instances, each with its own
 * pool, on one schema chosen through `DATABASE_URL`'s `search_path`): their schedulers and outbox
 * workers run at the same moments over the same due SLA timers, and every timer fires exactly once,
 * every breach notifies once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const PG_URL = 'postgres://postgres@127.0.0.1:5432/test';
const SCHEMA = `server_timers_${process.pid}_${Math.floor(Math.random() * 1e6)}`;
const DATABASE_URL = `${PG_URL}?options=-c%20search_path%3D${SCHEMA}`;
const PASSWORD = 'demo-password-1';
const CASES = 30; // 60 timers: more than one claim (50) takes
const clock = new ManualClock('2026-05-04T01:00:00.000Z');

async function reachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const available = await reachable();
if (!available) console.warn(`[server-postgres-timers] skipped: no PostgreSQL at ${PG_URL}`);

let a: RunningServer;
let b: RunningServer;
let db: pg.Client;
const dirs: string[] = [];

function start(): Promise<RunningServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flowcase-pg-'));
  dirs.push(dataDir);
  return startServer(
    {
      ...readConfig({}),
      dataDir,
      databaseUrl: DATABASE_URL,
      adminPassword: PASSWORD,
      demo: true,
      logLevel: 'silent',
    },
    { clock, listen: false, jobs: false },
  );
}

describe.skipIf(!available)('two servers over one PostgreSQL', () => {
  beforeAll(async () => {
    db = new pg.Client({ connectionString: PG_URL });
    await db.connect();
    await db.query(`create schema "${SCHEMA}"`);
    process.env.FLOWCASE_DEMO_PASSWORD = PASSWORD;
    a = await start(); // installs the template and the demo users
    b = await start(); // finds them
  }, 120_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.query(`drop schema if exists "${SCHEMA}" cascade`);
    await db?.end();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  async function token(server: RunningServer, username: string): Promise<string> {
    const res = await server.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password: PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    return (res.json() as { token: string }).token;
  }

  it('share due timers and fire each exactly once', async () => {
    const admin = { authorization: `Bearer ${await token(a, 'admin')}` };
    const desk = { authorization: `Bearer ${await token(b, 'desk')}` };
    const customer = (
      (
        await a.app.inject({
          method: 'GET',
          url: '/api/v1/apps/after_sales/forms/customers/records',
          headers: admin,
        })
      ).json() as { items: { id: string }[] }
    ).items[0]!.id;
    const product = (
      (
        await a.app.inject({
          method: 'GET',
          url: '/api/v1/apps/after_sales/forms/products/records',
          headers: admin,
        })
      ).json() as { items: { id: string }[] }
    ).items[0]!.id;
    // Cases come in through both servers.
    for (let i = 0; i < CASES; i++) {
      const res = await (i % 2 ? a : b).app.inject({
        method: 'POST',
        url: '/api/v1/apps/after_sales/forms/repair_request/records',
        headers: desk,
        payload: {
          data: {
            customer,
            product,
            purchase_date: '2026-04-01',
            intake_channel: 'hotline',
            service_type: 'carry_in',
            fault_category: 'phone',
            description: `Case ${i}`,
          },
        },
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const { rows: live } = await db.query<{ n: number }>(
      `select count(*)::int as n from "${SCHEMA}".timers where fired_at is null and cancelled_at is null`,
    );
    expect(live[0]!.n).toBe(CASES * 2); // a reminder and a due time per intake task

    // Both schedulers, and both outbox workers, run at the same moments until nothing is left.
    clock.advance(60 * 60_000 + 1000);
    for (let round = 0; round < 30; round++) {
      const fired = await Promise.all([
        a.jobs.timers.runOnce(),
        b.jobs.timers.runOnce(),
        a.jobs.timers.runOnce(),
        b.jobs.timers.runOnce(),
      ]);
      const sent = await Promise.all([a.jobs.outbox.runOnce(), b.jobs.outbox.runOnce()]);
      if ([...fired, ...sent].some((n) => n > 0)) continue;
      const left = await db.query<{ n: number }>(
        `select count(*)::int as n from "${SCHEMA}".timers where fired_at is null and cancelled_at is null`,
      );
      if (left.rows[0]!.n === 0) break;
      // A timer that kept losing races stays leased (30 s) and is claimed again after the lease.
      clock.advance(31_000);
    }

    const timers = await db.query<{ n: number }>(
      `select count(*)::int as n from "${SCHEMA}".timers where fired_at is not null`,
    );
    expect(timers.rows[0]!.n).toBe(CASES * 2);
    const events = await db.query<{ instance_id: string; type: string; n: number }>(
      `select instance_id, type, count(*)::int as n from "${SCHEMA}".history where type in ('sla.reminded', 'sla.breached') group by instance_id, type`,
    );
    expect(events.rows).toHaveLength(CASES * 2);
    expect(events.rows.filter((r) => r.n !== 1)).toEqual([]);
    const gaps = await db.query(
      `select i.id from "${SCHEMA}".instances i
        where (i.snapshot::json->>'seq')::int <> (select count(*) from "${SCHEMA}".history h where h.instance_id = i.id)
           or (select max(seq) from "${SCHEMA}".history h where h.instance_id = i.id) <> (select count(*) from "${SCHEMA}".history h where h.instance_id = i.id)`,
    );
    expect(gaps.rows).toEqual([]);
    const breached = await db.query<{ n: number }>(
      `select count(*)::int as n from "${SCHEMA}".tasks where node = 'intake' and breached = 1 and status = 'open'`,
    );
    expect(breached.rows[0]!.n).toBe(CASES);
    // One overdue notice per case reached the supervisor, whichever worker delivered it.
    const supervisor = await db.query<{ id: string }>(
      `select id from "${SCHEMA}".users where username = 'supervisor'`,
    );
    // (A reminder handled after its breach also reaches the supervisor, who is an assignee by then.)
    const notes = await db.query<{ n: number }>(
      `select count(*)::int as n from "${SCHEMA}".notifications where user_id = $1 and (body like '%超时%' or body like '%overdue%')`,
      [supervisor.rows[0]!.id],
    );
    expect(notes.rows[0]!.n).toBe(CASES);
    const pending = await db.query<{ n: number }>(
      `select count(*)::int as n from "${SCHEMA}".outbox where status = 'pending'`,
    );
    expect(pending.rows[0]!.n).toBe(0);
  }, 120_000);
});
