/**
 * A case's record as the new version's form reads it, when the case moves there: validated
 * against the new form (a value the new form refuses keeps the case on its old version), formulas
 * recomputed, and the values of fields the new form no longer has, or now hides, listed as changes
 * to null so the move's history event keeps them. Pure.
 */
import type { Problem } from '../errors.js';
import type { CompiledForm, FormContext } from '../form/types.js';
import type { FieldChange } from './types.js';

export interface MigratedRecord {
  ok: boolean;
  data: Record<string, unknown>;
  /** Every value that changed, the dropped ones as `to: null`, in the old record's order. */
  changes: FieldChange[];
  errors: Problem[];
}

export function migrateRecord(
  form: CompiledForm,
  data: Readonly<Record<string, unknown>>,
  context: FormContext,
): MigratedRecord {
  const result = form.submit({}, { ...context, mode: 'update', previous: data });
  const changes: FieldChange[] = [];
  const recorded = new Set<string>();
  for (const [field, from] of Object.entries(data)) {
    if (from === null || from === undefined) continue;
    if (Object.hasOwn(result.data, field)) continue;
    changes.push({ field, from, to: null });
    recorded.add(field);
  }
  for (const change of result.changes) if (!recorded.has(change.field)) changes.push(change);
  return { ok: result.ok, data: result.data, changes, errors: result.errors };
}
