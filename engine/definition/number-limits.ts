/**
 * The widest values numeric fields hold, whatever their definition says. JSON allows 1e308, but
 * two of those sum to Infinity and a double stops counting units long before: a dashboard over
 * such a value shows nonsense (or, drawn by chart.js, never finishes). Each limit keeps the values
 * exact: a definition's `min`/`max` may narrow it, never widen it (`checkRangeLimits` in
 * `engine/form/fields/number-range.ts`).
 */
import type { FieldType } from './types.js';

export const NUMBER_LIMITS = {
  /** Up to 1e15 a double still holds every integer and 15 significant digits. */
  number: 1e15,
  /** Integers beyond this are no longer exact in a double (nor in JSON read by JavaScript). */
  integer: Number.MAX_SAFE_INTEGER,
  /** A trillion: beyond any fee we handle, and sums of cents stay exact far past it. */
  money: 1e12,
} as const satisfies Partial<Record<FieldType, number>>;

/** The magnitude values of `type` may not exceed, or undefined for a type that is not a free number. */
export function numberLimit(type: unknown): number | undefined {
  return type === 'number' || type === 'integer' || type === 'money' ? NUMBER_LIMITS[type] : undefined;
}
