/**
 * A seeding worker thread: rebuilds the app version and the people from plain data, then runs the
 * cases it is sent (`plan`: dry runs that measure how long an unfinished case takes to reach its
 * stop node; `run`: whole cases into their journals) and posts back their net rows. It never
 * touches the database: the main thread writes every chunk in order, so the result does not
 * depend on how many workers ran.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { AppBundle } from '../../engine/index.js';
import { compileVersion } from '../../runtime/cases/definitions.js';
import type { StepDeps } from '../../runtime/cases/step-runner.js';
import type { SimContext } from './case-sim.js';
import { runCase, stopStart, type Driver } from './case-runner.js';
import type { LoadedCase } from '../../runtime/store/store.js';
import { JournalTx } from './journal-tx.js';
import { peopleFromWire, type PeopleWire } from './people-wire.js';
import type { Rng } from './prng.js';

export interface WorkerInit {
  app: string;
  version: number;
  bundle: AppBundle;
  form: string;
  people: PeopleWire;
  seed: string;
  salt: string;
  window: [number, number];
  fromMs: number;
  untilMs: number;
  timeZone: string;
  /** Notices older than this are not kept (see `JournalTx`). */
  notifySince: string;
}

export type WorkerRequest =
  | { id: number; kind: 'plan'; cases: number[] }
  | { id: number; kind: 'run'; cases: { index: number; start: number; sequences: Record<string, number> }[] };

export interface CaseOutcome {
  rows: LoadedCase;
  status: string;
  outcome: string;
  breached: number;
}

export type WorkerReply =
  | { id: number; kind: 'plan'; starts: number[] }
  | { id: number; kind: 'run'; cases: CaseOutcome[] }
  | { id: number; kind: 'error'; message: string };

/** A dependency a case run never reaches (`stepInTx` reads only the clock and ids): fails loudly if it does. */
function unavailable<T extends object>(what: string): T {
  return new Proxy({} as T, {
    get() {
      throw new Error(`A seeding worker has no ${what}.`);
    },
  });
}

function start(init: WorkerInit): (request: WorkerRequest) => Promise<WorkerReply> {
  const version = compileVersion(init.app, init.version, init.bundle);
  const flow = version.flowByForm.get(init.form);
  if (!flow) throw new Error(`The app ${init.app} has no ${init.form} flow.`);
  const people = peopleFromWire(init.people);
  const dayFormat = new Intl.DateTimeFormat('en-CA', {
    timeZone: init.timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let caseRng: Rng | undefined;
  let caseStart = 0;
  const deps: StepDeps = {
    store: unavailable('store'),
    definitions: unavailable('definition cache'),
    now: () => {
      throw new Error('A seeded case runs on its own simulated clock.');
    },
    today: (at) => dayFormat.format(at),
    newId: () => caseRng!.uuid7(caseStart),
  };
  const ctx: SimContext = {
    version,
    flow,
    deps,
    usersInRole: (role) => people.usersInRole(role).map((u) => u.id),
  };
  const driver: Driver = {
    people,
    ctx,
    seed: init.seed,
    salt: init.salt,
    setRng: (r, at) => {
      caseRng = r;
      caseStart = at;
    },
  };
  const noSequence = (): Promise<number> => Promise.resolve(1);

  return async (request) => {
    if (request.kind === 'plan') {
      const starts: number[] = [];
      for (const index of request.cases) {
        const dry = await runCase(
          driver,
          index,
          init.fromMs,
          Infinity,
          new JournalTx(people, () => '', noSequence),
          init.window,
        );
        starts.push(stopStart(driver, index, dry.sim.now - init.fromMs, init.untilMs));
      }
      return { id: request.id, kind: 'plan', starts };
    }
    const cases: CaseOutcome[] = [];
    for (const c of request.cases) {
      const sequence = (_app: string, _form: string, field: string): Promise<number> => {
        const n = c.sequences[field];
        return n === undefined
          ? Promise.reject(new Error(`No autonumber reserved for ${field}.`))
          : Promise.resolve(n);
      };
      const journal = new JournalTx(people, () => '', sequence, init.notifySince);
      const { sim } = await runCase(driver, c.index, c.start, init.untilMs, journal, init.window).catch(
        (e: unknown) => {
          throw new Error(`case ${c.index}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
        },
      );
      cases.push({
        rows: journal.rows(),
        status: String(sim.record.data.status),
        outcome: sim.snapshot.outcome ?? sim.snapshot.status,
        breached: sim.snapshot.tasks.filter((t) => t.breached).length,
      });
    }
    return { id: request.id, kind: 'run', cases };
  };
}

if (parentPort) {
  const port = parentPort;
  const handle = start(workerData as WorkerInit);
  // One request at a time, in arrival order: a case run is synchronous work between awaits.
  let queue = Promise.resolve();
  port.on('message', (request: WorkerRequest) => {
    queue = queue.then(async () => {
      try {
        port.postMessage(await handle(request));
      } catch (e) {
        port.postMessage({
          id: request.id,
          kind: 'error',
          message: e instanceof Error ? (e.stack ?? e.message) : String(e),
        } satisfies WorkerReply);
      }
    });
  });
}
