/**
 * `npm run bench`: every figure of issue 4 in one run, side by side with its baselines and peers,
 * printed as one table (figure, value, unit, goal, ratio, met?) and written to
 * bench/results/latest.json. Each figure is the median of several runs (3; 1 with BENCH_QUICK=1).
 * Sizes: the data-size figures load issue 4's sizes, 1,000,000 records each with its instance,
 * 100,000 of them with an open task (5,000 with BENCH_QUICK=1, or BENCH_ROWS=<n> records); the
 * table names the sizes it measured. Dashboards, analytics and exports (issue 7)
 * run over a database the sample-data seeder made, cached under bench/seeded/ (bench/dashboards.ts).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EngineFigures } from './engine.bench.js';
import type { InteractionFigure } from './form-designer.bench.js';
import type { CanvasFigure } from './flow-canvas.bench.js';
import { dashboardFigures, dashboardRows } from './dashboards.js';
import { dashboardOneMillionFigures, dashboardOneMillionRows } from './dashboard-1m.bench.js';
import { csvWriterFigures } from './csv-writer.js';
import { migrationFigures } from './migration.bench.js';
import { loadAndMeasure } from './data-size.js';
import {
  BENCH_DIR,
  benchFile,
  dropPgSchema,
  durableRun,
  PG_SCHEMA,
  postgresAvailable,
  savedSnapshotBytes,
} from './durable.js';
import { bareLoad, flowcaseLoad, request, login, spawnServer } from './http.js';
import { handWrittenMachine, rawPostgresCommits, rawSqliteCommits } from './lib/baselines.js';
import { APP, FORM } from './lib/flagship.js';
import { bpmnPeer, xstatePeer } from './lib/peers.js';
import { PG_URL } from './lib/runtime-flagship.js';
import { BENCH_FULL, BENCH_QUICK, medianOf, nowMs } from './lib/stats.js';

const RUNS = BENCH_QUICK ? 1 : 3;
// Issue 4's sizes: 1,000,000 records (each with its instance) of which 100,000 wait in an inbox.
const ROWS = Number(process.env.BENCH_ROWS ?? (BENCH_QUICK ? 5_000 : 1_000_000));
const OPEN_TASKS = Math.min(ROWS, 100_000);
const scale = (n: number): number => Math.max(1, Math.round(BENCH_QUICK ? n / 3 : n));

interface Row {
  section: string;
  figure: string;
  value: number;
  unit: string;
  goal: string;
  ratio?: number;
  met?: boolean;
}

const rows: Row[] = [];
const raw: Record<string, unknown> = {};

function add(
  section: string,
  figure: string,
  value: number,
  unit: string,
  goal = '',
  extra: { ratio?: number; met?: boolean } = {},
): void {
  rows.push({ section, figure, value, unit, goal, ...extra });
}

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function fmt(n: number | undefined): string {
  if (n === undefined || Number.isNaN(n)) return '';
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 10) return n.toFixed(1);
  return n.toFixed(Math.abs(n) >= 1 ? 2 : 3);
}

function engineFigures(): EngineFigures {
  // A child process, so "cold" bundle validation really is the first call in a process.
  const script = fileURLToPath(new URL('./engine.bench.ts', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', script, '--json'], {
    encoding: 'utf8',
    env: process.env,
  });
  if (out.status !== 0) throw new Error(`engine bench failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as EngineFigures;
}

function flowCanvasFigures(): { nodes: number; figures: CanvasFigure[] } {
  // A child process, as the form designer's: its own server and browser on a 300-node flow.
  const script = fileURLToPath(new URL('./flow-canvas.bench.ts', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', script, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  if (out.status !== 0) throw new Error(`flow canvas bench failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as { nodes: number; figures: CanvasFigure[] };
}

function formDesignerFigures(): InteractionFigure[] {
  // A child process: it builds the designer when stale and drives its own server and browser.
  const script = fileURLToPath(new URL('./form-designer.bench.ts', import.meta.url));
  const out = spawnSync(process.execPath, ['--import', 'tsx', script, '--json'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: process.env,
  });
  if (out.status !== 0) throw new Error(`form designer bench failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim().split('\n').pop()!) as InteractionFigure[];
}

async function main(): Promise<void> {
  const started = nowMs();
  mkdirSync(BENCH_DIR, { recursive: true });
  log(
    `runs per figure: ${RUNS}; data size: ${ROWS.toLocaleString('en-US')} records and instances, ${OPEN_TASKS.toLocaleString('en-US')} open tasks; scratch: ${BENCH_DIR}`,
  );

  // 0. Engine (in memory).
  log('engine (in memory)');
  const engine = await medianOf(BENCH_QUICK ? 1 : 2, () => Promise.resolve({ ...engineFigures() }));
  raw.engine = engine;
  add('engine', 'flow steps, flagship flow in memory', engine.flowStepsPerSec, 'steps/s');
  add('engine', 'form validations, 20-field record', engine.formValidationsPerSec, 'validations/s');
  add('engine', 'rule evaluations', engine.ruleEvaluationsPerSec, 'evals/s');
  add('engine', 'template renders', engine.templateRendersPerSec, 'renders/s');
  add('engine', 'bundle validation, cold', engine.bundleValidationColdMs, 'ms');
  add('engine', 'bundle validation, warm', engine.bundleValidationWarmMs, 'ms');

  // 0b. The CSV export's writer against papaparse's unparse (in memory, bench/csv-writer.ts).
  log('CSV writer against papaparse unparse (in memory)');
  const csv = csvWriterFigures();
  raw.csvWriter = csv;
  const cw = `CSV writer (${csv.rows.toLocaleString('en-US')} export rows of 24 cells)`;
  add(cw, 'export writer to UTF-8, rows/s', csv.oursRowsPerSec, 'rows/s', '>= 1x papaparse', {
    ratio: csv.oursRowsPerSec / csv.papaRowsPerSec,
    met: csv.oursRowsPerSec >= csv.papaRowsPerSec,
  });
  add(cw, 'papaparse unparse to UTF-8, rows/s', csv.papaRowsPerSec, 'rows/s');
  add(cw, 'export writer to text, rows/s', csv.oursTextRowsPerSec, 'rows/s', '>= 1x papaparse', {
    ratio: csv.oursTextRowsPerSec / csv.papaTextRowsPerSec,
    met: csv.oursTextRowsPerSec >= csv.papaTextRowsPerSec,
  });
  add(cw, 'papaparse unparse to text, rows/s', csv.papaTextRowsPerSec, 'rows/s');

  // 0c. Moving open cases between versions (issue 23, bench/migration.bench.ts).
  log('migration apply: open cases moved onto a new version');
  const migration = await migrationFigures();
  raw.migration = migration;
  const mg = `Migration apply (${migration.instances.toLocaleString('en-US')} open cases, SQLite)`;
  add(mg, 'instances migrated per second', migration.perSec, 'instances/s', 'no case lost', {
    met: migration.moved === migration.instances && migration.failed === 0,
  });

  // 1 + 2. Durable steps, baselines and peers, SQLite.
  log('durable steps on SQLite (NORMAL, FULL), baselines and peers');
  const sqlite = await medianOf(RUNS, async (run) => {
    const f = (name: string): string => benchFile(`${name}-${run}.db`);
    const rawNormal = rawSqliteCommits(f('raw-normal'), 'NORMAL', scale(20_000));
    const rawFull = rawSqliteCommits(f('raw-full'), 'FULL', scale(600));
    const handNormal = handWrittenMachine(f('hand-normal'), 'NORMAL', scale(1000));
    const handFull = handWrittenMachine(f('hand-full'), 'FULL', scale(40));
    const xs = xstatePeer(f('xstate'), 'NORMAL', scale(500));
    const bp = await bpmnPeer(f('bpmn'), 'NORMAL', scale(6));
    const normal = await durableRun(
      { sqliteFile: f('flowcase-normal'), synchronous: 'NORMAL' },
      { instances: scale(30) },
    );
    const full = await durableRun(
      { sqliteFile: f('flowcase-full'), synchronous: 'FULL' },
      { instances: scale(15) },
    );
    const fullConcurrent = await durableRun(
      { sqliteFile: f('flowcase-full-concurrent'), synchronous: 'FULL' },
      { instances: scale(30), concurrency: 50, warmup: 1 },
    );
    return {
      rawNormal: rawNormal.perSec,
      rawFull: rawFull.perSec,
      handNormal: handNormal.stepsPerSec,
      handNormalP99: handNormal.p99,
      handFull: handFull.stepsPerSec,
      xstate: xs.stepsPerSec,
      xstateP99: xs.p99,
      xstateBytes: xs.stateBytes,
      bpmn: bp.stepsPerSec,
      bpmnBytes: bp.stateBytes,
      normalSteps: normal.stepsPerSec,
      normalInstances: normal.instancesPerSec,
      normalP50: normal.p50,
      normalP99: normal.p99,
      fullSteps: full.stepsPerSec,
      fullInstances: full.instancesPerSec,
      fullP50: full.p50,
      fullP99: full.p99,
      fullConcurrentSteps: fullConcurrent.stepsPerSec,
      fullConcurrentP99: fullConcurrent.p99,
    };
  });
  raw.sqlite = sqlite;
  const snapshotBytes = await savedSnapshotBytes(benchFile('snapshot-size.db'));
  const d = 'durable (SQLite WAL)';
  add(d, 'raw baseline: 1 UPDATE per commit, NORMAL', sqlite.rawNormal, 'commits/s');
  add(d, 'raw baseline: 1 UPDATE per commit, FULL', sqlite.rawFull, 'commits/s');
  add(d, 'hand-written machine (state + history row), NORMAL', sqlite.handNormal, 'steps/s');
  add(d, 'hand-written machine, FULL', sqlite.handFull, 'steps/s');
  add(
    d,
    'Flowcase steps, NORMAL (re-read per event)',
    sqlite.normalSteps,
    'steps/s',
    '>= 0.5x hand-written',
    { ratio: sqlite.normalSteps / sqlite.handNormal, met: sqlite.normalSteps / sqlite.handNormal >= 0.5 },
  );
  add(d, 'Flowcase instances, NORMAL (10 events each)', sqlite.normalInstances, 'instances/s');
  add(d, 'Flowcase p50 per event, NORMAL', sqlite.normalP50, 'ms');
  add(d, 'Flowcase p99 per event, NORMAL', sqlite.normalP99, 'ms', '<= 1 ms', { met: sqlite.normalP99 <= 1 });
  add(d, 'Flowcase steps, FULL, one event at a time', sqlite.fullSteps, 'steps/s', '>= 0.8x raw FULL', {
    ratio: sqlite.fullSteps / sqlite.rawFull,
    met: sqlite.fullSteps / sqlite.rawFull >= 0.8,
  });
  add(d, 'Flowcase instances, FULL', sqlite.fullInstances, 'instances/s');
  add(d, 'Flowcase p50 per event, FULL', sqlite.fullP50, 'ms');
  add(d, 'Flowcase p99 per event, FULL', sqlite.fullP99, 'ms', '<= 5 ms', { met: sqlite.fullP99 <= 5 });
  add(
    d,
    'Flowcase steps, FULL, 50 instances in flight',
    sqlite.fullConcurrentSteps,
    'steps/s',
    '>= 3x raw FULL (group commit)',
    {
      ratio: sqlite.fullConcurrentSteps / sqlite.rawFull,
      met: sqlite.fullConcurrentSteps / sqlite.rawFull >= 3,
    },
  );
  add(d, 'saved snapshot, largest write of the flagship flow', snapshotBytes, 'bytes', '<= 2048 bytes', {
    met: snapshotBytes <= 2048,
  });
  const p = 'peers (SQLite WAL NORMAL)';
  add(p, 'XState v5, getPersistedSnapshot saved per step', sqlite.xstate, 'steps/s');
  add(p, 'bpmn-engine, getState saved per step', sqlite.bpmn, 'steps/s');
  add(p, 'Flowcase / XState v5', sqlite.normalSteps / sqlite.xstate, 'x', '>= 1x', {
    ratio: sqlite.normalSteps / sqlite.xstate,
    met: sqlite.normalSteps / sqlite.xstate >= 1,
  });
  add(p, 'Flowcase / bpmn-engine', sqlite.normalSteps / sqlite.bpmn, 'x', '(about 80x expected)', {
    ratio: sqlite.normalSteps / sqlite.bpmn,
  });
  add(
    p,
    'state size: XState / bpmn-engine (largest)',
    sqlite.xstateBytes,
    'bytes',
    `bpmn-engine: ${Math.round(sqlite.bpmnBytes)} bytes`,
  );

  // 1. PostgreSQL.
  if (await postgresAvailable()) {
    log(`durable steps on PostgreSQL (schema ${PG_SCHEMA})`);
    try {
      const pgFigures = await medianOf(RUNS, async (run) => {
        const schema = `${PG_SCHEMA}_${run}`;
        try {
          const rawPg = await rawPostgresCommits(PG_URL, `${schema}_raw`, scale(2000));
          const flow = await durableRun({ databaseUrl: PG_URL, pgSchema: schema }, { instances: scale(10) });
          return {
            raw: rawPg.perSec,
            steps: flow.stepsPerSec,
            instances: flow.instancesPerSec,
            p50: flow.p50,
            p99: flow.p99,
          };
        } finally {
          await dropPgSchema(schema);
          await dropPgSchema(`${schema}_raw`);
        }
      });
      raw.postgres = pgFigures;
      const g = 'durable (PostgreSQL 15)';
      add(g, 'raw baseline: 1 UPDATE per commit', pgFigures.raw, 'commits/s');
      add(g, 'Flowcase steps, one event at a time', pgFigures.steps, 'steps/s', '(ratio to raw)', {
        ratio: pgFigures.steps / pgFigures.raw,
      });
      add(g, 'Flowcase instances', pgFigures.instances, 'instances/s');
      add(g, 'Flowcase p50 per event', pgFigures.p50, 'ms');
      add(g, 'Flowcase p99 per event', pgFigures.p99, 'ms');
    } catch (e) {
      log(`PostgreSQL figures failed: ${String(e)}`);
    }
  } else {
    log(`PostgreSQL not reachable at ${PG_URL}: skipped`);
  }

  // 3. HTTP.
  log('HTTP: real server and bare endpoint, 50 clients');
  const httpDuration = BENCH_QUICK ? 3000 : 6000;
  const flowcaseDir = path.join(BENCH_DIR, 'http-flowcase');
  const server = await spawnServer('flowcase', flowcaseDir);
  const bare = await spawnServer('bare', benchFile('http-bare.db'));
  let httpFigures: Record<
    'ours' | 'oursCompletions' | 'oursP50' | 'oursP99' | 'oursErrors' | 'bare' | 'bareP50' | 'bareP99',
    number
  >;
  try {
    httpFigures = await medianOf(RUNS, async () => {
      const ours = await flowcaseLoad(server.url, { clients: 50, durationMs: httpDuration });
      const b = await bareLoad(bare.url, { clients: 50, durationMs: httpDuration });
      return {
        ours: ours.requestsPerSec,
        oursCompletions: ours.completionsPerSec,
        oursP50: ours.p50,
        oursP99: ours.p99,
        oursErrors: ours.errors,
        bare: b.requestsPerSec,
        bareP50: b.p50,
        bareP99: b.p99,
      };
    });
  } finally {
    await server.stop();
    await bare.stop();
  }
  raw.http = httpFigures;
  const h = 'HTTP, 50 clients';
  add(h, 'bare fastify + 1 SQLite UPDATE per request', httpFigures.bare, 'req/s');
  add(h, 'bare endpoint p99', httpFigures.bareP99, 'ms');
  add(h, 'Flowcase requests (1 create + 7 completions per case)', httpFigures.ours, 'req/s', '>= 0.4x bare', {
    ratio: httpFigures.ours / httpFigures.bare,
    met: httpFigures.ours / httpFigures.bare >= 0.4,
  });
  add(h, 'Flowcase task completions', httpFigures.oursCompletions, 'req/s');
  add(h, 'Flowcase p50', httpFigures.oursP50, 'ms');
  add(h, 'Flowcase p99', httpFigures.oursP99, 'ms', '< 20 ms', { met: httpFigures.oursP99 < 20 });
  if (httpFigures.oursErrors > 0)
    add(h, 'Flowcase non-2xx answers (median per run)', httpFigures.oursErrors, 'requests', '0', {
      met: false,
    });

  // 4 + 5. Data size, then step speed over the grown instances table.
  log(
    `data size: loading ${ROWS.toLocaleString('en-US')} records and instances (${OPEN_TASKS.toLocaleString('en-US')} open tasks) through the store`,
  );
  const dataDir = path.join(BENCH_DIR, 'data-size');
  const size = await loadAndMeasure(dataDir, { records: ROWS, tasks: OPEN_TASKS });
  raw.dataSize = size;
  log('step speed with the grown instances table');
  const grown = await medianOf(RUNS, () => durableRun({ dataDir }, { instances: scale(30) }));
  raw.grown = grown;
  log('server RSS after loading');
  const rssServer = await spawnServer('flowcase', dataDir);
  let rss = Number.NaN;
  try {
    const token = await login(rssServer.url, 'admin');
    for (let i = 0; i < 5; i++) {
      await request(
        rssServer.url,
        'GET',
        `/api/v1/apps/${APP}/forms/${FORM}/records?limit=50`,
        undefined,
        token,
      );
      await request(rssServer.url, 'GET', '/api/v1/tasks?status=open', undefined, token);
    }
    rss = await rssServer.rss();
  } finally {
    await rssServer.stop();
  }
  const n = ROWS.toLocaleString('en-US');
  const s = `data size (${n} records)`;
  add(
    s,
    `bulk import as users run it (POST …/records/import, ${size.importRows.toLocaleString('en-US')} validated rows)`,
    size.importRowsPerSec,
    'rows/s',
    '>= 100,000 rows/s',
    { met: size.importRowsPerSec >= 100_000 },
  );
  add(
    s,
    "the store's write path alone (store.insertRecords, 1,000 per tx, no validation)",
    size.bulkRowsPerSec,
    'rows/s',
    '(import / store)',
    { ratio: size.importRowsPerSec / size.bulkRowsPerSec },
  );
  add(
    s,
    'raw baseline: the same rows, multi-row INSERTs, same table and indexes',
    size.rawBulkRowsPerSec,
    'rows/s',
    '(store / raw)',
    { ratio: size.bulkRowsPerSec / size.rawBulkRowsPerSec },
  );
  add(
    s,
    'raw baseline: the same rows without the secondary indexes',
    size.rawBulkNoIndexRowsPerSec,
    'rows/s',
    '(store / raw)',
    { ratio: size.bulkRowsPerSec / size.rawBulkNoIndexRowsPerSec },
  );
  add(
    s,
    `inbox, ${OPEN_TASKS.toLocaleString('en-US')} open tasks, store query, first page`,
    size.inboxStoreMs,
    'ms',
    '<= 5 ms',
    { met: size.inboxStoreMs <= 5 },
  );
  add(s, 'inbox, store query, deep page (keyset)', size.inboxDeepStoreMs, 'ms', '<= 5 ms', {
    met: size.inboxDeepStoreMs <= 5,
  });
  add(s, 'inbox as the API serves it (case service)', size.inboxServiceMs, 'ms', '<= 5 ms', {
    met: size.inboxServiceMs <= 5,
  });
  add(s, 'record list, first page of 50', size.listFirstPageMs, 'ms', '<= 5 ms', {
    met: size.listFirstPageMs <= 5,
  });
  add(s, 'record list, page of 50 at the middle (keyset)', size.listDeepPageMs, 'ms', '<= 5 ms', {
    met: size.listDeepPageMs <= 5,
  });
  add(s, 'filter status = repairing (select field), page of 50', size.filterSelectMs, 'ms', '<= 50 ms', {
    met: size.filterSelectMs <= 50,
  });
  add(s, 'filter quote_fee >= 990 and status = closed', size.filterRangeMs, 'ms', '<= 50 ms', {
    met: size.filterRangeMs <= 50,
  });
  add(s, 'server RSS after serving these lists', rss / 1024 / 1024, 'MB');
  const flat = grown.stepsPerSec / sqlite.normalSteps;
  add(
    s,
    `Flowcase steps, NORMAL, ${n} instances in the table`,
    grown.stepsPerSec,
    'steps/s',
    '>= 0.8x at 0 (flat)',
    { ratio: flat, met: flat >= 0.8 },
  );
  add(s, `p99 per event, ${n} instances in the table`, grown.p99, 'ms', '<= 1 ms', { met: grown.p99 <= 1 });

  // 6. Dashboards, process analytics and exports over a seeded database (bench/dashboards.ts).
  log('dashboards, analytics and exports over the seeded database');
  const dash = await dashboardFigures(log);
  raw.dashboards = dash;
  const ds = `dashboards and exports (${dash.records.toLocaleString('en-US')} seeded requests)`;
  for (const r of dashboardRows(dash))
    add(ds, r.figure, r.value, r.unit, r.goal ?? '', {
      ...(r.ratio !== undefined ? { ratio: r.ratio } : {}),
      ...(r.met !== undefined ? { met: r.met } : {}),
    });

  // 7. The form designer in Chromium on a 200-field form (issue 20, bench/form-designer.bench.ts).
  log('form designer in Chromium, 200-field form');
  const designer = formDesignerFigures();
  raw.formDesigner = designer;
  const fd = 'form designer, 200-field form (Chromium, input to next frame)';
  for (const f of designer) {
    add(fd, `${f.interaction}, median`, f.medianMs, 'ms');
    add(fd, `${f.interaction}, p95`, f.p95Ms, 'ms', '<= 50 ms', { ratio: f.ratio, met: f.ratio <= 1 });
    add(fd, `${f.interaction}, main-thread CPU p95`, f.cpuP95Ms, 'ms');
  }

  // 8. The flow canvas in Chromium on a 300-node flow (issue 21, bench/flow-canvas.bench.ts).
  log('flow canvas in Chromium, 300-node flow');
  const canvas = flowCanvasFigures();
  raw.flowCanvas = canvas;
  const fc = `flow canvas, ${canvas.nodes}-node flow (Chromium)`;
  for (const f of canvas.figures) {
    add(fc, `${f.figure}, median`, f.medianMs, 'ms');
    add(fc, `${f.figure}, p95`, f.p95Ms, 'ms', `<= ${f.budgetMs} ms`, { ratio: f.ratio, met: f.ratio <= 1 });
  }

  // 9. The six-widget dashboard a supervisor builds and an unsaved widget's preview (issue 22,
  // bench/dashboard-1m.bench.ts), over 1,000,000 requests (20,000 with BENCH_QUICK=1).
  log('six-widget dashboard and an unsaved widget preview');
  const six = await dashboardOneMillionFigures();
  raw.dashboardSix = six;
  const sx = `designed dashboard (${six.records.toLocaleString('en-US')} requests)`;
  for (const r of dashboardOneMillionRows(six))
    add(sx, r.figure, r.value, r.unit, r.goal, { ratio: r.ratio, met: r.met });

  print();
  const file = fileURLToPath(new URL('./results/latest.json', import.meta.url));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    `${JSON.stringify({ at: new Date().toISOString(), quick: BENCH_QUICK, full: BENCH_FULL, runs: RUNS, rows: ROWS, machine: { cpus: os.cpus().length, loadavg: os.loadavg(), node: process.version }, seconds: (nowMs() - started) / 1000, table: rows, raw }, null, 2)}\n`,
  );
  log(`wrote ${path.relative(process.cwd(), file)} in ${((nowMs() - started) / 1000).toFixed(0)} s`);
  rmSync(BENCH_DIR, { recursive: true, force: true });
}

function print(): void {
  const header = ['figure', 'value', 'unit', 'goal', 'ratio', 'met?'];
  const body = rows.map((r) => [
    `${r.section}: ${r.figure}`,
    fmt(r.value),
    r.unit,
    r.goal,
    r.ratio === undefined ? '' : `${fmt(r.ratio)}x`,
    r.met === undefined ? '' : r.met ? 'yes' : 'MISSED',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]): string =>
    `| ${cells.map((c, i) => (i === 1 || i === 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const b of body) console.log(line(b));
}

void main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
