/**
 * The project's lint guards, run through ESLint with the repository's own configuration on scratch
 * files written for the test (and removed after it): a cycle of real imports fails, a cycle closed
 * only by `import type` does not (types vanish at run time), and browser code may not import the
 * server or a Node library, however the path is spelled.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const id = randomBytes(4).toString('hex');
// Inside folders tsconfig.json includes, so the typed lint rules can read them; unique per run.
const cycleDir = path.join(repo, 'tests', 'unit', `lint-scratch-${id}`);
const browserFile = path.join(repo, 'ui', `lint-scratch-${id}.ts`);

function write(file: string, text: string): void {
  writeFileSync(file, text.trimStart());
}

async function ruleHits(files: string[], rule: string): Promise<string[]> {
  const eslint = new ESLint({ cwd: repo });
  const results = await eslint.lintFiles(files);
  return results.flatMap((r) =>
    r.messages
      .filter((m) => m.ruleId === rule)
      .map((m) => `${path.relative(repo, r.filePath)}:${m.line} ${m.message}`),
  );
}

beforeAll(() => {
  mkdirSync(cycleDir, { recursive: true });
  // a ⇄ b: both import a value of the other.
  write(
    path.join(cycleDir, 'value-a.ts'),
    `
import { b } from './value-b.js';
export const a = (): number => b + 1;
`,
  );
  write(
    path.join(cycleDir, 'value-b.ts'),
    `
import { a } from './value-a.js';
export const b = 1;
export const viaA = (): number => a();
`,
  );
  // c → d by value, d → c by type only: no cycle at run time.
  write(
    path.join(cycleDir, 'typed-c.ts'),
    `
import { d } from './typed-d.js';
export interface C { n: number }
export const c = (): number => d({ n: 1 });
`,
  );
  write(
    path.join(cycleDir, 'typed-d.ts'),
    `
import type { C } from './typed-c.js';
export const d = (x: C): number => x.n;
`,
  );
  write(
    browserFile,
    `
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import type { RecordRow } from '../runtime/store/types.js';
import { LocalizedText } from '../contract/index.js';
import { compileForm } from '../engine/form/index.js';
export const used = [readFileSync, sql, LocalizedText, compileForm] as const;
export type Used = RecordRow;
`,
  );
});

afterAll(() => {
  rmSync(cycleDir, { recursive: true, force: true });
  rmSync(browserFile, { force: true });
});

describe('lint guards', () => {
  it('fails a cycle of value imports and lets a cycle closed by `import type` pass', async () => {
    const hits = await ruleHits([cycleDir], 'import/no-cycle');
    const rel = path.relative(repo, cycleDir);
    expect(hits.filter((h) => h.includes('value-')).map((h) => h.split(' ')[0])).toEqual([
      `${rel}/value-a.ts:1`,
      `${rel}/value-b.ts:1`,
    ]);
    expect(hits.filter((h) => h.includes('typed-'))).toEqual([]);
  }, 180_000);

  it('refuses a browser file importing the server or a Node library; engine/ and contract/ are fine', async () => {
    const rel = path.relative(repo, browserFile);
    const libraries = await ruleHits([browserFile], 'no-restricted-imports');
    expect(libraries.map((h) => h.split(' ')[0])).toEqual([`${rel}:1`, `${rel}:2`]);
    const server = await ruleHits([browserFile], 'import/no-restricted-paths');
    expect(server.map((h) => h.split(' ')[0])).toEqual([`${rel}:3`]);
    expect(server[0]).toContain('never imports the server');
  }, 180_000);
});
