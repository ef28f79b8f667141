/**
 * How a field maps to a typed column of its form's record table. Scalar fields get a column (so
 * filters, sorts and GROUP BY run on real, indexable values); lists and objects (multiselect,
 * files, address, table) live only in the record's `data` JSON.
 */
import type { FieldType } from '../../engine/index.js';

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

/** Field types whose column gets an index: the ones dashboards group by and lists filter on. */
const INDEXED: ReadonlySet<FieldType> = new Set([
  'select',
  'date',
  'datetime',
  'relation',
  'user',
  'autonumber',
  'rating',
  'boolean',
]);

export function columnTypeOf(type: FieldType): ColumnType | undefined {
  return COLUMN_TYPES[type];
}

export function isIndexedType(type: FieldType): boolean {
  return INDEXED.has(type);
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

/**
 * The value stored in a typed column: the field's value when it has the column's type, otherwise
 * null (the JSON `data` stays the source of truth, so nothing is lost).
 */
export function columnValue(value: unknown, type: ColumnType): string | number | null {
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
