/**
 * The flow simulator: runs a draft bundle's flow with the engine's own `step` on a sample record,
 * under a virtual clock, acting as whichever persona the designer picks. Effects are collected
 * and returned, never carried out. Pure: the clock is the run's own, ids are counted in the run.
 */
import type { AppBundle, FlowDef, NodeAction, TaskAction } from '../../definition/types.js';
import { validateBundle } from '../../definition/validate-bundle.js';
import { FlowcaseError } from '../../errors.js';
import { compileForm } from '../../form/index.js';
import type { CompiledForm } from '../../form/types.js';
import { actorMatches } from '../assignee-resolver.js';
import { shiftByDuration } from '../duration-math.js';
import { initialSnapshot } from '../snapshot-restore.js';
import { step } from '../step.js';
import type { Effect, FlowEvent, StepEnv } from '../types.js';
import type {
  CollectedEffect,
  Persona,
  Simulation,
  SimulationChoice,
  SimulationMove,
  SimulationSetup,
} from './simulation-types.js';

/** Timers one clock jump may fire before the run is judged to loop on timers. */
export const MAX_TIMERS_PER_JUMP = 1000;

/** Effects that would reach the world outside the instance: what the simulator shows. */
const OUTWARD: ReadonlySet<Effect['type']> = new Set([
  'notify',
  'copy.create',
  'webhook.call',
  'record.update',
  'record.create',
  'subflow.start',
  'subflow.cancel',
]);

const TASK_ACTIONS: ReadonlySet<NodeAction> = new Set(['submit', 'approve', 'reject', 'return', 'transfer']);

interface Parts {
  flow: FlowDef;
  form: CompiledForm;
}

/**
 * Parts already checked and compiled, per bundle object and flow: a run's moves and a scenario
 * list all read one unchanged bundle, and validating it again on every move made re-running the
 * after-sales template's scenarios take seconds. Bundles are never changed in place (an edit in
 * the designer makes a new object), so the object is the key.
 */
const checked = new WeakMap<AppBundle, Map<string, Parts>>();

/** The flow and its compiled form, refused with the first problem when the draft cannot run them. */
function partsOf(bundle: AppBundle, flowKey: string): Parts {
  const known = checked.get(bundle)?.get(flowKey);
  if (known) return known;
  const parts = checkParts(bundle, flowKey);
  checked.set(bundle, (checked.get(bundle) ?? new Map<string, Parts>()).set(flowKey, parts));
  return parts;
}

function checkParts(bundle: AppBundle, flowKey: string): Parts {
  const flowIndex = bundle.flows.findIndex((f) => f.key === flowKey);
  if (flowIndex < 0)
    throw new FlowcaseError('FC_NOT_FOUND', `The app has no flow "${flowKey}".`, { path: '/flow' });
  const flow = bundle.flows[flowIndex]!;
  const formIndex = bundle.forms.findIndex((f) => f.key === flow.form);
  // Problems elsewhere in a draft (an unfinished dashboard) do not stop this flow from running.
  const ours = [`/flows/${flowIndex}`, `/forms/${formIndex}`];
  const problem = validateBundle(bundle).find(
    (p) => p.path === '' || ours.some((prefix) => p.path === prefix || p.path.startsWith(`${prefix}/`)),
  );
  if (problem)
    throw new FlowcaseError(
      'FC_DEFINITION_INVALID',
      `The flow cannot run until this is fixed: ${problem.message}`,
      { path: problem.path },
    );
  return { flow, form: compileForm(bundle.forms[formIndex]!) };
}

function rolesOf(setup: SimulationSetup, user: string): string[] {
  const everyone = [setup.submitter, ...(setup.people ?? [])];
  return [...new Set(everyone.filter((p) => p.user === user).flatMap((p) => p.roles ?? []))];
}

