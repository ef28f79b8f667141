/**
 * The simulator's data: who acts, the moves a designer makes, and a run as it stands. Plain JSON
 * (apart from the bundle it reads), so a run can be saved as a scenario and replayed.
 */
import type { AppBundle, ScenarioMove, ScenarioPersona, TaskAction } from '../../definition/types.js';
import type { Effect, FlowSnapshot, HistoryEvent, OpenTask } from '../types.js';

/** Someone the designer acts as: a user id and the roles they hold. */
export type Persona = ScenarioPersona;

/** What a run starts from: the draft bundle, its flow, a sample record and the virtual clock. */
export interface SimulationSetup {
  bundle: AppBundle;
  /** Key of the flow to run. */
  flow: string;
  /** The record as its creator submits it (defaults, formulas and autonumbers are applied). */
  record: Record<string, unknown>;
  /** Who created the record (`{submitter: true}` assignees, `$user` in create rules). */
  submitter: Persona;
  /** Where the virtual clock starts, an ISO-8601 instant. */
  now: string;
  /** Other people of the simulated world: `mode: all` tasks for a role expand to these. */
  people?: Persona[];
  /** Related records by form key and record id, read by relation rules (`customer.tier`). */
  records?: Record<string, Record<string, Record<string, unknown>>>;
}

/** One thing the designer does to a run (a scenario saves the same moves). */
export type SimulationMove = ScenarioMove;

/** An effect the run would have had on the world (a notice, a webhook call, a record write), kept, never carried out. */
export interface CollectedEffect {
  /** The virtual time it happened. */
  at: string;
  /** Index of the move that caused it; -1 for the start. */
  move: number;
  effect: Effect;
}

/** A task someone could act on now, with the actions its node offers. */
export interface SimulationChoice {
  task: OpenTask;
  actions: TaskAction[];
}

/** A run as it stands. Never changed in place: every move gives a new one. */
export interface Simulation {
  setup: SimulationSetup;
  now: string;
  snapshot: FlowSnapshot;
  record: Record<string, unknown>;
  /** Nodes entered, in order, automatic ones included. */
  path: string[];
  /** Outward effects, in order. */
  effects: CollectedEffect[];
  history: HistoryEvent[];
  moves: SimulationMove[];
  /** Ids handed out so far; the next is `sim-<ids + 1>`. */
  ids: number;
}
