/**
 * What the simulator panel shows of a run, computed from the engine's `Simulation` where the
 * engine runs (the worker): where the tokens stand, the open tasks with who may act, the timers,
 * the effects as they would have gone out, and for each persona what they may do now. Plain JSON,
 * so it crosses to the page as is. Pure.
 */
import type {
  AppBundle,
  FlowDef,
  LocalizedText,
  ScenarioPersona,
  TaskAction,
} from '../../../../engine/definition/types.js';
import { choicesFor, type Simulation } from '../../../../engine/flow/simulator/index.js';
import type { Assignee, Effect, InstanceStatus, PendingTimer } from '../../../../engine/flow/types.js';

export interface TaskView {
  id: string;
  node: string;
  assignees: Assignee[];
  mode: 'any' | 'all';
  approvals: Assignee[];
  dueAt?: string;
  breached: boolean;
  /** An event node's staff fallback. */
  fallback: boolean;
}

export interface EffectView {
  at: string;
  /** The move that caused it (-1: the start). */
  move: number;
  type: Effect['type'];
  node?: string;
  /** Who it reaches, as assignees or a form and record. */
  to: string;
  /** Its text in both languages (a notice's subject and body, a webhook's URL and body, the fields written). */
  text: { en: string; zh: string };
}

/** What one persona may do at one open task. */
export interface ChoiceView {
  taskId: string;
  node: string;
  actions: TaskAction[];
  /** Fields the task lets its assignee write. */
  editable: string[];
  /** Fields it requires before completing. */
  required: string[];
  /** Task nodes `return` may send the case back to. */
  returnTo: string[];
}

/** Something the outside world may answer now: an event a node waits for, a webhook's answer. */
export interface WaitView {
  node: string;
  kind: 'event' | 'webhook';
  /** The event's name (`payment.confirmed`). */
  name?: string;
  /** Fields the event's payload fills in. */
  fields: string[];
}

export interface RunView {
  now: string;
  status: InstanceStatus;
  outcome?: string;
  failure?: { node: string; reason: string };
  record: Record<string, unknown>;
  path: string[];
  /** Nodes a token stands at. */
  active: string[];
  tasks: TaskView[];
  timers: Pick<PendingTimer, 'kind' | 'node' | 'dueAt'>[];
  effects: EffectView[];
  waits: WaitView[];
  /** Per persona (by user id), what they may do now. */
  choices: Record<string, ChoiceView[]>;
  moves: number;
}

function who(to: Assignee[]): string {
  return to.map((a) => ('role' in a ? `@${a.role}` : a.user)).join(', ');
}

function both(text: LocalizedText | { en: string; zh: string } | undefined): { en: string; zh: string } {
  if (text === undefined) return { en: '', zh: '' };
  if (typeof text === 'string') return { en: text, zh: text };
  return { en: text.en ?? text.zh ?? '', zh: text.zh ?? text.en ?? '' };
}

function fieldsText(changes: { field: string; to?: unknown }[]): { en: string; zh: string } {
  const text = changes.map((c) => `${c.field} = ${JSON.stringify(c.to ?? null)}`).join('; ');
  return { en: text, zh: text };
}

