/**
 * One cache of published app versions for the whole server (`Services.versions`): the app service,
 * the case service, the record, task, file and export routes and the reports all read versions
 * through it, so a version is read from the store once and each of its forms is compiled once, by
 * whichever part first validates against it. Versions never change, so they never go stale; the
 * cache holds a bounded number of them and drops the least recently used.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VersionCache } from '../../runtime/apps/version-cache.js';
import { ADMIN_PASSWORD, bearer, build, type Built } from './helpers/build.js';

const bundle = {
  format: 'flowcase/app@1',
  key: 'desk',
  name: 'Desk',
  version: 1,
  roles: [{ key: 'agent', name: 'Agent' }],
  forms: [
    {
      key: 'ticket',
      name: 'Ticket',
      fields: [
        { key: 'title', type: 'text', label: 'Title', required: true },
        { key: 'amount', type: 'number', label: 'Amount' },
      ],
    },
    {
      key: 'note',
      name: 'Note',
      fields: [{ key: 'text', type: 'text', label: 'Text' }],
    },
  ],
  flows: [],
  dashboards: [
    {
      key: 'overview',
      name: 'Overview',
      widgets: [
        { key: 'tickets', type: 'kpi', title: 'Tickets', form: 'ticket', measures: [{ op: 'count' }] },
      ],
    },
  ],
};

let t: Built;
let admin: string;
beforeAll(async () => {
  t = await build();
  admin = await t.login('admin', ADMIN_PASSWORD);
});
afterAll(async () => {
  await t.close();
});

function call(method: 'GET' | 'POST', url: string, payload?: unknown) {
  return t.app.inject({
    method,
    url,
    headers: bearer(admin),
    ...(payload !== undefined ? { payload: payload as object } : {}),
  });
}

/** Publishes `desk`'s first version again as the next one, straight through the store. */
async function publishAgain(): Promise<number> {
  const first = await t.store.getAppVersion('desk', 1);
  return t.store.publishApp('desk', {
    by: t.admin.id,
    bundle: first!.bundle,
    at: t.clock.now().toISOString(),
  });
}

describe('the version cache shared by apps, cases and reports', () => {
  it('reads a version once and compiles each form once, whichever part asks first', async () => {
    const start = t.services.versions.stats();
    expect((await call('POST', '/api/v1/apps', { bundle })).statusCode).toBe(201);
    const installed = t.services.versions.stats();
    // Installing reads the new version back for its answer; nothing was validated against it yet.
    expect(installed.loads - start.loads).toBe(1);
    expect(installed.formCompilations - start.formCompilations).toBe(0);

    // Each part answers from the version the install loaded: a hit in the shared cache, no load.
    async function answersFromCache(send: () => ReturnType<typeof call>, status = 200) {
      const before = t.services.versions.stats();
      const res = await send();
      expect(res.statusCode, res.body).toBe(status);
      const after = t.services.versions.stats();
      expect(after.hits).toBeGreaterThan(before.hits);
      expect(after.loads).toBe(before.loads);
      return res;
    }
    // Apps: the listing and the app's page.
    await answersFromCache(() => call('GET', '/api/v1/apps'));
    await answersFromCache(() => call('GET', '/api/v1/apps/desk'));
    // Cases: two records of the ticket form and a refused one, validated against the same compiled form.
    for (const title of ['Printer jams', 'Screen flickers'])
      await answersFromCache(
        () => call('POST', '/api/v1/apps/desk/forms/ticket/records', { data: { title } }),
        201,
      );
    await answersFromCache(() => call('POST', '/api/v1/apps/desk/forms/ticket/records', { data: {} }), 422);
    // Reports: the dashboard counts the two tickets.
    const dashboard = await answersFromCache(() => call('GET', '/api/v1/apps/desk/dashboards/overview/data'));
    expect(dashboard.json<{ widgets: { key: string; total: number }[] }>().widgets[0]!.total).toBe(2);
    // Exports read the same version.
    await answersFromCache(() => call('GET', '/api/v1/apps/desk/forms/ticket/export?format=csv'));

    const after = t.services.versions.stats();
    expect(after.loads - start.loads).toBe(1);
    // Only the ticket form was validated against, once for all three writes; the note form never.
    expect(after.formCompilations - start.formCompilations).toBe(1);
    expect(after.evictions).toBe(0);
  });

  it('keeps older versions beside a newly published one: open cases still run on theirs', async () => {
    const before = t.services.versions.stats();
    const version = await publishAgain();
    expect(version).toBe(2);
    const created = await call('POST', '/api/v1/apps/desk/forms/ticket/records', {
      data: { title: 'Keyboard missing keys' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const v1 = await t.services.versions.get('desk', 1);
    expect(v1.version).toBe(1);
    const after = t.services.versions.stats();
    // Version 2 is read and its ticket form compiled; version 1 is still held.
    expect(after.loads - before.loads).toBe(1);
    expect(after.formCompilations - before.formCompilations).toBe(1);
    expect(after.size).toBe(before.size + 1);
  });

  it('holds at most its capacity, dropping the least recently used version', async () => {
    while ((await publishAgain()) < 5);
    const cache = new VersionCache(t.store, { capacity: 2 });
    const compiledTicket = async (v: number) => (await cache.get('desk', v)).forms.get('ticket')!.compiled;
    for (const v of [1, 2, 3]) expect(await compiledTicket(v)).toBeDefined();
    expect(cache.stats()).toMatchObject({
      size: 2,
      capacity: 2,
      loads: 3,
      formCompilations: 3,
      evictions: 1,
    });

    // Asking for 2 again makes 3 the least recently used, so a new 4 drops 3.
    await cache.get('desk', 2);
    await cache.get('desk', 4);
    expect(cache.stats()).toMatchObject({ size: 2, loads: 4, hits: 1, evictions: 2 });
    // Asking for the dropped 3 reads and compiles it once more, and drops 2.
    expect(await compiledTicket(3)).toBeDefined();
    expect(cache.stats()).toMatchObject({ size: 2, loads: 5, formCompilations: 4, evictions: 3 });
    // 4 stays.
    await cache.get('desk', 4);
    expect(cache.stats()).toMatchObject({ loads: 5, hits: 2 });

    // Many versions through a small cache: the held count never passes the capacity.
    for (let round = 0; round < 3; round++) for (const v of [1, 2, 3, 4, 5]) await cache.get('desk', v);
    expect(cache.stats().size).toBe(2);
  });

  it('shares one load between concurrent first asks, and remembers no missing version', async () => {
    const cache = new VersionCache(t.store);
    const [a, b] = await Promise.all([cache.get('desk', 1), cache.get('desk', 1)]);
    expect(a).toBe(b);
    expect(cache.stats()).toMatchObject({ loads: 1, hits: 1, size: 1 });
    await expect(cache.get('desk', 99)).rejects.toMatchObject({ code: 'FC_NOT_FOUND' });
    await expect(cache.latest('nope')).rejects.toMatchObject({ code: 'FC_NOT_FOUND' });
    expect(await cache.bundle('desk', 99)).toBeUndefined();
    expect(cache.stats().size).toBe(1);
  });
});
