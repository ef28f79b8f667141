/**
 * The flow state machine's data: the persisted snapshot, the events that drive it, the effects it
 * asks the runtime to carry out, and the environment (clock, ids, acting user, record) passed in.
 * Everything here is plain JSON so the runtime can store it and restore it losslessly.
 */
import type { AssigneeRule, TaskAction } from '../definition/types.js';
import type { CompiledForm } from '../form/types.js';

export const SNAPSHOT_VERSION = 1 as const;

export type InstanceStatus = 'active' | 'done' | 'cancelled' | 'failed';
export type TaskStatus = 'open' | 'done' | 'cancelled';

/** Who a task is for, resolved to concrete users or roles when the task opens. */
export type Assignee = { user: string } | { role: string };

/** One level of parallel nesting: the split a token came from and the branch it runs. */
export interface ScopeFrame {
  /** Node id of the `parallel` split. */
  parallel: string;
  /** The branch's first node id (one of the split's `branches`). */
  branch: string;
}

/** A position of the flow: one per live branch of a parallel split. */
export interface Token {
  id: string;
  node: string;
  /** ISO timestamp when the token arrived at `node`. */
  since: string;
  /** Parallel splits this token runs inside (innermost last); absent outside any split. */
  scope?: ScopeFrame[];
  /** At a `subflow` node: the started child, until its `subflow.done` arrives. */
  subflow?: SubflowCall;
}

/** The case whose `subflow` node started an instance: its record, instance, node and flow. */
export interface SubflowParent {
  recordId: string;
  instanceId: string;
  node: string;
  flow: string;
}

/** A child instance a token waits for: the call id of its start and the child's record id. */
export interface SubflowCall {
  callId: string;
  recordId: string;
}

export interface OpenTask {
  id: string;
  node: string;
  tokenId: string;
  assignees: Assignee[];
  mode: 'any' | 'all';
  /** For `mode: all`: the assignees (entries of `assignees`) who already approved. */
  approvals?: Assignee[];
  createdAt: string;
  dueAt?: string;
  breached?: boolean;
  /** How many times this node has been (re)opened; 1 on first visit. */
  iteration: number;
  /** 加签: this task is a signer's, added on another task of the same node (and token). */
  sign?: SignerTaskInfo;
  /** Before-signers whose tasks must finish first (`mode: any`: nobody acts; `all`: the adder's slot waits). */
  waitingFor?: WaitingSigner[];
  /** After-signers queued: once the task is completed, each gets a task in turn before the flow moves on. */
  signersAfter?: QueuedSigner[];
  /** The task is an `event` node's staff fallback; completing it resolves the wait. */
  fallback?: boolean;
}

/** What makes a task an added signer's (加签). */
export interface SignerTaskInfo {
  position: 'before' | 'after';
  /** The user who added the signer. */
  by: string;
  /** The task the signer was added on: before, the task waiting for them; after, the completed one. */
  of: string;
}

/** A before-signer a task waits for: their task, and the adder's place on the waiting task. */
export interface WaitingSigner {
  taskId: string;
  user: string;
  slot: Assignee;
}

/** An after-signer waiting for their turn, and who added them. */
export interface QueuedSigner {
  user: string;
  by: string;
}

/**
 * A completion that may still be taken back (撤回): the task's node lists `withdraw`, the token
 * went from it through branch/record/notify nodes (or a parallel split) straight to new tasks, and
 * none of those has been acted on since.
 */
export interface WithdrawableMove {
  /** The completed task. */
  taskId: string;
  node: string;
  /** Who completed it, the only one who may take it back. */
  by: string;
  at: string;
  /** The token as it stood at the node, put back on withdrawal. */
  token: Token;
  /** The task as it stood before its completion, reopened on withdrawal (iteration + 1). */
  assignees: Assignee[];
  mode: 'any' | 'all';
  approvals?: Assignee[];
  /** The tasks the move opened; withdrawing cancels them. */
  opened: string[];
  /** Record and notify nodes the move passed: their effects stand. */
  via?: string[];
}

