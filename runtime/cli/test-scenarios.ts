/**
 * `flowcase test <bundle.json>`: re-runs every scenario saved in a bundle with the engine's
 * simulator and prints, per scenario, whether its end and path are still the ones saved.
 */
import { readFileSync } from 'node:fs';
import type { AppBundle } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { runScenarios } from '../../engine/flow/simulator/index.js';

/** Exit code 0 when every scenario passes (and there is at least one), 1 otherwise. */
export function testScenariosCommand(file: string, print: (line: string) => void): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    print(`${file}: not readable JSON: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  // Scenarios are read only from a bundle whose shape is right; the flows' own problems are the
  // simulator's to report, per scenario.
  const shape = validateBundle(json).filter((p) => p.path === '' || p.path.startsWith('/scenarios'));
  if (shape.length > 0) {
    for (const p of shape) print(`${p.path || '/'}\t${p.code}\t${p.message}`);
    return 1;
  }
  const results = runScenarios(json as AppBundle);
  if (results.length === 0) {
    print(`${file}: no scenarios`);
    return 1;
  }
  for (const r of results) {
    print(`${r.passed ? 'pass' : 'FAIL'}\t${r.key}\t${r.status}${r.outcome ? ` (${r.outcome})` : ''}`);
    for (const change of r.changes) print(`\t${change}`);
  }
  const failed = results.filter((r) => !r.passed).length;
  print(`${file}: ${results.length - failed} of ${results.length} scenario(s) pass`);
  return failed === 0 ? 0 : 1;
}
