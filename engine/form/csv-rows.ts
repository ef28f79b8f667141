/**
 * A CSV file read into record data for an import: the first row names the columns, by field key
 * or by the field's label in either language (so an export of the form, which heads its columns
 * with labels, imports again). Cells become the values a form submission takes where the text is
 * unambiguous: numbers, yes/no words, select options by value or label. A cell that does not
 * convert is passed on as its text, and the form's own validation reports it at its row and
 * field, exactly as for a single record. An empty cell leaves the field out.
 *
 * The export's record columns (ID, created, created by) are skipped, and so are empty columns of
 * fields a cell cannot hold (tables, files, addresses); such a column with values, and a header
 * that names no field, are reported instead.
 */
import Papa from 'papaparse';
import type { FieldDef, FormDef, LocalizedText } from '../definition/types.js';

export interface CsvRows {
  rows: Record<string, unknown>[];
  /** Headers that name no field of the form (0-based column index). */
  unknownColumns: { index: number; header: string }[];
  /** Columns with values, of fields a CSV cell cannot hold. */
  unsupportedColumns: { index: number; field: string }[];
}

/** Headers the export writes for a record's own columns; an import leaves them to the server. */
const RECORD_COLUMNS = new Set([
  'id',
  'created',
  '创建时间',
  'created by',
  '创建人',
  'createdat',
  'createdby',
]);
const NOT_A_CELL = new Set(['table', 'files', 'address']);
const NUMBER_TYPES = new Set(['number', 'money', 'integer', 'rating']);
const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', '是', '对', '√']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '否', '不是', '×']);
const LIST_SEPARATOR = /\s*[,，;；、]\s*/;

/** A file CSV cannot read: where (0-based row of the file's non-blank rows, header included, and column) and why. */
export interface CsvSyntaxError {
  row: number;
  column: number;
  code: 'csv.unclosed_quote' | 'csv.stray_quote';
}

export interface CsvTable {
  /** The non-blank rows, the header first. */
  rows: string[][];
  errors: CsvSyntaxError[];
}

/**
 * Reads `text` with papaparse (the same code in the server and the browser): RFC 4180 quoted
 * cells with commas, doubled quotes and line breaks inside, a leading BOM, and lines that are
 * blank or only spaces skipped. Line breaks are read as `\n` wherever they stand, so a file whose
 * rows end in CRLF and whose cells break lines with LF (a spreadsheet's export edited by hand)
 * reads as one table. A quote that opens a cell and never closes swallows the rest of the file,
 * so any syntax error makes the whole file unreadable, reported at its row and column.
 */
export function parseCsv(text: string): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/\r\n?/g, '\n'), {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: 'greedy',
  });
  const errors: CsvSyntaxError[] = [];
  const seen = new Set<number>();
  for (const e of parsed.errors) {
    const row = e.row ?? parsed.data.length - 1;
    // papaparse reports a malformed closing quote and the unclosed cell it leads to at one place.
    if (e.type !== 'Quotes' || seen.has(row)) continue;
    seen.add(row);
    errors.push({
      row,
      // The cell in error is the last one read on its row: the quote took the rest of the file.
      column: Math.max(0, (parsed.data[row]?.length ?? 1) - 1),
      code: e.code === 'MissingQuotes' ? 'csv.unclosed_quote' : 'csv.stray_quote',
    });
  }
  return { rows: parsed.data, errors };
}

/**
 * A syntax error in people's words: the row (data rows from 1, as the import's other problems
 * count them) and the column, with its header when the error is below the header row. Beside
 * the reader, so a browser that reads a file first can say it in the server's words.
 */
