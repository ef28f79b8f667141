/**
 * An export's columns, compiled once per export: for each, its header and two formatters of a
 * present value (a CSV cell and an XLSX cell) chosen by field type, with the field's labels and
 * its relation's display values bound in. A million rows then cost one closure call per present
 * value instead of a walk through every field type per cell.
 */
import type { FieldDef, FormDef } from '../../engine/index.js';
import type { ScanLabel } from '../store/store.js';
import { csvCell, csvNumber, csvText } from './export-csv-text.js';
import { RelationDisplay } from './export-relations.js';
import type { Labeler } from './labels.js';

export type SheetCell = string | number | null;

export interface ExportColumn {
  /** The key in a record's `data`; the three record columns use `id`, `createdAt`, `createdBy`. */
  key: string;
  /** Set on the record's own columns, which are read from the record rather than its `data`. */
  record?: 'id' | 'createdAt' | 'createdBy';
  header: string;
  field: FieldDef;
  /** The CSV cell of a value that is not null or undefined. */
  csv: (value: unknown) => string;
  /** The XLSX cell of a value that is not null or undefined (numbers stay numbers). */
  sheet: (value: unknown) => SheetCell;
  /** A relation field's display values (loaded per chunk before its cells are made). */
  relation?: RelationDisplay;
  /**
   * Where the export's scan reads this column's label beside each record (`ScannedRecord.labels`
   * at `index`), and its text from that label; a record whose label is null is looked up as usual.
   */
  scanned?: { index: number; text: (label: string | number) => string };
}

/** A label the scan may read for the column `column` (`createdBy` or a field key). */
export interface ColumnLabel {
  column: string;
  label: ScanLabel;
}

/** Field types that are not one cell's worth of data. */
const SKIP = new Set<string>(['files']);
const NUMBERS = new Set<string>(['number', 'integer', 'money', 'rating']);
/** Options and booleans repeat across a million rows: their finished cells are remembered. */
const MEMO_LIMIT = 1_000;

function memoized<T>(make: (value: unknown) => T): (value: unknown) => T {
  const memo = new Map<unknown, T>();
  return (value) => {
    if (typeof value !== 'string' && typeof value !== 'boolean') return make(value);
    let cell = memo.get(value);
    if (cell === undefined) {
      cell = make(value);
      if (memo.size < MEMO_LIMIT) memo.set(value, cell);
    }
    return cell;
  };
}

function column(
  field: FieldDef,
  header: string,
  labeler: Labeler,
  relation: RelationDisplay | undefined,
): ExportColumn {
  const sheet = (v: unknown): SheetCell => labeler.cell(field, v);
  const csv = (v: unknown): string => csvCell(labeler.cell(field, v));
  const base = { key: field.key, header, field };
  if (relation) {
    // An empty id is labelled "(empty)" like any other field's; everything else is looked up.
    const known = (v: unknown): v is string => typeof v === 'string' && v !== '';
    return {
      ...base,
      relation,
      csv: (v) => (known(v) ? csvText(relation.get(v)) : csv(v)),
      sheet: (v) => (known(v) ? relation.get(v) : sheet(v)),
    };
  }
  if (field.type === 'user')
    return {
      ...base,
      csv: (v) => (typeof v === 'string' && v !== '' ? csvText(labeler.label(field, v)) : csv(v)),
      sheet,
    };
  if (field.type === 'select' || field.type === 'boolean')
    return { ...base, csv: memoized(csv), sheet: memoized(sheet) };
  if (field.type === 'multiselect' || field.type === 'address' || field.type === 'table')
    return { ...base, csv, sheet };
  if (NUMBERS.has(field.type))
    return { ...base, csv: (v) => (typeof v === 'number' ? csvNumber(v) : csv(v)), sheet };
  // Instants in the server's time zone with the offset, as people read them in a spreadsheet.
  if (field.type === 'datetime') {
    const local = (v: unknown): SheetCell => (typeof v === 'string' ? labeler.dateTime(v) : sheet(v));
    return {
      ...base,
      csv: (v) => (typeof v === 'string' ? csvText(labeler.dateTime(v)) : csv(v)),
      sheet: local,
    };
  }
  // Text, dates (stored as ISO text and exported as stored), autonumbers, phones, e-mails.
  return {
    ...base,
    csv: (v) => (typeof v === 'string' ? csvText(v) : typeof v === 'number' ? csvNumber(v) : csv(v)),
    sheet,
  };
}

