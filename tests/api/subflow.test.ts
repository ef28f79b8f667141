/**
 * Subflows over HTTP (tests/golden/subflow.bundle.json): a repair-quality complaint opens a rework
 * repair as a child case of the customer's, waits while the repair runs through its own tasks, and
 * moves on by the repair's outcome. Starts, ends and cancellations travel through the outbox and
 * apply exactly once, however often a row is delivered; a chain of subflows deeper than the limit
 * is refused and the refusal routes the parent like any child that could not start.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutboxWorker } from '../../runtime/jobs/outbox-worker.js';
import { MAX_SUBFLOW_DEPTH } from '../../runtime/cases/subflows.js';
import type { CaseService } from '../../runtime/cases/types.js';
import type { OutboxRow } from '../../runtime/store/store.js';
import { bearer, build, type Built } from './helpers/build.js';

const BUNDLE = JSON.parse(
  readFileSync(new URL('../golden/subflow.bundle.json', import.meta.url), 'utf8'),
) as Record<string, unknown>;

interface View {
  record: { id: string; form: string; createdBy: string; data: Record<string, unknown> };
  instance: {
    id: string;
    status: string;
    outcome?: string;
    activeNodes: string[];
    tasks: { id: string; node: string; status: string }[];
    history: {
      seq: number;
      type: string;
      node?: string;
      comment?: string;
      detail?: Record<string, unknown>;
    }[];
    parent?: { recordId: string; instanceId: string; node: string; flow: string };
    subflows?: { node: string; flow: string; recordId: string; status: string; outcome?: string }[];
  };
}

let t: Built;
let tokens: Record<string, string>;
let customerId: string;
/** Every subflow row the worker handed to the case service, in order. */
const rows: Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'instanceId'>[] = [];
let worker: ReturnType<typeof createOutboxWorker>;

