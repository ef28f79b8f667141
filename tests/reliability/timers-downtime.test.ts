/**
 * Timers across downtime: wait timers and SLA reminders/breaches that fall due while the server is
 * down (killed with SIGKILL) fire after the restart, late, and exactly once: a second restart and
 * further scheduler rounds fire nothing again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  historyOf,
  integrityProblems,
  invariantProblems,
  openDb,
  recordInstance,
  type Db,
} from './helpers/db-checks.js';
import type { View } from './helpers/flagship-load.js';
import { Client, sleep, waitFor } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';
import { timerBundle } from './helpers/test-bundles.js';

const PER_KIND = 5;
let server: ServerProcess;
let client: Client;

beforeAll(async () => {
  server = new ServerProcess({ env: { FLOWCASE_DEMO: '0' } });
  await server.start();
  client = new Client(() => server.url);
  await client.expect(201, 'admin', 'POST', '/api/v1/apps', {
    bundle: timerBundle({ wait: 'PT5S', due: 'PT8S', remind: 'PT2S' }),
  });
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

function withDb<T>(fn: (db: Db) => T): T {
  const db = openDb(server.dbFile);
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

describe('timers due while the server is down', () => {
  it('fire exactly once after the restart, however late', async () => {
    const [, boss] = await Promise.all([
      client.addUser('worker1', ['worker']),
      client.addUser('boss1', ['boss']),
    ]);
    const waiters: string[] = [];
    const items: string[] = [];
    for (let i = 0; i < PER_KIND; i++) {
      waiters.push(
        (
          await client.expect<View>(201, 'admin', 'POST', '/api/v1/apps/rel_timers/forms/waiter/records', {
            data: { title: `w${i}` },
          })
        ).record.id,
      );
      items.push(
        (
          await client.expect<View>(201, 'admin', 'POST', '/api/v1/apps/rel_timers/forms/sla_item/records', {
            data: { title: `s${i}` },
          })
        ).record.id,
      );
    }
    await server.stop('SIGKILL');

    // Nothing fired before the kill, so every timer below falls due during the downtime.
    const pending = withDb(
      (db) =>
        db
          .prepare(
            'select id, due_at, fired_at from timers where instance_id in (select id from instances where app_key = ?)',
          )
          .all('rel_timers') as { id: string; due_at: string; fired_at: string | null }[],
    );
    expect(pending).toHaveLength(PER_KIND * 3);
    expect(pending.filter((t) => t.fired_at !== null)).toEqual([]);
    const lastDue = Math.max(...pending.map((t) => Date.parse(t.due_at)));
    await sleep(Math.max(0, lastDue - Date.now()) + 2000); // the latest is 2 s late, the earliest ~4 s

    await server.start();
    const instanceOf = (db: Db, recordId: string): string => recordInstance(db, recordId)!.instanceId;
    await waitFor('every timer to fire after the restart', () =>
      withDb((db) => {
        const live = db
          .prepare(
            "select count(*) as n from timers where fired_at is null and cancelled_at is null and instance_id in (select id from instances where app_key = 'rel_timers')",
          )
          .get() as { n: number };
        return live.n === 0 ? true : undefined;
      }),
    );
    // More scheduler rounds, and another restart: nothing fires a second time.
    await sleep(1000);
    await server.stop('SIGTERM');
    await server.start();
    await sleep(1000);
    await server.stop('SIGTERM');

    withDb((db) => {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
      for (const id of waiters) {
        const history = historyOf(db, instanceOf(db, id));
        expect(history.filter((h) => h.type === 'wait.elapsed')).toHaveLength(1);
        expect(history.filter((h) => h.type === 'task.created' && h.node === 'after_wait')).toHaveLength(1);
      }
      for (const id of items) {
        const instanceId = instanceOf(db, id);
        const history = historyOf(db, instanceId);
        expect(history.filter((h) => h.type === 'sla.reminded')).toHaveLength(1);
        const breaches = history.filter((h) => h.type === 'sla.breached');
        expect(breaches).toHaveLength(1);
        expect(breaches[0]!.detail.escalatedTo).toEqual([{ role: 'boss' }]);
        const task = db
          .prepare("select id, breached, status from tasks where instance_id = ? and node = 'handle'")
          .get(instanceId) as { id: string; breached: number; status: string };
        expect(task).toMatchObject({ breached: 1, status: 'open' });
        const roles = db
          .prepare("select value from task_assignees where task_id = ? and kind = 'role' order by value")
          .all(task.id) as { value: string }[];
        expect(roles.map((r) => r.value)).toEqual(['boss', 'worker']);
      }
      // Each breach notified the boss once (one outbox row per breach, one notification per row).
      const overdue = db
        .prepare("select count(*) as n from notifications where user_id = ? and body like '%overdue%'")
        .get(boss.id) as { n: number };
      expect(overdue.n).toBe(PER_KIND);
      const timers = db
        .prepare(
          "select count(*) as n from timers where fired_at is not null and instance_id in (select id from instances where app_key = 'rel_timers')",
        )
        .get() as { n: number };
      expect(timers.n).toBe(PER_KIND * 3);
    });
  }, 180_000);
});
