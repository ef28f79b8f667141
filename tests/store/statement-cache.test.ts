/**
 * The SQLite prepared-statement cache kysely runs on: the same SQL text reuses one statement,
 * results are identical to preparing afresh (also across schema changes and busy iterators), and
 * the cache stays bounded.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, sql, SqliteDialect, type Generated } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { cachingDatabase } from '../../runtime/store/statement-cache.js';

describe('statement cache (SQLite)', () => {
  const opened: BetterSqlite3.Database[] = [];
  function fresh(): BetterSqlite3.Database {
    const db = new BetterSqlite3(':memory:');
    opened.push(db);
    db.exec('create table t (id integer primary key, name text, n real)');
    return db;
  }
  afterEach(() => {
    for (const db of opened.splice(0)) if (db.open) db.close();
  });

  it('hands out one statement per SQL text', () => {
    const cached = cachingDatabase(fresh());
    const a = cached.prepare('select * from t where id = ?');
    expect(cached.prepare('select * from t where id = ?')).toBe(a);
    expect(cached.prepare('select * from t where id > ?')).not.toBe(a);
    expect(cached.size).toBe(2);
  });

  it('returns the same results as preparing every time, for reads and writes', () => {
    const plain = fresh();
    const cached = cachingDatabase(fresh());
    const script: [string, unknown[]][] = [];
    for (let i = 0; i < 50; i++) script.push(['insert into t (name, n) values (?, ?)', [`n${i % 7}`, i / 3]]);
    for (let i = 0; i < 20; i++) script.push(['update t set n = n + ? where name = ?', [i, `n${i % 7}`]]);
    script.push(['delete from t where id % ? = 0', [5]]);
    for (let i = 0; i < 10; i++)
      script.push(['select id, name, n from t where name = ? order by id', [`n${i % 7}`]]);
    script.push(['select count(*) as c, sum(n) as s from t', []]);
    for (const [text, params] of script) {
      const a = plain.prepare(text);
      const b = cached.prepare(text);
      expect(b.reader).toBe(a.reader);
      if (a.reader) expect(b.all(params)).toEqual(a.all(params));
      else expect(b.run(params)).toEqual(a.run(params));
    }
    expect(cached.size).toBe(5);
  });

  it('sees columns added after the statement was cached', () => {
    const cached = cachingDatabase(fresh());
    cached.prepare('insert into t (name) values (?)').run(['x']);
    expect(cached.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'x', n: null }]);
    cached.prepare('alter table t add column extra text').run([]);
    cached.prepare('update t set extra = ?').run(['y']);
    expect(cached.prepare('select * from t').all([])).toEqual([{ id: 1, name: 'x', n: null, extra: 'y' }]);
  });

  it('never shares a statement that an iterator is still reading', () => {
    const cached = cachingDatabase(fresh());
    for (let i = 0; i < 3; i++) cached.prepare('insert into t (name) values (?)').run([`r${i}`]);
    const text = 'select name from t order by id';
    const outer = cached.prepare(text);
    const names: unknown[] = [];
    for (const row of outer.iterate([]) as IterableIterator<{ name: string }>) {
      const inner = cached.prepare(text);
      expect(inner).not.toBe(outer);
      names.push(row.name, inner.all([]).length);
    }
    expect(names).toEqual(['r0', 3, 'r1', 3, 'r2', 3]);
  });

  it('keeps at most its capacity, dropping the least recently used', () => {
    const cached = cachingDatabase(fresh(), 3);
    const first = cached.prepare('select 1');
    cached.prepare('select 2');
    cached.prepare('select 3');
    expect(cached.prepare('select 1')).toBe(first); // now the most recent
    cached.prepare('select 4'); // evicts "select 2"
    expect(cached.size).toBe(3);
    expect(cached.prepare('select 1')).toBe(first);
    const two = cached.prepare('select 2');
    expect(two.all([])).toEqual([{ 2: 2 }]);
  });

  it('runs kysely queries and transactions unchanged', async () => {
    type Db = { t: { id: Generated<number>; name: string; n: number | null } };
    const plainDb = new Kysely<Db>({ dialect: new SqliteDialect({ database: fresh() }) });
    const cachedDb = new Kysely<Db>({ dialect: new SqliteDialect({ database: cachingDatabase(fresh()) }) });
    const results: unknown[][] = [[], []];
    for (const [i, db] of [plainDb, cachedDb].entries()) {
      for (let k = 0; k < 10; k++)
        await db
          .insertInto('t')
          .values({ name: `k${k % 3}`, n: k })
          .execute();
      await db.transaction().execute(async (tx) => {
        await tx.updateTable('t').set({ n: 100 }).where('name', '=', 'k1').execute();
      });
      await db
        .transaction()
        .execute(async (tx) => {
          await tx.deleteFrom('t').execute();
          throw new Error('roll back');
        })
        .catch(() => undefined);
      results[i]!.push(await db.selectFrom('t').selectAll().orderBy('id').execute());
      results[i]!.push(
        (await sql<{ c: number }>`select count(*) as c from t where n >= ${5}`.execute(db)).rows,
      );
      results[i]!.push(await db.selectFrom('t').select('name').where('id', 'in', [1, 2, 3]).execute());
    }
    expect(results[1]).toEqual(results[0]);
    await plainDb.destroy();
    await cachedDb.destroy();
  });
});
