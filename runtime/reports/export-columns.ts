/**
 * An export's columns, compiled once per export: for each, its header and two formatters of a
 * present value (a CSV cell and an XLSX cell) chosen by field type, with the field's labels and
 * its relation's display values bound in. A million rows then cost one closure call per present
 * value instead of a walk through every field type per cell.
 */
import type { FieldDef, FormDef } from '../../engine/index.js';
import { csvCell, csvNumber, csvText } from './export-csv-text.js';
import { RelationDisplay } from './export-relations.js';
import type { Labeler } from './labels.js';

export type SheetCell = string | number | null;

export interface ExportColumn {
  /** The key in a record's `data`; the three record columns use `id`, `createdAt`, `createdBy`. */
  key: string;
  header: string;
  field: FieldDef;
  /** The CSV cell of a value that is not null or undefined. */
  csv: (value: unknown) => string;
  /** The XLSX cell of a value that is not null or undefined (numbers stay numbers). */
  sheet: (value: unknown) => SheetCell;
  /** A relation field's display values (loaded per chunk before its cells are made). */
  relation?: RelationDisplay;
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

function column(field: FieldDef, header: string, labeler: Labeler, relation: RelationDisplay | undefined): ExportColumn {
  const sheet = (v: unknown): SheetCell => labeler.cell(field, v);
  const csv = (v: unknown): string => csvCell(labeler.cell(field, v));
  const base = { key: field.key, header, field };
  if (relation) {
    // An empty id is labelled "(empty)" like any other field's; everything else is looked up.
    const known = (v: unknown): v is string => typeof v === 'string' && v !== '';
    return { ...base, relation, csv: (v) => (known(v) ? csvText(relation.get(v)) : csv(v)), sheet: (v) => (known(v) ? relation.get(v) : sheet(v)) };
  }
  if (field.type === 'user') return { ...base, csv: (v) => (typeof v === 'string' && v !== '' ? csvText(labeler.label(field, v)) : csv(v)), sheet };
  if (field.type === 'select' || field.type === 'boolean') return { ...base, csv: memoized(csv), sheet: memoized(sheet) };
  if (field.type === 'multiselect' || field.type === 'address' || field.type === 'table') return { ...base, csv, sheet };
  if (NUMBERS.has(field.type)) return { ...base, csv: (v) => (typeof v === 'number' ? csvNumber(v) : csv(v)), sheet };
  // Text, dates and times (stored as ISO text and exported as stored), autonumbers, phones, e-mails.
  return { ...base, csv: (v) => (typeof v === 'string' ? csvText(v) : typeof v === 'number' ? csvNumber(v) : csv(v)), sheet };
}

/**
 * The columns of `form`'s export: ID, created, created by, then every field but files. Relation
 * fields showing the same form the same way share one display cache.
 */
export function exportColumns(form: FormDef, labeler: Labeler): ExportColumn[] {
  const en = labeler.lang === 'en';
  const record = (key: string, type: FieldDef['type'], header: string): ExportColumn => column({ key, type, label: header }, header, labeler, undefined);
  const displays = new Map<string, RelationDisplay>();
  const displayOf = (f: FieldDef): RelationDisplay | undefined => {
    if (f.type !== 'relation' || !f.form) return undefined;
    const key = `${f.form}\u0000${f.display ?? ''}`;
    let found = displays.get(key);
    if (!found) displays.set(key, (found = new RelationDisplay(labeler, f)));
    return found;
  };
  return [
    record('id', 'text', 'ID'),
    record('createdAt', 'datetime', en ? 'Created' : '创建时间'),
    record('createdBy', 'user', en ? 'Created by' : '创建人'),
    ...form.fields.filter((f) => !SKIP.has(f.type)).map((f) => column(f, labeler.localize(f.label) || f.key, labeler, displayOf(f))),
  ];
}
