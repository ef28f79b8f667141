/**
 * Starts Flowcase: opens the store, builds the services and the HTTP app, runs the timer scheduler
 * and the outbox worker, listens, and shuts down cleanly on SIGTERM/SIGINT (in-flight requests
 * finish, jobs stop between transactions, the database closes).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createAppService } from './apps/app-service.js';
import { VersionCache } from './apps/version-cache.js';
import { bootstrap, type BootstrapReport } from './bootstrap.js';
import { createCaseService } from './cases/case-service.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import { buildApp } from './http/app.js';
import { createOutboxWorker } from './jobs/outbox-worker.js';
import type { PollingJob } from './jobs/polling-job.js';
import { createStatisticsRefresh, STATISTICS_REFRESH_MS } from './jobs/statistics-refresh.js';
import { createTimerScheduler } from './jobs/timer-scheduler.js';
import { reportsFor } from './reports/report-service.js';
import type { Services } from './services.js';
import { openStore } from './store/store.js';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  url: string;
  report: BootstrapReport;
  jobs: { timers: PollingJob; outbox: PollingJob; statistics: PollingJob };
  close(): Promise<void>;
}

/** How long after listening the server warms the reports up. */
export const REPORTS_WARM_UP_AFTER_MS = 1000;

/** The webhook signing secret: the setting, or one generated once and kept in the data dir. */
function webhookSecret(config: Config): string {
  if (config.webhookSecret) return config.webhookSecret;
  const file = path.join(config.dataDir, 'webhook-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export async function startServer(
  config: Config,
  options: { clock?: Clock; listen?: boolean; jobs?: boolean; template?: string | null } = {},
): Promise<RunningServer> {
  mkdirSync(config.dataDir, { recursive: true });
  const clock = options.clock ?? systemClock;
  const cfg: Config = { ...config, webhookSecret: webhookSecret(config) };
  const store = await openStore({
    ...(cfg.databaseUrl ? { databaseUrl: cfg.databaseUrl } : {}),
    dataDir: cfg.dataDir,
    now: () => clock.now().toISOString(),
    timeZone: cfg.timeZone,
  });
  const versions = new VersionCache(store);
  const cases = createCaseService(store, clock, cfg, { versions });
  const apps = createAppService({ store, clock, cases, versions });
  const services: Services = { config: cfg, store, clock, cases, apps, versions };
  const app = await buildApp(services, { logger: { level: cfg.logLevel } });
  const report = await bootstrap(services, {
    demo: cfg.demo,
    ...(cfg.adminPassword ? { adminPassword: cfg.adminPassword } : {}),
    ...(options.template !== undefined ? { template: options.template } : {}),
  });
  await store.optimize();

  const owner = `${process.pid}-${randomUUID().slice(0, 8)}`;
  const timers = createTimerScheduler(store, cases, clock, app.log, owner);
  const outbox = createOutboxWorker({ store, cases, clock, config: cfg, log: app.log, owner });
  const statistics = createStatisticsRefresh(store, app.log, cfg.optimizeIntervalMs);
  if (options.jobs !== false) {
    timers.start();
    outbox.start();
    // The statistics were just refreshed above.
    statistics.start(cfg.optimizeIntervalMs ?? STATISTICS_REFRESH_MS);
  }
  let url = '';
  if (options.listen !== false) url = await app.listen({ port: cfg.port, host: cfg.host });

  let closing: Promise<void> | undefined;
  // A moment after the start, the reports ready what a first dashboard or widget preview would
  // otherwise wait for (see `warm`). Not at once: it takes the CPU for 0.1–0.5 s (more under load),
  // which the first pages after a restart should not wait for. A failure is the first report's.
  const warmUp = setTimeout(() => {
    if (closing) return;
    reportsFor(services)
      .warm()
      .catch((e: unknown) => app.log.warn({ err: e }, 'the report read connections did not open'));
  }, REPORTS_WARM_UP_AFTER_MS);
  warmUp.unref();
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      clearTimeout(warmUp);
      await app.close(); // stops accepting, lets in-flight requests finish
      await timers.stop();
      await outbox.stop();
      await statistics.stop();
      await store.close();
    })());
  return { app, services, url, report, jobs: { timers, outbox, statistics }, close };
}

/** The command that sets a new password for an account (printed wherever passwords are mentioned). */
export const RESET_PASSWORD_COMMAND = 'npx flowcase users reset-password <name>';

/**
 * What a start tells the operator: the template installed, the passwords of the accounts created now
 * (shown this once) or, on later starts, that those accounts exist and how to reset one, password
 * settings that were not applied, the URL, and who can reach it (`host`: this machine only unless
 * HOST names another address).
 */
export function printBootstrap(
  report: BootstrapReport,
  url: string,
  log: (line: string) => void = console.log,
  host?: string,
): void {
  if (report.installedTemplate) log('Installed the after-sales template (after_sales).');
  if (report.created.length > 0) {
    log(
      `Accounts created on this start (passwords are shown once; set a new one with \`${RESET_PASSWORD_COMMAND}\`):`,
    );
    for (const { username, password } of report.created) log(`  ${username.padEnd(12)} ${password}`);
  }
  if (report.existing.length > 0) {
    log(
      `Accounts ${report.existing.join(', ')} exist: their passwords were printed on the first start (or set since). Forgot one? \`${RESET_PASSWORD_COMMAND}\` sets a new one.`,
    );
  }
  for (const setting of report.unappliedSettings) {
    log(
      `${setting} is set but not applied: it sets the password of accounts a start creates, and changes no existing account (use \`${RESET_PASSWORD_COMMAND}\`).`,
    );
  }
  // Before the URL: that line is the one scripts wait for.
  if (host !== undefined) log(reachNote(host));
  if (url) log(`Flowcase is serving ${url}  (API docs: ${url}/docs)`);
}

/** Who can connect, for the start's last line. */
function reachNote(host: string): string {
  const loopback = host === 'localhost' || host === '::1' || /^127\./.test(host);
  if (loopback)
    return `Listening on ${host} only: other machines cannot connect. Set HOST=0.0.0.0 (or this machine's address) to serve them.`;
  const everywhere = host === '0.0.0.0' || host === '::';
  return `Listening on ${everywhere ? 'every network interface' : host} (HOST=${host}): other machines can connect.`;
}
