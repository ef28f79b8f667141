/**
 * The databases the store contract runs on: SQLite in a fresh temp directory, and PostgreSQL in a
 * fresh schema when one is reachable (DATABASE_URL, or the local test server). Each test file
 * gets its own directory/schema, removed afterwards, because files run in parallel.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore, type Store, type StoreOptions } from '../../runtime/store/store.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface DialectCase {
  name: 'sqlite' | 'postgres';
  /** Why the dialect is skipped, or undefined when it runs. */
  skip?: string;
  /** Opens another store on this file's database (same file / same schema). */
  open(options?: Partial<StoreOptions>): Promise<Store>;
  /** The SQLite file, for plan checks. */
  sqliteFile?: string;
  cleanup(): Promise<void>;
}

async function pgReachable(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return undefined;
  } catch (e) {
    return `PostgreSQL not reachable at ${PG_URL}: ${(e as Error).message}`;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The dialects for one test file; `tag` names its schema/directory. */
export async function dialects(tag: string): Promise<DialectCase[]> {
  const dir = mkdtempSync(join(tmpdir(), `flowcase-store-${tag}-`));
  const sqliteFile = join(dir, 'flowcase.db');
  const sqlite: DialectCase = {
    name: 'sqlite',
    sqliteFile,
    open: (options) => openStore({ dataDir: dir, ...options }),
    cleanup: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
  const skip = await pgReachable();
  if (skip) console.warn(`[store tests] skipping PostgreSQL: ${skip}`);
  const schema = `t_${tag}_${process.pid}_${Math.floor(Math.random() * 1e9)}`.replace(/[^a-z0-9_]/g, '_');
  const postgres: DialectCase = {
    name: 'postgres',
    ...(skip ? { skip } : {}),
    open: (options) => openStore({ databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 4, ...options }),
    cleanup: async () => {
      if (skip) return;
      const client = new pg.Client({ connectionString: PG_URL });
      await client.connect();
      await client.query(`drop schema if exists "${schema}" cascade`);
      await client.end();
    },
  };
  return [sqlite, postgres];
}
