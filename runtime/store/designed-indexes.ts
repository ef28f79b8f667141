/**
 * A record table's typed-column indexes follow what is designed (`queriedFields`): publishing
 * creates the index of a column something now queries and drops the index of one nothing queries
 * any more, so every write pays only for indexes some widget, dashboard filter, related list or
 * owner look-up reads. Indexes are found in the database's catalogue by their first column, so
 * those made under the earlier naming (`ix_<table>_c<n>`) are kept or dropped the same way. Runs
 * in the publish transaction (DDL is transactional on both databases); building an index on a
 * large table takes that long once (about a second per million records on SQLite).
 */
import { sql } from 'kysely';
import { runRead } from './record-aggregate.js';
import type { Executor } from './store-context.js';
import type { CompiledRead } from './types.js';

/** The typed columns' names (`columnNameFor`), as opposed to the fixed ones (`seq`, `id`, `created_at`, …). */
const TYPED_COLUMN = /^c\d*_/;

const SQLITE_CATALOGUE =
  'select il.name as index_name, ii.name as column_name from pragma_index_list(?) il, pragma_index_info(il.name) ii where ii.seqno = 0';
const POSTGRES_CATALOGUE = `select ic.relname as index_name, a.attname as column_name
  from pg_index x
  join pg_class t on t.oid = x.indrelid
  join pg_namespace n on n.oid = t.relnamespace
  join pg_class ic on ic.oid = x.indexrelid
  join pg_attribute a on a.attrelid = t.oid and a.attnum = x.indkey[0]
  where n.nspname = current_schema() and t.relname = $1`;

/** The typed-column indexes of `table` from the catalogue, as a read: index name → its first column. */
export function typedColumnIndexRead(
  dialect: 'sqlite' | 'postgres',
  table: string,
): CompiledRead<Map<string, string>> {
  return {
    sql: dialect === 'sqlite' ? SQLITE_CATALOGUE : POSTGRES_CATALOGUE,
    parameters: [table],
    decode: (rows) =>
      new Map(
        rows
          .map((r) => [String(r.index_name), String(r.column_name)] as const)
          .filter(([, column]) => TYPED_COLUMN.test(column)),
      ),
  };
}

/** `ix_<table id>_<column>`, or a hashed name where that would pass PostgreSQL's 63 bytes. */
function indexName(tableId: number, column: string): string {
  const plain = `ix_${tableId}_${column}`;
  if (plain.length <= 63) return plain;
  let h = 0x811c9dc5;
  for (let i = 0; i < column.length; i++) h = Math.imul(h ^ column.charCodeAt(i), 0x01000193);
  return `ix_${tableId}_h${(h >>> 0).toString(36)}_${column.slice(0, 30)}`;
}

/**
 * Makes the typed-column indexes of `table` exactly those of `wanted` (column names): creates the
 * missing ones, drops the others. Returns what it did.
 */
export async function followDesignedIndexes(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  tableId: number,
  table: string,
  wanted: ReadonlySet<string>,
): Promise<{ created: string[]; dropped: string[] }> {
  const existing = await runRead(db, typedColumnIndexRead(dialect, table));
  const have = new Set(existing.values());
  const dropped: string[] = [];
  for (const [name, column] of existing) {
    if (wanted.has(column)) continue;
    await sql`drop index ${sql.id(name)}`.execute(db);
    dropped.push(column);
  }
  const created: string[] = [];
  for (const column of wanted) {
    if (have.has(column)) continue;
    // (column, created_at, seq) serves "column = ? newest first" lists, sorting by the column
    // (lists break ties by created_at, seq) with keyset ranges, and GROUP BY on the column.
    const first = dialect === 'postgres' ? sql`${sql.id(column)} asc nulls first` : sql`${sql.id(column)}`;
    await sql`create index ${sql.id(indexName(tableId, column))} on ${sql.id(table)} (${first}, "created_at", "seq")`.execute(
      db,
    );
    created.push(column);
  }
  return { created, dropped };
}
