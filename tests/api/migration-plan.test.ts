/**
 * The dry run of a migration: the open cases of one version are grouped by where they stand, and
 * each group is said to move as is, to need a node mapping (its node is gone) or to change meaning
 * (here: its step's deadline changed), with counts and sample cases named by their records.
 * Nothing moves. Admins and the app's designers only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const task = (next: string, extra: Record<string, unknown> = {}) => ({
  type: 'task',
  assignee: { role: 'clerk' },
  fields: { visible: ['title'] },
  next,
  ...extra,
});

const shop = () => ({
  format: 'flowcase/app@1',
  key: 'shop',
  name: 'Shop',
  version: 1,
  roles: [
    { key: 'clerk', name: 'Clerk' },
    { key: 'shop_designer', name: 'Designer', design: true },
  ],
  forms: [{ key: 'order', name: 'Order', fields: [{ key: 'title', type: 'text', label: 'Title' }] }],
  flows: [
    {
      key: 'handle',
      name: 'Handle',
      form: 'order',
      trigger: { on: 'record.created' },
      start: 'check',
      nodes: {
        check: task('review'),
        review: task('ship', { sla: { due: 'PT4H' } }),
        ship: task('done'),
        done: { type: 'end' },
      } as Record<string, unknown>,
    },
  ],
  dashboards: [],
});

let t: Built;
let admin: string;
let clerk: string;

function call(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  token: string,
  payload?: unknown,
  revision?: number,
) {
  return t.app.inject({
    method,
    url,
    headers: { ...bearer(token), ...(revision === undefined ? {} : { 'if-match': `"${revision}"` }) },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Creates an order and moves its case on by `steps` completed tasks. */
async function orderAt(title: string, steps: number): Promise<void> {
  const res = await call('POST', '/api/v1/apps/shop/forms/order/records', admin, { data: { title } });
  expect(res.statusCode, res.body).toBe(201);
  const instanceId = res.json<{ instance: { id: string } }>().instance.id;
  for (let i = 0; i < steps; i++) {
    const open = (await t.store.getInstance(instanceId))!.snapshot.tasks[0]!;
    const done = await call('POST', `/api/v1/tasks/${open.id}/complete`, clerk, { action: 'submit' });
    expect(done.statusCode, done.body).toBe(200);
  }
}

const plan = (body: Record<string, unknown>, token = admin) =>
  call('POST', '/api/v1/apps/shop/migrations', token, { from: 1, to: 2, dryRun: true, ...body });

type Plan = {
  totals: Record<string, number>;
  groups: {
    flow: string;
    nodes: string[];
    targets: (string | null)[];
    verdict: string;
    reasons: { node: string; to?: string; code: string; properties?: string[] }[];
    count: number;
    samples: { id: string; recordId: string; title?: string }[];
  }[];
};

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  clerk = (await t.userWithRoles('clerk_m', ['clerk'])).token;
  const installed = await call('POST', '/api/v1/apps', admin, { bundle: shop() });
  expect(installed.statusCode, installed.body).toBe(201);
  for (const [title, steps] of [
    ['A-1', 0],
    ['A-2', 0],
    ['A-3', 0],
    ['B-1', 1],
    ['B-2', 1],
    ['C-1', 2],
    ['C-2', 2],
    ['Z-1', 3],
  ] as const)
    await orderAt(title, steps);
  // Version 2: the review's deadline doubles; 'ship' becomes 'dispatch'.
  const flow = shop().flows[0]!;
  flow.nodes = {
    check: task('review'),
    review: task('dispatch', { sla: { due: 'PT8H' } }),
    dispatch: task('done'),
    done: { type: 'end' },
  };
  const { revision } = (await call('GET', '/api/v1/apps/shop/draft', admin)).json<{ revision: number }>();
  const saved = await call('PUT', '/api/v1/apps/shop/flows/handle', admin, flow, revision);
  expect(saved.statusCode, saved.body).toBe(200);
  const published = await call('POST', '/api/v1/apps/shop/publish', admin);
  expect(published.json()).toEqual({ app: 'shop', version: 2 });
});
afterAll(async () => {
  await t.close();
});

describe('a dry run', () => {
  it('groups the open cases by node: moves as is, changes meaning, needs a mapping', async () => {
    const res = await plan({});
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<Plan>();
    expect(answer.totals).toEqual({ moves: 3, changes_meaning: 2, needs_mapping: 2 });
    expect(answer.groups.map((g) => [g.nodes, g.targets, g.verdict, g.count])).toEqual([
      [['check'], ['check'], 'moves', 3],
      [['review'], ['review'], 'changes_meaning', 2],
      [['ship'], [null], 'needs_mapping', 2],
    ]);
    expect(answer.groups[1]!.reasons).toEqual([
      { node: 'review', to: 'review', code: 'timer', properties: ['timers'] },
    ]);
    expect(answer.groups[2]!.reasons).toEqual([{ node: 'ship', code: 'node_gone' }]);
    // Samples name their cases; at most three per group; the ended case is not in the plan.
    expect(answer.groups[0]!.samples.map((s) => s.title).sort()).toEqual(['A-1', 'A-2', 'A-3']);
    expect(answer.groups[2]!.samples.map((s) => s.title).sort()).toEqual(['C-1', 'C-2']);
  });

  it('takes a node mapping: a gone node mapped to the new one moves, one mapped to nothing still needs one', async () => {
    const mapped = (await plan({ mapping: { handle: { ship: 'dispatch' } } })).json<Plan>();
    expect(mapped.groups[2]).toMatchObject({
      nodes: ['ship'],
      targets: ['dispatch'],
      verdict: 'moves',
      reasons: [],
    });
    const wrong = (await plan({ mapping: { handle: { ship: 'nowhere' } } })).json<Plan>();
    expect(wrong.groups[2]).toMatchObject({
      verdict: 'needs_mapping',
      reasons: [{ node: 'ship', to: 'nowhere', code: 'mapped_to_missing' }],
    });
    // Mapped onto a step that asks differently, it changes meaning.
    const other = (await plan({ mapping: { handle: { ship: 'review' } } })).json<Plan>();
    expect(other.groups[2]!.verdict).toBe('changes_meaning');
  });

  it('moves nothing', async () => {
    const versions = (await call('GET', '/api/v1/apps/shop/versions', admin)).json();
    expect(
      versions.map((v: { version: number; openInstances: number }) => [v.version, v.openInstances]),
    ).toEqual([
      [2, 0],
      [1, 7],
    ]);
  });
});

describe('bad requests', () => {
  it('names the field: unknown versions, the same version, a flow the version lacks, a dry run that is no boolean', async () => {
    const missing = await plan({ to: 9 });
    expect([missing.statusCode, missing.json().code]).toEqual([404, 'FC_NOT_FOUND']);
    const same = await plan({ to: 1 });
    expect(same.statusCode).toBe(422);
    expect(JSON.stringify(same.json())).toContain('/to');
    const flow = await plan({ mapping: { nope: { a: 'b' } } });
    expect(flow.statusCode).toBe(422);
    expect(JSON.stringify(flow.json())).toContain('/mapping/nope');
    expect((await plan({ dryRun: 'no' })).statusCode).toBe(400);
    expect((await plan({ mapping: { handle: { ship: 'DROP TABLE' } } })).statusCode).toBe(400);
  });

  it('lets only admins and designers plan', async () => {
    expect((await plan({}, clerk)).statusCode).toBe(403);
    const designer = await t.userWithRoles('designer_m', ['shop_designer']);
    expect((await plan({}, designer.token)).statusCode).toBe(200);
  });
});
