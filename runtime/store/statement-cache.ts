/**
 * A prepared-statement cache in front of a better-sqlite3 handle, shaped as the subset of
 * `Database` that kysely's `SqliteDialect` uses (`prepare`, `close`). kysely prepares every query
 * again on every call; with the cache, repeated SQL text (every query the store builds, since
 * values are always parameters) reuses its compiled statement.
 *
 * Safe because kysely runs one query at a time on the connection. A statement still busy in an
 * iterator (a streamed read) is never handed out twice: its SQL gets a fresh statement instead.
 * SQLite re-prepares a cached statement itself after a schema change (`sqlite3_prepare_v2`).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Default number of distinct statements kept (least recently used ones are dropped first). */
export const STATEMENT_CACHE_SIZE = 512;

export interface CachingDatabase extends SqliteDatabase {
  prepare(sql: string): BetterSqlite3.Statement;
  /** Statements currently cached. */
  readonly size: number;
  /** Forgets every cached statement (they are finalized by the garbage collector). */
  clear(): void;
}

/**
 * Wraps `db` so that `prepare` returns a cached statement for SQL text it has seen.
 *
 * @example
 * new SqliteDialect({ database: cachingDatabase(new BetterSqlite3(file)) });
 */
export function cachingDatabase(
  db: BetterSqlite3.Database,
  capacity = STATEMENT_CACHE_SIZE,
): CachingDatabase {
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    prepare(sql: string): BetterSqlite3.Statement {
      const hit = cache.get(sql);
      if (hit !== undefined) {
        if (hit.busy) return db.prepare(sql);
        // Map order is insertion order: re-inserting marks it most recently used.
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const statement = db.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > capacity) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close(): void {
      cache.clear();
      db.close();
    },
    get size() {
      return cache.size;
    },
    clear(): void {
      cache.clear();
    },
  };
}
