/**
 * A running server keeps the query planner's statistics current as its tables grow. It runs
 * `PRAGMA optimize` when it starts and then every `FLOWCASE_OPTIMIZE_MINUTES` (an hour by
 * default), so a table that grew from the sample data to many thousands of rows is analyzed
 * again without a restart. Without the refresh the statistics keep the counts of the start.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';
import { startServer, type RunningServer } from '../../runtime/server.js';

const GROWN = 20_000;
const dirs: string[] = [];
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function start(options: {
  optimizeIntervalMs: number;
  jobs: boolean;
}): Promise<{ server: RunningServer; file: string }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-stats-'));
  dirs.push(dir);
  server = await startServer(
    {
      ...readConfig({}),
      dataDir: dir,
      adminPassword: 'admin-password-1',
      demo: false,
      logLevel: 'silent',
      optimizeIntervalMs: options.optimizeIntervalMs,
    },
    { listen: false, jobs: options.jobs },
  );
  return { server, file: path.join(dir, 'flowcase.db') };
}

/** Rows the planner believes the repair-request table has (the largest count of its indexes' statistics). */
function plannerRows(file: string): number {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    const { id } = db
      .prepare("select id from form_tables where app_key = 'after_sales' and form_key = 'repair_request'")
      .get() as { id: number };
    const stats = db.prepare('select stat from sqlite_stat1 where tbl = ?').all(`form_${id}`) as {
      stat: string;
    }[];
    return Math.max(0, ...stats.map((s) => Number(s.stat.split(' ')[0])));
  } finally {
    db.close();
  }
}

/** Grows the repair requests by `GROWN` rows and lists them once, as a busy server would. */
async function grow(running: RunningServer): Promise<void> {
  const { store } = running.services;
  const version = (await store.getApp('after_sales'))!.currentVersion!;
  const admin = (await store.getUserByUsername('admin'))!;
  for (let from = 0; from < GROWN; from += 1000) {
    await store.insertRecords(
      Array.from({ length: 1000 }, (_, i) => ({
        id: `grown-${from + i}`,
        app: 'after_sales',
        form: 'repair_request',
        version,
        data: { status: i % 2 ? 'closed' : 'submitted', description: 'bulk' },
        createdBy: admin.id,
      })),
    );
  }
  await store.listRecords('after_sales', 'repair_request', {
    filter: { '==': [{ var: 'status' }, 'submitted'] },
    limit: 10,
  });
}

async function waitFor(check: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return check();
}

describe('planner statistics on a running server', () => {
  it('are refreshed while the server runs, so they follow a table that grew', async () => {
    const { server: running, file } = await start({ optimizeIntervalMs: 100, jobs: true });
    expect(plannerRows(file)).toBeLessThan(GROWN);
    await grow(running);
    expect(await waitFor(() => plannerRows(file) >= GROWN, 20_000)).toBe(true);
  });

  it('keep the counts of the start when nothing refreshes them', async () => {
    const { server: running, file } = await start({ optimizeIntervalMs: 100, jobs: false });
    const before = plannerRows(file);
    await grow(running);
    // Several intervals of the job above: no job runs here, so nothing moves.
    await new Promise((r) => setTimeout(r, 600));
    expect(plannerRows(file)).toBe(before);
  });
});
