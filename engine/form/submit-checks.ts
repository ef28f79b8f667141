/**
 * Checks of a submission that JSON Schema cannot make: relation ids resolve, required columns of
 * visible rows are filled, which fields are required, and how a resent value is compared.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import type { FieldModel, FormModel } from './form-model.js';
import { isPlainObject } from './json-values.js';
import { problem } from './messages.js';
import type { FormContext, Language, SubmitOptions } from './types.js';

/** An id of a relation field that does not resolve through the lookup. */
export function relationProblems(
  field: FieldModel,
  value: unknown,
  path: string,
  context: FormContext,
  language: Language,
): Problem[] {
  const form = field.def.form;
  if (typeof value !== 'string' || !context.lookup || typeof form !== 'string') return [];
  let target: unknown;
  try {
    target = context.lookup(form, value);
  } catch {
    target = undefined;
  }
  return target === undefined ? [problem(path, 'field.relation_not_found', language)] : [];
}

/** Checks of a written table's rows that no schema can make: required columns and relation ids. */
export function rowProblems(
  table: FieldModel,
  rows: unknown,
  context: FormContext,
  language: Language,
  hiddenCells: ReadonlySet<string>,
): Problem[] {
  if (!Array.isArray(rows)) return [];
  const problems: Problem[] = [];
  rows.forEach((row, index) => {
    if (!isPlainObject(row)) return;
    for (const column of table.columns) {
      const key = column.def.key;
      if (
        column.computed ||
        (column.def.visibleIf !== undefined && hiddenCells.has(`/${table.def.key}/${index}/${key}`))
      )
        continue;
      const path = `/${pointerSegment(table.def.key)}/${index}/${pointerSegment(key)}`;
      if (column.def.required === true && column.type.isEmpty(row[key]))
        problems.push(problem(path, 'field.required', language));
      if (column.def.type === 'relation')
        problems.push(...relationProblems(column, row[key], path, context, language));
    }
  });
  return problems;
}

/** A value as the resend rule compares it: a table's computed columns do not count. */
export function comparable(field: FieldModel, value: unknown): unknown {
  if (field.def.type !== 'table' || !Array.isArray(value)) return value;
  const computed = field.columns.filter((c) => c.computed).map((c) => c.def.key);
  if (computed.length === 0) return value;
  return value.map((row: unknown) => {
    if (!isPlainObject(row)) return row;
    const out = { ...row };
    for (const key of computed) delete out[key];
    return out;
  });
}

/** Required fields: the node's list (only fields it sees) when permissions are given, else the form's. */
export function requiredKeys(model: FormModel, options: SubmitOptions): Set<string> {
  const permissions = options.permissions;
  if (!permissions) {
    const writable = options.mode === 'create' && options.writable ? new Set(options.writable) : undefined;
    return new Set(
      model.fields
        .filter((f) => f.def.required === true && (!writable || writable.has(f.def.key)))
        .map((f) => f.def.key),
    );
  }
  const visible = permissions.visible ? new Set(permissions.visible) : undefined;
  return new Set((permissions.required ?? []).filter((key) => !visible || visible.has(key)));
}

/**
 * Every problem once (per path and code: a row check may repeat what the schema said), sorted by
 * its field's position in `fieldKeys` (the form's order; a table's cells under their table, by
 * row), stably, unknown keys and whole-record problems first. One order for the problems of a
 * submission wherever they were found (the form's checks, the server's checks of users, files and
 * links), so a 422 lists them all the same way.
 *
 * @example
 * problemsInFieldOrder(['customer', 'service_type'], [{ path: '/service_type', … }, { path: '/customer', … }]);
 * // → the /customer problem first
 */
export function problemsInFieldOrder(fieldKeys: readonly string[], problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const id = `${p.path}\u0000${p.code}`;
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (unique.length < 2) return unique;
  const rank = new Map(fieldKeys.map((key, i) => [pointerSegment(key), i]));
  const rankOf = (p: Problem): number => rank.get(p.path.split('/')[1] ?? '') ?? -1;
  const rowOf = (p: Problem): number => {
    const row = p.path.split('/')[2];
    return row !== undefined && /^\d+$/.test(row) ? Number(row) : -1;
  };
  return unique
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rankOf(a.p) - rankOf(b.p) || rowOf(a.p) - rowOf(b.p) || a.i - b.i)
    .map(({ p }) => p);
}
