/**
 * A first, iterative pass over raw input that bounds what the later passes see: nesting depth
 * (ajv and our checks recurse, a 10,000-deep document must not overflow the stack), the number of
 * values, and the length of strings and property names. Input over these limits is hostile or
 * broken, so the validator reports it and stops.
 */
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';

export const INPUT_LIMITS = {
  /** Deepest nesting of arrays and objects (a bundle needs about 45 with rules at their own cap). */
  maxDepth: 64,
  /** Most values (objects, arrays, scalars) in one bundle. */
  maxValues: 500_000,
  /** Longest string anywhere; the schema has tighter caps per place. */
  maxStringLength: 1_000_000,
  /** Longest property name anywhere; keys are at most 63 characters. */
  maxKeyLength: 1_000,
} as const;

const MAX_REPORTED = 20;

interface Entry {
  value: unknown;
  depth: number;
  parent: Entry | undefined;
  segment: string;
}

function pathOf(entry: Entry): string {
  const segments: string[] = [];
  for (let e: Entry | undefined = entry; e?.parent; e = e.parent) segments.push(pointerSegment(e.segment));
  return segments
    .reverse()
    .map((s) => `/${s}`)
    .join('');
}

/** Returns problems when the input exceeds `INPUT_LIMITS`; an empty list means it is safe to read. */
export function checkInputLimits(json: unknown): Problem[] {
  const problems: Problem[] = [];
  const stack: Entry[] = [{ value: json, depth: 0, parent: undefined, segment: '' }];
  let values = 0;
  while (stack.length > 0 && problems.length < MAX_REPORTED) {
    const entry = stack.pop()!;
    values += 1;
    if (values > INPUT_LIMITS.maxValues) {
      problems.push({
        path: '',
        code: 'input.too_large',
        message: `A bundle may hold at most ${INPUT_LIMITS.maxValues} values.`,
      });
      break;
    }
    const { value } = entry;
    if (typeof value === 'string') {
      if (value.length > INPUT_LIMITS.maxStringLength) {
        problems.push({
          path: pathOf(entry),
          code: 'input.too_large',
          message: `A text may have at most ${INPUT_LIMITS.maxStringLength} characters (this one has ${value.length}).`,
        });
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (entry.depth >= INPUT_LIMITS.maxDepth) {
      problems.push({
        path: pathOf(entry),
        code: 'input.too_deep',
        message: `The bundle nests deeper than ${INPUT_LIMITS.maxDepth} levels here.`,
      });
      continue;
    }
    const depth = entry.depth + 1;
    if (Array.isArray(value)) {
      if (value.length > INPUT_LIMITS.maxValues) {
        problems.push({
          path: pathOf(entry),
          code: 'input.too_large',
          message: `A list may hold at most ${INPUT_LIMITS.maxValues} entries.`,
        });
        continue;
      }
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i] as unknown, depth, parent: entry, segment: String(i) });
      continue;
    }
    const keys = Object.keys(value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i]!;
      if (key.length > INPUT_LIMITS.maxKeyLength) {
        problems.push({
          path: pathOf(entry),
          code: 'input.too_large',
          message: `A property name may have at most ${INPUT_LIMITS.maxKeyLength} characters (one here has ${key.length}).`,
        });
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], depth, parent: entry, segment: key });
    }
  }
  return problems;
}
