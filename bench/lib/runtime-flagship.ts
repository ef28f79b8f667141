/**
 * The flagship flow driven through the real runtime without HTTP: `openStore` (SQLite file in WAL
 * mode, or PostgreSQL in its own schema), `createCaseService`, the after-sales template installed
 * by `createAppService`, the demo users. Every event is one case-service call (`createRecord`,
 * `completeTask`, `fireTimer`), which re-reads the instance and runs the step with its effects in
 * one store transaction, exactly as a request does.
 */
import { rmSync } from 'node:fs';
import { createAppService } from '../../runtime/apps/app-service.js';
import { VersionCache } from '../../runtime/apps/version-cache.js';
import { createCaseService } from '../../runtime/cases/case-service.js';
import { SYSTEM_ACTOR, type Actor, type RecordView } from '../../runtime/cases/types.js';
import { ManualClock } from '../../runtime/clock.js';
import { openStore, type Store, type StoreOptions } from '../../runtime/store/store.js';
import { APP, createInput, FORM, SCRIPT, SCRIPT_USERS, SURVEY_WAIT_MS, type ScriptIds } from './flagship.js';
import { Latencies } from './stats.js';

export const PG_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface RuntimeFlagship {
  store: Store;
  cases: ReturnType<typeof createCaseService>;
  clock: ManualClock;
  actors: Record<string, Actor>;
  ids: ScriptIds;
  /** Runs one instance end to end; each event's latency goes to `latencies`. Returns the instance id. */
  runInstance(n: number, latencies?: Latencies): Promise<string>;
  close(): Promise<void>;
}

/** Opens the store, installs the flagship app and the script's users. */
export async function runtimeFlagship(
  options: StoreOptions & { cleanup?: () => Promise<void> | void },
): Promise<RuntimeFlagship> {
  const clock = new ManualClock('2026-11-23T01:00:00.000Z');
  const { cleanup, ...storeOptions } = options;
  const store = await openStore({ ...storeOptions, now: () => clock.now().toISOString() });
  const versions = new VersionCache(store);
  const cases = createCaseService(store, clock, { timeZone: 'Asia/Shanghai' }, { versions });
  const apps = createAppService({ store, clock, cases, versions });
  if (!(await store.getApp(APP))) await apps.install({ template: APP }, SYSTEM_ACTOR);
  const actors: Record<string, Actor> = {};
  for (const [username, roles] of Object.entries(SCRIPT_USERS)) {
    // The password hash is never checked here (no login without HTTP).
    const user =
      (await store.getUserByUsername(username)) ??
      (await store.createUser({
        username,
        displayName: username,
        passwordHash: 'bench-no-login',
        roles,
        language: 'en',
      }));
    actors[username] = { id: user.id, username, roles };
  }
  const customer = await ownCustomerRecord(store, cases, actors.customer!);
  const products = await store.listRecords(APP, 'products', { limit: 100 });
  const product = products.items.find((p) => Number(p.data.warranty_months) >= 1);
  if (!product) throw new Error('the after-sales sample data has no product');
  const ids: ScriptIds = { customer, product: product.id, technician: actors.tech!.id };
  const noLatencies = new Latencies();

  async function runInstance(n: number, latencies: Latencies = noLatencies): Promise<string> {
    let view: RecordView = await latencies.time(() =>
      cases.createRecord(APP, FORM, createInput(ids, n), actors.customer!),
    );
    const recordId = view.record.id;
    const instanceId = view.instance?.id;
    if (!instanceId) throw new Error('the repair request started no flow');
    for (const s of SCRIPT) {
      clock.advance(60_000);
      if (s.kind === 'timer') {
        clock.advance(SURVEY_WAIT_MS);
        const timer = (await store.getInstance(instanceId))?.snapshot.timers.find(
          (t) => t.kind === 'wait' && t.node === s.node,
        );
        if (!timer) throw new Error(`no ${s.node} timer`);
        await latencies.time(() => cases.fireTimer(timer.id));
        const tasks = (await store.getInstance(instanceId))?.snapshot.tasks ?? [];
        view = {
          record: view.record,
          instance: {
            ...view.instance!,
            tasks: tasks.map((t) => ({ id: t.id, node: t.node, status: 'open' })) as never,
          },
        };
        continue;
      }
      const task = view.instance?.tasks.find((t) => t.node === s.node && t.status === 'open');
      if (!task) throw new Error(`record ${recordId}: no open ${s.node} task`);
      view = await latencies.time(() =>
        cases.completeTask(task.id, { action: s.action, data: s.data(ids) }, actors[s.user]!),
      );
    }
    if (view.instance?.status !== 'done')
      throw new Error(`record ${recordId} ended ${view.instance?.status}`);
    return instanceId;
  }

  return {
    store,
    cases,
    clock,
    actors,
    ids,
    runInstance,
    async close() {
      await store.close();
      await cleanup?.();
    },
  };
}

/** The customer record whose owner field (`account`) names the script's customer, created once: a customer may link only their own. */
async function ownCustomerRecord(
  store: Store,
  cases: RuntimeFlagship['cases'],
  customer: Actor,
): Promise<string> {
  const linked = await store.listRecords(APP, 'customers', {
    filter: { '==': [{ var: 'account' }, customer.id] },
    limit: 1,
  });
  if (linked.items[0]) return linked.items[0].id;
  const data = {
    name: 'Bench customer',
    phone: '+86 137-0000-0000',
    tier: 'regular',
    preferred_channel: 'inapp',
    account: customer.id,
  };
  return (await cases.createRecord(APP, 'customers', data, SYSTEM_ACTOR)).record.id;
}

/** Removes a SQLite database file with its WAL and shared-memory files. */
export function removeSqlite(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(file + suffix, { force: true });
}
