/**
 * The one way API tests get a server: a fresh SQLite store in a temp dir, the real services, the
 * HTTP app (not listening; use `app.inject`), and an `admin` user. `login` returns a bearer token.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAppService } from '../../../runtime/apps/app-service.js';
import { VersionCache } from '../../../runtime/apps/version-cache.js';
import { hashPassword } from '../../../runtime/auth/passwords.js';
import { createCaseService } from '../../../runtime/cases/case-service.js';
import type { CaseService } from '../../../runtime/cases/types.js';
import { ManualClock } from '../../../runtime/clock.js';
import { readConfig, type Config } from '../../../runtime/config.js';
import { buildApp, type BuildAppOptions } from '../../../runtime/http/app.js';
import type { Services } from '../../../runtime/services.js';
import { openStore, type Store, type UserRow } from '../../../runtime/store/store.js';

export const ADMIN_PASSWORD = 'admin-password-1';

export interface BuildOptions {
  clock?: ManualClock;
  config?: Partial<Config>;
  /** Replaces the real case service (default: `createCaseService`). */
  cases?: (store: Store, clock: ManualClock, config: Config) => CaseService;
  app?: BuildAppOptions;
  /** A PostgreSQL URL (`postgres://…`); SQLite in a temporary folder otherwise. */
  databaseUrl?: string;
  /** Called before the app is ready, e.g. to add a test-only route. */
  extend?: (app: FastifyInstance) => void | Promise<void>;
}

export interface Built {
  app: FastifyInstance;
  services: Services;
  store: Store;
  clock: ManualClock;
  dataDir: string;
  admin: UserRow;
  /** A bearer token for the user; fails the test when login does not answer 200. */
  login(username: string, password: string): Promise<string>;
  /** Creates a user straight in the store (no role checks) and returns a bearer token for them. */
  userWithRoles(
    username: string,
    roles: string[],
    password?: string,
  ): Promise<{ user: UserRow; token: string }>;
  close(): Promise<void>;
}

export async function build(options: BuildOptions = {}): Promise<Built> {
  const clock = options.clock ?? new ManualClock();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'flowcase-api-'));
  const config: Config = { ...readConfig({}), dataDir, logLevel: 'silent', ...options.config };
  const store = await openStore({
    dataDir,
    now: () => clock.now().toISOString(),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const versions = new VersionCache(store);
  const cases = options.cases
    ? options.cases(store, clock, config)
    : createCaseService(store, clock, config, { versions });
  const apps = createAppService({ store, clock, cases, versions });
  const services: Services = { config, store, clock, cases, apps, versions };
  const app = await buildApp(services, { logger: false, ...options.app });
  await options.extend?.(app);
  await app.ready();
  const admin = await store.createUser({
    username: 'admin',
    displayName: 'Administrator',
    passwordHash: await hashPassword(ADMIN_PASSWORD),
    roles: ['admin'],
    language: 'en',
  });

  async function login(username: string, password: string): Promise<string> {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { username, password },
    });
    if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
    return res.json<{ token: string }>().token;
  }

  return {
    app,
    services,
    store,
    clock,
    dataDir,
    admin,
    login,
    async userWithRoles(username, roles, password = `${username}-password`) {
      const user = await store.createUser({
        username,
        displayName: username,
        passwordHash: await hashPassword(password),
        roles,
        language: 'en',
      });
      return { user, token: await login(username, password) };
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `{ authorization: 'Bearer …' }` */
export function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}
