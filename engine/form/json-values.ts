/**
 * Plain-JSON helpers for form data: a safe copy of untrusted input (own properties only, never a
 * prototype key, bounded depth), deep equality and deep freezing.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import { FORBIDDEN_KEYS } from '../definition/types.js';
import { problem } from './messages.js';
import type { Language } from './types.js';

/** Deeper input than this is refused: no field type nests more than a few levels. */
export const MAX_INPUT_DEPTH = 16;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

export function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/**
 * Copies untrusted input into fresh arrays and plain objects. `__proto__`, `constructor` and
 * `prototype` keys are reported as unknown and never copied; values that are not JSON (functions,
 * class instances, symbols) and over-deep nesting are reported and replaced by `null`.
 * Pass `problems: undefined` to copy silently (stored data).
 */
export function copyInput(
  value: unknown,
  path: string,
  problems: Problem[] | undefined,
  language: Language,
  depth = 0,
): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean' || typeof value === 'number')
    return value;
  if (value === undefined) return undefined;
  if (depth >= MAX_INPUT_DEPTH) {
    problems?.push(problem(path, 'form.too_deep', language));
    return null;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const item = copyInput(value[i], `${path}/${i}`, problems, language, depth + 1);
      out.push(item === undefined ? null : item);
    }
    return out;
  }
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const keyPath = `${path}/${pointerSegment(key)}`;
      if (FORBIDDEN_KEYS.has(key)) {
        problems?.push(problem(keyPath, 'field.unknown', language));
        continue;
      }
      const item = copyInput(value[key], keyPath, problems, language, depth + 1);
      if (item !== undefined) out[key] = item;
    }
    return out;
  }
  problems?.push(problem(path, 'field.invalid', language));
  return null;
}

/** Structural equality of JSON values (object key order does not matter). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every(
    (k) => hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}

/** Freezes an object graph in place and returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/** A copy of trusted JSON (definitions, defaults), safe to mutate. */
export function cloneJson<T>(value: T): T {
  return copyInput(value, '', undefined, 'en') as T;
}
