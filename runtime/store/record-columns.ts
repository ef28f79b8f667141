/**
 * How a field maps to a typed column of its form's record table. Scalar fields get a column (so
 * filters, sorts and GROUP BY run on real, indexable values); lists and objects (multiselect,
 * files, address, table) live only in the record's `data` JSON.
 */
import { FIELD_TYPE_REGISTRY, type FieldType } from '../../engine/index.js';

export type ColumnType = 'text' | 'real' | 'integer';

const COLUMN_TYPES: Partial<Record<FieldType, ColumnType>> = {
  text: 'text',
  textarea: 'text',
  phone: 'text',
  email: 'text',
  select: 'text',
  date: 'text',
  datetime: 'text',
  relation: 'text',
  user: 'text',
  autonumber: 'text',
  number: 'real',
  money: 'real',
  integer: 'integer',
  rating: 'integer',
  boolean: 'integer',
};

export function columnTypeOf(type: FieldType): ColumnType | undefined {
  return COLUMN_TYPES[type];
}

/** The SQL type to declare for a column type on each database. */
export function sqlTypeName(type: ColumnType, dialect: 'sqlite' | 'postgres'): string {
  if (dialect === 'sqlite') return type.toUpperCase();
  return type === 'text' ? 'text' : type === 'real' ? 'double precision' : 'bigint';
}

/**
 * Column name for a field key that passed `KEY_PATTERN`. `c_<key>` when it fits PostgreSQL's
 * 63-byte identifiers; otherwise a numbered, shortened name that cannot collide with `c_…`.
 */
export function columnNameFor(key: string, ordinal: number): string {
  if (!/^[a-z][a-z0-9_]{0,62}$/.test(key)) throw new Error(`unsafe field key: ${key}`);
  return key.length <= 61 ? `c_${key}` : `c${ordinal}_${key.slice(0, 50)}`;
}

/** As stored: one of the column's type, or null. */
type Stored = string | number | null;

function asColumnType(value: unknown, type: ColumnType): Stored {
  if (value === null || value === undefined) return null;
  switch (type) {
    case 'text':
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? value : null;
    case 'integer':
      if (typeof value === 'boolean') return value ? 1 : 0;
      return typeof value === 'number' && Number.isSafeInteger(value) ? value : null;
  }
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** Dates and instants group and compare as text, so their columns hold nothing else. */
function fitsField(value: Stored, fieldType: string | undefined): boolean {
  if (fieldType === 'date') return typeof value === 'string' && DAY.test(value);
  if (fieldType === 'datetime') return typeof value === 'string' && INSTANT.test(value);
  return true;
}

const BOOLEAN_WORDS: Readonly<Record<string, boolean>> = {
  true: true,
  false: false,
  yes: true,
  no: false,
  '1': true,
  '0': false,
  是: true,
  否: false,
};

/**
 * A value of another type read as `fieldType`, the way a formula's result is (`fromFormula`: "42"
 * as a number, a datetime as its day, a number as text), or undefined. Booleans take only words
 * that say yes or no, never any truthy text.
 */
function converted(value: unknown, fieldType: string): unknown {
  if (fieldType === 'boolean') {
    if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
    return typeof value === 'string' ? BOOLEAN_WORDS[value.trim().toLowerCase()] : undefined;
  }
  const module = Object.hasOwn(FIELD_TYPE_REGISTRY, fieldType)
    ? FIELD_TYPE_REGISTRY[fieldType as FieldType]
    : undefined;
  return module?.fromFormula
    ? module.fromFormula(value, { key: 'value', type: fieldType as FieldType, label: '' })
    : undefined;
}

/**
 * The value stored in a typed column: the field's value when it has the column's type, otherwise
 * (a value written under an earlier type of the field, e.g. the text "42" of a field now a
 * number) the value converted to the field's type where it can hold it, otherwise null. The JSON
 * `data` stays the source of truth, so nothing is lost. Every write, rollup and the data move of a
 * retyped field (`column-retype.ts`) go through here, so they agree.
 */
export function columnValue(value: unknown, type: ColumnType, fieldType?: string): Stored {
  const direct = asColumnType(value, type);
  if (direct !== null && fitsField(direct, fieldType)) return direct;
  if (value === null || value === undefined || fieldType === undefined) return null;
  const other = asColumnType(converted(value, fieldType), type);
  return other !== null && fitsField(other, fieldType) ? other : null;
}
