/**
 * The range of a numeric field's values: its own `min`/`max` where set, never beyond its type's
 * limit (`NUMBER_LIMITS`), so 1e308 is refused by a field that says nothing of bounds. A stored
 * definition whose bound is beyond the limit (saved before there was one) is narrowed, not refused.
 */
import type { FieldDef } from '../../definition/types.js';
import type { JsonSchema } from './field-type.js';

function bound(value: unknown, fallback: number, limit: number): number {
  return typeof value === 'number' && Number.isFinite(value)
    ? Math.min(limit, Math.max(-limit, value))
    : fallback;
}

/** `minimum` and `maximum` for a field's JSON Schema. */
export function rangeSchema(field: FieldDef, limit: number): JsonSchema {
  return { minimum: bound(field.min, -limit, limit), maximum: bound(field.max, limit, limit) };
}

/** A formula's result, or undefined (no value) when it is beyond the limit like a non-finite one. */
export function withinLimit(n: number | undefined, limit: number): number | undefined {
  return n !== undefined && Math.abs(n) <= limit ? n : undefined;
}
