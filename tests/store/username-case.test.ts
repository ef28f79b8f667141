/**
 * Store contract: usernames are unique ignoring case. A database from before (migrated up to 0010)
 * that holds accounts differing only by case still migrates; each of them keeps signing in with its
 * exact spelling, any other spelling finds the oldest, and no new account may take the name.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../runtime/store/migrations/migrations.js';
import { connectPostgres } from '../../runtime/store/postgres-connect.js';
import { openStore, type Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const PG_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DIALECTS = await dialects('username_case');
const dir = mkdtempSync(join(tmpdir(), 'flowcase-username-case-'));
const schema = `t_username_case_${process.pid}_${Math.floor(Math.random() * 1e9)}`;

const LEGACY: [string, string, string][] = [
  ['u-bob-1', 'bob', '2025-01-01T00:00:00.000Z'],
  ['u-bob-2', 'BOB', '2025-02-01T00:00:00.000Z'],
  ['u-bob-3', 'Bob', '2025-03-01T00:00:00.000Z'],
  ['u-eve', 'Eve', '2025-01-01T00:00:00.000Z'],
];

/** A database migrated up to 0010 with the LEGACY users, then opened (and so migrated) as a store. */
async function legacyStore(name: 'sqlite' | 'postgres'): Promise<Store> {
  if (name === 'sqlite') {
    const raw = new BetterSqlite3(join(dir, 'flowcase.db'));
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: raw }) });
    await migrateTo0010(db);
    await db.destroy();
    return openStore({ dataDir: dir });
  }
  const { db } = connectPostgres(PG_URL, { pgSchema: schema });
  await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  await migrateTo0010(db as never, schema);
  await db.destroy();
  return openStore({ databaseUrl: PG_URL, pgSchema: schema });
}

async function migrateTo0010(db: Kysely<unknown>, migrationTableSchema?: string): Promise<void> {
  const { error } = await new Migrator({
    db,
    provider: migrationProvider,
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  }).migrateTo('0010-keyed-tables');
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
  for (const [id, username, at] of LEGACY) {
    await sql`insert into users (id, username, display_name, password_hash, roles, language, disabled, created_at) values (${id}, ${username}, ${username}, 'h', '[]', 'en', 0, ${at})`.execute(
      db,
    );
  }
}

afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  for (const d of DIALECTS) await d.cleanup();
  if (DIALECTS.find((d) => d.name === 'postgres')?.skip) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  await client.query(`drop schema if exists "${schema}" cascade`);
  await client.end();
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`usernames ignore case (${d.name})`, () => {
    it('migrates a database whose accounts differ only by case, and keeps each reachable', async () => {
      const store = await legacyStore(d.name);
      try {
        expect((await store.getUserByUsername('bob'))?.id).toBe('u-bob-1');
        expect((await store.getUserByUsername('BOB'))?.id).toBe('u-bob-2');
        expect((await store.getUserByUsername('Bob'))?.id).toBe('u-bob-3');
        expect((await store.getUserByUsername('bOB'))?.id).toBe('u-bob-1');
        expect((await store.getUserByUsername('EVE'))?.id).toBe('u-eve');
        await expect(
          store.createUser({ username: 'boB', displayName: 'x', passwordHash: 'h', roles: [] }),
        ).rejects.toMatchObject({ code: 'FC_CONFLICT' });
        await expect(
          store.createUser({ username: 'eve', displayName: 'x', passwordHash: 'h', roles: [] }),
        ).rejects.toMatchObject({ code: 'FC_CONFLICT' });
      } finally {
        await store.close();
      }
    });

    it('refuses a new account whose name differs from another only by case', async () => {
      const store = await d.open();
      try {
        await store.createUser({ username: 'Carol.Li', displayName: 'Carol', passwordHash: 'h', roles: [] });
        await expect(
          store.createUser({ username: 'carol.li', displayName: 'Other', passwordHash: 'h', roles: [] }),
        ).rejects.toMatchObject({ code: 'FC_CONFLICT' });
        expect((await store.getUserByUsername('CAROL.LI'))?.username).toBe('Carol.Li');
        expect(await store.getUserByUsername('carol.li\u0000')).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}
