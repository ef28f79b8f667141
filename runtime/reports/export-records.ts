/**
 * Streams a form's records as CSV or XLSX, page by page (keyset pages of the record list, with its
 * filter, sort, access and redaction), writing each page as it arrives and waiting for the reader
 * to drain, so a million-row export never holds more than one page in memory. Cells carry labels
 * (select options, related records' display values, users' names). CSV starts with a BOM (Excel
 * reads UTF-8 Chinese) and neutralizes formulas; XLSX comes from exceljs's streaming writer.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FieldDef, FormDef } from '../../engine/index.js';
import type { Actor, CaseService } from '../cases/types.js';
import type { RecordRow, SortKey } from '../store/store.js';
import type { Labeler } from './labels.js';

export type ExportFormat = 'csv' | 'xlsx';

export interface ExportQuery {
  filter?: unknown;
  sort?: SortKey[];
}

export interface ExportContext {
  cases: CaseService;
  app: string;
  form: FormDef;
  actor: Actor;
  labeler: Labeler;
  timeZone: string;
}

const PAGE = 500;
/** Field types that are not one cell's worth of data. */
const SKIP = new Set<string>(['files']);
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell: quoted when needed; text a spreadsheet would run as a formula gets a leading `'`. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = typeof value === 'string' ? value : typeof value === 'boolean' ? String(value) : JSON.stringify(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) || text.startsWith("'") ? `"${text.replace(/"/g, '""')}"` : text;
}

interface ExportColumn {
  key: string;
  header: string;
  field: FieldDef;
  get(r: RecordRow): unknown;
}

function columnsOf(ctx: ExportContext): ExportColumn[] {
  const en = ctx.labeler.lang === 'en';
  const meta = (key: string, header: string, type: FieldDef['type'], get: (r: RecordRow) => unknown): ExportColumn => ({ key, header, field: { key, type, label: header }, get });
  return [
    meta('id', 'ID', 'text', (r) => r.id),
    meta('createdAt', en ? 'Created' : '创建时间', 'datetime', (r) => r.createdAt),
    meta('createdBy', en ? 'Created by' : '创建人', 'user', (r) => r.createdBy),
    ...ctx.form.fields
      .filter((f) => !SKIP.has(f.type))
      .map((f) => ({ key: f.key, header: ctx.labeler.localize(f.label) || f.key, field: f, get: (r: RecordRow) => (Object.hasOwn(r.data, f.key) ? r.data[f.key] : undefined) })),
  ];
}

/** Pages of the record list, as the actor sees it. */
async function* pages(ctx: ExportContext, query: ExportQuery): AsyncGenerator<RecordRow[]> {
  let cursor: string | undefined;
  do {
    const page = await ctx.cases.listRecords(ctx.app, ctx.form.key, { limit: PAGE, ...(query.filter !== undefined ? { filter: query.filter } : {}), ...(query.sort ? { sort: query.sort } : {}), ...(cursor ? { cursor } : {}) }, ctx.actor);
    yield page.items;
    cursor = page.nextCursor;
  } while (cursor);
}

async function labelled(ctx: ExportContext, columns: ExportColumn[], rows: RecordRow[]): Promise<(string | number | null)[][]> {
  for (const c of columns) if (c.field.type === 'relation' || c.field.type === 'user') await ctx.labeler.prepare(c.field, rows.map((r) => c.get(r)));
  return rows.map((r) => columns.map((c) => ctx.labeler.cell(c.field, c.get(r))));
}

async function drained(out: Writable): Promise<void> {
  if (out.writableNeedDrain) await once(out, 'drain');
}

/** Writes the export to `out` and ends it; returns the number of records written. */
export async function exportRecords(ctx: ExportContext, format: ExportFormat, query: ExportQuery, out: Writable): Promise<number> {
  const columns = columnsOf(ctx);
  let count = 0;
  if (format === 'csv') {
    out.write('\ufeff' + columns.map((c) => csvCell(c.header)).join(',') + '\r\n');
    for await (const rows of pages(ctx, query)) {
      const lines = (await labelled(ctx, columns, rows)).map((cells) => cells.map(csvCell).join(',') + '\r\n');
      out.write(lines.join(''));
      count += rows.length;
      await drained(out);
    }
    out.end();
    return count;
  }
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  const sheet = workbook.addWorksheet(ctx.labeler.localize(ctx.form.name) || ctx.form.key);
  sheet.addRow(columns.map((c) => c.header)).commit();
  for await (const rows of pages(ctx, query)) {
    for (const cells of await labelled(ctx, columns, rows)) sheet.addRow(cells).commit();
    count += rows.length;
    await drained(out);
  }
  sheet.commit();
  await workbook.commit();
  return count;
}
