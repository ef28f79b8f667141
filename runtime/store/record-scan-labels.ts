/**
 * The labels an export scan reads beside each record (`ScanLabel`). The scan's statement selects
 * each label's key (the creator, a user field's or a relation field's typed column); the scan
 * thread then replaces the keys of a chunk with their labels from a cache of its own, reading the
 * ids it has not seen in one batch per chunk and label (`lookup`: a user's `display_name`, a
 * related record's display column), or, once a label has met a good part of its table, the whole
 * column in one pass (scan-label-cache.ts). So the labels live on the scan threads only, and are
 * read as the export meets them. Correlated subqueries in the statement cost 16 µs a row
 * at a million requests (four B-tree searches into users and customers, each row), which halved
 * the export's rate.
 */
import { sql, type RawBuilder } from 'kysely';
import { columnNameOf, resolveColumn } from './record-column-ref.js';
import type { FormTable } from './form-registry.js';
import type { Executor, StoreContext } from './store-context.js';
import type { LabelLookup, ScanLabel } from './types.js';

/** A label as the scan reads it: its key column, and how its labels are read; no lookup: not read. */
export interface LabelRead {
  key: RawBuilder<unknown>;
  lookup?: LabelLookup;
}

export async function labelReads(
  db: Executor,
  ctx: StoreContext,
  app: string,
  ft: FormTable,
  labels: readonly ScanLabel[],
): Promise<LabelRead[]> {
  const reads: LabelRead[] = [];
  for (const label of labels) reads.push((await labelRead(db, ctx, app, ft, label)) ?? { key: sql`null` });
  return reads;
}

async function labelRead(
  db: Executor,
  ctx: StoreContext,
  app: string,
  ft: FormTable,
  label: ScanLabel,
): Promise<LabelRead | undefined> {
  if ('user' in label) {
    const own = columnNameOf(ft, label.user);
    if (!own || resolveColumn(ft, label.user)?.type !== 'text') return undefined;
    return { key: sql.id(own), lookup: await lookup(db, 'users', 'display_name') };
  }
  const own = columnNameOf(ft, label.relation);
  if (!own || ft.columns.get(label.relation)?.fieldType !== 'relation') return undefined;
  const related = await ctx.registry.get(db, app, label.form);
  const display = related ? columnNameOf(related, label.display) : undefined;
  if (!related || !display) return undefined;
  return { key: sql.id(own), lookup: await lookup(db, related.table, display) };
}

async function lookup(db: Executor, table: string, label: string): Promise<LabelLookup> {
  const ids = sql`(select value from json_each(${'[]'}))`;
  const top = await sql<{ n: number | null }>`select max(rowid) as n from ${sql.id(table)}`.execute(db);
  return {
    some: sql`select "id", ${sql.id(label)} from ${sql.id(table)} where "id" in ${ids}`.compile(db).sql,
    all: sql`select "id", ${sql.id(label)} from ${sql.id(table)}`.compile(db).sql,
    rows: Number(top.rows[0]?.n ?? 0),
  };
}
