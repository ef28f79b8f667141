/**
 * Defensive readers for a bundle that may not match its schema: the semantic checks see raw input
 * as `unknown` and read it only through these, so a malformed part is skipped, never trusted.
 */
import { isValidKey } from './types.js';

export type Obj = Record<string, unknown>;

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An own property (never an inherited one such as `constructor`). */
export function own(value: unknown, key: string): unknown {
  return isObject(value) && Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
}

export function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Own entries of an object, `__proto__` included when JSON.parse made it an own property. */
export function entries(value: unknown): [string, unknown][] {
  return isObject(value) ? Object.keys(value).map((k) => [k, value[k]]) : [];
}

/** A property holding a valid key; malformed keys are the schema's to report, so they read as absent. */
export function keyAt(value: unknown, property: string): string | undefined {
  const v = own(value, property);
  return isValidKey(v) ? v : undefined;
}

export function stringAt(value: unknown, property: string): string | undefined {
  const v = own(value, property);
  return typeof v === 'string' ? v : undefined;
}
