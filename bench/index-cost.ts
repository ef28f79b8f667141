/**
 * What the record table's indexes cost the writes: the after-sales repair request's index count,
 * durable steps of the flagship flow (SQLite, NORMAL) and the bulk import users run, over a table
 * of BENCH_INDEX_ROWS records (default 100,000; data-size.ts's loader). `npx tsx
 * bench/index-cost.ts [--json]`; bench/README.md compares the code before and after indexes
 * followed the design (issue 22), run alternately on the same machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { loadAndMeasure } from './data-size.js';
import { durableRun } from './durable.js';
import { APP, FORM } from './lib/flagship.js';

export interface IndexCostFigures {
  /** Indexes of the repair request table (the two fixed ones included). */
  indexes: number;
  stepsPerSec: number;
  p50: number;
  importRowsPerSec: number;
  bulkRowsPerSec: number;
  filterSelectMs: number;
  filterRangeMs: number;
}

function indexCount(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    const table = db
      .prepare('select id from form_tables where app_key = ? and form_key = ?')
      .get(APP, FORM) as { id: number } | undefined;
    if (!table) return -1;
    return (
      db
        .prepare("select count(*) as n from sqlite_master where type = 'index' and tbl_name = ?")
        .get(`form_${table.id}`) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

export async function indexCostFigures(rows: number, instances: number): Promise<IndexCostFigures> {
  const dir = mkdtempSync(path.join(tmpdir(), 'flowcase-index-cost-'));
  try {
    const stepsFile = path.join(dir, 'steps.db');
    const steps = await durableRun({ sqliteFile: stepsFile, synchronous: 'NORMAL' }, { instances });
    const indexes = indexCount(stepsFile);
    const size = await loadAndMeasure(dir, { records: rows, tasks: Math.min(rows, 10_000) });
    return {
      indexes,
      stepsPerSec: steps.stepsPerSec,
      p50: steps.p50,
      importRowsPerSec: size.importRowsPerSec,
      bulkRowsPerSec: size.bulkRowsPerSec,
      filterSelectMs: size.filterSelectMs,
      filterRangeMs: size.filterRangeMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await indexCostFigures(
    Number(process.env.BENCH_INDEX_ROWS ?? 100_000),
    Number(process.env.BENCH_INDEX_INSTANCES ?? 300),
  );
  if (process.argv.includes('--json')) console.log(JSON.stringify(figures));
  else console.table(figures);
}
