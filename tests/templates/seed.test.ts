/**
 * The sample-data seeder: a fixed seed gives the same data twice (ids included), the requests end
 * up in every state of the repair flow, and every instance's history is gapless.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seed, type SeedReport } from '../../examples/seed/seeder.js';
import { openStore, type Store } from '../../runtime/store/store.js';

const RECORDS = 240;
const until = '2026-06-01T00:00:00.000Z';
const dirs: string[] = [];
const reports: SeedReport[] = [];

async function run(seedText: string, workers: number): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-seed-'));
  dirs.push(dir);
  reports.push(
    await seed({
      app: 'after_sales',
      records: RECORDS,
      seed: seedText,
      dataDir: dir,
      until,
      batchSize: 100,
      workers,
      password: 'seed-password-1',
      log: () => undefined,
    }),
  );
  return dir;
}

/** Everything a seeded repair request consists of, in a comparable form. */
async function dump(store: Store): Promise<unknown[]> {
  const out: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.listRecords('after_sales', 'repair_request', {
      limit: 500,
      sort: [{ field: 'createdAt', dir: 'asc' }],
      ...(cursor ? { cursor } : {}),
    });
    for (const r of page.items) {
      const found = await store.getRecordWithInstance(r.id);
      out.push({ record: r, instance: found?.instance, tasks: found?.tasks, history: found?.history });
    }
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

let a: Store;
let b: Store;
let c: Store;

beforeAll(async () => {
  a = await openStore({ dataDir: await run('alpha', 1) });
  b = await openStore({ dataDir: await run('alpha', 3) });
  c = await openStore({ dataDir: await run('beta', 2) });
}, 300_000);

afterAll(async () => {
  for (const s of [a, b, c]) await s?.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('the seeder', () => {
  it('has portal customers file requests only for the customer record linked to their account', async () => {
    const customerUsers = new Set(
      (await a.listUsers()).filter((u) => u.roles.includes('customer')).map((u) => u.id),
    );
    const own = (await dump(a))
      .map((entry) => (entry as { record: { createdBy: string; data: { customer: string } } }).record)
      .filter((r) => customerUsers.has(r.createdBy));
    expect(own.length).toBeGreaterThan(0);
    for (const r of own) expect((await a.getRecord(r.data.customer))?.data.account).toBe(r.createdBy);
  });

  it('writes the requested number of requests and reports its rate', async () => {
    const page = await a.aggregateRecords('after_sales', 'repair_request', { measures: [{ op: 'count' }] });
    expect(page[0]?.values[0]).toBe(RECORDS);
    expect(reports[0]!.records).toBe(RECORDS);
    expect(reports[0]!.perSecond).toBeGreaterThan(0);
  });

  it('is deterministic for a seed (ids, data, tasks, history), whatever the number of workers, and another seed gives other data', async () => {
    const first = await dump(a);
    expect(await dump(b)).toEqual(first);
    expect(JSON.stringify(await dump(c))).not.toEqual(JSON.stringify(first));
    expect(reports[1]!.statuses).toEqual(reports[0]!.statuses);
  });

  it('leaves requests in every state of the flow, with payments, breaches and surveys', async () => {
    const statuses = await a.aggregateRecords('after_sales', 'repair_request', {
      dimensions: [{ field: 'status' }],
      measures: [{ op: 'count' }],
    });
    expect(statuses.map((r) => r.keys[0]).sort()).toEqual([
      'awaiting_customer',
      'awaiting_payment',
      'awaiting_survey',
      'closed',
      'declined',
      'quoting',
      'rejected',
      'repairing',
      'shipping',
      'submitted',
    ]);
    const tiers = await a.aggregateRecords('after_sales', 'repair_request', {
      dimensions: [{ field: 'customer_tier' }],
      measures: [{ op: 'count' }],
    });
    expect(tiers.map((r) => r.keys[0]).sort()).toEqual(['key', 'regular', 'vip']);
    const methods = await a.aggregateRecords('after_sales', 'repair_request', {
      dimensions: [{ field: 'payment_method' }],
      measures: [{ op: 'count' }],
    });
    expect(methods.map((r) => r.keys[0])).toEqual(expect.arrayContaining(['wechat_pay', 'alipay', 'cash']));
    const rated = await a.aggregateRecords('after_sales', 'repair_request', {
      filter: { '!=': [{ var: 'rating' }, null] },
      measures: [{ op: 'count' }, { op: 'avg', field: 'rating' }],
    });
    expect(rated[0]!.values[0]).toBeGreaterThan(RECORDS / 2);
    const sla = await a.aggregateRecords('after_sales', 'repair_request', {
      measures: [{ op: 'avg', field: 'intake_within_sla' }],
    });
    expect(sla[0]!.values[0]).toBeGreaterThan(50);
    expect(sla[0]!.values[0]).toBeLessThan(100);
  });

  it('spreads the requests over the last twelve months', async () => {
    const months = await a.aggregateRecords('after_sales', 'repair_request', {
      dimensions: [{ field: 'submitted_at', bucket: 'month' }],
      measures: [{ op: 'count' }],
    });
    expect(months.length).toBeGreaterThanOrEqual(12);
  });

  it('keeps every history gapless, with SLA breaches and escalations among them', async () => {
    const cases = (await dump(a)) as {
      history: { seq: number; type: string }[];
      instance: { status: string; snapshot: { seq: number } };
    }[];
    let breaches = 0;
    for (const { history, instance } of cases) {
      expect(history[0]?.type).toBe('instance.started');
      expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
      expect(instance.snapshot.seq).toBe(history.length);
      breaches += history.filter((e) => e.type === 'sla.breached').length;
    }
    expect(breaches).toBeGreaterThan(0);
    expect(cases.filter((x) => x.instance.status === 'active').length).toBeGreaterThan(0);
  });
});
