/**
 * kill -9 under load: 20 rounds of record creations and task completions on the flagship flow
 * against the real server, SIGKILL at a random moment of each round, restart. After every kill the
 * SQLite file is intact, every history is gapless and ends at its snapshot's seq, no transition
 * was applied twice, and every request answered 2xx before the kill has its effect.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  integrityProblems,
  invariantProblems,
  openDb,
  recordInstance,
  taskFacts,
} from './helpers/db-checks.js';
import {
  flagshipIds,
  newLedger,
  runFlagshipLoad,
  type FlagshipIds,
  type Worker,
} from './helpers/flagship-load.js';
import { Client, prng, sleep, waitFor } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';

const ROUNDS = 20;
const WORKERS = 6;
const SEED = Number(process.env.FLOWCASE_TEST_SEED ?? Date.now() % 1_000_000);

let server: ServerProcess;
let client: Client;
let ids: FlagshipIds;

beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
  client = new Client(() => server.url);
  ids = await flagshipIds(client);
  for (const u of ['admin', 'desk', 'tech', 'qa', 'shipper']) await client.token(u);
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

/** The problems found in the data directory while the server is down. */
function check(ledger: ReturnType<typeof newLedger>): string[] {
  const db = openDb(server.dbFile);
  try {
    const problems = [...integrityProblems(db), ...invariantProblems(db)];
    for (const id of ledger.records) {
      if (!recordInstance(db, id))
        problems.push(`record ${id} was acknowledged (201) but is not stored with its instance`);
    }
    for (const [taskId, userId] of ledger.completions) {
      const facts = taskFacts(db, taskId);
      if (!facts || facts.status !== 'done' || facts.completedBy !== userId || facts.completions !== 1) {
        problems.push(`task ${taskId} was acknowledged (200) but the database says ${JSON.stringify(facts)}`);
      }
    }
    return problems;
  } finally {
    db.close();
  }
}

describe('kill -9 under load', () => {
  it(`loses no acknowledged write and applies no transition twice (${ROUNDS} rounds, seed ${SEED})`, async () => {
    const rnd = prng(SEED);
    const ledger = newLedger();
    const workers: Worker[] = Array.from({ length: WORKERS }, () => ({}));
    for (let round = 1; round <= ROUNDS; round++) {
      if (!server.running) await server.start();
      const stop = { stopped: false };
      const load = runFlagshipLoad(client, ids, ledger, workers, stop, rnd);
      // Kill at a random moment once the load is under way (the first requests after a start are slow).
      const acked = ledger.records.size + ledger.completions.size;
      await waitFor(
        'the first acknowledged request of the round',
        () => (ledger.records.size + ledger.completions.size > acked ? true : undefined),
        60_000,
        20,
      );
      await sleep(Math.floor(rnd() * 1500));
      await server.stop('SIGKILL');
      stop.stopped = true;
      await load;
      const problems = check(ledger);
      expect(problems, `round ${round} (seed ${SEED})\n${server.output()}`).toEqual([]);
    }
    expect(ledger.unexpected, `seed ${SEED}`).toEqual([]);
    // The load did real work: many cases and completions, all acknowledged ones found above.
    expect(ledger.records.size).toBeGreaterThan(ROUNDS);
    expect(ledger.completions.size).toBeGreaterThan(ROUNDS);

    // After the last restart the cases go on: every interrupted case can still be finished.
    await server.start();
    const stop = { stopped: false };
    const before = ledger.completions.size;
    const load = runFlagshipLoad(client, ids, ledger, workers, stop, rnd);
    await sleep(1000);
    stop.stopped = true;
    await load;
    expect(ledger.completions.size).toBeGreaterThan(before);
    expect(ledger.unexpected).toEqual([]);

    // The checks above are not vacuous: a copy with a gap, a doubled transition and a lost write fails them.
    await server.stop('SIGTERM');
    const copy = path.join(server.dataDir, 'tampered.db');
    copyFileSync(server.dbFile, copy);
    const db = openDb(copy);
    try {
      const [taskId] = [...ledger.completions.keys()];
      const task = db.prepare('select instance_id from tasks where id = ?').get(taskId) as {
        instance_id: string;
      };
      const other = db.prepare('select id from instances where id <> ? limit 1').get(task.instance_id) as {
        id: string;
      };
      db.prepare('delete from history where instance_id = ? and seq = 2').run(other.id);
      const last = db
        .prepare('select max(seq) as seq from history where instance_id = ?')
        .get(task.instance_id) as { seq: number };
      db.prepare(
        "insert into history (instance_id, seq, at, actor, type, node, detail) select instance_id, ?, at, actor, type, node, detail from history where instance_id = ? and type = 'task.completed' limit 1",
      ).run(last.seq + 1, task.instance_id);
      db.prepare("update tasks set status = 'open', completed_by = null where id = ?").run(taskId);
      const problems = invariantProblems(db).join('\n');
      expect(problems).toContain(`instance ${other.id}: history seq`);
      expect(problems).toContain('appears twice');
      expect(problems).toContain(`open tasks`);
      expect(taskFacts(db, taskId!)?.status).toBe('open');
    } finally {
      db.close();
    }
  }, 600_000);
});
