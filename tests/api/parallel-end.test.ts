/**
 * An `end` reached inside a parallel branch ends the whole case (a terminating end): when
 * logistics rejects a replacement order while finance's 会签 (mode all) is still open in the other
 * branch, the server closes finance's task for everyone who held it (no open task left in any
 * inbox, the task row `cancelled`), cancels its SLA timers in the store, and the case's history
 * says which branch ended it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const BUNDLE: unknown = JSON.parse(
  readFileSync(new URL('../golden/order-review.bundle.json', import.meta.url), 'utf8'),
);

interface TaskItem {
  id: string;
  recordId: string;
  node: string;
  status: string;
}
interface RecordView {
  record: { id: string };
  instance: {
    id: string;
    status: string;
    outcome?: string;
    tasks: TaskItem[];
    history: { type: string; node?: string; detail?: Record<string, unknown> }[];
  };
}

let t: Built;
const tokens: Record<string, string> = {};

async function call<T>(who: string, method: 'GET' | 'POST', url: string, payload?: object) {
  const res = await t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(tokens[who]!),
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json<T>() };
}

async function openTasks(who: string, recordId: string): Promise<TaskItem[]> {
  const res = await call<{ items: TaskItem[] }>(who, 'GET', '/tasks?status=open&limit=200');
  expect(res.status).toBe(200);
  return res.body.items.filter((x) => x.recordId === recordId);
}

beforeAll(async () => {
  t = await build();
  const admin = await t.login('admin', ADMIN_PASSWORD);
  const installed = await t.app.inject({
    method: 'POST',
    url: '/api/v1/apps',
    headers: bearer(admin),
    payload: { bundle: BUNDLE, sampleData: false },
  });
  expect(installed.statusCode, installed.body).toBe(201);
  for (const [name, roles] of Object.entries({
    cust1: ['customer'],
    ship1: ['shipper'],
    fin1: ['finance'],
    fin2: ['finance'],
  })) {
    tokens[name] = (await t.userWithRoles(name, roles)).token;
  }
});

afterAll(async () => {
  await t?.close();
});

describe('an end inside a parallel branch, through the server', () => {
  it('closes the sibling branch’s mode all task and its timers in the store, and names the branch', async () => {
    const created = await call<RecordView>(
      'cust1',
      'POST',
      '/apps/replacement_orders/forms/replacement_order/records',
      {
        data: { customer_name: 'Ada Brown', product: 'Blender B7', value: 420 },
      },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const recordId = created.body.record.id;
    const instanceId = created.body.instance.id;

    const finance = (await openTasks('fin1', recordId)).find((x) => x.node === 'finance_check')!;
    expect(finance).toBeDefined();
    const logistics = (await openTasks('ship1', recordId)).find((x) => x.node === 'logistics_check')!;
    const before = (await t.store.getInstance(instanceId))!.snapshot;
    const financeTimers = before.timers.filter((x) => x.taskId === finance.id).map((x) => x.id);
    expect(financeTimers).toHaveLength(2);

    // fin1 approves; finance stays open for fin2 (会签).
    expect((await call('fin1', 'POST', `/tasks/${finance.id}/complete`, { action: 'approve' })).status).toBe(
      200,
    );
    expect(await openTasks('fin2', recordId)).toHaveLength(1);

    const rejected = await call<RecordView>('ship1', 'POST', `/tasks/${logistics.id}/complete`, {
      action: 'reject',
      comment: 'No carrier serves the address',
    });
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);

    for (const who of ['fin1', 'fin2', 'ship1', 'cust1']) expect(await openTasks(who, recordId)).toEqual([]);
    expect((await t.store.getTask(finance.id))!.status).toBe('cancelled');
    for (const id of financeTimers) expect((await t.store.getTimer(id))!.cancelledAt).not.toBeNull();
    const due = await t.store.claimDueTimers('2999-01-01T00:00:00.000Z', 'test', 1000, 100);
    expect(due.filter((x) => x.instanceId === instanceId)).toEqual([]);

    const finished = await call<RecordView>('fin2', 'GET', `/records/${recordId}`);
    expect(finished.body.instance).toMatchObject({ status: 'done', outcome: 'rejected' });
    expect(finished.body.instance.history.at(-1)).toMatchObject({
      type: 'instance.ended',
      node: 'order_rejected',
      detail: { outcome: 'rejected', parallel: 'reviews', branch: 'logistics_check' },
    });
    const late = await call<{ code: string }>('fin2', 'POST', `/tasks/${finance.id}/complete`, {
      action: 'approve',
    });
    expect(late.status).toBe(409);
  });
});
