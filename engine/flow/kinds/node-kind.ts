/**
 * The contract every node kind implements, so a kind describes itself: serializable metadata the
 * designer renders (palette entry, property list), the JSON Schema fragment of its properties (the
 * bundle schema is assembled from the registry), its semantic checks, and the pure behaviour of
 * entering the node and of handling the events that concern it. A kind changes the instance only
 * through `StepContext` helpers.
 */
import type { NodeCheckContext } from '../../definition/check-helpers.js';
import type { Bilingual, PropertySpec } from '../../definition/property-list.js';
import type { SchemaFragment } from '../../definition/schema-parts.js';
import type { NodeDef } from '../../definition/types.js';
import type { StepContext } from '../step-context.js';
import type { FlowEvent, OpenTask, PendingTimer, Token } from '../types.js';

export type TaskCompleteEvent = Extract<FlowEvent, { type: 'task.complete' }>;
/** Events from outside that release a waiting token (external events, webhook results, a subflow's end). */
export type ExternalEvent = Extract<FlowEvent, { type: 'event.receive' | 'webhook.result' | 'subflow.done' }>;

/** What the designer shows for a kind; plain JSON. */
export interface KindDescription {
  label: Bilingual;
  summary: Bilingual;
  category: 'human' | 'logic' | 'integration' | 'data' | 'timer' | 'end';
  /** The palette's icon: a Lucide icon name. */
  icon: string;
  /** Whether a token stays at the node until an event arrives (otherwise it moves on at once). */
  waits: boolean;
  /** Properties of the node that name the nodes that may follow. */
  exits: readonly string[];
  /** Event types that concern nodes of this kind. */
  events: readonly FlowEvent['type'][];
}

/** A node's shape: its `type` says which kind runs it. */
export interface NodeShape {
  type: string;
}

export interface NodeKind<N extends NodeShape = NodeDef> {
  readonly type: N['type'];
  readonly description: KindDescription;
  /** The node's own properties and required ones (`type` and `name` are every node's). */
  readonly definitionSchema: SchemaFragment;
  /** What the designer's property panel offers, in order (`name` is every node's: `COMMON_NODE_PROPERTIES`). */
  readonly properties: readonly PropertySpec[];
  /**
   * What the schema cannot say about one node (references, durations, rules, templates), reported
   * into `ctx.problems` with JSON pointers; runs on raw input, so it reads through `bundle-reader`.
   */
  check?(ctx: NodeCheckContext): void;
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
