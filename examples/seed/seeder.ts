/**
 * `npm run seed`: fills an installed after-sales app with a year of repair requests made by running
 * the repair flow through the engine, in memory, on a simulated clock: every case is created,
 * stepped by the people of `repair-policy.ts` and by its own timers (SLA reminders and breaches,
 * payment time-outs, the survey wait), and written through the runtime's `applyEffects`, many
 * cases per transaction. Deterministic for a given seed, end date and starting database.
 */
import { randomBytes } from 'node:crypto';
import { createAppService } from '../../runtime/apps/app-service.js';
import { hashPassword } from '../../runtime/auth/passwords.js';
import { createCaseService } from '../../runtime/cases/case-service.js';
import type { StepDeps } from '../../runtime/cases/step-runner.js';
import { SYSTEM_ACTOR } from '../../runtime/cases/types.js';
import { ManualClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { openStore, type Store } from '../../runtime/store/store.js';
import { CaseSim, type SimContext } from './case-sim.js';
import { JournalTx } from './journal-tx.js';
import { preparePeople, type People } from './people.js';
import { Rng } from './prng.js';
import { decide, drawScenario, requestInput, stillValid, STOP_NODES, type Move, type Scenario, type StopNode } from './repair-policy.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

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
  statuses: Record<string, number>;
  outcomes: Record<string, number>;
  breachedTasks: number;
  from: string;
  until: string;
  /** Set when the seeder generated the password of the accounts it created. */
  generatedPassword?: string;
}

/** Where an unfinished case waits, and for how long it may have waited when the clock stops. */
const STOP_GAP: Record<StopNode, number> = {
  intake: 1.5 * HOUR,
  dispatch: 3 * HOUR,
  quote: 12 * HOUR,
  customer_decision: 4 * DAY,
  await_payment: 20 * HOUR,
  payment: 30 * HOUR,
  repair: 30 * HOUR,
  repair_on_site: 60 * HOUR,
  qa: 10 * HOUR,
  ship: 30 * HOUR,
  survey_wait: 70 * HOUR,
  survey: 9 * DAY,
};

/** Every ninth case is unfinished, cycling through the stop nodes so each state is represented. */
function stopOf(i: number): StopNode | undefined {
  return i % 9 === 4 ? STOP_NODES[Math.floor(i / 9) % STOP_NODES.length] : undefined;
}

interface Driver {
  people: People;
  ctx: SimContext;
  setRng(rng: Rng): void;
  seed: string;
  salt: string;
}

/** Runs one case from `start` until it ends, stops at its stop node, or the clock reaches `until`. */
async function runCase(d: Driver, index: number, start: number | undefined, until: number, tx: JournalTx, window: [number, number]): Promise<{ sim: CaseSim; start: number; scenario: Scenario }> {
  const rng = new Rng(d.seed, d.salt, 'case', index);
  d.setRng(rng);
  // The first draw places a finished case in the year (08:00–21:00 in China, 00:00–13:00 UTC).
  const day = Math.floor(rng.next() * Math.floor((window[1] - window[0]) / DAY));
  const drawn = window[0] + day * DAY + rng.next() * 13 * HOUR;
  const at = start ?? drawn;
  const scenario = drawScenario(rng, d.people, stopOf(index));
  const sim = new CaseSim(d.ctx, tx);
  await sim.create(at, requestInput(rng, scenario, at), scenario.submitter);
  let move: Move | undefined;
  while (sim.active) {
    if (!move) {
      const next = decide(rng, d.people, scenario, sim);
      if (next === 'stop') {
        if (Number.isFinite(until)) await sim.fireUntil(until);
        break;
      }
      move = next;
    }
    const timer = sim.nextTimer();
    const timerAt = timer ? Date.parse(timer.dueAt) : Infinity;
    const moveAt = move ? move.at : Infinity;
    if (timer && timerAt <= moveAt) {
      if (timerAt > until) break;
      await sim.fire(timer);
      if (move && !stillValid(move, sim)) move = undefined;
      continue;
    }
    if (!move) break; // waits for something that will not come
    if (moveAt > until) break;
    await sim.send(move.at, move.event, move.actor);
    move = undefined;
  }
  return { sim, start: at, scenario };
}

function todayUtc(): string {
  return `${new Date().toISOString().slice(0, 10)}T00:00:00.000Z`;
}

