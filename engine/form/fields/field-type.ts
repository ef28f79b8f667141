/**
 * What every field type module provides, so a type describes itself. One file per type
 * (`<type>.field.ts`), one line in `registry.ts`: the designer renders `description` (palette
 * entry, input control, property list), the bundle schema takes `definitionSchema` for the
 * field's own options, the validator runs `check`, the compiler asks `schema` for the stored
 * value's JSON Schema, `isEmpty` for `required`, and `normalize` for cleaning input.
 */
import type { FieldCheckContext } from '../../definition/check-helpers.js';
import type { Bilingual, PropertySpec } from '../../definition/property-list.js';
import type { SchemaFragment } from '../../definition/schema-parts.js';
import type { FieldDef } from '../../definition/types.js';

export type { Bilingual };

/** A JSON Schema fragment (2020-12). */
export type JsonSchema = Record<string, unknown>;

/**
 * The input a browser app shows for a value of the type when it has no input of its own for it:
 * the plain HTML ones (`text`, `number`, `date`...) or one of the composite inputs every app has.
 */
export type InputControl =
  | 'text'
  | 'textarea'
  | 'number'
  | 'date'
  | 'datetime'
  | 'checkbox'
  | 'select'
  | 'multiselect'
  | 'tel'
  | 'email'
  | 'rating'
  | 'address'
  | 'files'
  | 'record'
  | 'user'
  | 'table'
  | 'readonly';

/** Serializable metadata the designer renders; no functions. */
export interface FieldTypeDescription {
  type: string;
  label: Bilingual;
  /** The stored value, in words. */
  value: Bilingual;
  /** The palette's icon: a Lucide icon name. */
  icon: string;
  /** The palette's group. */
  category: 'text' | 'number' | 'choice' | 'datetime' | 'contact' | 'link' | 'advanced';
  /** The input a browser app falls back to for this type. */
  control: InputControl;
  /** Options specific to this type (the common ones are `COMMON_FIELD_PROPERTIES`). */
  properties: readonly PropertySpec[];
  /** Whether `formula` makes sense for this type. */
  computable: boolean;
}

/** Builds a column's schema, so `table` can describe its rows without importing the registry. */
export type ColumnSchema = (column: FieldDef) => JsonSchema;

export interface FieldTypeModule {
  readonly description: FieldTypeDescription;
  /** The field's own options in the bundle schema (every field's are in `bundle-schema.ts`). */
  readonly definitionSchema: SchemaFragment;
  /**
   * What the schema cannot say about one field's definition, reported into `ctx.problems`; runs on
   * raw input (read it through `bundle-reader`), for the fields of forms and of tables alike.
   */
  check?(ctx: FieldCheckContext): void;
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
