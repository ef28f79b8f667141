/**
 * Helpers for the migration tests: fill version 1 of the shop app (migration-shop.ts) with open
 * cases at chosen steps, publish version 2, and read back everything a case holds (tasks, timers,
 * history) so a test can say nothing was lost.
 */
import { expect } from 'vitest';
import type { FlowSnapshot } from '../../engine/index.js';
import { bearer, type Built } from './helpers/build.js';
import { shopV1, shopV2 } from './migration-shop.js';

export { shopV1, shopV2 };

export interface Shop {
  t: Built;
  admin: string;
  clerk: string;
}

export function call(
  shop: Shop,
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  payload?: unknown,
  token?: string,
) {
  return shop.t.app.inject({
    method,
    url,
    headers: bearer(token ?? shop.admin),
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}

/** Installs version 1 and opens `counts[i]` cases moved on by `i` completed tasks each. */
export async function openCases(shop: Shop, counts: readonly number[]): Promise<string[]> {
  const installed = await call(shop, 'POST', '/api/v1/apps', { bundle: shopV1() });
  expect(installed.statusCode, installed.body).toBe(201);
  const ids: string[] = [];
  let n = 0;
  for (const [steps, count] of counts.entries())
    for (let i = 0; i < count; i++) {
      n += 1;
      const res = await call(shop, 'POST', '/api/v1/apps/shop/forms/order/records', {
        data: { title: `O-${n}`, note: `note ${n}` },
      });
      expect(res.statusCode, res.body).toBe(201);
      const instanceId = res.json<{ instance: { id: string } }>().instance.id;
      ids.push(instanceId);
      for (let s = 0; s < steps; s++) {
        const open = (await shop.t.store.getInstance(instanceId))!.snapshot.tasks[0]!;
        const done = await call(
          shop,
          'POST',
          `/api/v1/tasks/${open.id}/complete`,
          { action: 'submit' },
          shop.clerk,
        );
        expect(done.statusCode, done.body).toBe(200);
      }
    }
  return ids;
}

/** Publishes version 2 through the draft API: the flow and the form saved, then published. */
export async function publishV2(shop: Shop): Promise<void> {
  const v2 = shopV2();
  const parts: [string, unknown][] = [
    ['/api/v1/apps/shop/flows/handle', v2.flows[0]],
    ['/api/v1/apps/shop/forms/order', (v2['forms'] as unknown[])[0]],
  ];
  for (const [url, part] of parts) {
    const { revision } = (await call(shop, 'GET', '/api/v1/apps/shop/draft')).json<{ revision: number }>();
    const res = await shop.t.app.inject({
      method: 'PUT',
      url,
      headers: { ...bearer(shop.admin), 'if-match': `"${revision}"` },
      payload: part as object,
    });
    expect(res.statusCode, res.body).toBe(200);
  }
  const published = await call(shop, 'POST', '/api/v1/apps/shop/publish');
  expect(published.statusCode, published.body).toBe(201);
}

/** Everything a case holds, as stored. */
export async function caseState(shop: Shop, id: string) {
  const instance = (await shop.t.store.getInstance(id))!;
  const tasks = await shop.t.store.listTasks(id);
  const history = await shop.t.store.listHistory(id);
  const timers = await Promise.all(instance.snapshot.timers.map((timer) => shop.t.store.getTimer(timer.id)));
  return { instance, snapshot: instance.snapshot as FlowSnapshot, tasks, history, timers };
}
