/**
 * The labels an export scan reads beside each record (`ScanLabel`). The scan's statement selects
 * each label's key (the creator, a user field's or a relation field's typed column); the scan
 * thread then replaces the keys of a chunk with their labels from a cache of its own, reading the
 * ids it has not seen in one batch per chunk and label (`lookup`: a user's `display_name`, a
 * related record's display column). So the labels live once, on the scan thread, and are read
 * by id only as the export meets them. Correlated subqueries in the statement cost 16 µs a row
 * at a million requests (four B-tree searches into users and customers, each row), which halved
 * the export's rate.
 */
import { sql, type RawBuilder } from 'kysely';
import { columnNameOf, resolveColumn } from './record-list.js';
import type { FormTable } from './form-registry.js';
import type { Executor, StoreContext } from './store-context.js';
import type { ScanLabel } from './types.js';

/** A label as the scan reads it: its key column, and the lookup of ids (`?` is a JSON array of them). */
export interface LabelRead {
  key: RawBuilder<unknown>;
  /** `select id, label from … where id in (select value from json_each(?))`; undefined: not read. */
  lookup?: string;
}

export async function labelReads(db: Executor, ctx: StoreContext, app: string, ft: FormTable, labels: readonly ScanLabel[]): Promise<LabelRead[]> {
  const reads: LabelRead[] = [];
  for (const label of labels) reads.push((await labelRead(db, ctx, app, ft, label)) ?? { key: sql`null` });
  return reads;
}

async function labelRead(db: Executor, ctx: StoreContext, app: string, ft: FormTable, label: ScanLabel): Promise<LabelRead | undefined> {
  const ids = sql`(select value from json_each(${'[]'}))`;
  if ('user' in label) {
    const own = columnNameOf(ft, label.user);
    if (!own || resolveColumn(ft, label.user)?.type !== 'text') return undefined;
    return { key: sql.id(own), lookup: sql`select "id", "display_name" from "users" where "id" in ${ids}`.compile(db).sql };
  }
  const own = columnNameOf(ft, label.relation);
  if (!own || ft.columns.get(label.relation)?.fieldType !== 'relation') return undefined;
  const related = await ctx.registry.get(db, app, label.form);
  const display = related ? columnNameOf(related, label.display) : undefined;
  if (!related || !display) return undefined;
  return { key: sql.id(own), lookup: sql`select "id", ${sql.id(display)} from ${sql.id(related.table)} where "id" in ${ids}`.compile(db).sql };
}
