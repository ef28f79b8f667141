/**
 * What the durable figures are compared with, on the same kind of file in the same run:
 * - the raw baseline: one `UPDATE` per transaction (prepared better-sqlite3 statements, or one pg
 *   client), the most a database commits one event at a time;
 * - a hand-written state machine: the flagship path as a `switch`, its state and data in one row
 *   plus a history row per step, re-reading the instance on every event as a server must.
 * Each returns events (commits) per second over `count` events.
 */
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { NODE_PATH } from './flagship.js';
import { Latencies, nowMs } from './stats.js';

export type Sync = 'NORMAL' | 'FULL';

export function openSqlite(file: string, sync: Sync): BetterSqlite3.Database {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${sync}`);
  db.pragma('busy_timeout = 5000');
  return db;
}

/** One prepared `UPDATE` per `BEGIN IMMEDIATE … COMMIT`. */
export function rawSqliteCommits(file: string, sync: Sync, count: number): { perSec: number; p99: number } {
  const db = openSqlite(file, sync);
  db.exec(
    'create table if not exists raw_rows (id integer primary key, v integer not null, body text not null)',
  );
  const insert = db.prepare('insert or ignore into raw_rows (id, v, body) values (?, 0, ?)');
  db.transaction(() => {
    for (let i = 0; i < 1000; i++) insert.run(i, 'x'.repeat(300));
  })();
  const begin = db.prepare('begin immediate');
  const update = db.prepare('update raw_rows set v = v + 1 where id = ?');
  const commit = db.prepare('commit');
  const lat: number[] = [];
  const start = nowMs();
  for (let i = 0; i < count; i++) {
    const t = nowMs();
    begin.run();
    update.run(i % 1000);
    commit.run();
    lat.push(nowMs() - t);
  }
  const perSec = (count * 1000) / (nowMs() - start);
  db.close();
  lat.sort((a, b) => a - b);
  return { perSec, p99: lat[Math.floor(lat.length * 0.99)]! };
}

/** One `UPDATE` per transaction over one pg connection, in schema `schema`. */
export async function rawPostgresCommits(
  url: string,
  schema: string,
  count: number,
): Promise<{ perSec: number; p99: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${schema}`);
    await client.query(
      `create table if not exists ${schema}.raw_rows (id integer primary key, v integer not null, body text not null)`,
    );
    await client.query(
      `insert into ${schema}.raw_rows select g, 0, repeat('x', 300) from generate_series(0, 999) g on conflict do nothing`,
    );
    const lat = new Latencies();
    const start = nowMs();
    for (let i = 0; i < count; i++) {
      await lat.time(async () => {
        await client.query('begin');
        await client.query({
          name: 'raw-update',
          text: `update ${schema}.raw_rows set v = v + 1 where id = $1`,
          values: [i % 1000],
        });
        await client.query('commit');
      });
    }
    return { perSec: (count * 1000) / (nowMs() - start), p99: lat.p(0.99) };
  } finally {
    await client.end();
  }
}

interface HandState {
  node: string;
  seq: number;
  data: Record<string, unknown>;
}

/** The flagship path as hand-written transitions (the same branches: warranty, payment method). */
function handTransition(state: HandState, node: string, data: Record<string, unknown>): HandState {
  if (state.node !== node) throw new Error(`event for ${node} but the instance is at ${state.node}`);
  const merged = { ...state.data, ...data };
  let next: string;
  switch (node) {
    case 'start':
      next = 'intake';
      break;
    case 'intake':
      next = merged.in_warranty === true ? 'repair' : 'quote';
      break;
    case 'customer_decision':
      next = ['wechat_pay', 'alipay'].includes(String(merged.payment_method)) ? 'await_payment' : 'payment';
      break;
    case 'survey':
      next = 'done';
      break;
    default: {
      const i = NODE_PATH.indexOf(node as (typeof NODE_PATH)[number]);
      if (i < 0) throw new Error(`unknown node ${node}`);
      next = NODE_PATH[i + 1] ?? 'done';
    }
  }
  return { node: next, seq: state.seq + 1, data: merged };
}

/** The events of one instance as (node, data) pairs: start, then the script's nodes. */
export const HAND_EVENTS: readonly [string, Record<string, unknown>][] = [
  [
    'start',
    {
      serial_number: 'SN-1',
      purchase_date: '2020-01-15',
      in_warranty: false,
      description: 'Screen flickers',
    },
  ],
  ...NODE_PATH.map((node): [string, Record<string, unknown>] => [
    node,
    node === 'quote'
      ? { quote_fee: 300, quote_days: 3 }
      : node === 'customer_decision'
        ? { payment_method: 'cash' }
        : {},
  ]),
];

/** Runs `instances` instances of the hand-written machine; every event re-reads the row. */
export function handWrittenMachine(
  file: string,
  sync: Sync,
  instances: number,
): { stepsPerSec: number; instancesPerSec: number; p50: number; p99: number } {
  const db = openSqlite(file, sync);
  db.exec(`create table if not exists hand_instances (id text primary key, state text not null, rev integer not null);
           create table if not exists hand_history (instance_id text not null, seq integer not null, at text not null, actor text not null, node text not null, data text, primary key (instance_id, seq))`);
  const select = db.prepare('select state, rev from hand_instances where id = ?');
  const insert = db.prepare('insert into hand_instances (id, state, rev) values (?, ?, 1)');
  const update = db.prepare('update hand_instances set state = ?, rev = rev + 1 where id = ? and rev = ?');
  const history = db.prepare(
    'insert into hand_history (instance_id, seq, at, actor, node, data) values (?, ?, ?, ?, ?, ?)',
  );
  const begin = db.prepare('begin immediate');
  const commit = db.prepare('commit');
  const lat = new Latencies();
  const tag = `${process.pid}-${Date.now()}`;
  let steps = 0;
  const start = nowMs();
  for (let n = 0; n < instances; n++) {
    const id = `h-${tag}-${n}`;
    for (const [node, data] of HAND_EVENTS) {
      const t = nowMs();
      begin.run();
      const row = select.get(id) as { state: string; rev: number } | undefined;
      const state: HandState = row
        ? (JSON.parse(row.state) as HandState)
        : { node: 'start', seq: 0, data: {} };
      const next = handTransition(state, node, data);
      if (row) update.run(JSON.stringify(next), id, row.rev);
      else insert.run(id, JSON.stringify(next));
      history.run(id, next.seq, new Date().toISOString(), 'bench', node, JSON.stringify(data));
      commit.run();
      lat.samples.push(nowMs() - t);
      steps++;
    }
  }
  const elapsed = nowMs() - start;
  db.close();
  return {
    stepsPerSec: (steps * 1000) / elapsed,
    instancesPerSec: (instances * 1000) / elapsed,
    p50: lat.p(0.5),
    p99: lat.p(0.99),
  };
}
