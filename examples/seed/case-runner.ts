/**
 * Runs one seeded repair request through its life: the people of `repair-policy.ts` decide what
 * happens next, the case's own timers fire when they fall due, and everything is written into the
 * case's `JournalTx`. Shared by the seeder's planning and its workers, so a case is the same
 * wherever it runs: it depends only on the seed, its index, its start and its autonumber.
 */
import { CaseSim, type SimContext } from './case-sim.js';
import type { JournalTx } from './journal-tx.js';
import type { People } from './people.js';
import { Rng } from './prng.js';
import {
  decide,
  drawScenario,
  requestInput,
  stillValid,
  STOP_NODES,
  type Move,
  type Scenario,
  type StopNode,
} from './repair-policy.js';

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** Where an unfinished case waits, and for how long it may have waited when the clock stops. */
export const STOP_GAP: Record<StopNode, number> = {
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
export function stopOf(i: number): StopNode | undefined {
  return i % 9 === 4 ? STOP_NODES[Math.floor(i / 9) % STOP_NODES.length] : undefined;
}

export interface Driver {
  people: People;
  ctx: SimContext;
  /** Makes `rng` the source of the ids the case's steps create, time-ordered by the case's start. */
  setRng(rng: Rng, start: number): void;
  seed: string;
  salt: string;
}

/** When a finished case starts: a day of `window`, 08:00–21:00 in China (00:00–13:00 UTC). */
export function drawnStart(
  d: Pick<Driver, 'seed' | 'salt'>,
  index: number,
  window: readonly [number, number],
): number {
  const rng = new Rng(d.seed, d.salt, 'case', index);
  const day = Math.floor(rng.next() * Math.floor((window[1] - window[0]) / DAY));
  return window[0] + day * DAY + rng.next() * 13 * HOUR;
}

/** Runs one case from `start` until it ends, stops at its stop node, or the clock reaches `until`. */
export async function runCase(
  d: Driver,
  index: number,
  start: number | undefined,
  until: number,
  tx: JournalTx,
  window: readonly [number, number],
): Promise<{ sim: CaseSim; start: number; scenario: Scenario }> {
  const rng = new Rng(d.seed, d.salt, 'case', index);
  // The first draws place a finished case in the year (see `drawnStart`).
  const day = Math.floor(rng.next() * Math.floor((window[1] - window[0]) / DAY));
  const drawn = window[0] + day * DAY + rng.next() * 13 * HOUR;
  const at = start ?? drawn;
  d.setRng(rng, at);
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

/** Where a planned unfinished case starts: its dry run's length back from the end, minus its wait. */
export function stopStart(
  d: Pick<Driver, 'seed' | 'salt'>,
  index: number,
  dryRunMs: number,
  untilMs: number,
): number {
  const stop = stopOf(index)!;
  const gapRng = new Rng(d.seed, d.salt, 'gap', index);
  return untilMs - dryRunMs - Math.round(gapRng.next() * STOP_GAP[stop]);
}