/** A timer the instance is waiting on; the runtime stores it as a due-at row. */
export interface PendingTimer {
  id: string;
  kind: 'sla.remind' | 'sla.due' | 'wait' | 'event.timeout' | 'event.fallback';
  node: string;
  dueAt: string;
  taskId?: string;
  tokenId?: string;
}

export interface FlowSnapshot {
  snapshotVersion: typeof SNAPSHOT_VERSION;
  flow: string;
  /** Version of the app definition the instance started with; never changes. */
  version: number;
  status: InstanceStatus;
  outcome?: string;
  failure?: { node: string; reason: string };
  tokens: Token[];
  tasks: OpenTask[];
  timers: PendingTimer[];
  /** For each join node: ids of the parallel branches that have arrived. */
  joins?: Record<string, string[]>;
  /** Visits per node, for rework loops. */
  visits: Record<string, number>;
  /** Completions that may still be withdrawn (撤回), oldest first. */
  withdrawable?: WithdrawableMove[];
  /** Number of history events appended so far; the next event gets `seq + 1`. */
  seq: number;
}

export type FlowEvent =
  | {
      type: 'start';
      /** The record's fields as submitted, recorded in the `instance.started` history event. */
      changes?: FieldChange[];
      /** For a child started by a `subflow` node: the case that started it (in `instance.started`'s detail). */
      parent?: SubflowParent;
    }
  | {
      type: 'task.complete';
      taskId: string;
      action: TaskAction;
      /** Field values the actor writes; validated against the node's field permissions. */
      data?: Record<string, unknown>;
      comment?: string;
      /** The comment is written to the case's customer too (shown in their timeline); staff notes are not. */
      commentForCustomer?: boolean;
      /** For `return`: the earlier task node to go back to. */
      returnTo?: string;
      /** For `transfer`: the user who receives the task. */
      to?: string;
    }
  /** 加签: an assignee of an open task adds `user` before (they act first) or after themselves. */
  | { type: 'task.addSigner'; taskId: string; user: string; position: 'before' | 'after'; comment: string }
  /** 撤回: whoever completed task `taskId` takes the completion back while the next step is untouched. */
  | { type: 'task.withdraw'; taskId: string; comment?: string }
  | { type: 'timer.fire'; timerId: string }
  /** 催办: reminds an open task's assignees (who may urge, and how often, is the runtime's to decide). */
  | { type: 'task.urge'; taskId: string; comment?: string }
  | { type: 'event.receive'; name: string; payload?: Record<string, unknown> }
  /** The runtime's report of a `webhook.call` (after its retries): releases the token at `node`. */
  | { type: 'webhook.result'; node: string; ok: boolean; detail?: string }
  /**
   * The runtime's report that the child started by a `subflow` node ended (`done` with its
   * outcome, `failed`, `cancelled`) or could not start (`not_started`, with the reason in `detail`).
   */
  | {
      type: 'subflow.done';
      node: string;
      callId: string;
      status: 'done' | 'failed' | 'cancelled' | 'not_started';
      outcome?: string;
      detail?: string;
    }
  | { type: 'cancel'; reason?: string }
  | {
      type: 'backfill';
      /** The done task node whose `backfill` fields are written. */
      node: string;
      data: Record<string, unknown>;
      comment?: string;
    };

export interface FieldChange {
  field: string;
  from: unknown;
  to: unknown;
}

export interface HistoryEvent {
  seq: number;
  at: string;
  actor: string;
  type: string;
  node?: string;
  action?: string;
  comment?: string;
  changes?: FieldChange[];
  detail?: Record<string, unknown>;
}

