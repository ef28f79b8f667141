/** Messages between the simulator panel and its engine worker (`simulator-worker.ts`). */
import type {
  AppBundle,
  ScenarioDef,
  ScenarioMove,
  ScenarioPersona,
} from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';
import type { RunView } from './run-view.js';

/** What a run starts from (the engine's `SimulationSetup` without the bundle). */
export interface RunSetup {
  flow: string;
  start: string;
  submitter: ScenarioPersona;
  people: ScenarioPersona[];
  record: Record<string, unknown>;
  records: NonNullable<ScenarioDef['records']>;
}

export type SimRequest =
  | {
      id: number;
      kind: 'run';
      bundle: AppBundle;
      setup: RunSetup;
      moves: ScenarioMove[];
      language: 'en' | 'zh';
    }
  | { id: number; kind: 'scenarios'; bundle: AppBundle };

/** The sample record as the form computes it (formulas, hidden fields, problems), before the run starts. */
export interface SampleView {
  evaluated: Record<string, unknown>;
  hidden: string[];
  errors: { path: string; code: string; message: string }[];
}

/** A move the engine refused, or a run that could not start: where and why. */
export interface RunError {
  /** Index of the move refused; -1 when the run could not start. */
  move: number;
  code: string;
  message: string;
  path?: string;
}

export type SimResponse =
  | { id: number; kind: 'run'; sample?: SampleView; run?: RunView; error?: RunError }
  | { id: number; kind: 'scenarios'; results: ScenarioResult[] }
  | { id: number; kind: 'failed'; message: string };
