/**
 * The documented shell examples run as written. Every fenced `sh` block right after a
 * `<!-- readme-test -->` line is taken, from the README and then docs/api.md (where the repair
 * request over the API and the bulk import now live), in order, and the blocks run one after another
 * in one bash (later blocks use what earlier ones set, as in a reader's terminal) against a server
 * started as docs/api.md says (`FLOWCASE_DEMO_PASSWORD=try-flowcase-1`), with nothing else from this
 * process's environment but `FLOWCASE_URL` (the server's port is its own choice here).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, ServerProcess } from './helpers/server-process.js';

const MARKER = '<!-- readme-test -->';

/** The marked `sh` blocks of a Markdown text, in order. */
function markedBlocks(markdown: string): string[] {
  const lines = markdown.split('\n');
  const blocks: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() !== MARKER) continue;
    // The fence follows the marker, after blank lines if a formatter put one in between.
    let fence = i + 1;
    while (fence < lines.length && lines[fence]!.trim() === '') fence++;
    if (!/^```(sh|bash)\s*$/.test(lines[fence] ?? '')) continue;
    const body: string[] = [];
    for (i = fence + 1; i < lines.length && !lines[i]!.startsWith('```'); i++) body.push(lines[i]!);
    blocks.push(body.join('\n'));
  }
  return blocks;
}

function bash(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['-euo', 'pipefail', '-c', script], {
      cwd,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A reader's shell: PATH, HOME, locale; no Flowcase or database setting of this test process. */
function readerEnv(url: string): NodeJS.ProcessEnv {
  const keep = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR'];
  return {
    ...Object.fromEntries(keep.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    FLOWCASE_URL: url,
  };
}

/** The files whose marked blocks run, in this order (later blocks use what earlier ones set). */
const DOCUMENTS = ['README.md', 'docs/api.md'];
const blocks = DOCUMENTS.flatMap((file) => markedBlocks(readFileSync(path.join(ROOT, file), 'utf8')));
let server: ServerProcess;
let cwd: string;

beforeAll(async () => {
  server = new ServerProcess({ env: { FLOWCASE_DEMO_PASSWORD: 'try-flowcase-1' } });
  await server.start();
  cwd = mkdtempSync(path.join(tmpdir(), 'flowcase-readme-'));
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
  if (cwd) rmSync(cwd, { recursive: true, force: true });
});

describe('the README and docs/api.md examples', () => {
  it('are found: the repair request over the API and the bulk import', () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    const all = blocks.join('\n');
    for (const step of [
      '/auth/login',
      '/forms/repair_request/records',
      '/tasks?status=open',
      '/complete',
      '/records/import',
    ])
      expect(all).toContain(step);
  });

  it('run as written, one after another, and the repair request reaches the technician', async () => {
    const run = await bash(blocks.join('\n'), cwd, readerEnv(server.url));
    expect(run.stderr).toBe('');
    expect(run.code, run.stdout).toBe(0);
    const lines = run.stdout.trim().split('\n');
    // The fault categories, value and English label.
    expect(lines).toContain('phone\tMobile phone');
    expect(run.stdout).toMatch(/\{"rma_no":"RMA-\d{8}-\d{4}","status":"submitted"\}/);
    expect(run.stdout).toContain('{"status":"quoting","activeNodes":["quote"]}');
    expect(run.stdout).toContain('{"node":"quote","customer":"王小明"}');
    expect(run.stdout).toMatch(/\{"imported":2,"ids":\[/);
  }, 120_000);
});
