/**
 * Scenarios: saved runs of the simulator kept in a bundle's `scenarios` section (a sample record,
 * the moves, the expected end and path), re-run against the bundle as it stands to tell whether an
 * edit changed where a case goes.
 */
import type { AppBundle, ScenarioDef } from '../../definition/types.js';
import { FlowcaseError } from '../../errors.js';
import type { InstanceStatus } from '../types.js';
import { simulate, startSimulation } from './simulate.js';
import type { Simulation, SimulationSetup } from './simulation-types.js';

/** What a scenario's run came to, and what differs from what the scenario expects. */
export interface ScenarioResult {
  key: string;
  passed: boolean;
  status: InstanceStatus | 'error';
  outcome?: string;
  path: string[];
  /** Each difference from the expectation, in words. */
  changes: string[];
  /** The move the run stopped at (-1: the start) and why, when a move could not be made. */
  error?: { move: number; code: string; message: string; path?: string };
}

function setupOf(bundle: AppBundle, scenario: ScenarioDef): SimulationSetup {
  return {
    bundle,
    flow: scenario.flow,
    record: scenario.record,
    submitter: scenario.submitter,
    now: scenario.start,
    ...(scenario.people ? { people: scenario.people } : {}),
    ...(scenario.records ? { records: scenario.records } : {}),
  };
}

/** The run a scenario describes, as far as it goes. Throws what the failing move threw. */
export function replay(bundle: AppBundle, scenario: ScenarioDef): Simulation {
  let sim = startSimulation(setupOf(bundle, scenario));
  for (const move of scenario.moves) sim = simulate(sim, move);
  return sim;
}

/** Re-runs one scenario and compares its end and path with the saved ones. */
export function runScenario(bundle: AppBundle, scenario: ScenarioDef): ScenarioResult {
  let sim: Simulation | undefined;
  let error: ScenarioResult['error'];
  try {
    sim = startSimulation(setupOf(bundle, scenario));
    for (const move of scenario.moves) sim = simulate(sim, move);
  } catch (e) {
    if (!(e instanceof FlowcaseError)) throw e;
    error = {
      move: sim ? sim.moves.length : -1,
      code: e.code,
      message: e.message,
      ...(e.path !== undefined ? { path: e.path } : {}),
    };
  }
  const status = error ? 'error' : sim!.snapshot.status;
  const outcome = error ? undefined : sim!.snapshot.outcome;
  const path = sim?.path ?? [];
  const changes: string[] = [];
  if (error)
    changes.push(
      `${error.move < 0 ? 'The run could not start' : `Move ${error.move + 1} could not be made`}: ${error.message}`,
    );
  else {
    if (status !== scenario.expect.status)
      changes.push(`The run ends ${status}, not ${scenario.expect.status}.`);
    if ((outcome ?? null) !== (scenario.expect.outcome ?? null))
      changes.push(`The outcome is ${outcome ?? 'none'}, not ${scenario.expect.outcome ?? 'none'}.`);
    if (path.join(' ') !== scenario.expect.path.join(' '))
      changes.push(`The path is ${path.join(' → ')}, not ${scenario.expect.path.join(' → ')}.`);
  }
  return {
    key: scenario.key,
    passed: changes.length === 0,
    status,
    ...(outcome !== undefined ? { outcome } : {}),
    path,
    changes,
    ...(error ? { error } : {}),
  };
}

/** Runs every scenario of a bundle, in order. */
export function runScenarios(bundle: AppBundle): ScenarioResult[] {
  return (bundle.scenarios ?? []).map((s) => runScenario(bundle, s));
}
