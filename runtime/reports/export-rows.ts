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

/**
 * ID, created, created by come from the record itself, not its data: first in a whole export, where
 * a list view puts them (or nowhere) in a view's.
 */
export class ExportRows {
  readonly #columns: readonly ExportColumn[];
  readonly #createdBy: ExportColumn | undefined;
  readonly #idAt: number;
  readonly #createdAt: number;
  readonly #createdByAt: number;
  /** A data key → its column's index. */
  readonly #index = new Map<string, number>();
  readonly #csv: ((value: unknown) => string)[];
  readonly #sheet: ((value: unknown) => SheetCell)[];
  readonly #line: string[];
  readonly #users: ExportColumn[];
  readonly #relations = new Map<RelationDisplay, ExportColumn[]>();
  /** Per column, where the scan reads its label (`ScannedRecord.labels`), or -1. */
  readonly #labelAt: number[];
  /** Per column, the text of its label (for columns with a `labelAt`). */
  readonly #labelText: (((label: string | number) => string) | undefined)[];

  constructor(
    columns: readonly ExportColumn[],
    private readonly labeler: Labeler,
  ) {
    this.#columns = columns;
    this.#idAt = columns.findIndex((c) => c.record === 'id');
    this.#createdAt = columns.findIndex((c) => c.record === 'createdAt');
    this.#createdByAt = columns.findIndex((c) => c.record === 'createdBy');
    this.#createdBy = columns[this.#createdByAt];
    columns.forEach((c, i) => {
      if (!c.record) this.#index.set(c.key, i);
      if (c.relation) this.#relations.set(c.relation, [...(this.#relations.get(c.relation) ?? []), c]);
    });
    this.#labelAt = columns.map((c) => c.scanned?.index ?? -1);
    this.#labelText = columns.map((c) => c.scanned?.text);
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
    for (const [display, columns] of this.#relations)
      await display.load(idsOf(columns.flatMap((c) => [...this.#unlabelled(rows, c)])));
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

  /** The label the scan read for `value` of column `at`, when there is one (an id, not empty). */
  #label(labels: ScannedRecord['labels'], at: number, value: unknown): string | undefined {
    const index = this.#labelAt[at]!;
    if (index < 0 || typeof value !== 'string' || value === '') return undefined;
    const label = labels?.[index];
    return label === null || label === undefined ? undefined : this.#labelText[at]!(label);
  }

  /** One record as a CSV line, without its line break. */
  csv(r: ScannedRecord): string {
    const line = this.#line;
    line.fill('');
    if (this.#idAt >= 0) line[this.#idAt] = csvText(r.id);
    if (this.#createdAt >= 0) line[this.#createdAt] = this.#columns[this.#createdAt]!.csv(r.createdAt);
    if (this.#createdBy) {
      const by = this.#label(r.labels, this.#createdByAt, r.createdBy);
      line[this.#createdByAt] = by === undefined ? this.#createdBy.csv(r.createdBy) : csvText(by);
    }
    this.#fill(r, line, this.#csv, csvText);
    return line.join(',');
  }

  /**
   * One record as XLSX cells (exceljs keeps the array until the row is committed). Absent fields
   * are holes, which exceljs skips, rather than nulls, for which it would make empty cells.
   */
  sheet(r: ScannedRecord): SheetCell[] {
    const cells = new Array<SheetCell>(this.#columns.length);
    if (this.#idAt >= 0) cells[this.#idAt] = r.id;
    if (this.#createdAt >= 0) cells[this.#createdAt] = this.#columns[this.#createdAt]!.sheet(r.createdAt);
    if (this.#createdBy)
      cells[this.#createdByAt] =
        this.#label(r.labels, this.#createdByAt, r.createdBy) ?? this.#createdBy.sheet(r.createdBy);
    this.#fill(r, cells, this.#sheet, (text) => text);
    return cells;
  }

  /** Sets the cell of each present field of `r.data`: its label when the scan read one, else its formatted value. */
  #fill<T>(
    r: ScannedRecord,
    cells: T[],
    format: readonly ((value: unknown) => T)[],
    labelled: (text: string) => T,
  ): void {
    const data = r.data;
    // JSON.parse makes plain objects: `for … in` sees exactly their own keys.
    for (const key in data) {
      const i = this.#index.get(key);
      if (i === undefined) continue;
      const value = data[key];
      if (value === null || value === undefined) continue;
      const label = this.#labelAt[i]! < 0 ? undefined : this.#label(r.labels, i, value);
      cells[i] = label === undefined ? format[i]!(value) : labelled(label);
    }
  }
}

function* idsOf(values: Iterable<unknown>): Generator<string> {
  for (const v of values) if (typeof v === 'string' && v !== '') yield v;
}
