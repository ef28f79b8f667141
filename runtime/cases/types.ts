/**
 * What the HTTP routes, the CLI, the seeder and the jobs call to change cases. Every method runs
 * one engine step (or a record write) and all its effects in ONE store transaction.
 */
import type { Language } from '../../engine/index.js';
import type { InstanceRow, RecordRow, RecordWithInstance, TaskRow, UserRow } from '../store/store.js';
import type { OutboxRow } from '../store/store.js';
import type { SubflowLinksView } from './subflow-view.js';
import type { RelatedList } from './related-lists.js';
import type { CopyView } from './copies.js';
import type { WaitingView } from './waiting-view.js';

/** The caller, as authenticated by the HTTP layer (or `system` for timers and the CLI). */
export interface Actor {
  id: string;
  username: string;
  roles: readonly string[];
  language?: Language;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', username: 'system', roles: ['admin'] };

export interface TaskCompletion {
  action: 'submit' | 'approve' | 'reject' | 'return' | 'transfer';
  data?: Record<string, unknown>;
  comment?: string;
  /** Show the comment to the case's customer (their timeline); otherwise it is a staff note. */
  commentForCustomer?: boolean;
  returnTo?: string;
  to?: string;
}

/** A task as the API shows it: with its node's field permissions and only the data it may see. */
export interface TaskView extends Omit<TaskRow, 'assignees'> {
  nodeName: string;
  assignees: TaskRow['assignees'];
  actions: string[];
  fields: { visible: string[]; editable: string[]; required: string[] };
  data: Record<string, unknown>;
  backfill: string[];
  returnTargets: string[];
  /**
   * 催办: present on an open task when the viewer may urge it: `{}` now, `{ nextAt }` while the
   * hour since its last urge runs.
   */
  urge?: { nextAt?: string };
  /** The step's own words for its actions (`actionLabels`), in the reader's language. */
  actionLabels?: Record<string, string>;
  /** 加签: the task belongs to a signer added before or after `by` (its actions are the node's decisions). */
  signer?: { position: 'before' | 'after'; by: string };
  /** 加签: the before-signers (user ids) the task waits for; nobody waiting may act meanwhile. */
  waitingFor?: string[];
  /** 加签: the after-signers (user ids) who act once the task is completed, in order. */
  signersAfter?: string[];
  /** 撤回: the viewer completed this task and may still take it back (POST /tasks/:id/withdraw). */
  withdrawable?: boolean;
}

/** 加签: whom to add, where, and why. */
export interface AddSignerRequest {
  /** The user's id (the routes accept a username too). */
  user: string;
  position: 'before' | 'after';
  comment: string;
}

export interface RecordView {
  /** The viewer reads the case through a copy (抄送): read-only, with the copy's fields only. */
  viaCopy?: boolean;
  record: RecordRow;
  instance?: {
    id: string;
    flow: string;
    version: number;
    status: InstanceRow['status'];
    outcome?: string;
    activeNodes: string[];
    tasks: TaskView[];
    history: RecordWithInstance['history'];
    incidents?: unknown[];
    /** The case whose subflow node started this one. */
    parent?: SubflowLinksView['parent'];
    /** The cases this one's subflow nodes started, with their status. */
    subflows?: SubflowLinksView['subflows'];
    /**
     * What the case waits for where no person holds it (a timer, an outside event, a webhook's
     * answer, a subflow), with the instant the wait ends; absent when it waits for nothing.
     */
    waiting?: WaitingView[];
  };
}

export interface RecordQuery {
  filter?: unknown;
  sort?: { field: string; dir?: 'asc' | 'desc' }[];
  limit?: number;
  cursor?: string;
}

export interface CaseService {
  /** Validates (422 with every field error), stores the record and starts the form's flow. */
  createRecord(app: string, form: string, data: unknown, actor: Actor): Promise<RecordView>;
  /**
   * Imports many records of a form (staff only): each row validated as a creation, all stored in
   * one transaction or none (422 listing the problems by row); imported records start no flow.
   */
  importRecords(
    app: string,
    form: string,
    rows: unknown,
    actor: Actor,
  ): Promise<{ imported: number; ids: string[] }>;
  /** `importRecords` of a CSV file's rows: the header row names fields by key or label. */
  importCsv(
    app: string,
    form: string,
    text: string,
    actor: Actor,
  ): Promise<{ imported: number; ids: string[] }>;
  /** The record with its instance, redacted to what the actor may see; 404 when hidden from them. */
  getRecord(id: string, actor: Actor): Promise<RecordView>;
  /** 403 not an assignee, 409 not open, 422 bad data or a field the node may not write. */
  completeTask(taskId: string, completion: TaskCompletion, actor: Actor): Promise<RecordView>;
  /**
   * 加签: an assignee of the open task adds a signer (eligibility is the routes' check, as for
   * transfers); 403 not an assignee, 409 not open, 422 not allowed here or no comment.
   */
  addSigner(taskId: string, request: AddSignerRequest, actor: Actor): Promise<RecordView>;
  /**
   * 撤回: whoever completed task `taskId` takes it back while the next step is untouched; 403 for
   * anyone else, 422 when it can no longer be withdrawn.
   */
  withdrawTask(taskId: string, comment: string | undefined, actor: Actor): Promise<RecordView>;
  /**
   * 催办: reminds the open task's assignees (the record's submitter, admins and supervising roles
   * may); 403 for anyone else, 409 not open, 429 within an hour of the task's last urge.
   */
  urgeTask(taskId: string, comment: string | undefined, actor: Actor): Promise<RecordView>;
  /** 抄送我的: copies addressed to the actor or their roles, newest first, keyset-paged. */
  listCopies(
    actor: Actor,
    status: 'unread' | 'all',
    options?: { limit?: number; cursor?: string },
  ): Promise<{ items: CopyView[]; nextCursor?: string }>;
  /** Marks one of the actor's copies read; 404 for a copy not addressed to them. */
  markCopyRead(id: string, actor: Actor): Promise<void>;
  /** Delivers an external event once per idempotency key; returns the stored response on repeats. */
  deliverEvent(
    instanceId: string,
    name: string,
    payload: Record<string, unknown>,
    idempotencyKey: string | undefined,
    actor: Actor,
  ): Promise<{ status: number; body: unknown }>;
  /**
   * Backfills (补录) fields of a done task node. Only the node's participants (assignees or the
   * user who completed it) may, with the node's `backfill` list as the editable fields.
   */
  backfill(
    recordId: string,
    node: string,
    data: Record<string, unknown>,
    comment: string | undefined,
    actor: Actor,
  ): Promise<RecordView>;
  /** Reports the final result of a webhook call back to the waiting webhook node. */
  webhookResult(instanceId: string, node: string, ok: boolean, detail: string | undefined): Promise<void>;
  /** Applies one `subflow.*` outbox row exactly once: starts a child, reports its end, cancels it (subflows.ts). */
  applySubflowRow(row: Pick<OutboxRow, 'id' | 'kind' | 'payload' | 'instanceId'>): Promise<void>;
  /** Fires one claimed timer exactly once. */
  fireTimer(timerId: string): Promise<void>;
  /** Records of a form the actor may see (customers: their own), filtered, sorted, keyset-paged. */
  listRecords(
    app: string,
    form: string,
    query: RecordQuery,
    actor: Actor,
  ): Promise<{ items: RecordRow[]; nextCursor?: string }>;
  /**
   * A related list (关联查询) the record's form declares: the matching records of the related form
   * that the actor may see; 404 when the record is hidden from them or the list is unknown.
   */
  relatedList(recordId: string, key: string, actor: Actor): Promise<RelatedList>;
  /** Cancels a running instance (admins). */
  cancelInstance(instanceId: string, reason: string | undefined, actor: Actor): Promise<RecordView>;
  inbox(
    actor: Actor,
    status: 'open' | 'done' | 'cancelled',
    options?: { limit?: number; cursor?: string },
  ): Promise<{ items: TaskView[]; nextCursor?: string }>;
}

export type { UserRow };
export type { RelatedList };
export type { CopyView };
