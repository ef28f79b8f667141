/**
 * `flowcase` runs from a bundle of its sources (bin/server-bundle.mjs) that is rebuilt whenever one
 * of the files it was built from changed, and from the sources through tsx when asked to. Every
 * other reliability test starts the server through the bundle.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, utimesSync, writeFileSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE, ROOT, bundle, bundleIsFresh } from '../../bin/server-bundle.mjs';

const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-bundle-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(
  args: string[],
  env: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, ['bin/flowcase.mjs', ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('the CLI bundle', () => {
  it('is stale when a file it was built from changed after it, and fresh once rebuilt', async () => {
    const entry = path.join(dir, 'entry.ts');
    const part = path.join(dir, 'part.ts');
    writeFileSync(part, 'export const answer: number = 42;\n');
    writeFileSync(entry, "import { answer } from './part.js';\nexport const doubled = answer * 2;\n");
    const out = path.join(dir, 'out', 'entry.mjs');
    await bundle(entry, out);
    expect(bundleIsFresh(out)).toBe(true);
    expect(((await import(pathToFileURL(out).href)) as { doubled: number }).doubled).toBe(84);

    // Saved a moment after the build started (and before the next one starts). File times keep
    // a millisecond as 0.999 of one, so the moment is well over a millisecond.
    const later = new Date(statSync(out).mtimeMs + 50);
    utimesSync(part, later, later);
    expect(bundleIsFresh(out)).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await bundle(entry, out);
    expect(bundleIsFresh(out)).toBe(true);

    rmSync(part);
    expect(bundleIsFresh(out)).toBe(false);
  });

  it('is not fresh without the list of its inputs', () => {
    const out = path.join(dir, 'lonely.mjs');
    writeFileSync(out, 'export {};\n');
    expect(bundleIsFresh(out)).toBe(false);
  });

  it('runs the CLI, leaving the bundle fresh, and lists every source it holds', () => {
    const run = cli(['validate', 'templates/after-sales.json']);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('templates/after-sales.json: valid');
    expect(run.status).toBe(0);
    expect(bundleIsFresh()).toBe(true);
    const inputs = JSON.parse(readFileSync(`${BUNDLE}.inputs.json`, 'utf8')) as string[];
    expect(inputs).toContain('runtime/cli.ts');
    expect(inputs).toContain('runtime/server.ts');
    expect(inputs.some((f) => f.startsWith('engine/'))).toBe(true);
    expect(inputs.some((f) => f.includes('node_modules'))).toBe(false);
  });

  it('runs the CLI from the sources through tsx with FLOWCASE_FROM_SOURCE=1', () => {
    const run = cli(['validate', 'templates/after-sales.json'], { FLOWCASE_FROM_SOURCE: '1' });
    expect(run.stdout).toContain('templates/after-sales.json: valid');
    expect(run.status).toBe(0);
  });

  it('reports a bad bundle the same way from both', () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, '{"forms": 3}');
    const bundled = cli(['validate', bad]);
    const source = cli(['validate', bad], { FLOWCASE_FROM_SOURCE: '1' });
    expect(bundled.status).toBe(1);
    expect(source.status).toBe(1);
    expect(bundled.stdout + bundled.stderr).toBe(source.stdout + source.stderr);
  });
});
