/**
 * A numeric field's `min` and `max` must lie within its type's limit (`number-limits.ts`): a
 * `max` of 1e308 would promise values the form refuses anyway, so it is reported where it is
 * written rather than silently narrowed.
 */
import type { Problem } from '../errors.js';
import type { BundleIndex, FieldInfo } from './bundle-index.js';
import { own } from './bundle-reader.js';
import { numberLimit } from './number-limits.js';

function checkField(field: FieldInfo, problems: Problem[]): void {
  const limit = numberLimit(field.type);
  if (limit !== undefined) {
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
  for (const column of field.columns.values()) checkField(column, problems);
}

export function checkNumberRanges(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values())
    for (const field of form.fields.values()) checkField(field, problems);
  return problems;
}