export type Effect =
  | { type: 'task.create'; task: OpenTask; nodeName: { en: string; zh: string } }
  | { type: 'task.complete'; taskId: string; action: TaskAction; by: string }
  | { type: 'task.cancel'; taskId: string }
  | { type: 'task.update'; task: OpenTask }
  | { type: 'timer.schedule'; timer: PendingTimer }
  | { type: 'timer.cancel'; timerId: string }
  | {
      type: 'notify';
      node: string;
      channel: 'inapp' | 'email' | 'sms' | 'webhook';
      to: Assignee[];
      /** Rendered text per language, so the runtime picks the recipient's. */
      text: { en: string; zh: string };
      subject?: { en: string; zh: string };
      reason?: 'sla.remind' | 'sla.breach' | 'node' | 'urge';
      /** The task a reminder or breach notice is about. */
      taskId?: string;
    }
  /**
   * 抄送: `to` are copied on the case for information. They read it with `fields` (the node's
   * visible fields, or the fields a notify node's texts read); `reason` says when: the node was
   * entered, or its task breached its SLA (`taskId`).
   */
  | {
      type: 'copy.create';
      copyId: string;
      node: string;
      nodeName: { en: string; zh: string };
      to: Assignee[];
      fields: string[];
      reason: 'node' | 'sla.breach';
      taskId?: string;
    }
  /** `callId` is fresh per call: the runtime's idempotency key for retries. */
  | { type: 'webhook.call'; node: string; url: string; body: string; callId: string }
  /** `target` is a record id of `form`, or `'self'` for the instance's own record. */
  | { type: 'record.update'; node?: string; form: string; target: string; changes: FieldChange[] }
  /** `recordId` is chosen here so that re-running the effect never creates a second record. */
  | { type: 'record.create'; node: string; form: string; recordId: string; data: Record<string, unknown> }
  /**
   * Start `flow` on record `recordId`: a new record of the flow's form holding `data` (`create`),
   * or the existing record. `callId` names this start (the runtime applies it once) and comes back
   * in `subflow.done`.
   */
  | {
      type: 'subflow.start';
      node: string;
      flow: string;
      callId: string;
      recordId: string;
      create: boolean;
      data?: Record<string, unknown>;
    }
  /** The instance ended while waiting for this child: the runtime cancels the child if it still runs. */
  | { type: 'subflow.cancel'; node: string; callId: string; recordId: string }
  | { type: 'instance.end'; status: InstanceStatus; outcome?: string }
  | { type: 'history'; event: HistoryEvent };

/** Resolves a relation value (a record id) to that record's data, so rules can read `customer.tier`. */
export type RecordLookup = (form: string, id: string) => Record<string, unknown> | undefined;

/** Everything impure that a step needs, passed in by the caller. */
export interface StepEnv {
  /** Current time as an ISO-8601 string. */
  now: string;
  /** Today's date `YYYY-MM-DD` in the server's time zone (`$today` in rules). */
  today: string;
  /** A fresh unique id each call. */
  newId: () => string;
  /** The acting user's id, or `system` for timers and external events. */
  actor: string;
  /** The acting user's roles, for assignee checks. */
  actorRoles?: string[];
  /** The record the instance runs over, as stored before this event. */
  record: Record<string, unknown>;
  /** The user who created the record (for `{submitter: true}` and `$user` rules). */
  submitter: string;
  lookup?: RecordLookup;
  /** The compiled form of the flow's record: validates task writes and event payloads. */
  form: CompiledForm;
  /** Users holding a role, to expand roles of `mode: all` tasks into individual approvers. */
  /** An instant as people read it: the server's time zone, minutes (the runtime passes it in; absent: the ISO text). */
  formatTime?: (iso: string) => string;
  usersInRole?: (role: string) => string[];
  /**
   * Told the id of every node a token enters, in order, automatic ones included (a branch leaves
   * no trace in the snapshot): the simulator draws the path a run took from it.
   */
  onEnter?: (node: string) => void;
}

export interface StepResult {
  snapshot: FlowSnapshot;
  effects: Effect[];
  /** The record after this step (field writes and `record` nodes targeting `self` applied). */
  record: Record<string, unknown>;
}

export type { AssigneeRule };
