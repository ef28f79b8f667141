/**
 * WAL checkpoints from a worker thread (sqlite-checkpointer.ts): pages committed to the WAL reach
 * the database file without the writer checkpointing, and after `stop` the main connection is
 * the last one, so closing it folds the WAL away as SQLite always does.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startCheckpointer } from '../../runtime/store/sqlite-checkpointer.js';
import { openStore } from '../../runtime/store/store.js';

const dir = mkdtempSync(join(tmpdir(), 'flowcase-checkpointer-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until(check: () => boolean, ms = 10_000): Promise<boolean> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 25));
  }
  return true;
}

describe('SQLite checkpointer', () => {
  it('copies committed WAL pages into the database file while the writer never checkpoints', async () => {
    const file = join(dir, 'a.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('create table t (id integer primary key, body text)');
    const insert = db.prepare('insert into t (body) values (?)');
    db.transaction(() => {
      for (let i = 0; i < 2000; i++) insert.run('x'.repeat(500));
    })();
    const before = statSync(file).size;
    const checkpointer = startCheckpointer(file, 'NORMAL', 20);
    try {
      expect(await until(() => statSync(file).size > before + 500_000)).toBe(true);
      expect(db.prepare('select count(*) as n from t').get()).toEqual({ n: 2000 });
    } finally {
      checkpointer.stop();
      checkpointer.stop(); // idempotent
    }
    db.close();
    expect(existsSync(`${file}-wal`)).toBe(false);
    const again = new BetterSqlite3(file);
    expect(again.prepare('select count(*) as n from t').get()).toEqual({ n: 2000 });
    expect(again.pragma('integrity_check', { simple: true })).toBe('ok');
    again.close();
  });

  it('takes over in a busy store, which still closes cleanly', async () => {
    const store = await openStore({ dataDir: join(dir, 'store') });
    for (let i = 0; i < 150; i++) await store.write((tx) => tx.putIdempotency('s', `k${i}`, { i }));
    expect(await store.getIdempotency('s', 'k149')).toEqual({ i: 149 });
    await new Promise((r) => setTimeout(r, 200));
    await store.close();
    expect(existsSync(join(dir, 'store', 'flowcase.db-wal'))).toBe(false);
    const reopened = await openStore({ dataDir: join(dir, 'store') });
    expect(await reopened.getIdempotency('s', 'k0')).toEqual({ i: 0 });
    await reopened.close();
  });
});
