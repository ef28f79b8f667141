/**
 * Store contract on SQLite: a database made before migrations 0009 and 0010 opens with leaner
 * step indexes (finishing events only in `history_by_type`) and the open tasks in their key's B-tree, keeping every task, timer and open-task
 * row it held; the done inbox and the open-task counts answer as before.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../runtime/store/migrations/migrations.js';
import { openStore } from '../../runtime/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'flowcase-step-index-migrations-'));
const file = join(dir, 'flowcase.db');

/** A file migrated up to 0008 only, with two instances, their tasks, timers and open tasks. */
async function databaseAt0008(): Promise<void> {
  const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(
    '0008-rollup-day-index',
  );
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  const raw = new BetterSqlite3(file);
  const at = '2026-11-01T08:00:00.000Z';
  for (const i of [1, 2]) {
    raw
      .prepare(
        `insert into instances (id, app_key, flow_key, version, record_id, status, snapshot, rev, created_at, updated_at) values (?, 'repair', 'main', 1, ?, 'active', '{}', 1, ?, ?)`,
      )
      .run(`i${i}`, `r${i}`, at, at);
    const task = raw.prepare(
      `insert into tasks (id, instance_id, record_id, app_key, form_key, node, node_name, status, iteration, due_at, created_at, completed_at, completed_by, action) values (?, ?, ?, 'repair', 'request', ?, ?, ?, 1, ?, ?, ?, ?, ?)`,
    );
    task.run(
      `t${i}a`,
      `i${i}`,
      `r${i}`,
      'intake',
      'Intake',
      'done',
      null,
      at,
      '2026-11-01T09:00:00.000Z',
      'desk1',
      'approve',
    );
    task.run(
      `t${i}b`,
      `i${i}`,
      `r${i}`,
      'repair',
      'Repair',
      'open',
      '2026-11-03T09:00:00.000Z',
      at,
      null,
      null,
      null,
    );
    raw
      .prepare(
        `insert into flow_open_tasks (task_id, app_key, flow_key, node, due_at, breached) values (?, 'repair', 'main', 'repair', '2026-11-03T09:00:00.000Z', 0)`,
      )
      .run(`t${i}b`);
    raw
      .prepare(
        `insert into timers (id, instance_id, kind, node, task_id, due_at) values (?, ?, 'sla', 'repair', ?, '2026-11-03T09:00:00.000Z')`,
      )
      .run(`tm${i}`, `i${i}`, `t${i}b`);
    const history = raw.prepare(
      `insert into history (instance_id, seq, at, actor, type, node) values (?, ?, ?, 'desk1', ?, ?)`,
    );
    history.run(`i${i}`, 1, at, 'task.completed', 'intake');
    if (i === 1) history.run(`i${i}`, 2, '2026-11-02T09:00:00.000Z', 'instance.ended', null);
  }
  raw.close();
  await db.destroy();
}

describe('step index migrations (sqlite)', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every row and answers from the new layout', async () => {
    await databaseAt0008();
    const store = await openStore({ dataDir: dir });
    try {
      const raw = new BetterSqlite3(file, { readonly: true });
      const schema = (name: string) =>
        (raw.prepare(`select sql from sqlite_master where name = ?`).get(name) as { sql: string } | undefined)
          ?.sql;
      expect(schema('tasks_instance')).toBeUndefined();
      expect(schema('timers_instance')).toBeUndefined();
      expect(schema('tasks_done_by')).toMatch(/where "completed_by" is not null/i);
      expect(schema('flow_open_tasks')).toMatch(/without rowid/i);
      expect(schema('history_by_type')).toMatch(
        /where type in \('instance.ended', 'instance.cancelled', 'instance.failed'\)/,
      );
      expect(
        raw
          .prepare(
            `select instance_id from history indexed by history_by_type where type in ('instance.ended', 'instance.cancelled', 'instance.failed')`,
          )
          .pluck()
          .all(),
      ).toEqual(['i1']);
      expect(raw.prepare('select count(*) from history').pluck().get()).toBe(3);
      expect(schema('flow_open_tasks_flow')).toBeDefined();
      expect(raw.prepare('select task_id from flow_open_tasks order by task_id').pluck().all()).toEqual([
        't1b',
        't2b',
      ]);
      expect(raw.prepare('select count(*) from timers').pluck().get()).toBe(2);
      expect(raw.prepare('pragma integrity_check').pluck().get() as string).toBe('ok');
      raw.close();

      const done = await store.inbox('desk1', [], { status: 'done', limit: 10 });
      expect(done.items.map((t) => t.id)).toEqual(['t2a', 't1a']);
      expect((await store.listTasks('i1')).map((t) => t.id)).toEqual(['t1a', 't1b']);
      // An open task written after the migration joins the copied ones; completing one removes it.
      await store.write((tx) =>
        tx.updateTask('t1b', {
          status: 'done',
          completedAt: '2026-11-02T09:00:00.000Z',
          completedBy: 'tech1',
        }),
      );
      const check = new BetterSqlite3(file, { readonly: true });
      expect(check.prepare('select task_id from flow_open_tasks order by task_id').pluck().all()).toEqual([
        't2b',
      ]);
      check.close();
    } finally {
      await store.close();
    }
  });
});
