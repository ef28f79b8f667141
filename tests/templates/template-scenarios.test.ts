/**
 * Every shipped template's saved scenarios still run to their saved end along their saved path
 * (what `flowcase test <bundle.json>` checks), so a template edit that reroutes a case fails CI.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/definition/types.js';
import { validateBundle } from '../../engine/definition/validate-bundle.js';
import { runScenarios } from '../../engine/flow/simulator/index.js';

const DIR = join(import.meta.dirname, '../../templates');
const templates = readdirSync(DIR).filter((f) => f.endsWith('.json') && f !== 'index.json');

describe('template scenarios', () => {
  it.each(templates)('%s: valid, and every saved scenario passes', (file) => {
    const bundle = JSON.parse(readFileSync(join(DIR, file), 'utf8')) as AppBundle;
    expect(validateBundle(bundle)).toEqual([]);
    const failed = runScenarios(bundle).filter((r) => !r.passed);
    expect(failed.map((r) => ({ key: r.key, changes: r.changes }))).toEqual([]);
  });

  it('the after-sales template covers in warranty, a quote accepted and a quote declined', () => {
    const bundle = JSON.parse(readFileSync(join(DIR, 'after-sales.json'), 'utf8')) as AppBundle;
    const results = runScenarios(bundle);
    expect(results.map((r) => [r.key, r.passed, r.outcome])).toEqual([
      ['in_warranty', true, 'completed'],
      ['quote_accepted', true, 'completed'],
      ['quote_declined', true, 'declined'],
    ]);
    const [warranty, accepted, declined] = results;
    expect(warranty!.path).not.toContain('quote');
    expect(accepted!.path).toEqual(
      expect.arrayContaining(['quote', 'customer_decision', 'payment', 'repair']),
    );
    expect(declined!.path).toEqual(expect.arrayContaining(['mark_declined', 'return_device']));
    expect(declined!.path).not.toContain('repair');
  });
});
