/**
 * TypeBox helpers for shapes plain JSON Schema spells more simply than TypeBox's defaults: a string
 * enum as `{ type: 'string', enum }` (not an anyOf of consts), a nullable scalar as
 * `{ type: [t, 'null'] }`, and open objects as `additionalProperties`. The answers' serializer and the
 * OpenAPI document keep the schemas they had before the contract existed.
 */
import { Type, type SchemaOptions, type TUnsafe } from '@sinclair/typebox';

/** `{ type: 'string', enum: values }`, typed as the union of the values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: SchemaOptions = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ ...options, type: 'string', enum: [...values] });
}

type Scalar = {
  string: string;
  number: number;
  integer: number;
  boolean: boolean;
  object: Record<string, unknown>;
};

/** `{ type: [type, 'null'] }`. */
export function Nullable<K extends keyof Scalar>(
  type: K,
  options: SchemaOptions = {},
): TUnsafe<Scalar[K] | null> {
  return Type.Unsafe<Scalar[K] | null>({ ...options, type: [type, 'null'] });
}

/** Any JSON object, passed through as it is (record data, details). */
export function AnyObject(options: SchemaOptions = {}): TUnsafe<Record<string, unknown>> {
  return Type.Unsafe<Record<string, unknown>>({ type: 'object', additionalProperties: true, ...options });
}

/** A definition (form, flow, role, dashboard) passed through as the bundle holds it, typed as engine/ declares it. */
export function Definition<T extends object>(options: SchemaOptions = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ type: 'object', additionalProperties: true, ...options });
}

/** An object of strings by key (display texts, action labels). */
export function StringMap(options: SchemaOptions = {}): TUnsafe<Record<string, string>> {
  return Type.Unsafe<Record<string, string>>({
    type: 'object',
    additionalProperties: { type: 'string' },
    ...options,
  });
}

/** A value the schema leaves open (`{}`), typed as T for readers (JSON Logic, definitions). */
export function Opaque<T>(options: SchemaOptions = {}): TUnsafe<T> {
  return Type.Unsafe<T>({ ...options });
}
