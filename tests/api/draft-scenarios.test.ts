/**
 * The simulator's saved runs are kept in the app's draft like its forms and flows: a designer saves
 * a scenario by key under the revision rule, the validator reads it against the draft, and a
 * scenario naming a node the flow does not have is a problem by JSON path that blocks publishing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle, ScenarioDef } from '../../engine/definition/types.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

let t: Built;
let admin: string;

const bundle = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../templates/after-sales.json'), 'utf8'),
) as AppBundle;
const saved = bundle.scenarios!.find((s) => s.key === 'intake_rejected')!;

beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
  const res = await call('POST', '/api/v1/apps', admin, { bundle });
  expect(res.statusCode, res.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

function call(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
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

async function draft(): Promise<{ draft: AppBundle; revision: number }> {
  return (await call('GET', `/api/v1/apps/${bundle.key}/draft`, admin)).json();
}

describe("the draft's scenarios", () => {
  it('a scenario is saved by key into the draft, added or replaced', async () => {
    const run: ScenarioDef = {
      ...saved,
      key: 'desk_rejects',
      name: { zh: '服务台驳回', en: 'Desk rejects' },
    };
    const res = await call(
      'PUT',
      `/api/v1/apps/${bundle.key}/scenarios/desk_rejects`,
      admin,
      run,
      (await draft()).revision,
    );
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<{ revision: number; problems: unknown[]; definition: unknown }>();
    expect(answer.problems).toEqual([]);
    expect(answer.definition).toEqual(run);
    const after = await draft();
    expect(after.revision).toBe(answer.revision);
    expect(after.draft.scenarios!.map((s) => s.key)).toEqual([
      ...bundle.scenarios!.map((s) => s.key),
      'desk_rejects',
    ]);
    const renamed = { ...run, name: { zh: '受理驳回', en: 'Rejected at intake' } };
    const again = await call(
      'PUT',
      `/api/v1/apps/${bundle.key}/scenarios/desk_rejects`,
      admin,
      renamed,
      after.revision,
    );
    expect(again.statusCode, again.body).toBe(200);
    const scenarios = (await draft()).draft.scenarios!;
    expect(scenarios).toHaveLength(bundle.scenarios!.length + 1);
    expect(scenarios.at(-1)!.name).toEqual(renamed.name);
  });

  it('a scenario acting on a node the flow lacks is kept with its problem, and publishing is refused', async () => {
    const broken = {
      ...saved,
      key: 'broken',
      moves: [{ type: 'act', as: { user: 'desk' }, node: 'triage', action: 'approve' }],
    };
    const res = await call(
      'PUT',
      `/api/v1/apps/${bundle.key}/scenarios/broken`,
      admin,
      broken,
      (await draft()).revision,
    );
    expect(res.statusCode, res.body).toBe(200);
    const index = bundle.scenarios!.length + 1;
    expect(res.json<{ problems: { path: string; code: string }[] }>().problems).toEqual([
      expect.objectContaining({ path: `/scenarios/${index}/moves/0/node`, code: 'ref.unknown_node' }),
    ]);
    const publish = await call('POST', `/api/v1/apps/${bundle.key}/publish`, admin);
    expect(publish.statusCode, publish.body).toBe(400);
  });

  it('a scenario that no longer fits is taken out of the draft, which then publishes', async () => {
    const { revision } = await draft();
    const refused = await call(
      'DELETE',
      `/api/v1/apps/${bundle.key}/scenarios/broken`,
      admin,
      undefined,
      revision - 1,
    );
    expect(refused.statusCode).toBe(409);
    expect((await draft()).draft.scenarios!.some((s) => s.key === 'broken')).toBe(true);
    const without = await call('DELETE', `/api/v1/apps/${bundle.key}/scenarios/broken`, admin);
    expect(without.statusCode).toBe(428);
    const res = await call(
      'DELETE',
      `/api/v1/apps/${bundle.key}/scenarios/broken`,
      admin,
      undefined,
      revision,
    );
    expect(res.statusCode, res.body).toBe(200);
    const answer = res.json<{ removed: string; revision: number; problems: unknown[] }>();
    expect(answer).toMatchObject({ removed: 'broken', problems: [] });
    expect(res.headers.etag).toBe(`"${answer.revision}"`);
    const after = await draft();
    expect(after.draft.scenarios!.map((s) => s.key)).not.toContain('broken');
    expect(after.draft.scenarios!.map((s) => s.key)).toContain('desk_rejects');
    const again = await call(
      'DELETE',
      `/api/v1/apps/${bundle.key}/scenarios/broken`,
      admin,
      undefined,
      after.revision,
    );
    expect(again.statusCode).toBe(404);
    expect(again.json<{ errors: { path: string }[] }>().errors[0]?.path).toBe('/scenarios');
    const { token } = await t.userWithRoles('desk2', ['service_desk']);
    const outsider = await call(
      'DELETE',
      `/api/v1/apps/${bundle.key}/scenarios/desk_rejects`,
      token,
      undefined,
      after.revision,
    );
    expect([403, 404]).toContain(outsider.statusCode);
    const publish = await call('POST', `/api/v1/apps/${bundle.key}/publish`, admin);
    expect(publish.statusCode, publish.body).toBe(201);
  });

  it('a stale revision is refused; people who may not design the app are refused', async () => {
    const { revision } = await draft();
    const later = { ...saved, key: 'later' };
    const stale = await call('PUT', `/api/v1/apps/${bundle.key}/scenarios/later`, admin, later, revision - 1);
    expect(stale.statusCode).toBe(409);
    const { token } = await t.userWithRoles('desk1', ['service_desk']);
    const refused = await call('PUT', `/api/v1/apps/${bundle.key}/scenarios/later`, token, later, revision);
    expect([403, 404]).toContain(refused.statusCode);
  });
});