/** An outward effect as a line of the panel: what, to whom, saying what. */
export function effectView(at: string, move: number, effect: Effect): EffectView | undefined {
  const base = { at, move, type: effect.type };
  switch (effect.type) {
    case 'notify': {
      const subject = both(effect.subject);
      const body = both(effect.text);
      const join = (s: string, b: string) => (s ? `${s} — ${b}` : b);
      return {
        ...base,
        node: effect.node,
        to: `${effect.channel}: ${who(effect.to)}`,
        text: { en: join(subject.en, body.en), zh: join(subject.zh, body.zh) },
      };
    }
    case 'copy.create':
      return { ...base, node: effect.node, to: who(effect.to), text: both(effect.nodeName) };
    case 'webhook.call':
      return { ...base, node: effect.node, to: effect.url, text: { en: effect.body, zh: effect.body } };
    case 'record.update':
      return {
        ...base,
        ...(effect.node ? { node: effect.node } : {}),
        to: `${effect.form}/${effect.target}`,
        text: fieldsText(effect.changes),
      };
    case 'record.create':
      return {
        ...base,
        node: effect.node,
        to: `${effect.form}/${effect.recordId}`,
        text: fieldsText(Object.entries(effect.data).map(([field, to]) => ({ field, to }))),
      };
    case 'subflow.start':
    case 'subflow.cancel':
      return { ...base, node: effect.node, to: effect.recordId, text: { en: effect.node, zh: effect.node } };
    default:
      return undefined;
  }
}

/** Task nodes `return` may name from `node`: its own list, or every other task node. */
function returnTargets(flow: FlowDef, node: string): string[] {
  const def = flow.nodes[node];
  if (def?.type !== 'task') return [];
  if (def.returnTo) return [...def.returnTo];
  return Object.entries(flow.nodes)
    .filter(([key, n]) => n.type === 'task' && key !== node)
    .map(([key]) => key);
}

function fieldsOf(
  flow: FlowDef,
  node: string,
  fallback: boolean,
): { editable: string[]; required: string[] } {
  const def = flow.nodes[node];
  const fields =
    def?.type === 'task' ? def.fields : def?.type === 'event' && fallback ? def.fallback?.fields : undefined;
  return { editable: [...(fields?.editable ?? [])], required: [...(fields?.required ?? [])] };
}

/** The run as the panel shows it, with each persona's choices. */
export function runView(sim: Simulation, personas: ScenarioPersona[]): RunView {
  const { snapshot } = sim;
  const flow = sim.setup.bundle.flows.find((f) => f.key === sim.setup.flow)!;
  const tasks = snapshot.tasks.map((t): TaskView => ({
    id: t.id,
    node: t.node,
    assignees: t.assignees,
    mode: t.mode,
    approvals: t.approvals ?? [],
    ...(t.dueAt ? { dueAt: t.dueAt } : {}),
    breached: t.breached === true,
    fallback: t.fallback === true,
  }));
  const choices: Record<string, ChoiceView[]> = {};
  for (const persona of personas)
    choices[persona.user] = choicesFor(sim, persona).map(({ task, actions }) => ({
      taskId: task.id,
      node: task.node,
      actions,
      ...fieldsOf(flow, task.node, task.fallback === true),
      returnTo: actions.includes('return') ? returnTargets(flow, task.node) : [],
    }));
  const active = [...new Set(snapshot.status === 'active' ? snapshot.tokens.map((t) => t.node) : [])];
  const waits: WaitView[] = [];
  for (const node of active) {
    const def = flow.nodes[node];
    if (def?.type === 'event')
      waits.push({ node, kind: 'event', name: def.name, fields: [...(def.fields ?? [])] });
    else if (def?.type === 'webhook') waits.push({ node, kind: 'webhook', fields: [] });
  }
  return {
    now: sim.now,
    status: snapshot.status,
    ...(snapshot.outcome ? { outcome: snapshot.outcome } : {}),
    ...(snapshot.failure ? { failure: snapshot.failure } : {}),
    record: sim.record,
    path: sim.path,
    active,
    tasks,
    timers: [...snapshot.timers]
      .sort((a, b) => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0))
      .map(({ kind, node, dueAt }) => ({ kind, node, dueAt })),
    effects: sim.effects.flatMap((e) => effectView(e.at, e.move, e.effect) ?? []),
    waits,
    choices,
    moves: sim.moves.length,
  };
}

/** The flow a bundle names, for callers that hold only its key. */
export function flowOf(bundle: AppBundle, key: string): FlowDef | undefined {
  return bundle.flows.find((f) => f.key === key);
}
