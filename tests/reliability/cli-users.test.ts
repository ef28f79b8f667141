/**
 * An administrator's first hour: the start says where the passwords went and who can connect, and
 * `flowcase users reset-password <name>` sets a new password (generated, `--password` or
 * `--password-stdin`) under the password rules and signs the account out everywhere, while the
 * server runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from '../../runtime/config.js';
import { printBootstrap } from '../../runtime/server.js';
import { Client } from './helpers/http-client.js';
import { DEMO_PASSWORD, ServerProcess } from './helpers/server-process.js';

let server: ServerProcess;
let http: Client;
let firstStart = '';

beforeAll(async () => {
  // HOST empty: the server picks its default.
  server = new ServerProcess({ env: { HOST: '' } });
  await server.start();
  firstStart = server.output();
  await server.stop('SIGTERM');
  await server.start();
  http = new Client(() => server.url);
}, 180_000);

afterAll(async () => {
  await server?.cleanup();
});

async function login(username: string, password: string): Promise<{ status: number; token?: string }> {
  const res = await http.raw<{ token?: string }>({
    method: 'POST',
    path: '/api/v1/auth/login',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return { status: res.status, ...(res.body?.token !== undefined ? { token: res.body.token } : {}) };
}

async function me(token: string): Promise<number> {
  return (
    await http.raw({ method: 'GET', path: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } })
  ).status;
}

describe('where the server listens', () => {
  it('is this machine only unless HOST says otherwise', () => {
    expect(readConfig({}).host).toBe('127.0.0.1');
    expect(readConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('says so when other machines can connect', () => {
    const lines: string[] = [];
    const report = { created: [], existing: ['admin'], unappliedSettings: [], installedTemplate: false };
    printBootstrap(report, 'http://localhost:3000', (line) => lines.push(line), '0.0.0.0');
    expect(lines.slice(-2)).toEqual([
      'Listening on every network interface (HOST=0.0.0.0): other machines can connect.',
      'Flowcase is serving http://localhost:3000  (API docs: http://localhost:3000/docs)',
    ]);
  });

  it('is said at start', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(firstStart).toContain(
      'Listening on 127.0.0.1 only: other machines cannot connect. Set HOST=0.0.0.0',
    );
  });
});

describe('what a start says about passwords', () => {
  it('the first start lists the accounts it created with their passwords and the reset command', () => {
    expect(firstStart).toMatch(
      /Accounts created on this start \(passwords are shown once; set a new one with `npx flowcase users reset-password <name>`\)/,
    );
    expect(firstStart).toContain(`desk         ${DEMO_PASSWORD}`);
    expect(firstStart).not.toMatch(/exist: their passwords/);
  });

  it('a later start names the existing accounts, how to reset one, and the password settings it did not apply', () => {
    const later = server.output().slice(firstStart.length);
    expect(later).not.toContain('Accounts created');
    expect(later).not.toContain(DEMO_PASSWORD);
    expect(later).toMatch(
      /Accounts admin, customer, desk, .* exist: their passwords were printed on the first start \(or set since\)\. Forgot one\? `npx flowcase users reset-password <name>` sets a new one\./,
    );
    expect(later).toContain('FLOWCASE_DEMO_PASSWORD is set but not applied');
    expect(later).toContain('FLOWCASE_ADMIN_PASSWORD is set but not applied');
  });
});

describe('flowcase users reset-password <name>', () => {
  it('prints a generated password that works, and signs the account out everywhere', async () => {
    const before = await login('desk', DEMO_PASSWORD);
    expect(before.status).toBe(200);
    expect(await me(before.token!)).toBe(200);

    const run = await server.cli(['users', 'reset-password', 'desk']);
    expect(run.output).toMatch(/New password for desk: \S{10,}\nEvery session of desk was signed out\./);
    expect(run.code).toBe(0);
    const password = /New password for desk: (\S+)/.exec(run.output)![1]!;

    expect(await me(before.token!)).toBe(401);
    expect((await login('desk', DEMO_PASSWORD)).status).toBe(401);
    expect((await login('desk', password)).status).toBe(200);
  }, 60_000);

  it('takes a password from --password or stdin without printing it', async () => {
    const given = await server.cli(['users', 'reset-password', 'tech', '--password', 'soldering-iron-42']);
    expect(given.code).toBe(0);
    expect(given.output).not.toContain('soldering-iron-42');
    expect((await login('tech', 'soldering-iron-42')).status).toBe(200);

    const piped = await server.cli(
      ['users', 'reset-password', 'TECH', '--password-stdin'],
      'multimeter-probe-7\n',
    );
    expect(piped.code).toBe(0);
    expect(piped.output).toContain('New password for tech\n');
    expect((await login('tech', 'multimeter-probe-7')).status).toBe(200);
    expect((await login('tech', 'soldering-iron-42')).status).toBe(401);
  }, 60_000);

  it('refuses a password the rules refuse, naming the option, and changes nothing', async () => {
    const run = await server.cli(['users', 'reset-password', 'qa', '--password', 'password123']);
    expect(run.code).toBe(1);
    expect(run.output).toContain(
      'FC_VALIDATION_FAILED: --password: This password is one of the most common ones',
    );
    expect((await login('qa', DEMO_PASSWORD)).status).toBe(200);
  }, 60_000);

  it('names an account that does not exist, and shows the usage for a missing name', async () => {
    const unknown = await server.cli(['users', 'reset-password', 'nobody']);
    expect(unknown.code).toBe(1);
    expect(unknown.output).toContain('There is no account named nobody.');
    const missing = await server.cli(['users', 'reset-password']);
    expect(missing.code).toBe(2);
    expect(missing.output).toContain('users reset-password <username> [--password P | --password-stdin]');
  }, 60_000);
});
