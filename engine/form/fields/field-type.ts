/**
 * What every field type module provides. One file per type (`<type>.field.ts`), one line in
 * `registry.ts`: the designer renders `description`, the compiler asks `schema` for the stored
 * value's JSON Schema, `isEmpty` for `required`, and `normalize` for cleaning input.
 */
import type { FieldDef, FieldType } from '../../definition/types.js';

/** A JSON Schema fragment (2020-12). */
export type JsonSchema = Record<string, unknown>;

export interface Bilingual {
  en: string;
  zh: string;
}

/** One option a field type takes in its definition, as the designer should offer it. */
export interface FieldOptionDescription {
  key: keyof FieldDef;
  kind: 'string' | 'number' | 'integer' | 'boolean' | 'strings' | 'options' | 'columns' | 'form' | 'pattern';
  label: Bilingual;
  /** Whether a definition of this type must set it. */
  required?: boolean;
}

/** Serializable metadata the designer renders; no functions. */
export interface FieldTypeDescription {
  type: FieldType;
  label: Bilingual;
  /** The stored value, in words. */
  value: Bilingual;
  /** Options specific to this type (the common ones are `COMMON_FIELD_OPTIONS`). */
  options: readonly FieldOptionDescription[];
  /** Whether `formula` makes sense for this type. */
  computable: boolean;
}

/** Builds a column's schema, so `table` can describe its rows without importing the registry. */
export type ColumnSchema = (column: FieldDef) => JsonSchema;

export interface FieldTypeModule {
  readonly description: FieldTypeDescription;
  /** JSON Schema of the stored value (never `required`: that is decided per submission). */
  schema(field: FieldDef, columnSchema: ColumnSchema): JsonSchema;
  /** What counts as "not filled" for `required`; empty values are not stored either. */
  isEmpty(value: unknown): boolean;
  /** Cleans a written value before validation (trims text); must accept any input. */
  normalize?(value: unknown, field: FieldDef): unknown;
  /** Turns a formula's result into a stored value; `undefined` means "no value". */
  fromFormula?(value: unknown, field: FieldDef): unknown;
}

/** `undefined`, `null`, or a string that is blank once trimmed. */
export function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

/** `undefined`, `null` or an empty array. */
export function isEmptyList(value: unknown): boolean {
  return value === undefined || value === null || (Array.isArray(value) && value.length === 0);
}

export function trimString(value: unknown): unknown {
  return typeof value === 'string' ? value.trim() : value;
}

/** A formula result as a finite number, or `undefined`. */
export function toFiniteNumber(value: unknown): number | undefined {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean') return undefined;
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** A formula result as text, or `undefined`. */
export function toText(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** Copies the keys of `field` that are set into a schema fragment, renamed. */
export function pick(field: FieldDef, mapping: Record<string, string>): JsonSchema {
  const out: JsonSchema = {};
  for (const [from, to] of Object.entries(mapping)) {
    const value = (field as unknown as Record<string, unknown>)[from];
    if (typeof value === 'number' && Number.isFinite(value)) out[to] = value;
  }
  return out;
}
