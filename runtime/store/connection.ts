/**
 * What an adapter hands the shared kysely store: the query builder, which database it is, and the
 * raw handle for what only SQLite offers (online backup, PRAGMA optimize, plans).
 */
import type { Kysely, KyselyConfig } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Database } from './schema.js';

export interface Connection {
  dialect: 'sqlite' | 'postgres';
  db: Kysely<Database>;
  /** SQLite only: the better-sqlite3 handle kysely runs on. */
  sqlite?: BetterSqlite3.Database;
  /** SQLite only: the `synchronous` setting the connection was opened with. */
  synchronous?: 'NORMAL' | 'FULL';
  /** PostgreSQL only: the schema holding the tables, when not the default. */
  schema?: string;
}

/** Called with each statement kysely runs. */
export type QueryListener = (sql: string, parameters: readonly unknown[]) => void;

/** Kysely's `log` option forwarding executed queries to `listener`. */
export function queryLog(listener: QueryListener | undefined): Pick<KyselyConfig, 'log'> {
  if (!listener) return {};
  return {
    log: (event) => {
      if (event.level === 'query') listener(event.query.sql, event.query.parameters);
    },
  };
}
