/**
 * One field's typed column for many records, without reading their JSON: what labels need of a
 * related form (a customer's name for each request an export writes). `undefined` when the field
 * has no column (lists, objects, files): the caller reads the records instead.
 */
import { sql } from 'kysely';
import { resolveColumn } from './record-column-ref.js';
import { requireTable } from './record-list.js';
import type { Executor, StoreContext } from './store-context.js';

export interface FieldValue {
  id: string;
  /** The column's value: text, a number, or 0/1 for a boolean; null when empty (or not of the column's type). */
  value: string | number | null;
}

/** Ids bound per statement: within both databases' parameter limits. */
const IDS_PER_STATEMENT = 500;

/**
 * `field` of the records `ids` names (those that exist), or of every record of the form up to
 * `limit` rows when `ids` is omitted (the caller learns there are more when it gets `limit`).
 */
export async function fieldValues(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  field: string,
  ids?: readonly string[],
  limit = 200_000,
): Promise<FieldValue[] | undefined> {
  const ft = await requireTable(db, ctx, app, form);
  const col = resolveColumn(ft, field);
  if (!col) return undefined;
  const table = sql.id(ft.table);
  if (ids === undefined) {
    const { rows } =
      await sql<FieldValue>`select "id", ${col.ref} as "value" from ${table} limit ${limit}`.execute(db);
    return rows;
  }
  const out: FieldValue[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const page = ids.slice(i, i + IDS_PER_STATEMENT);
    if (page.length === 0) continue;
    const { rows } =
      await sql<FieldValue>`select "id", ${col.ref} as "value" from ${table} where "id" in (${sql.join(page)})`.execute(
        db,
      );
    out.push(...rows);
  }
  return out;
}
