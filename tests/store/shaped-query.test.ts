/**
 * Hot store queries are compiled once per shape (shaped-query.ts): the SQL kysely compiled for the
 * first call is reused with each call's arguments in their own positions, whatever order the
 * builder binds them in, with the builder's inlined constants kept.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { runShaped } from '../../runtime/store/shaped-query.js';

interface Db {
  t: { id: string; name: string | null; n: number; kind: string };
}

describe('shaped queries', () => {
  const sqlite = new BetterSqlite3(':memory:');
  sqlite.exec('create table t (id text primary key, name text, n integer, kind text)');
  const db = new Kysely<Db>({ dialect: new SqliteDialect({ database: sqlite }) });
  const seen: string[] = [];
  const logged = new Kysely<Db>({
    dialect: new SqliteDialect({ database: sqlite }),
    log: (e) => void seen.push(e.query.sql),
  });
  afterAll(() => db.destroy());

  const insert = (id: string, name: string | null | undefined, n: number) =>
    // The builder binds n before id and inlines the constant kind.
    runShaped(db, 'sqlite', 'test.insert', [id, name, n], ([id, name, n]) =>
      db
        .insertInto('t')
        .values({ n: n as number, kind: 'fixed', id: id as string, name: name as string | null }),
    );
  const select = (k: Kysely<Db>, min: number, kind: string) =>
    runShaped(k, 'sqlite', 'test.select', [kind, min], ([kind, min]) =>
      k
        .selectFrom('t')
        .selectAll()
        .where('n', '>=', min as number)
        .where('kind', '=', kind as string)
        .orderBy('id'),
    );

  it('binds each call its own arguments, keeping inlined constants', async () => {
    await insert('a', 'first', 1);
    await insert('b', undefined, 2);
    await insert('c', 'third', 3);
    expect(sqlite.prepare('select * from t order by id').all()).toEqual([
      { id: 'a', name: 'first', n: 1, kind: 'fixed' },
      { id: 'b', name: null, n: 2, kind: 'fixed' },
      { id: 'c', name: 'third', n: 3, kind: 'fixed' },
    ]);
    expect((await select(db, 2, 'fixed')).rows.map((r) => r.id)).toEqual(['b', 'c']);
    expect((await select(db, 1, 'other')).rows).toEqual([]);
    // Same SQL text as kysely compiles for the query, so logs and plans see the usual statement.
    await select(logged, 3, 'fixed');
    expect(seen).toEqual([
      db.selectFrom('t').selectAll().where('n', '>=', 3).where('kind', '=', 'fixed').orderBy('id').compile()
        .sql,
    ]);
  });

  it('reports rows a write touched', async () => {
    const bump = (kind: string) =>
      runShaped(db, 'sqlite', 'test.bump', [kind], ([kind]) =>
        db
          .updateTable('t')
          .set({ n: 0 })
          .where('kind', '=', kind as string),
      );
    expect(Number((await bump('fixed')).numAffectedRows)).toBe(3);
    expect(Number((await bump('none')).numAffectedRows)).toBe(0);
  });

  it('refuses a builder that does not bind every argument', () => {
    expect(() =>
      runShaped(db, 'sqlite', 'test.unbound', ['x', 'y'], ([id]) =>
        db
          .selectFrom('t')
          .selectAll()
          .where('id', '=', id as string),
      ),
    ).toThrow(/bound parameter/);
  });
});
