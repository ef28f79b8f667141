/**
 * The simulator's engine, in a worker: the engine's own `startSimulation` and `simulate` (its form
 * compiler builds validators with `new Function`, which the designer page's CSP forbids; workers
 * are served with a policy of their own, see runtime/http/designer-plugin.ts). A run is replayed
 * from its setup and moves on every request, so undoing a move is dropping it. Saved scenarios are
 * re-run here too, off the page's thread, after every edit of the draft.
 */
import { compileForm } from '../../../../engine/form/compile-form.js';
import type { CompiledForm } from '../../../../engine/form/types.js';
import { FlowcaseError } from '../../../../engine/errors.js';
import {
  runScenarios,
  simulate,
  startSimulation,
  type Simulation,
} from '../../../../engine/flow/simulator/index.js';
import { runView } from './run-view.js';
import type { RunError, SampleView, SimRequest, SimResponse } from './simulator-protocol.js';

let cached: { key: string; form: CompiledForm } | undefined;

function sampleOf(request: Extract<SimRequest, { kind: 'run' }>): SampleView | undefined {
  const { bundle, setup } = request;
  const flow = bundle.flows.find((f) => f.key === setup.flow);
  const form = bundle.forms.find((f) => f.key === flow?.form);
  if (!form) return undefined;
  const key = JSON.stringify(form);
  if (cached?.key !== key) cached = { key, form: compileForm(form) };
  const context = {
    now: setup.start,
    today: setup.start.slice(0, 10),
    language: request.language,
    user: setup.submitter.user,
    lookup: (f: string, id: string) => setup.records[f]?.[id],
  };
  const submitted = cached.form.submit(setup.record, { ...context, mode: 'create', nextSequence: () => 1 });
  return {
    evaluated: cached.form.evaluate(setup.record, context),
    hidden: cached.form
      .hiddenPaths(setup.record, context)
      .map((p) => (p.lastIndexOf('/') === 0 ? p.slice(1) : p)),
    errors: submitted.ok ? [] : submitted.errors.map(({ path, code, message }) => ({ path, code, message })),
  };
}

function errorOf(e: unknown, move: number): RunError {
  if (!(e instanceof FlowcaseError)) throw e;
  return { move, code: e.code, message: e.message, ...(e.path !== undefined ? { path: e.path } : {}) };
}

function run(request: Extract<SimRequest, { kind: 'run' }>): SimResponse {
  const { bundle, setup, moves } = request;
  let sample: SampleView | undefined;
  try {
    sample = sampleOf(request);
  } catch {
    // A form that does not compile is reported by the run's start below, at its path.
  }
  let sim: Simulation;
  try {
    sim = startSimulation({ bundle, ...setup, now: setup.start });
  } catch (e) {
    return { id: request.id, kind: 'run', ...(sample ? { sample } : {}), error: errorOf(e, -1) };
  }
  let error: RunError | undefined;
  for (const [i, move] of moves.entries()) {
    try {
      sim = simulate(sim, move);
    } catch (e) {
      error = errorOf(e, i);
      break;
    }
  }
  const personas = [setup.submitter, ...setup.people];
  return {
    id: request.id,
    kind: 'run',
    ...(sample ? { sample } : {}),
    run: runView(sim, personas),
    ...(error ? { error } : {}),
  };
}

function answer(request: SimRequest): SimResponse {
  try {
    if (request.kind === 'scenarios')
      return { id: request.id, kind: 'scenarios', results: runScenarios(request.bundle) };
    return run(request);
  } catch (e) {
    return { id: request.id, kind: 'failed', message: e instanceof Error ? e.message : String(e) };
  }
}

// The project compiles with the DOM library; a worker's global scope is typed by hand.
const scope = self as unknown as {
  postMessage(message: SimResponse): void;
  onmessage: ((event: MessageEvent<SimRequest>) => void) | null;
};
scope.onmessage = (event) => scope.postMessage(answer(event.data));
