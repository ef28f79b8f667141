/**
 * `npm run seed`: fills an installed after-sales app with a year of repair requests made by running
 * the repair flow through the engine, in memory, on a simulated clock: every case is created,
 * stepped by the people of `repair-policy.ts` and by its own timers (SLA reminders and breaches,
 * payment time-outs, the survey wait), and written through the runtime's `applyEffects`, many
 * cases per transaction. Deterministic for a given seed, end date and starting database, whatever
 * the number of workers.
 *
 * Cases run in worker threads (one per core by default): a case depends only on the seed, its
 * index, its start and its autonumber, which the main thread hands out in start order. The main
 * thread writes the workers' rows chunk by chunk in that same order, one transaction per chunk.
 */
import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { createAppService } from '../../runtime/apps/app-service.js';
import { VersionCache } from '../../runtime/apps/version-cache.js';
import { assertAcceptablePassword } from '../../runtime/auth/password-policy.js';
import { hashPassword } from '../../runtime/auth/passwords.js';
import { createCaseService } from '../../runtime/cases/case-service.js';
import { formOf } from '../../runtime/cases/definitions.js';
import { SYSTEM_ACTOR } from '../../runtime/cases/types.js';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { openStore, type Store } from '../../runtime/store/store.js';
import { DAY, drawnStart, stopOf } from './case-runner.js';
import { peopleToWire } from './people-wire.js';
import { preparePeople } from './people.js';
import { Rng } from './prng.js';
import type { WorkerInit } from './seed-worker.js';
import { WorkerPool } from './worker-pool.js';

export interface SeedOptions {
  app: string;
  /** Repair requests to create. */
  records: number;
  seed: string;
  dataDir: string;
  databaseUrl?: string;
  /** The end of the simulated year (ISO); default: today 00:00 UTC. */
  until?: string;
  /** Cases per transaction (default 1000). */
  batchSize?: number;
  /** Worker threads running the cases (default: one per core). */
  workers?: number;
  timeZone?: string;
  /** Password of the accounts the seeder creates (default FLOWCASE_DEMO_PASSWORD, else generated). */
  password?: string;
  log?: (line: string) => void;
}

export interface SeedReport {
  records: number;
  seconds: number;
  /** Repair requests written per second (the whole run, including planning). */
  perSecond: number;
  workers: number;
  statuses: Record<string, number>;
  outcomes: Record<string, number>;
  breachedTasks: number;
  from: string;
  until: string;
  /** Set when the seeder generated the password of the accounts it created. */
  generatedPassword?: string;
}

function todayUtc(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
}

async function countRecords(store: Store, app: string, form: string): Promise<number> {
  const rows = await store.aggregateRecords(app, form, { measures: [{ op: 'count' }] });
  return Number(rows[0]?.values[0] ?? 0);
}

