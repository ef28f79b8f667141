/**
 * The CSV export's writer against papaparse's `unparse`, on the same cells: does the hand-written
 * writer (`runtime/reports/export-csv-text.ts` escapes each cell, `export-rows.ts` joins the line,
 * `csv-line-bytes.ts` encodes it into a reused buffer) still earn its place beside the library
 * the import reads with? Both get rows of already-formatted cells (labels, local times, numbers:
 * the part of an export both would share) shaped like an after-sales export, with the cells an
 * export must escape (commas, quotes, line breaks, text a spreadsheet would run as a formula), in
 * the export's 256-row chunks, and turn them into UTF-8 bytes; papaparse with `escapeFormulae`,
 * CRLF rows, as the export writes. Each file is read back with papaparse first, so both writers
 * are shown to write the same table.
 *
 * npx tsx bench/csv-writer.ts [--json]   (also part of `npm run bench`)
 */
import Papa from 'papaparse';
import { LineBytes } from '../runtime/reports/csv-line-bytes.js';
import { csvCell } from '../runtime/reports/export-csv-text.js';
import { BENCH_QUICK, median, nowMs } from './lib/stats.js';

/** Rows per chunk, as the export formats them (`export-records.ts`). */
const CHUNK = 256;
const ROWS = BENCH_QUICK ? 20_000 : 100_000;
const RUNS = BENCH_QUICK ? 3 : 5;

export interface CsvWriterFigures {
  rows: number;
  /** Rows per second, escaping, joining and encoding to UTF-8. */
  oursRowsPerSec: number;
  papaRowsPerSec: number;
  /** Rows per second to text only (no encoding): where the two differ most. */
  oursTextRowsPerSec: number;
  papaTextRowsPerSec: number;
}

type Cell = string | number;

/** A deterministic stand-in for the after-sales export's 24 columns. */
function exportRows(n: number): Cell[][] {
  const names = ['王小明', '李四, 王五', 'Zhang "Z" Wei', '赵六', 'Olivia Ops'];
  const notes = [
    '屏幕闪烁，开机后五分钟出现',
    'Customer says: "it was dropped"',
    'Two faults:\nscreen and battery',
    '=HYPERLINK("http://x")',
    '-ok',
    '',
  ];
  const rows: Cell[][] = [];
  for (let i = 0; i < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    rows.push([
      `0193a${i.toString(16).padStart(8, '0')}-7c2e-7000-8000-00000000abcd`,
      `2026-11-${day} 14:${String(i % 60).padStart(2, '0')}:07 +08:00`,
      names[i % names.length]!,
      `RMA-202611${day}-${String(i % 10_000).padStart(4, '0')}`,
      names[(i + 2) % names.length]!,
      `+86 139-0000-${String(i % 10_000).padStart(4, '0')}`,
      ['手机', '平板', 'Laptop'][i % 3]!,
      `Model ${i % 40}`,
      `SN${(i * 7919) % 1_000_003}`,
      i % 4 === 0 ? '是' : '否',
      notes[i % notes.length]!,
      ['寄修', '到店', 'On site'][i % 3]!,
      ['待受理', '维修中', '已完成', 'Closed'][i % 4]!,
      (i % 500) * 1.5,
      i % 9,
      `2026-11-${day}`,
      '张工',
      notes[(i + 3) % notes.length]!,
      (i % 97) * 10,
      ['微信', '支付宝', 'Cash'][i % 3]!,
      `2026-11-${day} 16:00:00 +08:00`,
      i % 5,
      notes[(i + 1) % notes.length]!,
      '周主管',
    ]);
  }
  return rows;
}

/** The export's way: each cell escaped, the line joined, encoded into the reused buffer per chunk. */
function ours(rows: readonly Cell[][], encode: boolean): number {
  const lines = new LineBytes();
  const line: string[] = new Array<string>(rows[0]!.length);
  let bytes = 0;
  let text = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const end = Math.min(rows.length, start + CHUNK);
    for (let r = start; r < end; r++) {
      const cells = rows[r]!;
      for (let c = 0; c < cells.length; c++) line[c] = csvCell(cells[c]);
      const joined = line.join(',');
      if (encode) lines.add(joined);
      else text += joined.length + 2;
    }
    if (encode) bytes += lines.take().length;
  }
  return encode ? bytes : text;
}

const encoder = new TextEncoder();

/** papaparse's way: one `unparse` per chunk, then the chunk's text encoded. */
function papa(rows: readonly Cell[][], encode: boolean): number {
  let size = 0;
  for (let start = 0; start < rows.length; start += CHUNK) {
    const text =
      Papa.unparse(rows.slice(start, start + CHUNK), { escapeFormulae: true, newline: '\r\n' }) + '\r\n';
    size += encode ? encoder.encode(text).length : text.length;
  }
  return size;
}

/**
 * Rows per second of `a` and `b`, timed in turn run after run so both see the same load on this
 * shared machine; the median run of each.
 */
function rates(a: () => number, b: () => number, rows: number): [number, number] {
  const ta: number[] = [];
  const tb: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    for (const [fn, times] of [
      [a, ta],
      [b, tb],
    ] as const) {
      const start = nowMs();
      fn();
      times.push(nowMs() - start);
    }
  }
  return [(rows * 1000) / median(ta), (rows * 1000) / median(tb)];
}

/** Both writers' text for `rows`, for reading back. */
function texts(rows: readonly Cell[][]): { ours: string; papa: string } {
  const lines: string[] = [];
  for (const cells of rows) lines.push(cells.map(csvCell).join(','));
  return {
    ours: lines.join('\r\n') + '\r\n',
    papa: Papa.unparse(rows as Cell[][], { escapeFormulae: true, newline: '\r\n' }) + '\r\n',
  };
}

export function csvWriterFigures(): CsvWriterFigures {
  const rows = exportRows(ROWS);
  const sample = texts(rows.slice(0, 600));
  const read = (text: string): string[][] =>
    Papa.parse<string[]>(text, { delimiter: ',', newline: '\r\n', skipEmptyLines: true }).data;
  if (JSON.stringify(read(sample.ours)) !== JSON.stringify(read(sample.papa)))
    throw new Error('The two writers wrote different tables; the bench would compare different work.');
  // Warm both before timing either.
  ours(rows.slice(0, 5000), true);
  papa(rows.slice(0, 5000), true);
  const [oursRowsPerSec, papaRowsPerSec] = rates(
    () => ours(rows, true),
    () => papa(rows, true),
    ROWS,
  );
  const [oursTextRowsPerSec, papaTextRowsPerSec] = rates(
    () => ours(rows, false),
    () => papa(rows, false),
    ROWS,
  );
  return { rows: ROWS, oursRowsPerSec, papaRowsPerSec, oursTextRowsPerSec, papaTextRowsPerSec };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = csvWriterFigures();
  if (process.argv.includes('--json')) console.log(JSON.stringify(f));
  else {
    const k = (n: number): string => `${Math.round(n / 1000)}k rows/s`;
    console.log(`CSV writer, ${f.rows.toLocaleString('en-US')} export rows of 24 cells, 256-row chunks:`);
    console.log(
      `  to UTF-8 bytes: ours ${k(f.oursRowsPerSec)}, papaparse unparse ${k(f.papaRowsPerSec)} (${(f.oursRowsPerSec / f.papaRowsPerSec).toFixed(2)}×)`,
    );
    console.log(
      `  to text:        ours ${k(f.oursTextRowsPerSec)}, papaparse unparse ${k(f.papaTextRowsPerSec)} (${(f.oursTextRowsPerSec / f.papaTextRowsPerSec).toFixed(2)}×)`,
    );
  }
}
