/**
 * A form's creation field sets (`access`): which fields a creator may write and which extra fields
 * customers may read. The server refuses creations outside the set and the browser shows only the
 * set, so both read it from here.
 */
import type { FieldDef, FlowDef, FormAccessDef, FormDef } from './types.js';

/** Fields nobody writes: computed or numbered by the engine, or marked read-only. */
export function isInputField(field: FieldDef): boolean {
  return field.formula === undefined && field.type !== 'autonumber' && field.readonly !== true;
}

/** Fields the form's own flow writes: editable at a task, set by a record node on this form, carried by an event. */
export function flowWrittenFields(form: FormDef, flow: FlowDef | undefined): Set<string> {
  const written = new Set<string>();
  for (const node of Object.values(flow?.nodes ?? {})) {
    if (node.type === 'task')
      for (const key of [...(node.fields?.editable ?? []), ...(node.fields?.required ?? [])])
        written.add(key);
    else if (node.type === 'record' && node.form === form.key)
      for (const key of Object.keys(node.set)) written.add(key);
    else if (node.type === 'event') for (const key of node.fields ?? []) written.add(key);
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