function slices<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export async function seed(o: SeedOptions): Promise<SeedReport> {
  const log = o.log ?? ((line: string) => console.log(line));
  const started = performance.now();
  const untilMs = Date.parse(o.until ?? todayUtc());
  if (!Number.isFinite(untilMs)) throw new Error(`--until ${o.until} is not a date.`);
  const fromMs = untilMs - 365 * DAY;
  const idRng = new Rng(o.seed, 'ids');
  const clock = new ManualClock(new Date(fromMs - DAY));
  const config = { ...readConfig({}), dataDir: o.dataDir, ...(o.timeZone ? { timeZone: o.timeZone } : {}) };
  const store = await openStore({
    dataDir: o.dataDir,
    ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}),
    now: () => clock.now().toISOString(),
    newId: () => idRng.uuid(),
  });
  try {
    const versions = new VersionCache(store);
    const cases = createCaseService(store, clock, config, { newId: () => idRng.uuid(), versions });
    const apps = createAppService({ store, clock, cases, versions });
    if (!(await store.getApp(o.app))) {
      const installed = await apps.install({ template: o.app }, SYSTEM_ACTOR);
      log(
        `Installed ${o.app} version ${installed.app.version} with ${installed.sampleRecords} sample record(s).`,
      );
    }
    const version = await cases.definitions.latest(o.app);
    const flow = version.flowByForm.get('repair_request');
    if (!flow)
      throw new Error(
        `The app ${o.app} has no repair_request flow; the seeder fills the after-sales template (after_sales).`,
      );

    const existingRequests = await countRecords(store, o.app, 'repair_request');
    const existingCustomers = await countRecords(store, o.app, 'customers');
    const salt = `${existingRequests}/${existingCustomers}`;
    const generated =
      (o.password ?? process.env.FLOWCASE_DEMO_PASSWORD) ? undefined : randomBytes(12).toString('base64url');
    const password = o.password ?? process.env.FLOWCASE_DEMO_PASSWORD ?? generated!;
    // The accounts' names are drawn later, so only the length and the common-password list apply here.
    assertAcceptablePassword(password, '', o.password ? '--password' : 'FLOWCASE_DEMO_PASSWORD');
    const passwordHash = await hashPassword(password);
    const people = await preparePeople({
      store,
      version,
      rng: new Rng(o.seed, 'people', salt),
      records: o.records,
      passwordHash,
      now: () => clock.now().toISOString(),
      log,
    });
    log(
      `People: ${people.customers.length} customers, ${Object.values(people.staff).reduce((n, l) => n + l.length, 0)} staff, ${people.products.length} products.`,
    );

    const dayFormat = new Intl.DateTimeFormat('en-CA', {
      timeZone: config.timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    const window: [number, number] = [fromMs, untilMs - 30 * DAY];
    const init: WorkerInit = {
      app: o.app,
      version: version.version,
      bundle: version.bundle,
      form: flow.form,
      people: peopleToWire(people, new Set([...version.roles, 'admin'])),
      seed: o.seed,
      salt,
      window,
      fromMs,
      untilMs,
      timeZone: config.timeZone,
      notifySince: new Date(untilMs - 30 * DAY).toISOString(),
    };
    const pool = new WorkerPool(Math.max(1, o.workers ?? availableParallelism()), init);
    const statuses: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    let breachedTasks = 0;
    const n = o.records;
    try {
      // Plan: when each case starts. Unfinished cases are dry-run first (in the workers) to learn
      // how long they take to reach their stop node, then placed so that they wait there when
      // the clock stops.
      const starts = new Float64Array(n);
      const stops: number[] = [];
      for (let i = 0; i < n; i++) {
        if (stopOf(i)) stops.push(i);
        else starts[i] = drawnStart({ seed: o.seed, salt }, i, window);
      }
      const part = Math.max(1, Math.ceil(stops.length / (pool.size * 4)));
      await Promise.all(
        slices(stops, part).map(async (cases) => {
          const reply = await pool.send({ kind: 'plan', cases });
          cases.forEach((index, k) => (starts[index] = reply.starts[k]!));
        }),
      );
      const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
      log(
        `Planned ${n.toLocaleString('en')} requests from ${new Date(fromMs).toISOString().slice(0, 10)} to ${new Date(untilMs).toISOString().slice(0, 10)} (${((performance.now() - started) / 1000).toFixed(1)} s, ${pool.size} worker${pool.size === 1 ? '' : 's'}).`,
      );

      // Run: chunks go to the workers ahead of the writer; autonumbers are taken in start order
      // (one chain of reservations), and chunks are written in that order too.
      const autonumbers = formOf(version, flow.form)
        .def.fields.filter((f) => f.type === 'autonumber')
        .map((f) => f.key);
      const batch = o.batchSize ?? 1000;
      const chunks = slices(order, batch);
      let reserved = Promise.resolve();
      const dispatch = (indices: number[]) => {
        const sequences = reserved.then(() =>
          store.write(async (tx) => {
            const out: Record<string, number>[] = [];
            for (const index of indices) {
              const day = dayFormat.format(new Date(starts[index]!)).replace(/-/g, '');
              const seqs: Record<string, number> = {};
              for (const field of autonumbers)
                seqs[field] = await tx.nextSequence(o.app, flow.form, field, day);
              out.push(seqs);
            }
            return out;
          }),
        );
        reserved = sequences.then(() => undefined);
        const reply = sequences.then((seqs) =>
          pool.send({
            kind: 'run',
            cases: indices.map((index, k) => ({ index, start: starts[index]!, sequences: seqs[k]! })),
          }),
        );
        reply.catch(() => undefined); // awaited in order below; a failure surfaces there
        return reply;
      };
      const ahead: ReturnType<typeof dispatch>[] = [];
      let sent = 0;
      let done = 0;
      let lastLog = performance.now();
      for (let k = 0; k < chunks.length; k++) {
        while (sent < chunks.length && sent < k + pool.size * 2) ahead.push(dispatch(chunks[sent++]!));
        const reply = await ahead.shift()!;
        await store.write((tx) => tx.loadCases(reply.cases.map((c) => c.rows)));
        for (const c of reply.cases) {
          statuses[c.status] = (statuses[c.status] ?? 0) + 1;
          outcomes[c.outcome] = (outcomes[c.outcome] ?? 0) + 1;
          breachedTasks += c.breached;
        }
        done += reply.cases.length;
        const t = performance.now();
        if (t - lastLog > 2000 || done === n) {
          lastLog = t;
          log(
            `  ${done.toLocaleString('en')} / ${n.toLocaleString('en')} requests · ${Math.round(done / ((t - started) / 1000)).toLocaleString('en')}/s`,
          );
        }
      }
    } finally {
      await pool.close();
    }
    await store.optimize();
    const seconds = (performance.now() - started) / 1000;
    const report: SeedReport = {
      records: n,
      seconds,
      perSecond: n / seconds,
      workers: pool.size,
      statuses,
      outcomes,
      breachedTasks,
      from: new Date(fromMs).toISOString(),
      until: new Date(untilMs).toISOString(),
      ...(generated ? { generatedPassword: generated } : {}),
    };
    return report;
  } finally {
    await store.close();
  }
}