/** Applies one engine event to the run as `actor`; the run passed in is left as it was. */
function apply(
  sim: Simulation,
  parts: Parts,
  event: FlowEvent,
  actor: Persona,
  moveIndex: number,
): Simulation {
  let ids = sim.ids;
  const entered: string[] = [];
  const { setup } = sim;
  const env: StepEnv = {
    now: sim.now,
    today: sim.now.slice(0, 10),
    newId: () => `sim-${++ids}`,
    actor: actor.user,
    actorRoles: [...new Set([...(actor.roles ?? []), ...rolesOf(setup, actor.user)])],
    record: sim.record,
    submitter: setup.submitter.user,
    form: parts.form,
    lookup: (form, id) => setup.records?.[form]?.[id],
    usersInRole: (role) => [
      ...new Set(
        [setup.submitter, ...(setup.people ?? [])].filter((p) => p.roles?.includes(role)).map((p) => p.user),
      ),
    ],
    onEnter: (node) => entered.push(node),
    // A run's clock is virtual and has no time zone of its own: notices say UTC, to the minute.
    formatTime: (iso) => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`,
  };
  const result = step(parts.flow, sim.snapshot, event, env);
  const outward: CollectedEffect[] = result.effects
    .filter((e) => OUTWARD.has(e.type))
    .map((effect) => ({ at: sim.now, move: moveIndex, effect }));
  return {
    ...sim,
    snapshot: result.snapshot,
    record: result.record,
    path: [...sim.path, ...entered],
    effects: [...sim.effects, ...outward],
    history: [...sim.history, ...result.effects.flatMap((e) => (e.type === 'history' ? [e.event] : []))],
    ids,
  };
}

/**
 * Starts a run: the sample record is submitted through the form as its creator would, then the
 * flow starts on it. Throws `FC_DEFINITION_INVALID` (the flow or its form has a problem, at its
 * path) or `FC_VALIDATION_FAILED` (the sample record, at `/record/...`).
 */
export function startSimulation(setup: SimulationSetup): Simulation {
  const parts = partsOf(setup.bundle, setup.flow);
  if (shiftByDuration(setup.now, 'PT0S') === null)
    throw new FlowcaseError('FC_BAD_REQUEST', 'The clock starts at an ISO-8601 instant.', { path: '/now' });
  const created = parts.form.submit(setup.record, {
    mode: 'create',
    now: setup.now,
    today: setup.now.slice(0, 10),
    user: setup.submitter.user,
    lookup: (form, id) => setup.records?.[form]?.[id],
    // A run is one record: its autonumbers are the first of their sequence.
    nextSequence: () => 1,
  });
  if (!created.ok) {
    const first = created.errors[0]!;
    throw new FlowcaseError('FC_VALIDATION_FAILED', `The sample record is invalid: ${first.message}`, {
      path: `/record${first.path}`,
    });
  }
  const fresh: Simulation = {
    setup,
    now: setup.now,
    snapshot: initialSnapshot(parts.flow, 1),
    record: created.data,
    path: [],
    effects: [],
    history: [],
    moves: [],
    ids: 0,
  };
  return apply(fresh, parts, { type: 'start', changes: created.changes }, setup.submitter, -1);
}

/** The node's completing actions (`submit` when it lists none). */
function actionsAt(flow: FlowDef, node: string): TaskAction[] {
  const def = flow.nodes[node];
  const listed = def && 'actions' in def && Array.isArray(def.actions) ? def.actions : ['submit'];
  return (listed as NodeAction[]).filter((a): a is TaskAction => TASK_ACTIONS.has(a));
}

/** The open tasks `persona` may act on now, each with the actions its node offers. */
export function choicesFor(sim: Simulation, persona: Persona): SimulationChoice[] {
  const flow = sim.setup.bundle.flows.find((f) => f.key === sim.setup.flow);
  if (!flow || sim.snapshot.status !== 'active') return [];
  const roles = [...(persona.roles ?? []), ...rolesOf(sim.setup, persona.user)];
  return sim.snapshot.tasks
    .filter((t) => t.assignees.some((a) => actorMatches(a, persona.user, roles)))
    .map((task) => ({ task, actions: actionsAt(flow, task.node) }));
}

/** Moves the clock to `until`, firing each timer due by then at its own due time, earliest first. */
function jump(sim: Simulation, parts: Parts, until: string, moveIndex: number): Simulation {
  let run = sim;
  for (let fired = 0; run.snapshot.status === 'active'; fired += 1) {
    const due = run.snapshot.timers
      .filter((t) => t.dueAt <= until)
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))[0];
    if (!due) break;
    if (fired >= MAX_TIMERS_PER_JUMP)
      throw new FlowcaseError(
        'FC_BAD_REQUEST',
        `More than ${MAX_TIMERS_PER_JUMP} timers fell due in one jump: the flow keeps rescheduling.`,
        { path: '/by' },
      );
    const at = due.dueAt > run.now ? due.dueAt : run.now;
    run = apply(
      { ...run, now: at },
      parts,
      { type: 'timer.fire', timerId: due.id },
      { user: 'system' },
      moveIndex,
    );
  }
  return { ...run, now: until > run.now ? until : run.now };
}

/**
 * Makes one move and returns the new run (the one passed in is unchanged). A move the flow does
 * not allow throws the engine's own error: `FC_TASK_NOT_ASSIGNEE` when the persona is not an
 * assignee, `FC_ACTION_NOT_ALLOWED` for an action the node does not offer or a node without an
 * open task, `FC_VALIDATION_FAILED` for data the step may not write, `FC_EVENT_NOT_EXPECTED`.
 */
export function simulate(sim: Simulation, move: SimulationMove): Simulation {
  const parts = partsOf(sim.setup.bundle, sim.setup.flow);
  const index = sim.moves.length;
  const withMove = { ...sim, moves: [...sim.moves, move] };
  switch (move.type) {
    case 'act': {
      const atNode = sim.snapshot.tasks.filter((t) => t.node === move.node);
      if (atNode.length === 0)
        throw new FlowcaseError(
          'FC_ACTION_NOT_ALLOWED',
          `No task is open at "${move.node}"; open: ${sim.snapshot.tasks.map((t) => t.node).join(', ') || 'none'}.`,
          { path: '/node' },
        );
      const roles = [...(move.as.roles ?? []), ...rolesOf(sim.setup, move.as.user)];
      const task =
        atNode.find((t) => t.assignees.some((a) => actorMatches(a, move.as.user, roles))) ?? atNode[0]!;
      const { type: _type, as, node: _node, ...rest } = move;
      return apply(withMove, parts, { type: 'task.complete', taskId: task.id, ...rest }, as, index);
    }
    case 'advance': {
      const until = shiftByDuration(sim.now, move.by);
      if (until === null)
        throw new FlowcaseError('FC_BAD_REQUEST', `"${move.by}" is not an ISO-8601 duration such as P3D.`, {
          path: '/by',
        });
      return jump(withMove, parts, until, index);
    }
    case 'event':
      return apply(
        withMove,
        parts,
        { type: 'event.receive', name: move.name, ...(move.payload ? { payload: move.payload } : {}) },
        { user: 'system' },
        index,
      );
    case 'webhook':
      return apply(
        withMove,
        parts,
        {
          type: 'webhook.result',
          node: move.node,
          ok: move.ok,
          ...(move.detail ? { detail: move.detail } : {}),
        },
        { user: 'system' },
        index,
      );
    case 'cancel':
      return apply(
        withMove,
        parts,
        { type: 'cancel', ...(move.reason !== undefined ? { reason: move.reason } : {}) },
        { user: 'system' },
        index,
      );
    default:
      throw new FlowcaseError(
        'FC_BAD_REQUEST',
        `Unknown move "${String((move as { type?: unknown }).type)}".`,
        { path: '/type' },
      );
  }
}
