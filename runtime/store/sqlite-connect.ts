/**
 * The embedded default: one better-sqlite3 connection in WAL mode. kysely serializes every query
 * on it, and writes take the lock up front with `BEGIN IMMEDIATE` (kysely-store.ts), so a write
 * never fails halfway with SQLITE_BUSY when it upgrades from reading. kysely gets the handle through
 * a prepared-statement cache (statement-cache.ts), so repeated SQL is not compiled again.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { queryLog, type Connection, type QueryListener } from './connection.js';
import type { Database } from './schema.js';
import { cachingDatabase } from './statement-cache.js';

/** Opens `<dataDir>/flowcase.db` (or `sqliteFile`) with the pragmas the store relies on. */
export function connectSqlite(options: {
  dataDir?: string;
  sqliteFile?: string;
  synchronous?: 'NORMAL' | 'FULL';
  onQuery?: QueryListener;
}): Connection {
  const file = options.sqliteFile ?? join(options.dataDir ?? './data', 'flowcase.db');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('foreign_keys = ON');
  // 64 MiB of page cache instead of SQLite's 2 MiB: index pages of a large database stay in
  // memory across transactions instead of being re-read on every write.
  sqlite.pragma('cache_size = -65536');
  const synchronous = options.synchronous === 'FULL' ? 'FULL' : 'NORMAL';
  sqlite.pragma(`synchronous = ${synchronous}`);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: cachingDatabase(sqlite) }),
    ...queryLog(options.onQuery),
  });
  return { dialect: 'sqlite', db, sqlite, synchronous };
}