/**
 * The labels an export's scan may read beside each record: the creator's name, each user field's,
 * and each relation field's related display value (when the related form shows a field).
 */
export function exportLabels(form: FormDef, labeler: Labeler): ColumnLabel[] {
  const labels: ColumnLabel[] = [{ column: 'createdBy', label: { user: 'createdBy' } }];
  for (const f of form.fields) {
    if (f.type === 'user') labels.push({ column: f.key, label: { user: f.key } });
    const display = f.type === 'relation' && f.form ? labeler.displayKey(f) : undefined;
    if (display) labels.push({ column: f.key, label: { relation: f.key, form: f.form!, display } });
  }
  return labels;
}

/**
 * The columns of `form`'s export: ID, created, created by, then every field but files; with a list
 * view's `view` columns, ID and then those in the view's order (`createdAt` is the record's). Relation
 * fields showing the same form the same way share one display cache. `joined[i]` says the scan
 * reads `exportLabels(form)[i]`; a relation display all of whose columns it reads never loads
 * the related form's display column whole.
 */
export function exportColumns(
  form: FormDef,
  labeler: Labeler,
  joined: readonly boolean[] = [],
  view?: readonly string[],
): ExportColumn[] {
  const en = labeler.lang === 'en';
  const scanned = new Map<string, number>();
  for (const [i, l] of exportLabels(form, labeler).entries()) if (joined[i]) scanned.set(l.column, i);
  const record = (
    key: 'id' | 'createdAt' | 'createdBy',
    type: FieldDef['type'],
    header: string,
  ): ExportColumn => ({
    ...column({ key, type, label: header }, header, labeler, undefined),
    record: key,
  });
  const displayKey = (f: FieldDef): string => `${f.form}\u0000${f.display ?? ''}`;
  // Whole reads stay for a display that some relation column's scan cannot read.
  const wholeColumn = new Set(
    form.fields.filter((f) => f.type === 'relation' && f.form && !scanned.has(f.key)).map(displayKey),
  );
  const displays = new Map<string, RelationDisplay>();
  const displayOf = (f: FieldDef): RelationDisplay | undefined => {
    if (f.type !== 'relation' || !f.form) return undefined;
    const key = displayKey(f);
    let found = displays.get(key);
    if (!found) displays.set(key, (found = new RelationDisplay(labeler, f, undefined, wholeColumn.has(key))));
    return found;
  };
  const withScan = (c: ExportColumn): ExportColumn => {
    const index = scanned.get(c.key);
    if (index === undefined) return c;
    return {
      ...c,
      scanned: { index, text: c.field.type === 'relation' ? labeler.displayText(c.field) : String },
    };
  };
  const created = record('createdAt', 'datetime', en ? 'Created' : '创建时间');
  const fieldColumn = (f: FieldDef) =>
    withScan(column(f, labeler.localize(f.label) || f.key, labeler, displayOf(f)));
  if (view)
    return [
      record('id', 'text', 'ID'),
      ...view.flatMap((key) => {
        if (key === 'createdAt') return [created];
        const f = form.fields.find((x) => x.key === key);
        return f && !SKIP.has(f.type) ? [fieldColumn(f)] : [];
      }),
    ];
  return [
    record('id', 'text', 'ID'),
    created,
    withScan(record('createdBy', 'user', en ? 'Created by' : '创建人')),
    ...form.fields.filter((f) => !SKIP.has(f.type)).map(fieldColumn),
  ];
}
