/**
 * `flowcase export … | head`: a reader that closes the pipe before the export is done ends the
 * export quietly (exit 0, no EPIPE trace), and a full export still writes every row.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess } from './helpers/server-process.js';

let server: ServerProcess;

beforeAll(async () => {
  // The first start installs the after-sales template with its sample records and demo users.
  server = new ServerProcess();
  await server.start();
  await server.stop('SIGTERM');
}, 120_000);

afterAll(async () => {
  await server?.cleanup();
});

function exportTo(closeAtOnce: boolean): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/flowcase.mjs', 'export', 'after_sales', 'products'], {
      cwd: process.cwd(),
      env: server.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    if (closeAtOnce) child.stdout.destroy();
    else child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('flowcase export into a pipe', () => {
  it('stops quietly when the reader closes the pipe first', async () => {
    const run = await exportTo(true);
    expect(run.stderr).not.toMatch(/EPIPE|Error/);
    expect(run.code).toBe(0);
  }, 60_000);

  it('writes every row when the reader reads to the end', async () => {
    const run = await exportTo(false);
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\r\n').filter(Boolean);
    expect(lines[0]!.startsWith('\ufeff')).toBe(true);
    expect(lines.length).toBeGreaterThan(1);
  }, 60_000);
});