async function call(who: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url: `/api/v1${url}`,
    headers: bearer(tokens[who]!),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

async function view(who: string, id: string): Promise<View> {
  const res = await call(who, 'GET', `/records/${id}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}

async function complete(
  who: string,
  recordId: string,
  node: string,
  body: Record<string, unknown>,
): Promise<View> {
  const task = (await view('admin', recordId)).instance.tasks.find(
    (x) => x.node === node && x.status === 'open',
  );
  expect(task, `an open ${node} task`).toBeDefined();
  const res = await call(who, 'POST', `/tasks/${task!.id}/complete`, body);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<View>();
}

/** Runs the outbox worker until it finds nothing more to do. */
async function drain(): Promise<void> {
  for (let i = 0; i < 50 && (await worker.runOnce()) > 0; i++);
}

async function complain(
  category: string,
  description = 'The kettle I got back still does not heat',
): Promise<View> {
  const res = await call('customer', 'POST', '/apps/rework/forms/complaint/records', {
    data: { customer: customerId, category, description },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<View>();
}

async function repairCount(): Promise<number> {
  return (await call('admin', 'GET', '/apps/rework/forms/repair_request/records?limit=500')).json<{
    items: unknown[];
  }>().items.length;
}

beforeAll(async () => {
  t = await build();
  tokens = { admin: await t.login('admin', 'admin-password-1') };
  expect((await call('admin', 'POST', '/apps', { bundle: BUNDLE })).statusCode).toBe(201);
  for (const [name, roles] of [
    ['desk', ['desk']],
    ['tech', ['technician']],
    ['customer', ['customer']],
    ['other', ['customer']],
  ] as const) {
    tokens[name] = (await t.userWithRoles(name, [...roles])).token;
  }
  const account = (await t.store.getUserByUsername('customer'))!.id;
  const created = await call('desk', 'POST', '/apps/rework/forms/customers/records', {
    data: { name: 'Li Wei', account },
  });
  customerId = created.json<View>().record.id;
  const s = t.services;
  const cases: CaseService = {
    ...s.cases,
    applySubflowRow: (row) => {
      rows.push(row);
      return s.cases.applySubflowRow(row);
    },
  };
  worker = createOutboxWorker({
    store: s.store,
    cases,
    clock: s.clock,
    config: s.config,
    log: { error: () => undefined, warn: () => undefined },
    owner: 'test',
  });
});

afterAll(async () => {
  await t?.close();
});

describe('subflow: a complaint opens a repair case and waits for it', () => {
  let complaint: string;
  let repair: string;

  it('approving the complaint starts the repair flow on a new record of the customer, linked both ways', async () => {
    complaint = (await complain('repair_quality')).record.id;
    const waiting = await complete('desk', complaint, 'intake', { action: 'approve' });
    expect(waiting.instance.activeNodes).toEqual(['open_rework']);
    repair = String(waiting.record.data.rework_request);
    expect(waiting.instance.subflows).toEqual([
      { node: 'open_rework', flow: 'repair', recordId: repair, status: 'active' },
    ]);
    expect(await repairCount()).toBe(0); // started by the outbox, after the step's commit

    await drain();
    const child = await view('admin', repair);
    expect(child.record).toMatchObject({
      form: 'repair_request',
      createdBy: (await view('customer', complaint)).record.createdBy,
    });
    expect(child.record.data).toMatchObject({
      customer: customerId,
      description: 'Rework after complaint: The kettle I got back still does not heat',
    });
    expect(child.instance).toMatchObject({ status: 'active', activeNodes: ['intake'] });
    expect(child.instance.parent).toEqual({
      recordId: complaint,
      instanceId: waiting.instance.id,
      node: 'open_rework',
      flow: 'complaint',
    });
    expect(child.instance.history[0]).toMatchObject({
      type: 'instance.started',
      actor: 'system',
      detail: { parent: { recordId: complaint } },
    });
  });

  it('the customer sees the child case as their own, with the links; another customer sees neither', async () => {
    expect((await view('customer', repair)).instance.parent?.recordId).toBe(complaint);
    expect((await view('customer', complaint)).instance.subflows?.map((c) => c.recordId)).toEqual([repair]);
    expect((await call('other', 'GET', `/records/${repair}`)).statusCode).toBe(404);
  });

  it('the repair runs to its end; the complaint moves on by its outcome (completed → mark_reworked → resolved)', async () => {
    await complete('desk', repair, 'intake', { action: 'approve' });
    expect((await view('admin', complaint)).instance.activeNodes).toEqual(['open_rework']);
    const ended = await complete('tech', repair, 'repair', {
      action: 'submit',
      data: { diagnosis: 'Heating element replaced' },
    });
    expect(ended.instance).toMatchObject({ status: 'done', outcome: 'completed' });
    await drain();
    const after = await view('admin', complaint);
    expect(after.instance).toMatchObject({ status: 'done', outcome: 'resolved' });
    expect(after.record.data.remedy).toBe('Repaired again free of charge');
    expect(after.instance.subflows).toEqual([
      { node: 'open_rework', flow: 'repair', recordId: repair, status: 'done', outcome: 'completed' },
    ]);
    const types = after.instance.history.map((h) => h.type);
    expect(types.slice(types.indexOf('subflow.started'))).toEqual([
      'subflow.started',
      'subflow.ended',
      'record.updated',
      'instance.ended',
    ]);
  });

  it('an outbox row delivered twice starts one child and moves the parent once', async () => {
    const before = await repairCount();
    const id = (await complain('repair_quality', 'Still noisy')).record.id;
    await complete('desk', id, 'intake', { action: 'approve' });
    const seen = rows.length;
    await drain();
    const start = rows.slice(seen).find((r) => r.kind === 'subflow.start')!;
    expect(start.instanceId).toBe((await view('admin', id)).instance.id);
    // As after a crash between the commit and the acknowledgement: the row is due again.
    await t.store.failOutbox(start.id, t.clock.now().toISOString(), 'simulated crash');
    await drain();
    expect(rows.filter((r) => r.id === start.id)).toHaveLength(2);
    expect(await repairCount()).toBe(before + 1);
    const child = String((await view('admin', id)).record.data.rework_request);
    expect((await t.store.getOutbox(start.id))?.status).toBe('done');

    await complete('desk', child, 'intake', { action: 'reject' });
    await drain();
    const done = rows.find((r) => r.kind === 'subflow.done' && r.instanceId === start.instanceId)!;
    const moved = await view('admin', id);
    expect(moved.instance.activeNodes).toEqual(['handle']); // rejected has no way of its own: next
    await t.store.failOutbox(done.id, t.clock.now().toISOString(), 'simulated crash');
    await drain();
    const again = await view('admin', id);
    expect(again.instance.history).toEqual(moved.instance.history);
    expect(again.instance.tasks.filter((x) => x.node === 'handle')).toHaveLength(1);
  });

  it('a complaint cancelled while its repair runs cancels the repair', async () => {
    const id = (await complain('repair_quality', 'Broke again')).record.id;
    await complete('desk', id, 'intake', { action: 'approve' });
    await drain();
    const child = String((await view('admin', id)).record.data.rework_request);
    expect(
      (
        await call('admin', 'POST', `/instances/${(await view('admin', id)).instance.id}/cancel`, {
          reason: 'Withdrawn',
        })
      ).statusCode,
    ).toBe(200);
    await drain();
    const cancelled = await view('admin', child);
    expect(cancelled.instance.status).toBe('cancelled');
    expect(cancelled.instance.tasks.every((x) => x.status !== 'open')).toBe(true);
    expect((await view('admin', id)).instance.subflows?.[0]?.status).toBe('active'); // the complaint ended first
  });

  it('other complaints do not open a repair', async () => {
    const id = (await complain('other', 'Rude on the phone')).record.id;
    const after = await complete('desk', id, 'intake', { action: 'approve' });
    expect(after.instance.activeNodes).toEqual(['handle']);
    expect(after.instance.subflows).toBeUndefined();
  });
});

/** Flows level0 … level<n>, each starting the next on a new record; a refused start ends as refused. */
function chain(levels: number) {
  const flows = Array.from({ length: levels + 1 }, (_, i) => ({
    key: `level${i}`,
    name: `Level ${i}`,
    form: i === 0 ? 'root' : 'step',
    trigger: { on: i === 0 ? 'record.created' : 'manual' },
    start: i < levels ? 'deeper' : 'done',
    nodes: {
      ...(i < levels
        ? {
            deeper: {
              type: 'subflow',
              flow: `level${i + 1}`,
              record: { set: { title: { var: 'title' } } },
              next: 'done',
              onError: 'refused',
            },
          }
        : {}),
      done: { type: 'end', outcome: 'done' },
      ...(i < levels ? { refused: { type: 'end', outcome: 'refused' } } : {}),
    },
  }));
  return {
    format: 'flowcase/app@1',
    key: 'chain',
    name: 'Chain',
    version: 1,
    roles: [{ key: 'desk', name: 'Desk' }],
    forms: ['root', 'step'].map((key) => ({
      key,
      name: key,
      fields: [{ key: 'title', type: 'text', label: 'Title' }],
    })),
    flows,
    dashboards: [],
  };
}

describe('subflow: guards', () => {
  it(`refuses a start more than ${MAX_SUBFLOW_DEPTH} levels deep; the refused parent takes onError`, async () => {
    expect((await call('admin', 'POST', '/apps', { bundle: chain(MAX_SUBFLOW_DEPTH + 1) })).statusCode).toBe(
      201,
    );
    const res = await call('admin', 'POST', '/apps/chain/forms/root/records', { data: { title: 'deep' } });
    expect(res.statusCode, res.body).toBe(201);
    await drain();
    const root = await view('admin', res.json<View>().record.id);
    expect(root.instance).toMatchObject({ status: 'done', outcome: 'done' });
    // Walk down the chain: every level ran, the deepest parent was refused.
    let current = root;
    const outcomes: (string | undefined)[] = [];
    while (current.instance.subflows?.[0]) {
      const link = current.instance.subflows[0];
      outcomes.push(link.status === 'not_started' ? 'not_started' : link.outcome);
      if (link.status === 'not_started') break;
      current = await view('admin', link.recordId);
    }
    expect(outcomes).toEqual([
      ...Array.from({ length: MAX_SUBFLOW_DEPTH - 1 }, () => 'done'),
      'refused',
      'not_started',
    ]);
    expect(current.instance.history.find((h) => h.type === 'subflow.ended')?.detail).toMatchObject({
      status: 'not_started',
      reason: expect.stringContaining(`${MAX_SUBFLOW_DEPTH} levels deep`),
    });
  });
});
