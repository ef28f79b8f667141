/**
 * Streams a form's records as CSV or XLSX, chunk by chunk (`store.scanRecords`: one statement
 * stepped on a read-only connection, with the record list's filter, sort and access), so a
 * million-row export never holds more than a chunk of records in memory. Cells carry labels
 * (select options, related records' display values, users' names) through columns compiled once
 * per export (`export-columns.ts`). CSV starts with a BOM (Excel reads UTF-8 Chinese), neutralizes
 * formulas and is written in large pieces, each waiting for the reader to drain; XLSX comes from
 * exceljs's streaming writer, row by row.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { setImmediate } from 'node:timers/promises';
import type { FormDef } from '../../engine/index.js';
import type { ScanLabel, ScannedRecord, SortKey } from '../store/store.js';
import { exportColumns, exportLabels } from './export-columns.js';
import { writeCsvInParallel, type ParallelCsvExport } from './export-csv-parallel.js';
import { csvText } from './export-csv-text.js';
import { ExportRows } from './export-rows.js';
import type { Labeler } from './labels.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportQuery {
  filter?: unknown;
  sort?: SortKey[];
  /** A list view's columns, in its order (`exportColumns`); absent: every field. */
  columns?: string[];
}

export interface ExportContext {
  form: FormDef;
  labeler: Labeler;
  timeZone: string;
  /** The records to export (the record list's filter, sort and access) in chunks, with the `labels` the scan reads. */
  records(query: ExportQuery, labels: readonly ScanLabel[]): AsyncIterable<ScannedRecord[]>;
  /** Which of `labels` the scan reads beside each record (`Store.scanLabels`). */
  scanLabels(labels: readonly ScanLabel[]): Promise<boolean[]>;
  /** A CSV export on worker threads, where the store and the export's size call for one. */
  parallel?(
    query: ExportQuery,
    labels: readonly ScanLabel[],
    joined: readonly boolean[],
  ): Promise<Omit<ParallelCsvExport, 'head'> | undefined>;
}

/** An export's columns and rows, and the labels its scan reads. */
interface ExportPlan {
  rows: ExportRows;
  labels: ScanLabel[];
  joined: boolean[];
}

/**
 * CSV text gathered before one write: a few hundred rows, so a write (and its conversion to
 * bytes) is paid per piece rather than per chunk of records, and the piece stays small.
 */
const PIECE_CHARS = 256 * 1024;

/** Waits until `out` wants more; false when the reader went away (the export stops then). */
function drained(out: Writable): Promise<boolean> {
  if (out.destroyed) return Promise.resolve(false);
  if (!out.writableNeedDrain) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (): void => {
      out.off('drain', done);
      out.off('close', done);
      resolve(!out.destroyed);
    };
    out.on('drain', done);
    out.on('close', done);
  });
}

async function writeCsv(
  ctx: ExportContext,
  { rows, labels, joined }: ExportPlan,
  query: ExportQuery,
  out: Writable,
): Promise<number> {
  const head = '\ufeff' + rows.headers.map(csvText).join(',') + '\r\n';
  const parallel = await ctx.parallel?.(query, labels, joined);
  if (parallel) {
    const written = await writeCsvInParallel({ ...parallel, head }, out, drained);
    // Undefined: the threads could not begin (a long write held the lock); nothing was written.
    if (written !== undefined) return written;
  }
  out.write(head);
  let count = 0;
  let piece = '';
  for await (const chunk of ctx.records(query, labels)) {
    await rows.prepare(chunk);
    for (const r of chunk) piece += rows.csv(r) + '\r\n';
    count += chunk.length;
    if (piece.length >= PIECE_CHARS) {
      out.write(piece);
      piece = '';
      if (!(await drained(out))) return count;
    }
  }
  if (piece) out.write(piece);
  out.end();
  return count;
}

/**
 * Waits until the zip has taken the sheet XML exceljs gave it. exceljs's sheet stream (a StreamBuf)
 * writes 64 KB buffers into the zip entry ignoring \`write()\`'s answer, so with only a turn of
 * the event loop a million-row export held 1.8 GB of XML waiting for deflate. Internal to exceljs
 * (pinned at 4.4.0): without the fields this waits for nothing, as before.
 */
async function zipTookSheet(sheet: unknown): Promise<void> {
  const pipes = (sheet as { stream?: { pipes?: unknown } }).stream?.pipes;
  if (!Array.isArray(pipes)) return;
  // archiver's entry stream is readable-stream 2, which has no \`writableNeedDrain\` getter.
  for (const pipe of pipes as (Writable & { _writableState?: { needDrain?: boolean } })[]) {
    if ((pipe.writableNeedDrain ?? pipe._writableState?.needDrain) && !pipe.destroyed)
      await once(pipe, 'drain');
  }
}

async function writeXlsx(
  ctx: ExportContext,
  { rows, labels }: ExportPlan,
  query: ExportQuery,
  out: Writable,
): Promise<number> {
  // Loaded on the first XLSX export only: exceljs adds ~27 MB to a process that never writes one.
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet(ctx.labeler.localize(ctx.form.name) || ctx.form.key);
  sheet.addRow(rows.headers).commit();
  let count = 0;
  for await (const chunk of ctx.records(query, labels)) {
    await rows.prepare(chunk);
    for (const r of chunk) sheet.addRow(rows.sheet(r)).commit();
    count += chunk.length;
    // exceljs hands rows to its zip stream without backpressure; the scan never leaves the
    // microtask queue, so without a turn of the event loop zlib never runs and the rows pile up.
    await setImmediate();
    await zipTookSheet(sheet);
    if (!(await drained(out))) return count;
  }
  sheet.commit();
  await workbook.commit();
  return count;
}

/** Writes the export to `out` and ends it; returns the number of records written. */
export async function exportRecords(
  ctx: ExportContext,
  format: ExportFormat,
  query: ExportQuery,
  out: Writable,
): Promise<number> {
  const labels = exportLabels(ctx.form, ctx.labeler).map((l) => l.label);
  const joined = await ctx.scanLabels(labels);
  const plan = {
    rows: new ExportRows(exportColumns(ctx.form, ctx.labeler, joined, query.columns), ctx.labeler),
    labels,
    joined,
  };
  return format === 'csv' ? writeCsv(ctx, plan, query, out) : writeXlsx(ctx, plan, query, out);
}
