/**
 * Six clients complete the same task at the same moment, fifty times over: exactly one wins with
 * 200, the five others get 409, and the history holds one completion of the task.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  historyOf,
  integrityProblems,
  invariantProblems,
  openDb,
  recordInstance,
} from './helpers/db-checks.js';
import { flagshipIds, repairRequest, type FlagshipIds, type View } from './helpers/flagship-load.js';
import { Client } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';

const TIMES = 50;
const CLIENTS = ['desk', 'desk2', 'desk3', 'desk4', 'desk5', 'desk6'];

let server: ServerProcess;
let client: Client;
let ids: FlagshipIds;

beforeAll(async () => {
  server = new ServerProcess();
  await server.start();
  client = new Client(() => server.url);
  ids = await flagshipIds(client);
  await Promise.all(CLIENTS.slice(1).map((username) => client.addUser(username, ['service_desk'])));
  await Promise.all(CLIENTS.map((username) => client.token(username)));
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

describe('concurrent completion of one task', () => {
  it(`${TIMES} times: one 200, the others 409, one history event`, async () => {
    const outcomes: string[] = [];
    const recordIds: string[] = [];
    for (let i = 0; i < TIMES; i++) {
      const created = await client.expect<View>(
        201,
        'desk',
        'POST',
        '/api/v1/apps/after_sales/forms/repair_request/records',
        { data: repairRequest(ids) },
      );
      const intake = created.instance!.tasks.find((t) => t.node === 'intake' && t.status === 'open')!;
      recordIds.push(created.record.id);
      // Each client a different service-desk user, all at once; half approve, half reject.
      const answers = await Promise.all(
        CLIENTS.map((username, n) =>
          client.call(
            username,
            'POST',
            `/api/v1/tasks/${intake.id}/complete`,
            n % 2 ? { action: 'reject', comment: `no (${username})` } : { action: 'approve' },
          ),
        ),
      );
      const statuses = answers.map((a) => a.status).sort();
      outcomes.push(statuses.join(','));
      expect(statuses, `round ${i + 1}: ${answers.map((a) => a.text.slice(0, 200)).join('\n')}`).toEqual([
        200, 409, 409, 409, 409, 409,
      ]);

      const view = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${created.record.id}`);
      const completions = view.instance!.history.filter(
        (h) => h.type === 'task.completed' && h.detail?.taskId === intake.id,
      );
      expect(completions).toHaveLength(1);
      expect(view.instance!.tasks.filter((t) => t.node === 'intake')).toHaveLength(1);
    }
    expect(outcomes).toHaveLength(TIMES);

    // The same, straight from the database: one completion per task, no second branch taken.
    const db = openDb(server.dbFile);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
      for (const id of recordIds) {
        const history = historyOf(db, recordInstance(db, id)!.instanceId);
        expect(history.filter((h) => h.type === 'task.completed')).toHaveLength(1);
        expect(
          history.filter((h) => h.type === 'branch.taken' || h.type === 'record.updated').length,
        ).toBeLessThanOrEqual(6);
        expect(history.filter((h) => h.node === 'mark_accepted' || h.node === 'mark_rejected')).toHaveLength(
          1,
        );
      }
    } finally {
      db.close();
    }
  }, 300_000);
});
