/**
 * A field's key change with its references rewritten (`field-usages.ts`): keys, list entries,
 * property names, rules and sample data follow the new key; templates are text and are left as
 * they are, returned in `unfixed` so the designer can say so. Works on a copy; the input is never
 * changed.
 */
import { isObject, keyAt, list, own } from './bundle-reader.js';
import { fieldUsages, type FieldRef, type FieldUsage } from './field-usages.js';

export interface FieldRename {
  bundle: unknown;
  /** Uses a rename cannot rewrite (templates); they still name the old key. */
  unfixed: FieldUsage[];
}

function segmentsOf(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function containerAt(root: unknown, segments: readonly string[]): unknown {
  let value = root;
  for (const segment of segments) value = Array.isArray(value) ? value[Number(segment)] : own(value, segment);
  return value;
}

/** Renames one property of an object in place, keeping its position among the others. */
function renameProperty(target: Record<string, unknown>, from: string, to: string): void {
  if (from === to || !Object.prototype.hasOwnProperty.call(target, from)) return;
  const copy = Object.entries(target);
  for (const key of Object.keys(target)) delete target[key];
  for (const [key, value] of copy) target[key === from ? to : key] = value;
}

function fieldDefinition(bundle: unknown, ref: FieldRef): unknown {
  const form = list(own(bundle, 'forms')).find((f) => keyAt(f, 'key') === ref.form);
  const field = list(own(form, 'fields')).find((f) => keyAt(f, 'key') === ref.field);
  if (ref.column === undefined) return field;
  return list(own(field, 'columns')).find((c) => keyAt(c, 'key') === ref.column);
}

/** The bundle with the field's key set to `to` and every use that can follow it rewritten. */
export function renameField(bundle: unknown, ref: FieldRef, to: string): FieldRename {
  const copy = structuredClone(bundle);
  const usages = fieldUsages(copy, ref, { renameTo: to });
  const unfixed: FieldUsage[] = [];
  // Property names last, so values found under an old name are rewritten before it moves.
  const ordered = [
    ...usages.filter((u) => u.via !== 'map-key' && u.via !== 'data'),
    ...usages.filter((u) => u.via === 'map-key' || u.via === 'data'),
  ];
  for (const usage of ordered) {
    const segments = segmentsOf(usage.path);
    const last = segments[segments.length - 1] ?? '';
    const parent = containerAt(copy, segments.slice(0, -1));
    if (usage.via === 'template') unfixed.push(usage);
    else if (usage.via === 'map-key' || usage.via === 'data') {
      if (isObject(parent)) renameProperty(parent, last, to);
    } else if (Array.isArray(parent)) parent[Number(last)] = usage.replacement;
    else if (isObject(parent)) parent[last] = usage.replacement;
  }
  const definition = fieldDefinition(copy, ref);
  if (isObject(definition)) definition['key'] = to;
  return { bundle: copy, unfixed };
}
