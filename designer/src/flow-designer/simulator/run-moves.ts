/**
 * The panel's moves and saves, pure: how far to jump the virtual clock to reach the next timer,
 * the start time of a fresh run, and a run saved as a scenario (its record, its moves, the end and
 * path it reached, which later edits are checked against).
 */
import type {
  AppBundle,
  LocalizedText,
  ScenarioDef,
  ScenarioMove,
  ScenarioPersona,
} from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import type { RunView } from './run-view.js';

/** The ISO-8601 duration from `from` to `to` (whole seconds, rounded up so the timer is reached); undefined when `to` is not later. */
export function durationBetween(from: string, to: string): string | undefined {
  const seconds = Math.ceil((Date.parse(to) - Date.parse(from)) / 1000);
  if (!Number.isFinite(seconds) || seconds <= 0) return undefined;
  const days = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
  return `P${days ? `${days}D` : ''}${time ? `T${time}` : ''}`;
}

/** The move that jumps the clock to the earliest pending timer, when there is one. */
export function nextTimerMove(run: Pick<RunView, 'now' | 'timers'>): ScenarioMove | undefined {
  const first = run.timers[0];
  if (!first) return undefined;
  const by = durationBetween(run.now, first.dueAt);
  return by ? { type: 'advance', by } : { type: 'advance', by: 'PT0S' };
}

/** Where a fresh run's clock starts: the current minute (a saved run replays from the same instant). */
export function startOfRun(now: Date): string {
  const at = new Date(now);
  at.setUTCSeconds(0, 0);
  return at.toISOString();
}

/** A scenario key from its position: `run_1`, `run_2`… skipping keys taken. */
export function freeKey(taken: Iterable<string>, base = 'run'): string {
  const used = new Set(taken);
  for (let i = 1; ; i += 1) if (!used.has(`${base}_${i}`)) return `${base}_${i}`;
}

export interface RunToSave {
  key: string;
  name: LocalizedText;
  flow: string;
  start: string;
  submitter: ScenarioPersona;
  people: ScenarioPersona[];
  record: Record<string, unknown>;
  records?: ScenarioDef['records'];
  moves: ScenarioMove[];
  reached: Pick<RunView, 'status' | 'outcome' | 'path'>;
}

/** A run as the bundle keeps it: replaying its moves must reach the same end along the same path. */
export function scenarioOf(run: RunToSave): ScenarioDef {
  const { status } = run.reached;
  return {
    key: run.key,
    name: run.name,
    flow: run.flow,
    start: run.start,
    submitter: run.submitter,
    ...(run.people.length > 0 ? { people: run.people } : {}),
    record: run.record,
    ...(run.records && Object.keys(run.records).length > 0 ? { records: run.records } : {}),
    moves: run.moves,
    expect: {
      status,
      ...(run.reached.outcome ? { outcome: run.reached.outcome } : {}),
      path: [...run.reached.path],
    },
  };
}

/** Scenarios whose replay no longer reaches their saved end along their saved path, with why. */
export function changedScenarios(results: ScenarioResult[]): { key: string; changes: string[] }[] {
  return results.filter((r) => !r.passed).map((r) => ({ key: r.key, changes: r.changes }));
}

/** The bundle with scenarios saved meanwhile put in (replacing one of the same key), for a host whose bundle is not reloaded after a save. */
export function withScenarios(bundle: AppBundle, saved: ScenarioDef[]): AppBundle {
  if (saved.length === 0) return bundle;
  const keys = new Set(saved.map((s) => s.key));
  return { ...bundle, scenarios: [...(bundle.scenarios ?? []).filter((s) => !keys.has(s.key)), ...saved] };
}
