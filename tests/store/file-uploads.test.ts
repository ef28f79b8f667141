/**
 * Store contract: a `files` row is one upload. Two uploads of the same bytes are two rows with
 * their own ids, names and uploaders pointing to one blob; a file uploaded before migration 0012
 * (keyed by its content hash) keeps its id, which becomes its blob.
 */
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { migrationProvider } from '../../runtime/store/migrations/migrations.js';
import { openStore } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('file_uploads');
const BLOB = 'b'.repeat(64);

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`file uploads (${d.name})`, () => {
    afterAll(() => d.cleanup());

    it('keeps each upload of the same bytes as its own row', async () => {
      const store = await d.open();
      try {
        const first = await store.putFile({
          id: '1'.repeat(64),
          blob: BLOB,
          name: 'salary.txt',
          type: 'text/plain',
          size: 5,
          uploadedBy: 'u1',
        });
        const second = await store.putFile({
          id: '2'.repeat(64),
          blob: BLOB,
          name: 'notes.txt',
          type: 'text/plain',
          size: 5,
          uploadedBy: 'u2',
        });
        expect(second).toMatchObject({ id: '2'.repeat(64), blob: BLOB, name: 'notes.txt', uploadedBy: 'u2' });
        expect(await store.getFile(first.id)).toMatchObject({
          blob: BLOB,
          name: 'salary.txt',
          uploadedBy: 'u1',
        });
        expect(await store.getFile(second.id)).toMatchObject({
          blob: BLOB,
          name: 'notes.txt',
          uploadedBy: 'u2',
        });
        expect(await store.getFile(BLOB)).toBeUndefined();
      } finally {
        await store.close();
      }
    });
  });
}

describe('migration 0012 (sqlite)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'flowcase-file-uploads-migration-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('makes a file from before its own blob, under the id records already hold', async () => {
    const file = join(dir, 'flowcase.db');
    const db = new Kysely<unknown>({ dialect: new SqliteDialect({ database: new BetterSqlite3(file) }) });
    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo('0010-keyed-tables');
    if (error) throw error instanceof Error ? error : new Error(`migration failed: ${JSON.stringify(error)}`);
    await db.destroy();
    const raw = new BetterSqlite3(file);
    raw
      .prepare(
        `insert into files (id, name, type, size, uploaded_by, created_at) values (?, 'old.png', 'image/png', 9, 'u1', '2026-01-01T00:00:00.000Z')`,
      )
      .run(BLOB);
    raw.close();
    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.getFile(BLOB)).toMatchObject({
        id: BLOB,
        blob: BLOB,
        name: 'old.png',
        uploadedBy: 'u1',
      });
    } finally {
      await store.close();
    }
  });
});
