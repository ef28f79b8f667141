/**
 * A simulated world for flow tests: a clock the test advances, counter-based ids, users with
 * roles, the record as the runtime would store it, and the real form compiler. `send` applies one
 * event like the runtime would (keeping the new snapshot and record only when the step succeeds).
 */
import type { FlowDef, FormDef } from '../../engine/definition/types.js';
import { FlowcaseError } from '../../engine/errors.js';
import { compileForm } from '../../engine/form/index.js';
import { initialSnapshot, shiftByDuration, step } from '../../engine/flow/index.js';
import type {
  Effect,
  FlowEvent,
  FlowSnapshot,
  OpenTask,
  PendingTimer,
  StepEnv,
  StepResult,
} from '../../engine/flow/index.js';

export interface WorldOptions {
  flow: FlowDef;
  form: FormDef;
  /** Data as stored on create (before formulas); compiled through the form. */
  record?: Record<string, unknown>;
  submitter?: string;
  /** User id → roles. */
  users?: Record<string, string[]>;
  now?: string;
  /** Other records by form and id, for relations and `record` nodes. */
  records?: Record<string, Record<string, Record<string, unknown>>>;
}

export class FlowWorld {
  readonly flow: FlowDef;
  readonly form: ReturnType<typeof compileForm>;
  readonly users: Record<string, string[]>;
  readonly submitter: string;
  readonly records: Record<string, Record<string, Record<string, unknown>>>;
  now: string;
  snapshot: FlowSnapshot;
  record: Record<string, unknown>;
  /** Effects of the last successful step. */
  effects: Effect[] = [];
  private counter = 0;

  constructor(options: WorldOptions) {
    this.flow = options.flow;
    this.form = compileForm(options.form);
    this.users = options.users ?? {};
    this.submitter = options.submitter ?? 'customer1';
    this.records = options.records ?? {};
    this.now = options.now ?? '2025-03-03T09:00:00.000Z';
    this.snapshot = initialSnapshot(options.flow, 1);
    const created = this.form.submit(options.record ?? {}, {
      mode: 'create',
      now: this.now,
      today: this.today,
      user: this.submitter,
    });
    if (!created.ok) throw new Error(`test record is invalid: ${JSON.stringify(created.errors)}`);
    this.record = created.data;
  }

  get today(): string {
    return this.now.slice(0, 10);
  }

  /** Moves the simulated clock forward by an ISO-8601 duration. */
  advance(duration: string): void {
    const next = shiftByDuration(this.now, duration);
    if (next === null) throw new Error(`bad duration ${duration}`);
    this.now = next;
  }

  env(actor: string): StepEnv {
    return {
      now: this.now,
      today: this.today,
      newId: () => `id${++this.counter}`,
      actor,
      actorRoles: this.users[actor] ?? [],
      record: this.record,
      submitter: this.submitter,
      form: this.form,
      lookup: (form, id) => this.records[form]?.[id],
      usersInRole: (role) => Object.keys(this.users).filter((u) => this.users[u]!.includes(role)),
    };
  }

  /** Applies an event as `actor`; on success keeps the new snapshot and record. */
  send(event: FlowEvent, actor = 'system'): StepResult {
    const result = step(this.flow, this.snapshot, event, this.env(actor));
    this.snapshot = result.snapshot;
    this.record = result.record;
    this.effects = result.effects;
    return result;
  }

  start(): StepResult {
    return this.send({ type: 'start' });
  }

  /** The open task at `node` (fails the test when there is none). */
  task(node: string): OpenTask {
    const task = this.snapshot.tasks.find((t) => t.node === node);
    if (!task)
      throw new Error(
        `no open task at ${node}; open: ${this.snapshot.tasks.map((t) => t.node).join(', ') || 'none'}`,
      );
    return task;
  }

  complete(
    node: string,
    actor: string,
    action: Extract<FlowEvent, { type: 'task.complete' }>['action'] = 'submit',
    extra: Partial<Extract<FlowEvent, { type: 'task.complete' }>> = {},
  ): StepResult {
    return this.send({ type: 'task.complete', taskId: this.task(node).id, action, ...extra }, actor);
  }

  timer(kind: PendingTimer['kind'], node?: string): PendingTimer {
    const timer = this.snapshot.timers.find(
      (t) => t.kind === kind && (node === undefined || t.node === node),
    );
    if (!timer) throw new Error(`no ${kind} timer${node ? ` at ${node}` : ''}`);
    return timer;
  }

  /** Advances the clock to the timer's due time and fires it. */
  fire(kind: PendingTimer['kind'], node?: string): StepResult {
    const timer = this.timer(kind, node);
    if (timer.dueAt > this.now) this.now = timer.dueAt;
    return this.send({ type: 'timer.fire', timerId: timer.id });
  }

  /** History events of the last step. */
  history(): {
    type: string;
    node?: string;
    action?: string;
    seq: number;
    changes?: unknown;
    detail?: unknown;
    comment?: string;
    actor: string;
  }[] {
    return this.effects.flatMap((e) => (e.type === 'history' ? [e.event] : []));
  }

  /** Effects of the last step of one type. */
  effectsOf<T extends Effect['type']>(type: T): Extract<Effect, { type: T }>[] {
    return this.effects.filter((e): e is Extract<Effect, { type: T }> => e.type === type);
  }

  /** Node ids where tokens stand. */
  activeNodes(): string[] {
    return this.snapshot.tokens.map((t) => t.node);
  }
}

/** A small form most flow tests share. */
export const CASE_FORM: FormDef = {
  key: 'case',
  name: 'Case',
  fields: [
    { key: 'title', type: 'text', label: 'Title' },
    { key: 'amount', type: 'money', label: 'Amount', min: 0 },
    { key: 'owner', type: 'user', label: 'Owner' },
    { key: 'note', type: 'textarea', label: 'Note' },
    { key: 'approved', type: 'boolean', label: 'Approved' },
    { key: 'payment_ref', type: 'text', label: 'Payment reference' },
    { key: 'paid', type: 'money', label: 'Paid', min: 0 },
    { key: 'follow_up', type: 'date', label: 'Follow up on' },
    { key: 'customer', type: 'relation', label: 'Customer', form: 'customer' },
  ],
};

/** A flow over CASE_FORM with the given nodes, starting at `start`. */
export function flowOf(nodes: FlowDef['nodes'], start = Object.keys(nodes)[0]!): FlowDef {
  return {
    key: 'test_flow',
    name: 'Test flow',
    form: 'case',
    trigger: { on: 'record.created' },
    start,
    nodes,
  };
}

/** The catalogue code a call throws, or "no error"; anything but a FlowcaseError fails the test. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof FlowcaseError) return e.code;
    throw e;
  }
  return 'no error';
}
