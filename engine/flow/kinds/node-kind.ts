/**
 * The contract every node kind implements: serializable metadata the designer renders, and the
 * pure behaviour of entering the node and of handling the events that concern it. A kind changes
 * the instance only through `StepContext` helpers.
 */
import type { NodeDef } from '../../definition/types.js';
import type { StepContext } from '../step-context.js';
import type { FlowEvent, OpenTask, PendingTimer, Token } from '../types.js';

export type TaskCompleteEvent = Extract<FlowEvent, { type: 'task.complete' }>;
/** Events from outside that release a waiting token (external events, webhook results, a subflow's end). */
export type ExternalEvent = Extract<FlowEvent, { type: 'event.receive' | 'webhook.result' | 'subflow.done' }>;

/** What the designer shows for a kind; plain JSON. */
export interface KindDescription {
  label: { en: string; zh: string };
  summary: { en: string; zh: string };
  category: 'human' | 'logic' | 'integration' | 'data' | 'timer' | 'end';
  /** Whether a token stays at the node until an event arrives (otherwise it moves on at once). */
  waits: boolean;
  /** Properties of the node that name the nodes that may follow. */
  exits: readonly string[];
  /** Event types that concern nodes of this kind. */
  events: readonly FlowEvent['type'][];
}

export interface NodeKind<N extends NodeDef = NodeDef> {
  readonly type: N['type'];
  readonly description: KindDescription;
  /** A token arrived at the node: wait (open a task, schedule a timer…), move on, or end. */
  enter(ctx: StepContext, token: Token, node: N, nodeId: string): void;
  /** One of this node's timers fired (already removed from the snapshot). */
  onTimer?(ctx: StepContext, timer: PendingTimer, node: N): void;
  /** An actor completes one of this node's tasks; throws a `FlowcaseError` when it does not apply. */
  onTaskComplete?(ctx: StepContext, task: OpenTask, node: N, event: TaskCompleteEvent): void;
  /** Whether `token`, waiting at this node, takes this external event. */
  accepts?(node: N, nodeId: string, event: ExternalEvent, token?: Token): boolean;
  /** The accepted external event arrives for the waiting token. */
  receive?(ctx: StepContext, token: Token, node: N, event: ExternalEvent): void;
}
