/**
 * Who may do what with an app's records. Roles are global keys; an app "grants" the roles it
 * declares. Admins may do everything; holders of a customer role (and no staff role of the app)
 * see only the records they created, the records whose form's `ownerField` names them, and every
 * record of a form whose `readRoles` include one of their roles.
 */
import type { FlowDef, FormDef, JsonLogic, TaskNode } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { ListRecordsOptions, RecordRow } from '../store/store.js';
import type { Actor } from './types.js';
import type { AppVersion } from './definitions.js';

export function isAdmin(actor: Actor): boolean {
  return actor.roles.includes('admin');
}

export function usesApp(actor: Actor, version: AppVersion): boolean {
  return isAdmin(actor) || actor.roles.some((r) => version.roles.has(r));
}

/** True when every app role the actor holds is a customer role. */
export function isCustomerOf(actor: Actor, version: AppVersion): boolean {
  if (isAdmin(actor)) return false;
  const appRoles = actor.roles.filter((r) => version.roles.has(r));
  return appRoles.length > 0 && appRoles.every((r) => version.customerRoles.has(r));
}

export function assertCanCreate(actor: Actor, version: AppVersion, form: string): void {
  if (isAdmin(actor)) return;
  const def = version.forms.get(form)?.def;
  const allowed = def?.submitRoles ?? [...version.roles];
  if (!actor.roles.some((r) => allowed.includes(r))) {
    throw new FlowcaseError('FC_FORBIDDEN', `You may not create records of "${form}".`, { path: '/form' });
  }
}

/** Whether the form lets every holder of one of the actor's roles read all its records. */
function readsWholeForm(actor: Actor, def: FormDef | undefined): boolean {
  return def?.readRoles?.some((r) => actor.roles.includes(r)) ?? false;
}

/** Whether a customer may read this record: theirs by creation, by its owner field, or by a read role. */
function customerMayRead(actor: Actor, version: AppVersion, record: Pick<RecordRow, 'form' | 'createdBy' | 'data'>): boolean {
  if (record.createdBy === actor.id) return true;
  const def = version.forms.get(record.form)?.def;
  if (readsWholeForm(actor, def)) return true;
  return def?.ownerField !== undefined && record.data[def.ownerField] === actor.id;
}

/** Whether the actor may open this record at all (404 otherwise, so ids do not leak). */
export function canSeeRecord(actor: Actor, version: AppVersion, record: RecordRow, assignedHere: boolean): boolean {
  if (isAdmin(actor) || assignedHere) return true;
  if (!usesApp(actor, version)) return false;
  if (isCustomerOf(actor, version)) return customerMayRead(actor, version, record);
  return true;
}

/** Whether the actor may link this record from a relation field (it must be one they may read). */
export function canLinkRecord(actor: Actor, version: AppVersion, record: Pick<RecordRow, 'app' | 'form' | 'createdBy' | 'data'>): boolean {
  if (record.app !== version.app) return false;
  if (!isCustomerOf(actor, version)) return true;
  return customerMayRead(actor, version, record);
}

/**
 * A record list narrowed to what the actor may read: unchanged for staff and admins; for a
 * customer, the records they created or that name them in the form's owner field (both columns are
 * indexed), or all of them when a read role of the form is theirs.
 */
export function scopeRecordQuery(actor: Actor, version: AppVersion, form: string, query: ListRecordsOptions): ListRecordsOptions {
  if (!isCustomerOf(actor, version)) return query;
  const def = version.forms.get(form)?.def;
  if (readsWholeForm(actor, def)) return query;
  if (def?.ownerField === undefined) return { ...query, createdBy: actor.id };
  const mine: JsonLogic = { or: [{ '==': [{ var: 'createdBy' }, actor.id] }, { '==': [{ var: def.ownerField }, actor.id] }] };
  const filter = query.filter === undefined || query.filter === null ? mine : { and: [query.filter, mine] };
  return { ...query, filter };
}

function nodeIsTheirs(node: TaskNode, actor: Actor, version: AppVersion): boolean {
  const rules = Array.isArray(node.assignee) ? node.assignee : [node.assignee];
  return rules.some((rule) => ('submitter' in rule ? true : 'role' in rule ? actor.roles.includes(rule.role) && version.customerRoles.has(rule.role) : false));
}

/**
 * Fields a customer may read on their own record: what the steps assigned to them show, plus what
 * they wrote themselves (the fields of the record's creation). Staff and admins see every field.
 */
export function visibleFieldsFor(actor: Actor, version: AppVersion, flow: FlowDef | undefined, formFields: readonly string[], createdFields: readonly string[]): string[] | undefined {
  if (!isCustomerOf(actor, version)) return undefined;
  const visible = new Set(createdFields);
  for (const node of Object.values(flow?.nodes ?? {})) {
    if (node.type !== 'task' || !nodeIsTheirs(node, actor, version)) continue;
    for (const key of node.fields?.visible ?? formFields) visible.add(key);
  }
  return [...visible];
}