export function csvSyntaxMessage(e: CsvSyntaxError, header: string | undefined, lang: 'en' | 'zh'): string {
  const name = e.row === 0 ? undefined : header?.trim().slice(0, 60);
  const c = e.column + 1;
  if (lang === 'en') {
    const where = `${e.row === 0 ? 'Header' : `Row ${e.row}`}, column ${c}${name ? ` (${name})` : ''}`;
    return e.code === 'csv.unclosed_quote'
      ? `${where}: a quoted cell has no closing quote, so the rest of the file cannot be read.`
      : `${where}: a quoted cell has text after its closing quote (write a quote inside a quoted cell as "").`;
  }
  const where = `${e.row === 0 ? '表头' : `第 ${e.row} 行`}第 ${c} 列${name ? `（${name}）` : ''}`;
  return e.code === 'csv.unclosed_quote'
    ? `${where}：引号内的单元格没有结束引号，文件其余部分无法读取。`
    : `${where}：引号单元格的结束引号后还有文字（引号内的引号请写作 ""）。`;
}

function labels(text: LocalizedText | undefined): string[] {
  if (text === undefined) return [];
  return typeof text === 'string'
    ? [text]
    : [text.en, text.zh].filter((t): t is string => typeof t === 'string');
}

const norm = (s: string): string => s.trim().toLowerCase();

/** The field a header names: its key first, then its label in either language. */
function fieldFor(form: FormDef, header: string): FieldDef | undefined {
  const h = norm(header);
  return (
    form.fields.find((f) => norm(f.key) === h) ??
    form.fields.find((f) => labels(f.label).some((l) => norm(l) === h))
  );
}

function option(field: FieldDef, text: string): unknown {
  const t = norm(text);
  const found =
    field.options?.find((o) => norm(String(o.value)) === t) ??
    field.options?.find((o) => labels(o.label).some((l) => norm(l) === t));
  return found ? found.value : text;
}

/** Local time with its offset, as an export writes instants: `2026-12-06 23:14:14 +08:00`. */
const LOCAL_TIME = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2})?(?:\.\d{1,3})?) ?([+-]\d{2}:\d{2}|Z)$/;

/** A cell of a datetime field: local time with an offset becomes the ISO instant it names. */
function instant(text: string): string {
  const m = LOCAL_TIME.exec(text.trim());
  if (!m) return text;
  const ms = new Date(`${m[1]}T${m[2]}${m[3]}`).getTime();
  return Number.isNaN(ms) ? text : new Date(ms).toISOString();
}

/** The value a submission takes for one non-empty cell of `field`. */
function cellValue(field: FieldDef, text: string): unknown {
  if (NUMBER_TYPES.has(field.type)) {
    const n = Number(text.replace(/[,\s]/g, ''));
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (field.type === 'boolean') {
    const t = norm(text);
    return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : text;
  }
  if (field.type === 'select') return option(field, text);
  if (field.type === 'datetime') return instant(text);
  if (field.type === 'multiselect')
    return text
      .split(LIST_SEPARATOR)
      .filter((p) => p !== '')
      .map((p) => option(field, p));
  return text;
}

/** Record data for each row after the header row of `table`. */
export function csvRows(form: FormDef, table: readonly (readonly string[])[]): CsvRows {
  const [header = [], ...body] = table;
  const unknownColumns: CsvRows['unknownColumns'] = [];
  const unsupportedColumns: CsvRows['unsupportedColumns'] = [];
  const columns: (FieldDef | undefined)[] = header.map((h, index) => {
    if (h.trim() === '' || RECORD_COLUMNS.has(norm(h))) return undefined;
    const field = fieldFor(form, h);
    if (!field) unknownColumns.push({ index, header: h });
    // An export has these columns too; left empty they are no reason to refuse the file.
    else if (NOT_A_CELL.has(field.type)) {
      if (body.some((cells) => (cells[index] ?? '').trim() !== ''))
        unsupportedColumns.push({ index, field: field.key });
    } else return field;
    return undefined;
  });
  const rows = body.map((cells) => {
    const data: Record<string, unknown> = {};
    columns.forEach((field, i) => {
      const text = cells[i] ?? '';
      if (field && text.trim() !== '') data[field.key] = cellValue(field, text);
    });
    return data;
  });
  return { rows, unknownColumns, unsupportedColumns };
}
