/**
 * A field whose type changes on publish gets a new typed column, and its values are moved there,
 * inside the publish transaction: each record's value is read from its JSON `data` (which keeps
 * the raw value, whatever the type) and converted by `columnValue` where the new type can hold it
 * ("42" for a number), NULL otherwise. The old column stays, unread, so nothing stored is lost and
 * no column is ever dropped or retyped in place.
 */
import { sql } from 'kysely';
import type { ColumnType } from './record-columns.js';
import { columnValue, sqlTypeName } from './record-columns.js';
import type { Executor } from './store-context.js';

/** Records read and rewritten per statement. */
const BATCH = 500;

/** The names of a record table's columns as the database has them. */
export async function physicalColumns(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  table: string,
): Promise<Set<string>> {
  const { rows } =
    dialect === 'sqlite'
      ? await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db)
      : await sql<{
          name: string;
        }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
          db,
        );
  return new Set(rows.map((r) => r.name));
}

/** A column just added (all NULL) and the field whose values it takes. */
export interface NewColumn {
  column: string;
  type: ColumnType;
  field: string;
  fieldType: string;
}

/**
 * Fills columns just added from each record's `data`, converted to their field's type: one read of
 * the table by `seq` in batches, one UPDATE per column and batch for the records that have a value.
 * Returns how many values were written.
 */
export async function moveFieldData(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  table: string,
  columns: readonly NewColumn[],
): Promise<number> {
  if (columns.length === 0) return 0;
  let after = -1;
  let moved = 0;
  for (;;) {
    const { rows } = await sql<{
      seq: number | string;
      data: string;
    }>`select "seq", "data" from ${sql.id(table)} where "seq" > ${after} order by "seq" limit ${BATCH}`.execute(
      db,
    );
    if (rows.length === 0) return moved;
    after = Number(rows[rows.length - 1]!.seq);
    const records = rows.map((row) => ({
      seq: Number(row.seq),
      data: JSON.parse(row.data) as Record<string, unknown>,
    }));
    for (const { column, type, field, fieldType } of columns) {
      const updates: { seq: number; value: string | number }[] = [];
      for (const { seq, data } of records) {
        const value = Object.hasOwn(data, field) ? columnValue(data[field], type, fieldType) : null;
        if (value !== null) updates.push({ seq, value });
      }
      if (updates.length === 0) continue;
      const cast = sql.raw(sqlTypeName(type, dialect));
      const cases = sql.join(
        updates.map((u) => sql`when ${u.seq} then cast(${u.value} as ${cast})`),
        sql` `,
      );
      const seqs = sql.join(updates.map((u) => sql`${u.seq}`));
      await sql`update ${sql.id(table)} set ${sql.id(column)} = case "seq" ${cases} end where "seq" in (${seqs})`.execute(
        db,
      );
      moved += updates.length;
    }
  }
}
