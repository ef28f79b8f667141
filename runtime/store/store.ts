/**
 * Entry point of the store: the port's types and `openStore`, which picks the adapter from the
 * configuration. Import from here, not from the files behind it.
 */
import { createHash } from 'node:crypto';
import { KyselyStore } from './kysely-store.js';
import { connectPostgres } from './postgres-connect.js';
import { connectSqlite } from './sqlite-connect.js';
import type { QueryListener } from './connection.js';
import type { Store } from './types.js';

export type { QueryListener };

export type * from './types.js';
export { asStoredHistory } from './instance-queries.js';
export { usernameKey } from './account-queries.js';
export { DraftRevisionConflict } from './draft-revision.js';
export { newTaskRow, storedAssignees } from './task-queries.js';

export interface StoreOptions {
  /** `postgres://…` selects PostgreSQL; anything else (or nothing) selects SQLite. */
  databaseUrl?: string;
  /** SQLite: directory of `flowcase.db` (default `./data`). */
  dataDir?: string;
  /** SQLite: an explicit file path, overriding `dataDir`. */
  sqliteFile?: string;
  /** SQLite durability: `NORMAL` (default; WAL keeps every commit safe from process crashes) or `FULL`. */
  synchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL: a schema to hold every table (created if missing), e.g. one per test file. */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  pgPoolSize?: number;
  /** The clock for defaulted timestamps; ISO-8601. Defaults to the system clock. */
  now?: () => string;
  /** Id generator for rows the store creates itself (users without an id). */
  newId?: () => string;
  /**
   * IANA zone whose local days dashboard rollups keep (the server passes its time zone setting);
   * default as the server's: FLOWCASE_TIME_ZONE, TZ, else Asia/Shanghai.
   */
  timeZone?: string;
  /** `false` keeps no dashboard rollups (drops any there are): dashboards then read the records. */
  rollups?: boolean;
  /** Sees every SQL statement with its parameters (debugging, query-plan checks in tests). */
  onQuery?: QueryListener;
}

/**
 * Opens the store and runs pending migrations.
 *
 * @example
 * const store = await openStore({ dataDir: './data' });
 * await store.write(async (tx) => tx.insertInstance(instance));
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const url = options.databaseUrl ?? '';
  const connection = /^postgres(ql)?:\/\//.test(url) ? connectPostgres(url, options) : connectSqlite(options);
  const store = new KyselyStore(connection, {
    now: options.now ?? (() => new Date().toISOString()),
    newId: options.newId ?? (() => crypto.randomUUID()),
    rollupTimeZone:
      options.rollups === false
        ? null
        : (options.timeZone ?? process.env.FLOWCASE_TIME_ZONE ?? process.env.TZ ?? 'Asia/Shanghai'),
  });
  try {
    await store.migrate();
  } catch (e) {
    await store.close();
    throw e;
  }
  return store;
}

/** SHA-256 hex of a bearer/session/CSRF token: what `createToken`/`findToken` take. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
