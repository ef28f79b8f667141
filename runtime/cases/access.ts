/**
 * Who may do what with an app's records. Roles are global keys; an app "grants" the roles it
 * declares. Admins may do everything; holders of a customer role (and no staff role of the app)
 * see only the records they created.
 */
import type { FlowDef, TaskNode } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import type { RecordRow } from '../store/store.js';
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

/** Whether the actor may open this record at all (404 otherwise, so ids do not leak). */
export function canSeeRecord(actor: Actor, version: AppVersion, record: RecordRow, assignedHere: boolean): boolean {
  if (isAdmin(actor) || assignedHere) return true;
  if (!usesApp(actor, version)) return false;
  if (isCustomerOf(actor, version)) return record.createdBy === actor.id;
  return true;
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
