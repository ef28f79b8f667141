/**
 * Where a field key or record metadata name lives in a form's table. Its own module because lists,
 * aggregates, rollups and scans all resolve columns, and rollup-spec resolving through record-list
 * closed a cycle of real imports (record-queries → rollup-write → rollup-spec → record-list →
 * record-queries).
 */
import { sql } from 'kysely';
import type { FormTable } from './form-registry.js';
import type { ColumnType } from './record-columns.js';
import type { ResolvedColumn } from './record-filter.js';

export interface Column extends ResolvedColumn {
  nullable: boolean;
  fieldType?: string;
}

/** Record metadata usable in filters and sorts; camelCase, so never a field key. */
const META: Record<string, { column: string; type: ColumnType; fieldType?: string }> = {
  id: { column: 'id', type: 'text' },
  createdAt: { column: 'created_at', type: 'text', fieldType: 'datetime' },
  updatedAt: { column: 'updated_at', type: 'text', fieldType: 'datetime' },
  createdBy: { column: 'created_by', type: 'text' },
};

/** Resolves a field key or metadata name to its column in `ft`. */
export function resolveColumn(ft: FormTable, name: string): Column | undefined {
  const meta = Object.hasOwn(META, name) ? META[name] : undefined;
  if (meta)
    return {
      ref: sql.id(meta.column),
      type: meta.type,
      nullable: false,
      ...(meta.fieldType ? { fieldType: meta.fieldType } : {}),
    };
  const col = ft.columns.get(name);
  return col
    ? { ref: sql.id(col.column), type: col.type, nullable: true, fieldType: col.fieldType }
    : undefined;
}

/** The name of the column of a field key or metadata name in `ft` (for callers that qualify it). */
export function columnNameOf(ft: FormTable, name: string): string | undefined {
  return Object.hasOwn(META, name) ? META[name]!.column : ft.columns.get(name)?.column;
}
