/**
 * Stored record data as the compiler reads and returns it: only the form's own fields, copied
 * (never the caller's objects), in declaration order.
 */
import type { FormModel } from './form-model.js';
import { copyInput, hasOwn, isPlainObject } from './json-values.js';

type Data = Record<string, unknown>;

/** A copy of stored data holding only this form's fields. */
export function storedData(model: FormModel, data: unknown): Data {
  const out: Data = {};
  if (!isPlainObject(data)) return out;
  for (const field of model.fields) {
    const key = field.def.key;
    if (!hasOwn(data, key)) continue;
    const value = copyInput(data[key], '', undefined, model.language);
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

/** Data in declaration order (stable output and history). */
export function ordered(model: FormModel, data: Data): Data {
  const out: Data = {};
  for (const field of model.fields) if (hasOwn(data, field.def.key)) out[field.def.key] = data[field.def.key];
  return out;
}
