/**
 * Cleans one written value by its field type: trims text, normalizes datetimes to UTC, cleans
 * each table row (and fills column defaults a new row lacks). Empty values become `undefined`:
 * an empty value is "not filled" and is not stored.
 */
import type { FieldModel } from './form-model.js';
import { cloneJson, isPlainObject } from './json-values.js';

function normalizeRow(table: FieldModel, row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(row)) {
    const column = table.columnByKey.get(key);
    // Unknown columns are kept so validation reports them at their path.
    const value = column ? normalizeValue(column, row[key]) : row[key];
    if (value !== undefined) out[key] = value;
  }
  for (const column of table.columns) {
    const fallback = column.def.default;
    if (fallback !== undefined && !column.computed && out[column.def.key] === undefined) {
      const value = normalizeValue(column, cloneJson(fallback));
      if (value !== undefined) out[column.def.key] = value;
    }
  }
  return out;
}

/** The value as it will be stored, or `undefined` when it is empty. */
export function normalizeValue(field: FieldModel, value: unknown): unknown {
  let out = field.type.normalize ? field.type.normalize(value, field.def) : value;
  if (field.def.type === 'table' && Array.isArray(out)) {
    out = (out as unknown[]).map((row: unknown) => (isPlainObject(row) ? normalizeRow(field, row) : row));
  }
  return field.type.isEmpty(out) ? undefined : out;
}
