/**
 * PostgreSQL for several server processes over one database. 64-bit integers and numerics come
 * back as JS numbers (counts, sums), not strings; they stay far below 2^53 here.
 */
import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import { queryLog, type Connection, type QueryListener } from './connection.js';
import type { Database } from './schema.js';

const INT8_OID = 20;
const NUMERIC_OID = 1700;

function numberAwareParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID || oid === NUMERIC_OID) return Number;
  return pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
}

/** A pool over `url`; with `schema`, every connection's `search_path` points there. */
export function connectPostgres(
  url: string,
  options: { pgSchema?: string; pgPoolSize?: number; onQuery?: QueryListener },
): Connection {
  const schema = options.pgSchema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.pgPoolSize ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
    types: { getTypeParser: numberAwareParser as pg.CustomTypesConfig['getTypeParser'] },
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), ...queryLog(options.onQuery) });
  return { dialect: 'postgres', db, ...(schema ? { schema } : {}) };
}
