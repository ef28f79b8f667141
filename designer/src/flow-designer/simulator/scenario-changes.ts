/**
 * What changed in a scenario's re-run, as parts the panel words in the designer's language (the
 * engine's own `changes` are English sentences naming node keys): a move that can no longer be
 * made, another status, another outcome, another path (where the two paths part).
 */
import type { ScenarioDef } from '../../../../engine/definition/types.js';
import type { ScenarioResult } from '../../../../engine/flow/simulator/index.js';

export type ScenarioChange =
  | { kind: 'move'; move: number; message: string }
  | { kind: 'status'; now: string; was: string }
  | { kind: 'outcome'; now: string | undefined; was: string | undefined }
  | { kind: 'path'; now: string[]; was: string[]; /** Index of the first node that differs. */ from: number };

export function scenarioChanges(scenario: ScenarioDef, result: ScenarioResult): ScenarioChange[] {
  if (result.passed) return [];
  if (result.error) return [{ kind: 'move', move: result.error.move, message: result.error.message }];
  const out: ScenarioChange[] = [];
  const { expect } = scenario;
  if (result.status !== expect.status) out.push({ kind: 'status', now: result.status, was: expect.status });
  if ((result.outcome ?? null) !== (expect.outcome ?? null))
    out.push({ kind: 'outcome', now: result.outcome, was: expect.outcome });
  if (result.path.join(' ') !== expect.path.join(' ')) {
    let from = 0;
    while (from < result.path.length && result.path[from] === expect.path[from]) from += 1;
    out.push({ kind: 'path', now: result.path, was: expect.path, from });
  }
  return out;
}
