/**
 * Golden cases: each `cases/<name>.case.json` (bundle, flow, record, script of events) is played
 * through `step`, and every step's snapshot, effects and record must equal the reviewed
 * `cases/<name>.expected.json`. After a deliberate change, regenerate with
 * `UPDATE_GOLDEN=1 npx vitest run tests/golden` and review the diff before committing it.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/index.js';
import { restoreSnapshot } from '../../engine/flow/index.js';
import { runCase, type GoldenCase, type StepOutcome } from './golden-runner.js';

const here = dirname(fileURLToPath(import.meta.url));
const casesDir = join(here, 'cases');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const people = readJson<Record<string, string[]>>(join(here, 'people.json'));
const update = process.env.UPDATE_GOLDEN === '1';

const caseNames = readdirSync(casesDir)
  .filter((f) => f.endsWith('.case.json'))
  .map((f) => f.replace(/\.case\.json$/, ''))
  .sort();

describe.each(caseNames)('golden case %s', (name) => {
  const golden = readJson<GoldenCase>(join(casesDir, `${name}.case.json`));
  const bundle = readJson<AppBundle>(join(here, golden.bundle));
  const expectedPath = join(casesDir, `${name}.expected.json`);

  const { world, outcomes } = runCase(golden, bundle, people);
  // Compare as JSON: what the runtime stores and sends.
  const actual = JSON.parse(JSON.stringify(outcomes)) as StepOutcome[];
  if (update) writeFileSync(expectedPath, JSON.stringify(actual, null, 2) + '\n');

  it(golden.description, () => {
    expect(
      existsSync(expectedPath),
      `${expectedPath} is missing; run with UPDATE_GOLDEN=1 and review it`,
    ).toBe(true);
    expect(actual).toEqual(readJson<StepOutcome[]>(expectedPath));
  });

  it('fails exactly the steps the script expects to fail, with the expected codes', () => {
    expect(outcomes.map((o) => o.error?.code ?? null)).toEqual(
      golden.script.map((s) => s.expectError ?? null),
    );
  });

  it('ends as the script says', () => {
    expect(world.snapshot.status).toBe(golden.final.status);
    expect(world.snapshot.outcome).toBe(golden.final.outcome);
    if (world.snapshot.status !== 'active') expect(world.snapshot.tasks).toEqual([]);
  });

  it('numbers history without gaps and keeps every snapshot small and restorable', () => {
    const seqs = outcomes.flatMap((o) =>
      (o.effects ?? []).flatMap((e) => (e.type === 'history' ? [e.event.seq] : [])),
    );
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    for (const o of outcomes) {
      if (!o.snapshot) continue;
      expect(JSON.stringify(o.snapshot).length).toBeLessThanOrEqual(2048);
      expect(restoreSnapshot(JSON.parse(JSON.stringify(o.snapshot)))).toStrictEqual(o.snapshot);
    }
  });
});

describe('golden bundles', () => {
  it.each([
    'repair-flow.bundle.json',
    'order-review.bundle.json',
    'subflow.bundle.json',
    'refund-signers.bundle.json',
  ])('%s is a valid flowcase/app@1 bundle', (file) => {
    expect(validateBundle(readJson<unknown>(join(here, file)))).toEqual([]);
  });
});
