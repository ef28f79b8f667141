/**
 * Shared by the definition-*.test.ts files: a fresh copy of the valid fixture bundle and a compact
 * view of validation results.
 */
import { readFileSync } from 'node:fs';
import { validateBundle } from '../../engine/definition/index.js';

/** Fixture data as tests poke at it: any property, any depth, mutated in place. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests edit the JSON freely
export type Loose = any;

const FIXTURE = readFileSync(new URL('./fixtures/minimal-bundle.json', import.meta.url), 'utf8');

/** A deep copy of tests/unit/fixtures/minimal-bundle.json, safe to mutate. */
export function validBundle(): Loose {
  return JSON.parse(FIXTURE);
}

/** The repair flow's nodes in a fresh bundle, with the bundle itself. */
export function withFlow(): { bundle: Loose; nodes: Loose; flow: Loose } {
  const bundle = validBundle();
  return { bundle, flow: bundle.flows[0], nodes: bundle.flows[0].nodes };
}

/** `{path, code}` of every problem, for exact comparisons. */
export function found(json: unknown): { path: string; code: string }[] {
  return validateBundle(json).map(({ path, code }) => ({ path, code }));
}
