/**
 * In the form-engine worker: the control kind each field type of a form declares. The page shows
 * a type that has no input of its own with the input of its control kind
 * (`ui/fields/field-controls.ts`), and only the worker holds the engine's field-type registry.
 */
import { fieldType, type InputControl } from '../../../engine/form/index.js';
import type { FieldDef } from './types.js';

export function controlsOf(
  fields: readonly FieldDef[],
  out: Record<string, InputControl> = {},
): Record<string, InputControl> {
  for (const f of fields) {
    const control = fieldType(f.type)?.description.control;
    if (control) out[f.type] = control;
    if (f.columns) controlsOf(f.columns, out);
  }
  return out;
}
