/**
 * The range of a numeric field's values: its own `min`/`max` where set, never beyond its type's
 * limit (`NUMBER_LIMITS`), so 1e308 is refused by a field that says nothing of bounds. A stored
 * definition whose bound is beyond the limit (saved before there was one) is narrowed, not refused.
 */
import { own } from '../../definition/bundle-reader.js';
import type { FieldCheckContext } from '../../definition/check-helpers.js';
import { numberLimit } from '../../definition/number-limits.js';
import type { FieldDef } from '../../definition/types.js';
import type { JsonSchema } from './field-type.js';

/** The bounds a numeric field's definition may give, and the currency an amount is shown in. */
export const NUMBER_RANGE_SCHEMA: JsonSchema = {
  min: { type: 'number' },
  max: { type: 'number' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
};

/** The unit of a number that counts time (`number`, `integer`). */
export const DURATION_UNIT_SCHEMA: JsonSchema = { enum: ['minutes', 'hours', 'days'] };

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

/**
 * A definition's `min` and `max` must lie within the type's limit: a `max` of 1e308 would promise
 * values the form refuses anyway, so it is reported where it is written rather than silently narrowed.
 */
export function checkRangeLimits({ field, problems }: FieldCheckContext): void {
  const limit = numberLimit(field.type);
  if (limit === undefined) return;
  for (const option of ['min', 'max'] as const) {
    const value = own(field.raw, option);
    if (typeof value === 'number' && !(Math.abs(value) <= limit)) {
      problems.push({
        path: `${field.path}/${option}`,
        code: 'range.beyond_limit',
        message: `A ${String(field.type)} field's ${option} must lie between -${limit} and ${limit}; beyond, values are no longer exact.`,
      });
    }
  }
}
