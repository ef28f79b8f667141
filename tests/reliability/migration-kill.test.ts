/**
 * kill -9 in the middle of a migration: a child process applies the migration of 300 open cases
 * (version 1 → 2 of the shop app, tests/api/migration-kit.ts) in batches of ten and is killed
 * with SIGKILL once it reports 60 handled. The SQLite file is intact, every case is wholly on one
 * version or the other (the ones moved have their one `instance.migrated` entry, their tasks and
 * timers; the rest are untouched), the run stays recorded as `running` and a server started after
 * the kill lists it as interrupted, and a rerun moves exactly the rest: no case is moved twice,
 * every stored invariant holds, and the killed run is listed as finished by the rerun.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, build } from '../api/helpers/build.js';
import { openCases, publishV2, type Shop } from '../api/migration-kit.js';
import { runState } from '../../runtime/apps/migration-run-state.js';
import { integrityProblems, invariantProblems, openDb } from './helpers/db-checks.js';

const COUNTS = [100, 80, 70, 50];
const TOTAL = 300;
const MAPPING = JSON.stringify({ handle: { ship: 'dispatch' } });
const ROOT = path.resolve(import.meta.dirname, '../..');

const shop = {} as Shop;
let dataDir = '';

beforeAll(async () => {
  shop.t = await build();
  dataDir = shop.t.dataDir;
  shop.admin = await shop.t.login('admin', ADMIN_PASSWORD);
  shop.clerk = (await shop.t.userWithRoles('clerk_k', ['clerk'])).token;
  await openCases(shop, COUNTS);
  await publishV2(shop);
  // The server is done: from here only the children (and the checks) open the file.
  await shop.t.app.close();
  await shop.t.store.close();
}, 600_000);

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Runs the child; with `killAt`, SIGKILLs it once it reports that many cases handled. */
function runChild(killAt?: number): Promise<{ out: string; killed: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'tests/reliability/helpers/migration-child.ts', dataDir, 'shop', '1', '2', MAPPING],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    let killed = false;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const done = [...out.matchAll(/done (\d+)/g)].map((m) => Number(m[1]));
      if (killAt !== undefined && !killed && done.some((n) => n >= killAt)) {
        killed = true;
        child.kill('SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (killed ? signal === 'SIGKILL' : code === 0) resolve({ out, killed });
      else reject(new Error(`child exited ${code ?? signal}: ${err || out}`));
    });
  });
}

function counts(): {
  v1: number;
  v2: number;
  migratedEntries: Map<string, number>;
  runs: {
    id: string;
    kind: 'migrate';
    from: number;
    to: number;
    status: 'running' | 'done';
    startedAt: string;
    moved: number;
  }[];
} {
  const db = openDb(path.join(dataDir, 'flowcase.db'));
  try {
    const byVersion = db.prepare('select version, count(*) as n from instances group by version').all() as {
      version: number;
      n: number;
    }[];
    const entries = db
      .prepare(
        "select instance_id, count(*) as n from history where type = 'instance.migrated' group by instance_id",
      )
      .all() as { instance_id: string; n: number }[];
    const runs = db
      .prepare(
        `select id, kind, from_version as "from", to_version as "to", status, started_at as "startedAt", moved
         from instance_migrations order by started_at, rowid`,
      )
      .all() as ReturnType<typeof counts>['runs'];
    return {
      v1: byVersion.find((r) => r.version === 1)?.n ?? 0,
      v2: byVersion.find((r) => r.version === 2)?.n ?? 0,
      migratedEntries: new Map(entries.map((e) => [e.instance_id, e.n])),
      runs,
    };
  } finally {
    db.close();
  }
}

function problems(): string[] {
  const db = openDb(path.join(dataDir, 'flowcase.db'));
  try {
    return [...integrityProblems(db), ...invariantProblems(db)];
  } finally {
    db.close();
  }
}

describe('kill -9 during a migration', () => {
  it('leaves every case wholly on one version, and a rerun finishes without moving any twice', async () => {
    const first = await runChild(60);
    expect(first.killed).toBe(true);
    const half = counts();
    // Killed half-way: some moved, some not, each moved case with exactly one entry.
    expect(half.v2).toBeGreaterThanOrEqual(60);
    expect(half.v2).toBeLessThan(TOTAL);
    expect(half.v1 + half.v2).toBe(TOTAL);
    expect(half.migratedEntries.size).toBe(half.v2);
    expect([...half.migratedEntries.values()].every((n) => n === 1)).toBe(true);
    expect(half.runs.map((r) => r.status)).toEqual(['running']);
    // A server started now has no run in hand: the killed one reads as interrupted, not running.
    expect(runState(half.runs[0]!, half.runs, new Set(), new Date().toISOString())).toEqual({
      status: 'interrupted',
    });
    expect(problems()).toEqual([]);

    const rerun = await runChild();
    expect(rerun.out).toContain(`finished {"moved":${TOTAL - half.v2},"failed":0}`);
    const end = counts();
    expect([end.v1, end.v2]).toEqual([0, TOTAL]);
    expect(end.migratedEntries.size).toBe(TOTAL);
    expect([...end.migratedEntries.values()].every((n) => n === 1)).toBe(true);
    expect(end.runs.map((r) => r.status)).toEqual(['running', 'done']);
    expect(end.runs[1]!.moved).toBe(TOTAL - half.v2);
    expect(runState(end.runs[0]!, end.runs)).toEqual({
      status: 'interrupted',
      finishedBy: { id: end.runs[1]!.id, startedAt: end.runs[1]!.startedAt },
    });
    expect(problems()).toEqual([]);
  }, 300_000);
});
