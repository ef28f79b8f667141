/**
 * The real server as a child process (`node bin/flowcase.mjs serve`) on a loopback port of its own
 * choosing (`PORT=0`), with its own data directory: start it, SIGKILL or SIGTERM it, start it again
 * on the same data. Also runs other CLI commands (`backup`, `install`) against the same data.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
export const ADMIN_PASSWORD = 'admin-password-1';
export const DEMO_PASSWORD = 'demo-password-1';
const READY = /Flowcase is serving (http:\/\/\S+)/;

/** The parent's environment without any Flowcase setting, so a CI `DATABASE_URL` never leaks in. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith('FLOWCASE_') || ['DATABASE_URL', 'PORT', 'HOST', 'SMTP_URL', 'LOG_LEVEL'].includes(k))
      continue;
    env[k] = v;
  }
  return env;
}

export interface ServerProcessOptions {
  /** Reuse a data directory (default: a fresh temp dir, removed by `cleanup`). */
  dataDir?: string;
  /** Extra environment (`FLOWCASE_WEBHOOK_ALLOW`, `FLOWCASE_WEBHOOK_ATTEMPTS` …). */
  env?: Record<string, string>;
}

export class ServerProcess {
  readonly dataDir: string;
  readonly dbFile: string;
  url = '';
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private log = '';
  /** How many times the server was started. */
  starts = 0;

  constructor(private readonly options: ServerProcessOptions = {}) {
    this.dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'flowcase-rel-'));
    this.dbFile = path.join(this.dataDir, 'flowcase.db');
  }

  env(): NodeJS.ProcessEnv {
    return {
      ...cleanEnv(),
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      FLOWCASE_DATA_DIR: this.dataDir,
      FLOWCASE_ADMIN_PASSWORD: ADMIN_PASSWORD,
      FLOWCASE_DEMO_PASSWORD: DEMO_PASSWORD,
      ...this.options.env,
    };
  }

  /** Starts `serve` and resolves with its URL once it listens. */
  async start(): Promise<string> {
    if (this.child) throw new Error('the server is already running');
    const child = spawn(process.execPath, ['bin/flowcase.mjs', 'serve'], {
      cwd: ROOT,
      env: this.env(),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    this.starts += 1;
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      const onData = (chunk: Buffer): void => {
        const text = chunk.toString();
        out += text;
        this.log = (this.log + text).slice(-20_000);
        const m = READY.exec(out);
        if (m) resolve(m[1]!.replace('localhost', '127.0.0.1'));
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) =>
        reject(new Error(`the server exited before listening (${code ?? signal}):\n${out}`)),
      );
      setTimeout(() => reject(new Error(`the server did not listen within 90 s:\n${out}`)), 90_000).unref();
    });
    this.url = url;
    return url;
  }

  /** SIGKILL (no chance to finish anything) or SIGTERM (clean shutdown); waits for the exit. */
  async stop(signal: 'SIGKILL' | 'SIGTERM' = 'SIGTERM'): Promise<void> {
    const child = this.child;
    if (!child) return;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await this.exited;
    this.child = undefined;
  }

  get running(): boolean {
    return this.child !== undefined;
  }

  /** The last 20 kB the server printed (for failure messages). */
  output(): string {
    return this.log;
  }

  /**
   * Runs another CLI command on the same data (e.g. `backup <file>`); resolves with its exit code and
   * output. `input`, when given, is written to its stdin.
   */
  cli(args: string[], input?: string): Promise<{ code: number | null; output: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, ['bin/flowcase.mjs', ...args], {
        cwd: ROOT,
        env: this.env(),
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end(input ?? '');
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      child.once('exit', (code) => resolve({ code, output }));
    });
  }

  async cleanup(): Promise<void> {
    await this.stop('SIGKILL');
    if (!this.options.dataDir) rmSync(this.dataDir, { recursive: true, force: true });
  }
}
