/**
 * Turns scanned records into export rows through the compiled columns. Each record's `data` is
 * walked once (its own keys, looked up in a key → column map) into one reused array of cells, so a
 * row allocates its line and nothing per column; absent fields stay empty. Labels the scan read
 * beside a record (`ScannedRecord.labels`) are used as they are; before a chunk's rows are made,
 * `prepare` loads the others: users' names and, per related form, one batched read of the display
 * values not yet cached.
 */
import type { ScannedRecord } from '../store/store.js';
import type { ExportColumn, SheetCell } from './export-columns.js';
import { csvText } from './export-csv-text.js';
import type { RelationDisplay } from './export-relations.js';
import type { Labeler } from './labels.js';

/** ID, created, created by come first and from the record itself, not its data. */
const RECORD_COLUMNS = 3;

export class ExportRows {
  readonly #columns: readonly ExportColumn[];
  readonly #createdBy: ExportColumn;
  /** A data key → its column's index. */
  readonly #index = new Map<string, number>();
  readonly #csv: ((value: unknown) => string)[];
  readonly #sheet: ((value: unknown) => SheetCell)[];
  readonly #line: string[];
  readonly #users: ExportColumn[];
  readonly #relations = new Map<RelationDisplay, ExportColumn[]>();
  /** Columns whose labels the scan reads, with their index in a row. */
  readonly #scanned: { at: number; column: ExportColumn; index: number; text: (label: string | number) => string }[] = [];

  constructor(
    columns: readonly ExportColumn[],
    private readonly labeler: Labeler,
  ) {
    this.#columns = columns;
    this.#createdBy = columns[2]!;
    columns.forEach((c, i) => {
      if (i >= RECORD_COLUMNS) this.#index.set(c.key, i);
      if (c.relation) this.#relations.set(c.relation, [...(this.#relations.get(c.relation) ?? []), c]);
      if (c.scanned) this.#scanned.push({ at: i, column: c, ...c.scanned });
    });
    this.#csv = columns.map((c) => c.csv);
    this.#sheet = columns.map((c) => c.sheet);
    this.#line = columns.map(() => '');
    this.#users = columns.filter((c) => c.field.type === 'user');
  }

  get headers(): string[] {
    return this.#columns.map((c) => c.header);
  }

  /** Loads the labels `rows` need that the scan did not read; call before making their lines. */
  async prepare(rows: readonly ScannedRecord[]): Promise<void> {
    // Every user's name once, unless the scan names them (then only the few it could not).
    if (this.#users.some((c) => !c.scanned)) await this.labeler.loadAllUsers();
    for (const c of this.#users) await this.labeler.prepare(c.field, this.#unlabelled(rows, c));
    for (const [display, columns] of this.#relations) await display.load(idsOf(columns.flatMap((c) => [...this.#unlabelled(rows, c)])));
  }

  /** The values of column `c` in `rows` whose label the scan did not read. */
  *#unlabelled(rows: readonly ScannedRecord[], c: ExportColumn): Generator<unknown> {
    const index = c.scanned?.index;
    for (const r of rows) {
      if (index !== undefined && r.labels?.[index] != null) continue;
      if (c === this.#createdBy) yield r.createdBy;
      else if (Object.hasOwn(r.data, c.key)) yield r.data[c.key];
    }
  }

  /** The label the scan read for the value of `at` in `r`, when there is one (an id, not empty). */
  #label(r: ScannedRecord, at: number, key: string, index: number): string | number | undefined {
    const label = r.labels?.[index];
    if (label === null || label === undefined) return undefined;
    const value = at === 2 ? r.createdBy : r.data[key];
    return typeof value === 'string' && value !== '' ? label : undefined;
  }

  /** One record as a CSV line, without its line break. */
  csv(r: ScannedRecord): string {
    const line = this.#line;
    line.fill('', RECORD_COLUMNS);
    line[0] = csvText(r.id);
    line[1] = csvText(r.createdAt);
    line[2] = this.#createdBy.csv(r.createdBy);
    this.#fill(r.data, line, this.#csv);
    for (const s of this.#scanned) {
      const label = this.#label(r, s.at, s.column.key, s.index);
      if (label !== undefined) line[s.at] = csvText(s.text(label));
    }
    return line.join(',');
  }

  /**
   * One record as XLSX cells (exceljs keeps the array until the row is committed). Absent fields
   * are holes, which exceljs skips, rather than nulls, for which it would make empty cells.
   */
  sheet(r: ScannedRecord): SheetCell[] {
    const cells = new Array<SheetCell>(this.#columns.length);
    cells[0] = r.id;
    cells[1] = r.createdAt;
    cells[2] = this.#createdBy.sheet(r.createdBy);
    this.#fill(r.data, cells, this.#sheet);
    for (const s of this.#scanned) {
      const label = this.#label(r, s.at, s.column.key, s.index);
      if (label !== undefined) cells[s.at] = s.text(label);
    }
    return cells;
  }

  /** Sets the cell of each present field of `data`. */
  #fill<T>(data: Record<string, unknown>, cells: T[], format: readonly ((value: unknown) => T)[]): void {
    // JSON.parse makes plain objects: `for … in` sees exactly their own keys.
    for (const key in data) {
      const i = this.#index.get(key);
      if (i === undefined) continue;
      const value = data[key];
      if (value !== null && value !== undefined) cells[i] = format[i]!(value);
    }
  }
}

function* idsOf(values: Iterable<unknown>): Generator<string> {
  for (const v of values) if (typeof v === 'string' && v !== '') yield v;
}
