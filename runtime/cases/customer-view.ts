/**
 * What a customer sees of their case's timeline and tasks. Staff work on the case leaves traces a
 * customer must not read: internal comments, who was assigned, field values of staff steps. The
 * customer sees their own actions, the case's status changes (its start and end, and changes to
 * fields they may read), and comments staff marked for them; staff appear as `staff`, never by id.
 */
import type { HistoryEvent } from '../../engine/index.js';
import type { TaskView } from './types.js';

/** The actor shown for staff in a customer's view. */
export const STAFF_ACTOR = 'staff';

const kept = (actor: string, viewer: string): string =>
  actor === viewer || actor === 'system' ? actor : STAFF_ACTOR;

/** One history event as `viewer` (a customer who may read `readable`) sees it, or undefined when none of it is theirs to see. */
function customerEvent(
  event: HistoryEvent,
  viewer: string,
  readable: ReadonlySet<string>,
): HistoryEvent | undefined {
  const changes = event.changes?.filter((c) => readable.has(c.field));
  const shaped: HistoryEvent = {
    seq: event.seq,
    at: event.at,
    actor: kept(event.actor, viewer),
    type: event.type,
  };
  if (event.node !== undefined) shaped.node = event.node;
  if (event.action !== undefined) shaped.action = event.action;
  if (changes && changes.length > 0) shaped.changes = changes;
  if (event.actor === viewer) {
    if (event.comment !== undefined) shaped.comment = event.comment;
    if (event.detail !== undefined) shaped.detail = event.detail;
    return shaped;
  }
  const forCustomer = event.detail?.commentForCustomer === true && event.comment !== undefined;
  if (forCustomer) shaped.comment = event.comment;
  if (event.type.startsWith('instance.')) {
    // The outcome of an ended case is the customer's to know; who cancelled it and why is not.
    const outcome = event.detail?.outcome;
    if (typeof outcome === 'string') shaped.detail = { outcome };
    return shaped;
  }
  return shaped.changes || forCustomer ? shaped : undefined;
}

export function customerHistory(
  history: readonly HistoryEvent[],
  viewer: string,
  readable: readonly string[],
): HistoryEvent[] {
  const fields = new Set(readable);
  const out: HistoryEvent[] = [];
  for (const event of history) {
    const shown = customerEvent(event, viewer, fields);
    if (shown) out.push(shown);
  }
  return out;
}

/**
 * A task as a customer sees it: theirs in full but for its internal deadline; anyone else's only as
 * the step the case is at (no assignees, no deadline, no data, nothing to do).
 */
export function customerTask(task: TaskView, viewer: string, theirs: boolean): TaskView {
  // Deadlines are the service team's internal targets, never shown as a countdown to the customer.
  if (theirs) return { ...task, dueAt: null, breached: false };
  // Who signs (加签) is staff business too.
  const { signer: _signer, waitingFor: _waiting, signersAfter: _after, withdrawable: _mine, ...shown } = task;
  return {
    ...shown,
    assignees: [],
    completedBy: task.completedBy === null ? null : kept(task.completedBy, viewer),
    dueAt: null,
    breached: false,
    actions: [],
    fields: { visible: [], editable: [], required: [] },
    data: {},
    backfill: [],
    returnTargets: [],
  };
}
