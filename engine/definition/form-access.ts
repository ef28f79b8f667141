/**
 * A form's creation field sets (`access`): which fields a creator may write and which extra fields
 * customers may read. The server refuses creations outside the set and the browser shows only the
 * set, so both read it from here.
 */
import { normalizeFieldPermissions } from './field-permissions.js';
import type { AssigneeRule, FieldDef, FlowDef, FormAccessDef, FormDef, NotifyNode } from './types.js';

/** Fields nobody writes: computed or numbered by the engine, or marked read-only. */
export function isInputField(field: FieldDef): boolean {
  return field.formula === undefined && field.type !== 'autonumber' && field.readonly !== true;
}

/** Fields the form's own flow writes: editable at a task, set by a record node on this form, carried by an event or written by its fallback task, a subflow's `recordAs`. */
export function flowWrittenFields(form: FormDef, flow: FlowDef | undefined): Set<string> {
  const written = new Set<string>();
  for (const node of Object.values(flow?.nodes ?? {})) {
    if (node.type === 'task')
      for (const key of [
        ...(node.fields?.editable ?? []),
        ...(node.fields?.required ?? []),
        ...(node.reasonField !== undefined ? [node.reasonField] : []),
      ])
        written.add(key);
    else if (node.type === 'record' && node.form === form.key)
      for (const key of Object.keys(node.set)) written.add(key);
    else if (node.type === 'event')
      for (const key of [
        ...(node.fields ?? []),
        ...(node.fallback?.fields?.editable ?? []),
        ...(node.fallback?.fields?.required ?? []),
      ])
        written.add(key);
    else if (node.type === 'subflow' && node.recordAs !== undefined) written.add(node.recordAs);
  }
  return written;
}

/**
 * The `access` entry for someone holding `roles`: the first whose roles they hold, else the first
 * without roles. Admins (`anyEntry`) fall back to the first entry of all, so they may file what
 * the staff entry allows even when every entry names roles.
 */
export function accessEntryFor(
  form: FormDef,
  roles: readonly string[],
  anyEntry = false,
): FormAccessDef | undefined {
  const entries = form.access ?? [];
  return (
    entries.find((e) => e.roles?.some((r) => roles.includes(r))) ??
    entries.find((e) => e.roles === undefined) ??
    (anyEntry ? entries[0] : undefined)
  );
}

/** The default creation set when a form declares no `access`: input fields its flow does not write. */
export function defaultCreationFields(form: FormDef, flow: FlowDef | undefined): string[] {
  const written = flowWrittenFields(form, flow);
  return form.fields.filter((f) => isInputField(f) && !written.has(f.key)).map((f) => f.key);
}

/**
 * Fields someone holding `roles` may write when creating a record of `form`. A form with `access`
 * entries but none for these roles lets them write nothing (the server then refuses any data).
 */
export function creationFields(
  form: FormDef,
  flow: FlowDef | undefined,
  roles: readonly string[],
  anyEntry = false,
): string[] {
  if (!form.access) return defaultCreationFields(form, flow);
  const entry = accessEntryFor(form, roles, anyEntry);
  const inputs = new Set(form.fields.filter(isInputField).map((f) => f.key));
  return (entry?.create ?? []).filter((key) => inputs.has(key));
}

/** What a customer reads of a record for their creation entry: what they may file, plus `read` (default: the autonumbers). */
export function creationReadFields(
  form: FormDef,
  flow: FlowDef | undefined,
  roles: readonly string[],
): string[] {
  const entry = form.access ? accessEntryFor(form, roles) : undefined;
  const extra = entry?.read ?? form.fields.filter((f) => f.type === 'autonumber').map((f) => f.key);
  return [...new Set([...creationFields(form, flow, roles), ...extra])];
}

/** Whether assignee or recipient rules reach a customer holding `roles`: the submitter, or a customer role of theirs. */
function rulesReach(
  rules: readonly AssigneeRule[],
  roles: readonly string[],
  customerRoles: ReadonlySet<string>,
  ownerField: string | undefined,
): boolean {
  // A customer opens only records they created or whose owner field names them, so the submitter
  // and the owner field reach every customer who can see the record at all.
  return rules.some((rule) =>
    'submitter' in rule
      ? true
      : 'role' in rule
        ? roles.includes(rule.role) && customerRoles.has(rule.role)
        : 'field' in rule
          ? rule.field === ownerField
          : false,
  );
}

/**
 * Fields a customer holding `roles` reads on a record of `form` they may open: what their creation
 * entry lets them file and read, what the steps assigned to them show, and what the notices sent to
 * them read (so a notice never tells more than the record shows). It depends on the definition and
 * the roles only, never on a record's data, so every read path agrees. `noticeFields` names the
 * fields a notify node's texts read (the server passes the template analyzer; the browser, which
 * does not ship the template parser, leaves it out and so may show a customer less, never more).
 */
export function customerReadFields(
  form: FormDef,
  flow: FlowDef | undefined,
  roles: readonly string[],
  customerRoles: ReadonlySet<string>,
  noticeFields?: (node: NotifyNode) => string[],
): string[] {
  const visible = new Set(creationReadFields(form, flow, roles));
  // The owner field names the customer themselves: reading (and filtering on) it tells them nothing.
  if (form.ownerField !== undefined) visible.add(form.ownerField);
  for (const node of Object.values(flow?.nodes ?? {})) {
    if (
      node.type === 'task' &&
      rulesReach(
        Array.isArray(node.assignee) ? node.assignee : [node.assignee],
        roles,
        customerRoles,
        form.ownerField,
      )
    ) {
      for (const k of normalizeFieldPermissions(node.fields).visible ?? form.fields.map((f) => f.key))
        visible.add(k);
    } else if (
      noticeFields &&
      node.type === 'notify' &&
      rulesReach(node.to, roles, customerRoles, form.ownerField)
    ) {
      for (const k of noticeFields(node)) visible.add(k);
    }
  }
  return form.fields.map((f) => f.key).filter((k) => visible.has(k));
}
