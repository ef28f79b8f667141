/** The flow simulator's public face. */
export { startSimulation, simulate, choicesFor, MAX_TIMERS_PER_JUMP } from './simulate.js';
export { runScenario, runScenarios, replay, type ScenarioResult } from './scenario.js';
export type * from './simulation-types.js';
