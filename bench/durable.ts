/**
 * Durable steps: the flagship flow end to end through the case service and the store (no HTTP),
 * on a SQLite file in WAL mode (`synchronous` NORMAL or FULL) or on PostgreSQL in its own schema.
 * Steps/s and instances/s are wall-clock over every event of `instances` instances; p50/p99 are
 * per event (one case-service call = one transaction).
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StoreOptions } from '../runtime/store/store.js';
import { EVENTS_PER_INSTANCE } from './lib/flagship.js';
import { PG_URL, removeSqlite, runtimeFlagship } from './lib/runtime-flagship.js';
import { Latencies, nowMs, pool } from './lib/stats.js';

export interface DurableFigures {
  stepsPerSec: number;
  instancesPerSec: number;
  p50: number;
  p99: number;
}

export const BENCH_DIR = path.join(tmpdir(), `flowcase-bench-${process.pid}`);

export function benchFile(name: string): string {
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, name);
  removeSqlite(file);
  return file;
}

export const PG_SCHEMA = `bench_${process.pid}`;

export async function dropPgSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${schema} cascade`);
  } finally {
    await client.end();
  }
}

/** Whether PostgreSQL answers at `PG_URL`. */
export async function postgresAvailable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Runs `instances` flagship instances (after `warmup` untimed ones) with `concurrency` instances
 * in flight at once (1 = one event at a time).
 */
export async function durableRun(
  store: StoreOptions,
  options: { instances: number; warmup?: number; concurrency?: number },
): Promise<DurableFigures> {
  const rt = await runtimeFlagship(store);
  try {
    for (let i = 0; i < (options.warmup ?? 3); i++) await rt.runInstance(-1 - i);
    const lat = new Latencies();
    const start = nowMs();
    await pool(options.instances, options.concurrency ?? 1, async (i) => {
      await rt.runInstance(i, lat);
    });
    const elapsed = nowMs() - start;
    return {
      stepsPerSec: (options.instances * EVENTS_PER_INSTANCE * 1000) / elapsed,
      instancesPerSec: (options.instances * 1000) / elapsed,
      p50: lat.p(0.5),
      p99: lat.p(0.99),
    };
  } finally {
    await rt.close();
  }
}

/** The largest snapshot the store saves for one flagship instance (bytes of the JSON written). */
export async function savedSnapshotBytes(file: string): Promise<number> {
  let largest = 0;
  const rt = await runtimeFlagship({
    sqliteFile: file,
    onQuery: (sql, parameters) => {
      if (/^insert into "instances"|^update "instances" set "snapshot"/.test(sql)) {
        const json = parameters.find((p) => typeof p === 'string' && p.startsWith('{"snapshotVersion"'));
        if (typeof json === 'string') largest = Math.max(largest, Buffer.byteLength(json));
      }
    },
  });
  try {
    await rt.runInstance(0);
  } finally {
    await rt.close();
  }
  return largest;
}