async function countRecords(store: Store, app: string, form: string): Promise<number> {
  const rows = await store.aggregateRecords(app, form, { measures: [{ op: 'count' }] });
  return Number(rows[0]?.values[0] ?? 0);
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
  const store = await openStore({ dataDir: o.dataDir, ...(o.databaseUrl ? { databaseUrl: o.databaseUrl } : {}), now: () => clock.now().toISOString(), newId: () => idRng.uuid() });
  try {
    const cases = createCaseService(store, clock, config, { newId: () => idRng.uuid() });
    const apps = createAppService({ store, clock, cases });
    if (!(await store.getApp(o.app))) {
      const installed = await apps.install({ template: o.app }, SYSTEM_ACTOR);
      log(`Installed ${o.app} version ${installed.app.version} with ${installed.sampleRecords} sample record(s).`);
    }
    const version = await cases.definitions.latest(o.app);
    const flow = version.flowByForm.get('repair_request');
    if (!flow) throw new Error(`The app ${o.app} has no repair_request flow; the seeder fills the after-sales template (after_sales).`);

    const existingRequests = await countRecords(store, o.app, 'repair_request');
    const existingCustomers = await countRecords(store, o.app, 'customers');
    const salt = `${existingRequests}/${existingCustomers}`;
    const generated = (o.password ?? process.env.FLOWCASE_DEMO_PASSWORD) ? undefined : randomBytes(12).toString('base64url');
    const passwordHash = await hashPassword(o.password ?? process.env.FLOWCASE_DEMO_PASSWORD ?? generated!);
    const people = await preparePeople({ store, version, rng: new Rng(o.seed, 'people', salt), records: o.records, passwordHash, now: () => clock.now().toISOString(), log });
    log(`People: ${people.customers.length} customers, ${Object.values(people.staff).reduce((n, l) => n + l.length, 0)} staff, ${people.products.length} products.`);

    const dayFormat = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    let caseRng = idRng;
    const deps: StepDeps = { store, definitions: cases.definitions, now: () => clock.now(), today: (at) => dayFormat.format(at), newId: () => caseRng.uuid() };
    const ctx: SimContext = { version, flow, deps, usersInRole: (role) => people.usersInRole(role).map((u) => u.id) };
    const driver: Driver = { people, ctx, seed: o.seed, salt, setRng: (r) => (caseRng = r) };
    const window: [number, number] = [fromMs, untilMs - 30 * DAY];

    // Plan: when each case starts. Unfinished cases are dry-run first to learn how long they take
    // to reach their stop node, then placed so that they wait there when the clock stops.
    const n = o.records;
    const starts = new Float64Array(n);
    const noSequence = (): Promise<number> => Promise.resolve(1);
    for (let i = 0; i < n; i++) {
      const stop = stopOf(i);
      if (stop) {
        const dry = await runCase(driver, i, fromMs, Infinity, new JournalTx(people, () => '', noSequence), window);
        const gapRng = new Rng(o.seed, salt, 'gap', i);
        starts[i] = untilMs - (dry.sim.now - fromMs) - Math.round(gapRng.next() * STOP_GAP[stop]);
      } else {
        const rng = new Rng(o.seed, salt, 'case', i);
        const day = Math.floor(rng.next() * Math.floor((window[1] - window[0]) / DAY));
        starts[i] = window[0] + day * DAY + rng.next() * 13 * HOUR;
      }
    }
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => starts[a]! - starts[b]! || a - b);
    log(`Planned ${n.toLocaleString('en')} requests from ${new Date(fromMs).toISOString().slice(0, 10)} to ${new Date(untilMs).toISOString().slice(0, 10)} (${((performance.now() - started) / 1000).toFixed(1)} s).`);

    const notifySince = new Date(untilMs - 30 * DAY).toISOString();
    const statuses: Record<string, number> = {};
    const outcomes: Record<string, number> = {};
    let breachedTasks = 0;
    const batch = o.batchSize ?? 1000;
    let done = 0;
    let lastLog = performance.now();
    for (let b = 0; b < n; b += batch) {
      await store.write(async (tx) => {
        for (const i of order.slice(b, b + batch)) {
          const journal = new JournalTx(people, () => '', (app, form, field, day) => tx.nextSequence(app, form, field, day), notifySince);
          const { sim } = await runCase(driver, i, starts[i], untilMs, journal, window).catch((e: unknown) => {
            throw new Error(`case ${i}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          });
          await journal.flush(tx);
          const status = String(sim.record.data.status);
          statuses[status] = (statuses[status] ?? 0) + 1;
          const outcome = sim.snapshot.outcome ?? sim.snapshot.status;
          outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
          breachedTasks += sim.snapshot.tasks.filter((t) => t.breached).length;
        }
      });
      done = Math.min(n, b + batch);
      const t = performance.now();
      if (t - lastLog > 2000 || done === n) {
        lastLog = t;
        log(`  ${done.toLocaleString('en')} / ${n.toLocaleString('en')} requests · ${Math.round(done / ((t - started) / 1000)).toLocaleString('en')}/s`);
      }
    }
    await store.optimize();
    const seconds = (performance.now() - started) / 1000;
    const report: SeedReport = {
      records: n,
      seconds,
      perSecond: n / seconds,
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
