/**
 * Small conversions shared by the query files: JSON text columns, 0/1 booleans, opaque cursors.
 */
import { FlowcaseError } from '../../engine/index.js';

/** Parses a JSON text column written by the store itself. */
export function parseJson<T>(text: string): T {
  return JSON.parse(text) as T;
}

export function parseJsonOrNull<T>(text: string | null): T | null {
  return text === null ? null : (JSON.parse(text) as T);
}

export function toBit(value: boolean | undefined): number {
  return value ? 1 : 0;
}

/** Encodes keyset values as an opaque base64url cursor. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values), 'utf8').toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; anything else is `FC_BAD_REQUEST` at `/cursor`. */
export function decodeCursor(cursor: string, length: number): unknown[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    values = undefined;
  }
  const ok =
    Array.isArray(values) &&
    values.length === length &&
    values.every((v) => v === null || typeof v === 'string' || typeof v === 'number');
  if (!ok)
    throw new FlowcaseError('FC_BAD_REQUEST', 'The cursor is not valid for this query', { path: '/cursor' });
  return values as unknown[];
}

/** Clamps a page size to 1..max. */
export function pageLimit(limit: number | undefined, fallback = 50, max = 500): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.min(max, Math.max(1, Math.trunc(limit)));
}

/** Adds milliseconds to an ISO timestamp. */
export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}

/** Whether an insert/update result touched no row. */
export function touchedNone(result: {
  numUpdatedRows?: bigint;
  numInsertedOrUpdatedRows?: bigint | undefined;
}): boolean {
  const n = result.numUpdatedRows ?? result.numInsertedOrUpdatedRows ?? 0n;
  return n === 0n;
}
