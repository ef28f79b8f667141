/**
 * Definition versioning on the real server: a designer publishes version 2 of a flow (one more
 * step) while instances of version 1 run. A saved but unpublished draft changes nothing; after the
 * publish (and a restart) version 1 instances finish on version 1, new ones run version 2.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrityProblems, invariantProblems, openDb } from './helpers/db-checks.js';
import type { View } from './helpers/flagship-load.js';
import { Client } from './helpers/http-client.js';
import { ServerProcess } from './helpers/server-process.js';
import { approvalBundle, versionTwoFlow } from './helpers/test-bundles.js';

let server: ServerProcess;
let client: Client;
const RECORDS = '/api/v1/apps/rel_versions/forms/request/records';

beforeAll(async () => {
  server = new ServerProcess({ env: { FLOWCASE_DEMO: '0' } });
  await server.start();
  client = new Client(() => server.url);
  await client.expect(201, 'admin', 'POST', '/api/v1/apps', { bundle: approvalBundle() });
  await Promise.all([client.addUser('reviewer', ['reviewer']), client.addUser('designer', ['designer'])]);
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

async function create(title: string): Promise<View> {
  return client.expect<View>(201, 'admin', 'POST', RECORDS, { data: { title } });
}

/** Completes the open task at `node` as the reviewer and returns the new view. */
async function approve(view: View, node: string): Promise<View> {
  const current = await client.expect<View>(200, 'admin', 'GET', `/api/v1/records/${view.record.id}`);
  const task = current.instance!.tasks.find((t) => t.node === node && t.status === 'open');
  if (!task)
    throw new Error(`no open ${node} task on ${view.record.id}: ${JSON.stringify(current.instance)}`);
  return client.expect<View>(
    200,
    'reviewer',
    'POST',
    `/api/v1/tasks/${task.id}/complete`,
    node === 'review' ? { action: 'approve', data: { note: 'ok' } } : { action: 'approve' },
  );
}

interface Finished {
  instance: { version: number; status: string; outcome?: string; history: { node?: string }[] };
  record: { version: number };
}

describe('publishing a new version while instances run', () => {
  it('running instances finish on their version, new ones use the newest', async () => {
    const finishedEarly = await create('v1 finished before the publish');
    const runningA = await create('v1 running A');
    const runningB = await create('v1 running B');
    for (const v of [finishedEarly, runningA, runningB]) expect(v.instance!.version).toBe(1);
    expect((await approve(finishedEarly, 'review')).instance).toMatchObject({
      status: 'done',
      outcome: 'approved_v1',
    });

    // A saved draft is not a version: records created now still run version 1.
    const { revision } = await client.expect<{ revision: number }>(
      200,
      'designer',
      'GET',
      '/api/v1/apps/rel_versions/draft',
    );
    await client.expect(
      200,
      'designer',
      'PUT',
      '/api/v1/apps/rel_versions/flows/approval',
      versionTwoFlow(),
      {
        'if-match': `"${revision}"`,
      },
    );
    const beforePublish = await create('created with a draft pending');
    expect(beforePublish.instance!.version).toBe(1);

    expect(await client.expect(201, 'designer', 'POST', '/api/v1/apps/rel_versions/publish')).toEqual({
      app: 'rel_versions',
      version: 2,
    });
    await server.stop('SIGTERM');
    await server.start();

    const newer = await create('v2');
    expect(newer.record.version).toBe(2);
    expect(newer.instance!.version).toBe(2);

    // Version 1 instances go straight to their v1 end; the v2 one takes the extra step.
    for (const v of [runningA, runningB, beforePublish]) {
      const done = (await approve(v, 'review')) as unknown as Finished;
      expect(done.instance).toMatchObject({ version: 1, status: 'done', outcome: 'approved_v1' });
      expect(done.instance.history.some((h) => h.node === 'second_look')).toBe(false);
    }
    const afterReview = await approve(newer, 'review');
    expect(afterReview.instance!.activeNodes).toEqual(['second_look']);
    const done = (await approve(newer, 'second_look')) as unknown as Finished;
    expect(done.instance).toMatchObject({ version: 2, status: 'done', outcome: 'approved_v2' });
    expect(
      (await client.expect<{ version: number }>(200, 'admin', 'GET', '/api/v1/apps/rel_versions')).version,
    ).toBe(2);

    await server.stop('SIGTERM');
    const db = openDb(server.dbFile);
    try {
      expect(integrityProblems(db)).toEqual([]);
      expect(invariantProblems(db)).toEqual([]);
      const versions = db
        .prepare(
          "select version, count(*) as n from instances where app_key = 'rel_versions' group by version order by version",
        )
        .all();
      expect(versions).toEqual([
        { version: 1, n: 4 },
        { version: 2, n: 1 },
      ]);
    } finally {
      db.close();
    }
  }, 180_000);
});
