/**
 * `flowcase backup <file>` while a load of record creations and task completions runs against the
 * server: the copy passes `integrity_check` and every case invariant, holds every write acknowledged
 * before the backup began, and a server started on it serves those cases.
 */
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  integrityProblems,
  invariantProblems,
  openDb,
  recordInstance,
  taskFacts,
} from './helpers/db-checks.js';
import {
  flagshipIds,
  newLedger,
  runFlagshipLoad,
  type FlagshipIds,
  type View,
  type Worker,
} from './helpers/flagship-load.js';
import { Client, prng, sleep, waitFor } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';

let server: ServerProcess;
let client: Client;
let ids: FlagshipIds;
const scratch = mkdtempSync(path.join(tmpdir(), 'flowcase-backup-'));

beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
  client = new Client(() => server.url);
  ids = await flagshipIds(client);
  for (const u of ['admin', 'desk', 'tech', 'qa', 'shipper']) await client.token(u);
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
  rmSync(scratch, { recursive: true, force: true });
});

describe('backup under writes', () => {
  it('produces a sound copy holding every write acknowledged before it began', async () => {
    const ledger = newLedger();
    const workers: Worker[] = Array.from({ length: 6 }, () => ({}));
    const stop = { stopped: false };
    const load = runFlagshipLoad(client, ids, ledger, workers, stop, prng(7));
    await waitFor(
      'the load to get going',
      () => (ledger.completions.size >= 20 ? true : undefined),
      60_000,
      20,
    );

    const ackedRecords = [...ledger.records];
    const ackedCompletions = [...ledger.completions];
    const file = path.join(scratch, 'backup.db');
    const backup = await server.cli(['backup', file]);
    const acksDuringBackup =
      ledger.records.size + ledger.completions.size - ackedRecords.length - ackedCompletions.length;
    await sleep(300);
    stop.stopped = true;
    await load;
    expect(backup.code, backup.output).toBe(0);
    expect(ledger.unexpected).toEqual([]);
    expect(acksDuringBackup, 'the load kept writing while the backup ran').toBeGreaterThan(0);

    const db = openDb(file);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
      for (const id of ackedRecords) expect(recordInstance(db, id), `record ${id}`).toBeDefined();
      for (const [taskId, userId] of ackedCompletions)
        expect(taskFacts(db, taskId), `task ${taskId}`).toEqual({
          status: 'done',
          completedBy: userId,
          completions: 1,
        });
    } finally {
      db.close();
    }

    // The copy is a working data directory: a server started on it serves the cases.
    const restoredDir = mkdtempSync(path.join(scratch, 'restored-'));
    copyFileSync(file, path.join(restoredDir, 'flowcase.db'));
    const restored = new ServerProcess({ dataDir: restoredDir });
    try {
      await restored.start();
      const restoredClient = new Client(() => restored.url);
      const view = await restoredClient.expect<View>(
        200,
        'admin',
        'GET',
        `/api/v1/records/${ackedRecords[0]!}`,
      );
      expect(view.instance!.history.map((h) => h.seq)).toEqual(view.instance!.history.map((_, i) => i + 1));
    } finally {
      await restored.stop('SIGTERM');
    }
  }, 300_000);
});
