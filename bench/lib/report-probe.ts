/**
 * One fresh process on a seeded database: opens the store and the services as the server does,
 * then times one report scenario (its first call is the cold figure, then warm repeats) and prints
 * the figures as JSON on its last line. Run by bench/dashboards.ts, one process per scenario.
 *
 * npx tsx bench/lib/report-probe.ts <dataDir> dashboard|dashboard-live|widget30|analytics|export|export-one-thread|export-xlsx
 * (`export-one-thread`: the CSV formatted on the request's thread, as before export threads)
 */
import { Writable } from 'node:stream';
import { createAppService } from '../../runtime/apps/app-service.js';
import { VersionCache } from '../../runtime/apps/version-cache.js';
import { createCaseService } from '../../runtime/cases/case-service.js';
import type { Actor } from '../../runtime/cases/types.js';
import { systemClock } from '../../runtime/clock.js';
import { readConfig } from '../../runtime/config.js';
import { createReportService } from '../../runtime/reports/report-service.js';
import type { Services } from '../../runtime/services.js';
import { openStore } from '../../runtime/store/store.js';
import { median, nowMs } from './stats.js';

const APP = 'after_sales';
const DASHBOARD = 'service_overview';
const [dataDir, scenario] = process.argv.slice(2) as [string, string];
const WARM_RUNS = 5;

const config = { ...readConfig({}), dataDir, logLevel: 'silent' };
const store = await openStore({ dataDir, timeZone: config.timeZone });
const versions = new VersionCache(store);
const cases = createCaseService(store, systemClock, config, { versions });
const services: Services = {
  config,
  store,
  clock: systemClock,
  cases,
  apps: createAppService({ store, clock: systemClock, cases, versions }),
  versions,
};
const reports = createReportService(services, {
  rollups: scenario !== 'dashboard-live',
  ...(scenario === 'export-one-thread' ? { parallelExportFrom: Number.MAX_SAFE_INTEGER } : {}),
});
// The seeder makes the app's people; an administrator is made once here (the password is never used).
// Looked up by name: listing every user (100,000 at a million requests) would sit in this process's
// heap and count in the peak RSS measured below, which a server does not do.
const admin =
  (await store.getUserByUsername('bench-admin')) ??
  (await store.createUser({
    username: 'bench-admin',
    displayName: 'Bench admin',
    passwordHash: 'bench-no-login',
    roles: ['admin'],
    language: 'en',
  }));
const actor: Actor = { id: admin.id, username: admin.username, roles: admin.roles };

async function timed(fn: () => Promise<unknown>): Promise<{ cold: number; warm: number }> {
  let t = nowMs();
  await fn();
  const cold = nowMs() - t;
  const warm: number[] = [];
  for (let i = 0; i < WARM_RUNS; i++) {
    t = nowMs();
    await fn();
    warm.push(nowMs() - t);
  }
  return { cold, warm: median(warm) };
}

/** The last 30 local days up to the newest record. */
async function last30Days(): Promise<{ from: string; to: string }> {
  const newest = (await store.listRecords(APP, 'repair_request', { limit: 1 })).items[0];
  const to = new Intl.DateTimeFormat('en-CA', { timeZone: config.timeZone }).format(
    new Date(newest?.createdAt ?? Date.now()),
  );
  const from = new Date(Date.parse(`${to}T00:00:00Z`) - 29 * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

let out: Record<string, number> = {};
if (scenario === 'dashboard' || scenario === 'dashboard-live') {
  const r = await timed(() => reports.dashboard(APP, DASHBOARD, {}, actor));
  const widgets = (await reports.dashboard(APP, DASHBOARD, {}, actor)).widgets.length;
  out = { coldMs: r.cold, warmMs: r.warm, widgets };
} else if (scenario === 'widget30') {
  const range = await last30Days();
  const r = await timed(() => reports.widget(APP, DASHBOARD, 'by_status', range, {}, actor));
  out = { coldMs: r.cold, warmMs: r.warm };
} else if (scenario === 'analytics') {
  const r = await timed(() => reports.analytics(APP, 'repair', {}, actor));
  out = { coldMs: r.cold, warmMs: r.warm };
} else if (scenario === 'export' || scenario === 'export-one-thread' || scenario === 'export-xlsx') {
  const t = nowMs();
  // The process's CPU (every thread's) from here: startup not included.
  const cpu0 = process.cpuUsage();
  let bytes = 0;
  // The head line is written before any row: the first row is in the second write.
  let writes = 0;
  let firstRowMs = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      if (++writes === 2) firstRowMs = nowMs() - t;
      bytes += chunk.length;
      done();
    },
  });
  const run = await reports.prepareExport(
    APP,
    'repair_request',
    scenario === 'export-xlsx' ? 'xlsx' : 'csv',
    {},
    actor,
  );
  const rows = await run(sink);
  const ms = nowMs() - t;
  const cpu = process.cpuUsage(cpu0);
  out = {
    rows,
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    firstRowMs,
    rowsPerSec: (rows * 1000) / ms,
    steadyRowsPerSec: (rows * 1000) / (ms - firstRowMs),
    megabytes: bytes / 1024 / 1024,
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
} else {
  throw new Error(`unknown scenario ${scenario}`);
}
await reports.close();
await store.close();
console.log(JSON.stringify(out));
