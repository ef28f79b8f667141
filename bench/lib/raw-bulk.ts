/**
 * The bulk-import baseline: the rows the store just imported, copied straight into a fresh SQLite
 * file with the same table and the same indexes (and once without its secondary indexes), by
 * prepared multi-row INSERTs, 1,000 rows a transaction. What SQLite itself does with these rows on
 * this machine, to set `store.insertRecords` against, and how much the indexes cost.
 */
import { rmSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { openSqlite } from './baselines.js';
import { nowMs } from './stats.js';

const BATCH = 1000;
/** Bound parameters per statement (SQLite's default limit is 32,766; stay well under). */
const MAX_BOUND = 30_000;
/** Rows read from the store's file at a time (untimed). */
const READ_SLICE = 50_000;

export function rawBulkInsert(
  storeFile: string,
  app: string,
  form: string,
  target: string,
  withIndexes: boolean,
): number {
  const source = new BetterSqlite3(storeFile, { readonly: true, fileMustExist: true });
  for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  const db = openSqlite(target, 'NORMAL');
  try {
    const ft = source
      .prepare('select id from form_tables where app_key = ? and form_key = ?')
      .get(app, form) as { id: number };
    const table = `form_${ft.id}`;
    db.exec(
      (
        source.prepare("select sql from sqlite_master where type = 'table' and name = ?").get(table) as {
          sql: string;
        }
      ).sql,
    );
    if (withIndexes)
      for (const r of source
        .prepare("select sql from sqlite_master where type = 'index' and tbl_name = ? and sql is not null")
        .all(table) as { sql: string }[])
        db.exec(r.sql);
    // Read in slices (a million wide rows do not fit the heap at once); only the inserts are timed.
    const read = source
      .prepare(`select * from "${table}" where seq > ? order by seq limit ${READ_SLICE}`)
      .raw(true);
    const statements = new Map<number, BetterSqlite3.Statement>();
    let insertMs = 0;
    let total = 0;
    let after = 0;
    for (;;) {
      const rows = read.all(after) as unknown[][];
      if (rows.length === 0) break;
      after = rows[rows.length - 1]![0] as number;
      const width = rows[0]!.length;
      const perStatement = Math.max(1, Math.min(BATCH, Math.floor(MAX_BOUND / width)));
      const one = `(${Array.from({ length: width }, () => '?').join(',')})`;
      const insert = (n: number) => {
        let s = statements.get(n);
        if (!s)
          statements.set(
            n,
            (s = db.prepare(
              `insert into "${table}" values ${Array.from({ length: n }, () => one).join(',')}`,
            )),
          );
        return s;
      };
      const start = nowMs();
      for (let from = 0; from < rows.length; from += BATCH) {
        db.transaction(() => {
          const batch = rows.slice(from, from + BATCH);
          for (let i = 0; i < batch.length; i += perStatement) {
            const part = batch.slice(i, i + perStatement);
            insert(part.length).run(...part.flat());
          }
        })();
      }
      insertMs += nowMs() - start;
      total += rows.length;
    }
    return (total * 1000) / insertMs;
  } finally {
    source.close();
    db.close();
    for (const suffix of ['', '-wal', '-shm']) rmSync(target + suffix, { force: true });
  }
}
