/**
 * `flowcase test <bundle.json>`: re-runs a bundle's saved scenarios and prints pass/FAIL each, with
 * what changed; the exit code is 0 only when there are scenarios and all pass.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/definition/types.js';
import { testScenariosCommand } from '../../runtime/cli/test-scenarios.js';

const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-scenarios-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const afterSales = (): AppBundle =>
  JSON.parse(
    readFileSync(path.join(import.meta.dirname, '../../templates/after-sales.json'), 'utf8'),
  ) as AppBundle;

function run(bundle: unknown): { code: number; lines: string[] } {
  const file = path.join(dir, 'bundle.json');
  writeFileSync(file, JSON.stringify(bundle));
  const lines: string[] = [];
  const code = testScenariosCommand(file, (line) => lines.push(line));
  return { code, lines };
}

describe('flowcase test', () => {
  it('passes the after-sales template, one line per scenario', () => {
    const { code, lines } = run(afterSales());
    expect(code).toBe(0);
    expect(lines.slice(0, 4)).toEqual([
      'pass\tin_warranty\tdone (completed)',
      'pass\tquote_accepted\tdone (completed)',
      'pass\tquote_declined\tdone (declined)',
      'pass\tintake_rejected\tdone (rejected)',
    ]);
    const count = afterSales().scenarios!.length;
    expect(lines).toHaveLength(count + 1);
    expect(lines.at(-1)).toBe(`${path.join(dir, 'bundle.json')}: ${count} of ${count} scenario(s) pass`);
  });

  it('fails when a branch is changed, saying how the case now goes', () => {
    const bundle = afterSales();
    const check = bundle.flows[0]!.nodes.warranty_check;
    if (check?.type !== 'branch') throw new Error('warranty_check is a branch');
    check.cases[0]!.next = 'quote'; // in warranty now quotes too
    const { code, lines } = run(bundle);
    expect(code).toBe(1);
    expect(lines[0]).toBe('FAIL\tin_warranty\terror');
    expect(lines[1]).toMatch(/^\tMove 2 could not be made: No task is open at "repair"; open: quote\./);
    // Every scenario through the in-warranty branch now fails; those out of warranty still pass.
    const failed = lines.filter((l) => l.startsWith('FAIL\t')).map((l) => l.split('\t')[1]);
    expect(failed).toEqual(
      expect.arrayContaining(['in_warranty', 'qa_rework', 'intake_escalated', 'survey_escalated']),
    );
    expect(failed).not.toContain('quote_accepted');
    const count = bundle.scenarios!.length;
    expect(lines.at(-1)).toMatch(new RegExp(`: ${count - failed.length} of ${count} scenario\\(s\\) pass$`));
  });

  it('fails a bundle without scenarios, and a malformed scenario by its path', () => {
    const none = afterSales();
    delete none.scenarios;
    expect(run(none)).toMatchObject({ code: 1, lines: [expect.stringMatching(/: no scenarios$/)] });
    const bad = afterSales();
    (bad.scenarios![0] as unknown as Record<string, unknown>).expect = { status: 'finished', path: [] };
    const { code, lines } = run(bad);
    expect(code).toBe(1);
    expect(lines[0]).toMatch(/^\/scenarios\/0\/expect\/status\t/);
  });
});
