/**
 * A task node's field lists, made consistent: a field the step may edit is shown, and a field it
 * requires is editable. So `editable: ["installer"], required: ["installer"]` without `installer`
 * in `visible` shows the field, lets the step write it and refuses to complete without it, rather
 * than hiding it and letting the case move on blank. The engine (task completion, backfill), the
 * form compiler (`submit` with permissions), the server's task views and the browser all read the
 * lists through here; the validator warns where a list contradicts another
 * (`fields.editable_not_visible`, `fields.required_not_editable`).
 */
import type { FieldPermissions } from './types.js';

/** `required ⊆ editable ⊆ visible`; `visible` stays absent (every field) when the node gives none. */
export interface NormalizedFieldPermissions {
  visible?: string[];
  editable: string[];
  required: string[];
}

const cache = new WeakMap<object, NormalizedFieldPermissions>();

function union(first: readonly string[], second: readonly string[]): string[] {
  const out = [...new Set(first)];
  for (const key of second) if (!out.includes(key)) out.push(key);
  return out;
}

/**
 * The node's lists with `required` added to `editable` and `editable` added to `visible` (declared
 * order first, the additions after). Frozen and cached per `fields` object, since definitions are
 * immutable once published.
 *
 * @example normalizeFieldPermissions({ visible: ['a'], editable: ['b'], required: ['c'] })
 * // → { visible: ['a', 'b', 'c'], editable: ['b', 'c'], required: ['c'] }
 */
export function normalizeFieldPermissions(fields: FieldPermissions | undefined): NormalizedFieldPermissions {
  const hit = fields ? cache.get(fields) : undefined;
  if (hit) return hit;
  const required = [...new Set(fields?.required ?? [])];
  const editable = union(fields?.editable ?? [], required);
  const normalized: NormalizedFieldPermissions = { editable, required };
  if (fields?.visible) normalized.visible = union(fields.visible, editable);
  Object.freeze(normalized.editable);
  Object.freeze(normalized.required);
  if (normalized.visible) Object.freeze(normalized.visible);
  Object.freeze(normalized);
  if (fields) cache.set(fields, normalized);
  return normalized;
}
