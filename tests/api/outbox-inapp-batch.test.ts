/**
 * In-app notifications of one outbox claim are delivered together: every row's notifications and
 * its completion commit in one transaction, each recipient gets each notice once (also when a row
 * is delivered again), and when the batch cannot be written the rows are delivered one by one.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import type { Store } from '../../runtime/store/store.js';
import { build, type Built } from './helpers/build.js';

const bundle = {
  format: 'flowcase/app@1',
  key: 'notices',
  name: 'Notices',
  version: 1,
  roles: [{ key: 'desk', name: 'Desk' }],
  forms: [
    {
      key: 'ticket',
      name: 'Ticket',
      fields: [{ key: 'title', type: 'text', label: 'Title', required: true }],
    },
  ],
  flows: [
    {
      key: 'notice',
      name: 'Notice',
      form: 'ticket',
      trigger: { on: 'record.created' },
      start: 'tell',
      nodes: {
        tell: {
          type: 'notify',
          channel: 'inapp',
          to: [{ role: 'desk' }],
          template: { en: 'New ticket "{{title}}".', zh: '新工单「{{title}}」。' },
          next: 'done',
        },
        done: { type: 'end', outcome: 'told' },
      },
    },
  ],
  dashboards: [],
};

let built: Built | undefined;
afterEach(async () => {
  await built?.close();
  built = undefined;
});

/** Three tickets (three pending rows of `channel`) for two desk users. */
async function setUp(channel = 'inapp') {
  built = await build();
  const admin = await built.login('admin', 'admin-password-1');
  const app = {
    ...bundle,
    flows: bundle.flows.map((f) => ({ ...f, nodes: { ...f.nodes, tell: { ...f.nodes.tell, channel } } })),
  };
  const install = await built.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: { authorization: `Bearer ${admin}` },
    payload: { bundle: app },
  });
  expect(install.statusCode, install.body).toBe(201);
  const desks = [await built.userWithRoles('desk1', ['desk']), await built.userWithRoles('desk2', ['desk'])];
  for (const title of ['Fan', 'Pump', 'Valve']) {
    const created = await built.app.inject({
      method: 'POST',
      url: '/api/v1/apps/notices/forms/ticket/records',
      headers: { authorization: `Bearer ${desks[0]!.token}` },
      payload: { data: { title } },
    });
    expect(created.statusCode, created.body).toBe(201);
  }
  return { desks };
}

function worker(store: Store) {
  const s = built!.services;
  const warnings: unknown[] = [];
  return {
    warnings,
    job: createOutboxWorker({
      store,
      cases: s.cases,
      clock: s.clock,
      config: s.config,
      log: { error: () => undefined, warn: (o: unknown) => void warnings.push(o) },
      owner: 't',
    }),
  };
}

/** The store with its write transactions counted, and the first `failing` of them failing. */
function countingWrites(store: Store, failing = 0): { store: Store; writes: () => number } {
  let writes = 0;
  const write: Store['write'] = (fn) => {
    writes += 1;
    if (writes <= failing) return Promise.reject(new Error('disk I/O error'));
    return store.write(fn);
  };
  const counted = new Proxy(store, {
    get(target, prop) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { store: counted, writes: () => writes };
}

async function bodies(token: string): Promise<string[]> {
  const res = await built!.app.inject({
    method: 'GET',
    url: '/api/v1/notifications',
    headers: { authorization: `Bearer ${token}` },
  });
  return res
    .json<{ body: string }[]>()
    .map((n) => n.body)
    .sort();
}

const ALL = ['New ticket "Fan".', 'New ticket "Pump".', 'New ticket "Valve".'];

describe('in-app notifications of one claim', () => {
  it('are written, with every row marked delivered, in one transaction', async () => {
    const { desks } = await setUp();
    const counting = countingWrites(built!.store);
    expect(await worker(counting.store).job.runOnce()).toBe(3);
    expect(counting.writes()).toBe(1);
    for (const d of desks) expect(await bodies(d.token)).toEqual(ALL);
    expect(await built!.store.claimOutbox(new Date('2100-01-01').toISOString(), 'x', 1000, 10)).toEqual([]);
  });

  it('go out with the SMS rows no gateway can send, those recorded as undelivered, in the same transaction', async () => {
    const { desks } = await setUp('sms');
    const counting = countingWrites(built!.store);
    await worker(counting.store).job.runOnce();
    expect(counting.writes()).toBe(1);
    for (const d of desks) expect(await bodies(d.token)).toEqual(ALL);
    expect(await built!.store.claimOutbox(new Date('2100-01-01').toISOString(), 'x', 1000, 10)).toEqual([]);
  });

  it('reach each recipient once when a row is delivered again', async () => {
    const { desks } = await setUp();
    // A worker that claimed the rows and died before completing them: its lease runs out.
    await built!.store.claimOutbox(built!.clock.now().toISOString(), 'crashed', 1, 10);
    built!.clock.advance(1000);
    await worker(built!.store).job.runOnce();
    const again = await built!.store.claimOutbox(new Date('2100-01-01').toISOString(), 'x', 1000, 10);
    expect(again).toEqual([]);
    // Deliver the same notices once more, as a redelivery after a crash would.
    const notes = await built!.store.listNotifications(desks[0]!.user.id);
    await built!.store.write(async (tx) => {
      for (const n of notes)
        await tx.insertNotification({
          id: n.id,
          userId: n.userId,
          title: n.title,
          body: n.body,
          recordId: n.recordId,
          createdAt: n.createdAt,
        });
    });
    expect(await bodies(desks[0]!.token)).toEqual(ALL);
  });

  it('are delivered row by row when the batch cannot be written', async () => {
    const { desks } = await setUp();
    const counting = countingWrites(built!.store, 1);
    const w = worker(counting.store);
    await w.job.runOnce();
    expect(w.warnings).toHaveLength(1);
    // The failed batch, then each row's notifications (its completion is a write of its own).
    expect(counting.writes()).toBe(4);
    for (const d of desks) expect(await bodies(d.token)).toEqual(ALL);
    expect(await built!.store.claimOutbox(new Date('2100-01-01').toISOString(), 'x', 1000, 10)).toEqual([]);
  });
});
