/**
 * Who may do what with an app's records. Roles are global keys; an app "grants" the roles it
 * declares. Admins may do everything; holders of a customer role (and no staff role of the app)
 * see only the records they created, the records whose form's `ownerField` names them, and every
 * record of a form whose `readRoles` include one of their roles.
 */
import type { FormDef, JsonLogic } from '../../engine/index.js';
import { creationFields, customerReadFields, FlowcaseError, ruleRoots } from '../../engine/index.js';
import { noticeFields, QUERYABLE_META_FIELDS } from '../../engine/definition/customer-reads.js';
import type { ListRecordsOptions, RecordRow } from '../store/store.js';
import type { Actor, RecordQuery } from './types.js';
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
    throw new FlowcaseError(
      'FC_FORBIDDEN',
      { en: `You may not create records of "${form}".`, zh: '您不能提交此表单。' },
      { path: '/form' },
    );
  }
}

/** Whether the form lets every holder of one of the actor's roles read all its records. */
function readsWholeForm(actor: Actor, def: FormDef | undefined): boolean {
  return def?.readRoles?.some((r) => actor.roles.includes(r)) ?? false;
}

/** Whether a customer may read this record: theirs by creation, by its owner field, or by a read role. */
function customerMayRead(
  actor: Actor,
  version: AppVersion,
  record: Pick<RecordRow, 'form' | 'createdBy' | 'data'>,
): boolean {
  if (record.createdBy === actor.id) return true;
  const def = version.forms.get(record.form)?.def;
  if (readsWholeForm(actor, def)) return true;
  return def?.ownerField !== undefined && record.data[def.ownerField] === actor.id;
}

/** Whether the actor may open this record at all (404 otherwise, so ids do not leak). */
export function canSeeRecord(
  actor: Actor,
  version: AppVersion,
  record: RecordRow,
  assignedHere: boolean,
): boolean {
  if (isAdmin(actor) || assignedHere) return true;
  if (!usesApp(actor, version)) return false;
  if (isCustomerOf(actor, version)) return customerMayRead(actor, version, record);
  return true;
}

/** Whether the actor may link this record from a relation field (it must be one they may read). */
export function canLinkRecord(
  actor: Actor,
  version: AppVersion,
  record: Pick<RecordRow, 'app' | 'form' | 'createdBy' | 'data'>,
): boolean {
  if (record.app !== version.app) return false;
  if (!isCustomerOf(actor, version)) return true;
  return customerMayRead(actor, version, record);
}

/**
 * A record list narrowed to what the actor may read: unchanged for staff and admins; for a
 * customer, the records they created or that name them in the form's owner field (both columns are
 * indexed), or all of them when a read role of the form is theirs.
 */
export function scopeRecordQuery(
  actor: Actor,
  version: AppVersion,
  form: string,
  query: ListRecordsOptions,
): ListRecordsOptions {
  if (!isCustomerOf(actor, version)) return query;
  const def = version.forms.get(form)?.def;
  if (readsWholeForm(actor, def)) return query;
  if (def?.ownerField === undefined) return { ...query, createdBy: actor.id };
  const mine: JsonLogic = {
    or: [{ '==': [{ var: 'createdBy' }, actor.id] }, { '==': [{ var: def.ownerField }, actor.id] }],
  };
  const filter = query.filter === undefined || query.filter === null ? mine : { and: [query.filter, mine] };
  return { ...query, filter };
}

/** Readable field sets per version, by form and the actor's roles (versions are immutable and cached). */
const readableByVersion = new WeakMap<AppVersion, Map<string, readonly string[] | undefined>>();

/**
 * The one answer to "which fields of a `form` record may this actor read", used by every read path
 * (record, list, tasks, history, related lists, dashboards, sort and filter): every field for staff
 * and admins and for customers of a form whose `readRoles` they hold; otherwise the engine's
 * `customerReadFields` (what they file and read, their steps show and their notices read). It depends on
 * the form and the actor's roles only, never on a record's data, so all paths agree.
 */
export function readableFields(
  actor: Actor,
  version: AppVersion,
  form: string,
): readonly string[] | undefined {
  if (!isCustomerOf(actor, version)) return undefined;
  const def = version.forms.get(form)?.def;
  if (!def || readsWholeForm(actor, def)) return undefined;
  let byKey = readableByVersion.get(version);
  if (!byKey) readableByVersion.set(version, (byKey = new Map<string, readonly string[] | undefined>()));
  const key = `${form}\u0000${[...actor.roles].sort().join(',')}`;
  if (byKey.has(key)) return byKey.get(key);
  const fields = Object.freeze(
    customerReadFields(def, version.flowByForm.get(form), actor.roles, version.customerRoles, noticeFields),
  );
  byKey.set(key, fields);
  return fields;
}

/** Fields `actor` may write when creating a record of `form` (admins: the staff entry's). */
export function writableAtCreation(actor: Actor, version: AppVersion, form: FormDef): string[] {
  return creationFields(form, version.flowByForm.get(form.key), actor.roles, isAdmin(actor));
}

/**
 * A list query may only sort or filter on fields the viewer reads: otherwise the order of the
 * rows, or whether a row is there at all, would tell them the hidden value (422 naming it).
 */
export function assertReadableQuery(
  query: Pick<RecordQuery, 'sort' | 'filter'>,
  readable: readonly string[],
): void {
  const may = (name: string): boolean => QUERYABLE_META_FIELDS.has(name) || readable.includes(name);
  query.sort?.forEach((s, i) => {
    if (!may(s.field))
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        { en: `You may not sort by "${s.field}".`, zh: `不能按字段“${s.field}”排序。` },
        {
          path: `/sort/${i}`,
          problems: [
            {
              path: `/sort/${i}`,
              code: 'query.field_hidden',
              message: `You may not sort by "${s.field}".`,
              zh: `不能按字段“${s.field}”排序`,
            },
          ],
        },
      );
  });
  for (const name of ruleRoots(query.filter)) {
    if (!may(name))
      throw new FlowcaseError(
        'FC_VALIDATION_FAILED',
        { en: `You may not filter on "${name}".`, zh: `不能按字段“${name}”筛选。` },
        {
          path: '/filter',
          problems: [
            {
              path: '/filter',
              code: 'query.field_hidden',
              message: `You may not filter on "${name}".`,
              zh: `不能按字段“${name}”筛选`,
            },
          ],
        },
      );
  }
}
