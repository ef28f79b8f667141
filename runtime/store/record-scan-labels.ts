/**
 * The labels an export scan reads beside each record (`ScanLabel`), as correlated subqueries in its
 * select list: a user's `display_name` by id, a related record's display column by id. Each is one
 * unique-index lookup a row on the scan's own connection, where the alternative kept every user's
 * name and every customer's display text in memory for the export's life (at a million requests,
 * 100,000 of each, in each formatting thread). Subqueries rather than joins leave the list's
 * unqualified WHERE and ORDER BY meaning what they mean on the form's table alone.
 */
import { sql, type RawBuilder } from 'kysely';
import { columnNameOf, resolveColumn } from './record-list.js';
import type { FormTable } from './form-registry.js';
import type { Executor, StoreContext } from './store-context.js';
import type { ScanLabel } from './types.js';

/** The expression of each label (`null` where it cannot be read in SQL) and which ones can. */
export async function labelSelects(db: Executor, ctx: StoreContext, app: string, ft: FormTable, labels: readonly ScanLabel[]): Promise<{ selects: RawBuilder<unknown>[]; joined: boolean[] }> {
  const selects: RawBuilder<unknown>[] = [];
  const joined: boolean[] = [];
  for (const [i, label] of labels.entries()) {
    const expr = await labelSelect(db, ctx, app, ft, label, `l${i}`);
    selects.push(expr ?? sql`null`);
    joined.push(expr !== undefined);
  }
  return { selects, joined };
}

async function labelSelect(db: Executor, ctx: StoreContext, app: string, ft: FormTable, label: ScanLabel, alias: string): Promise<RawBuilder<unknown> | undefined> {
  if ('user' in label) {
    const own = columnNameOf(ft, label.user);
    if (!own || resolveColumn(ft, label.user)?.type !== 'text') return undefined;
    return sql`(select ${sql.id(alias, 'display_name')} from "users" as ${sql.id(alias)} where ${sql.id(alias, 'id')} = ${sql.id(ft.table, own)})`;
  }
  const own = columnNameOf(ft, label.relation);
  if (!own || ft.columns.get(label.relation)?.fieldType !== 'relation') return undefined;
  const related = await ctx.registry.get(db, app, label.form);
  const display = related ? columnNameOf(related, label.display) : undefined;
  if (!related || !display) return undefined;
  return sql`(select ${sql.id(alias, display)} from ${sql.id(related.table)} as ${sql.id(alias)} where ${sql.id(alias, 'id')} = ${sql.id(ft.table, own)})`;
}
