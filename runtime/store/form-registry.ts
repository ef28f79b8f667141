/**
 * The registry of record tables: one `form_<n>` table per (app, form), where `n` is a number the
 * registry hands out, so no user-written string ever becomes an identifier. Publishing creates
 * the table or adds columns for new fields; earlier columns are never dropped or retyped, so
 * records of older versions keep their values. A field whose type changed gets a new column with
 * its values converted (`column-retype.ts`), so lists and dashboards read the new type.
 */
import { sql } from 'kysely';
import { queriedFields, type AppBundle } from '../../engine/index.js';
import { columnNameFor, columnTypeOf, sqlTypeName, type ColumnType } from './record-columns.js';
import { followDesignedIndexes } from './designed-indexes.js';
import { moveFieldData, physicalColumns, type NewColumn } from './column-retype.js';
import type { RollupDef, RollupSpec } from './rollup-spec.js';
import type { Executor } from './store-context.js';

export interface FormColumn {
  field: string;
  column: string;
  type: ColumnType;
  fieldType: string;
}

export interface FormTable {
  id: number;
  app: string;
  form: string;
  /** Quoted-safe table name: `form_<id>`. */
  table: string;
  syncedVersion: number;
  columns: ReadonlyMap<string, FormColumn>;
  /** The dashboard rollups every write to this table keeps current (rollup-write.ts). */
  rollups: readonly RollupDef[];
}

/** The typed columns' names (`columnNameFor`), as opposed to the fixed ones (`seq`, `data`, …). */
const TYPED_COLUMN = /^c\d*_/;

/** How many record ids `tableHint` remembers (least recently used dropped first). */
const RECORD_HINTS = 20_000;

/**
 * Caches layouts by (app, form) and by id; `clear()` after anything that changes them. Also
 * remembers which table recently seen records live in, so a read by id can skip `record_index`.
 * A hint is only a guess (it may come from a transaction that rolled back): readers confirm it by
 * finding the row in that table, and fall back to `record_index` when they do not.
 */
export class FormRegistry {
  readonly #byKey = new Map<string, FormTable>();
  readonly #byId = new Map<number, FormTable>();
  readonly #recordTables = new Map<string, number>();

  clear(): void {
    this.#byKey.clear();
    this.#byId.clear();
    this.#recordTables.clear();
  }

  /** The form table id a record was last seen in, if remembered. */
  tableHint(recordId: string): number | undefined {
    return this.#recordTables.get(recordId);
  }

  rememberTable(recordId: string, formTableId: number): void {
    const map = this.#recordTables;
    if (map.get(recordId) === formTableId) return;
    map.delete(recordId);
    map.set(recordId, formTableId);
    if (map.size > RECORD_HINTS) map.delete(map.keys().next().value!);
  }

  forgetTable(recordId: string): void {
    this.#recordTables.delete(recordId);
  }

  /** The layout of a form's table, or undefined if the form was never published. */
  async get(db: Executor, app: string, form: string, fresh = false): Promise<FormTable | undefined> {
    const cached = this.#byKey.get(`${app}\u0000${form}`);
    if (cached && !fresh) return cached;
    const row = await db
      .selectFrom('form_tables')
      .selectAll()
      .where('app_key', '=', app)
      .where('form_key', '=', form)
      .executeTakeFirst();
    return row ? this.#load(db, row) : undefined;
  }

  async getById(db: Executor, id: number): Promise<FormTable | undefined> {
    const cached = this.#byId.get(id);
    if (cached) return cached;
    const row = await db.selectFrom('form_tables').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? this.#load(db, row) : undefined;
  }

  async #load(
    db: Executor,
    row: { id: number; app_key: string; form_key: string; synced_version: number },
  ): Promise<FormTable> {
    const cols = await db
      .selectFrom('form_columns')
      .selectAll()
      .where('form_table_id', '=', row.id)
      .execute();
    const { rows: defs } = await sql<{
      id: number;
      spec: string;
    }>`select id, spec from rollup_defs where form_table_id = ${row.id} order by id`.execute(db);
    const table: FormTable = {
      id: row.id,
      app: row.app_key,
      form: row.form_key,
      table: `form_${row.id}`,
      syncedVersion: row.synced_version,
      columns: new Map(
        cols.map((c) => [
          c.field_key,
          {
            field: c.field_key,
            column: c.column_name,
            type: c.sql_type as ColumnType,
            fieldType: c.field_type,
          },
        ]),
      ),
      rollups: defs.map((d) => ({ id: Number(d.id), spec: JSON.parse(d.spec) as RollupSpec })),
    };
    this.#byKey.set(`${table.app}\u0000${table.form}`, table);
    this.#byId.set(table.id, table);
    return table;
  }
}

/**
 * Creates or extends the record tables for every form of a published bundle, and indexes the
 * columns of the fields it queries (`designed-indexes.ts`). Runs inside the publish transaction
 * (DDL is transactional on both databases).
 */
export async function syncFormTables(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  app: string,
  bundle: AppBundle,
  version: number,
): Promise<void> {
  const queried = queriedFields(bundle);
  for (const form of bundle.forms) {
    let row = await db
      .selectFrom('form_tables')
      .selectAll()
      .where('app_key', '=', app)
      .where('form_key', '=', form.key)
      .executeTakeFirst();
    if (!row) {
      const max = await db
        .selectFrom('form_tables')
        .select((eb) => eb.fn.max('id').as('max'))
        .executeTakeFirst();
      row = { id: Number(max?.max ?? 0) + 1, app_key: app, form_key: form.key, synced_version: version };
      await db.insertInto('form_tables').values(row).execute();
      await createRecordTable(db, dialect, row.id);
    }
    const existing = await db
      .selectFrom('form_columns')
      .select(['field_key', 'field_type'])
      .where('form_table_id', '=', row.id)
      .execute();
    const known = new Map(existing.map((c) => [c.field_key, c.field_type]));
    const table = `form_${row.id}`;
    // Names and ordinals come from the table itself: a retyped field's old column stays there.
    let physical: Set<string> | undefined;
    let retyped = false;
    // A new column starts NULL; records may already hold the field's values (a retyped field, or
    // one that had no column under a list type such as multiselect), so they are moved in.
    const added: NewColumn[] = [];
    for (const field of form.fields) {
      const type = columnTypeOf(field.type);
      const before = known.get(field.key);
      if (before === field.type) continue;
      if (before !== undefined) {
        // The type changed: the old column is left as it was and no longer read.
        retyped = true;
        await db
          .deleteFrom('form_columns')
          .where('form_table_id', '=', row.id)
          .where('field_key', '=', field.key)
          .execute();
        known.delete(field.key);
      }
      if (!type) continue;
      physical ??= await physicalColumns(db, dialect, table);
      // Every typed column ever added counts (a retyped field's old one too), so an ordinal, and
      // the column name made from it, is never reused; without retypes it is the field count + 1.
      const ordinal = [...physical].filter((name) => TYPED_COLUMN.test(name)).length + 1;
      const preferred = columnNameFor(field.key, ordinal);
      const column = physical.has(preferred) ? `c${ordinal}_${field.key.slice(0, 50)}` : preferred;
      await sql`alter table ${sql.id(table)} add column ${sql.id(column)} ${sql.raw(sqlTypeName(type, dialect))}`.execute(
        db,
      );
      physical.add(column);
      await db
        .insertInto('form_columns')
        .values({
          form_table_id: row.id,
          field_key: field.key,
          column_name: column,
          sql_type: type,
          field_type: field.type,
          indexed: 0,
        })
        .execute();
      added.push({ column, type, field: field.key, fieldType: field.type });
      known.set(field.key, field.type);
    }
    await moveFieldData(db, dialect, table, added);
    await indexWhatIsQueried(db, dialect, row.id, table, queried.get(form.key));
    if (retyped) {
      // Rollups summed or grouped the old columns: dropped here, rebuilt from the new ones by
      // syncRollups in the same transaction.
      await sql`delete from record_rollups where rollup_id in (select id from rollup_defs where form_table_id = ${row.id})`.execute(
        db,
      );
      await sql`delete from rollup_defs where form_table_id = ${row.id}`.execute(db);
    }
    await db.updateTable('form_tables').set({ synced_version: version }).where('id', '=', row.id).execute();
  }
}

/** Indexes the columns of the fields something designed queries (`queriedFields`), and no others. */
async function indexWhatIsQueried(
  db: Executor,
  dialect: 'sqlite' | 'postgres',
  tableId: number,
  table: string,
  queried: ReadonlyMap<string, string[]> | undefined,
): Promise<void> {
  const columns = await db
    .selectFrom('form_columns')
    .select(['field_key', 'column_name'])
    .where('form_table_id', '=', tableId)
    .execute();
  const wanted = columns.filter((c) => queried?.has(c.field_key));
  await followDesignedIndexes(db, dialect, tableId, table, new Set(wanted.map((c) => c.column_name)));
  await db.updateTable('form_columns').set({ indexed: 0 }).where('form_table_id', '=', tableId).execute();
  if (wanted.length > 0)
    await db
      .updateTable('form_columns')
      .set({ indexed: 1 })
      .where('form_table_id', '=', tableId)
      .where(
        'field_key',
        'in',
        wanted.map((c) => c.field_key),
      )
      .execute();
}

async function createRecordTable(db: Executor, dialect: 'sqlite' | 'postgres', id: number): Promise<void> {
  const table = sql.id(`form_${id}`);
  // `seq` is the physical order and the keyset tie-breaker; on SQLite it is the rowid itself.
  const seq = dialect === 'postgres' ? sql`"seq" bigserial primary key` : sql`"seq" integer primary key`;
  await sql`create table ${table} (
    ${seq},
    "id" text not null unique,
    "app" text not null,
    "form" text not null,
    "version" integer not null,
    "created_by" text not null,
    "created_at" text not null,
    "updated_at" text not null,
    "instance_id" text,
    "data" text not null
  )`.execute(db);
  const ix = (suffix: string) => sql.id(`ix_${id}_${suffix}`);
  await sql`create index ${ix('created')} on ${table} ("created_at", "seq")`.execute(db);
  await sql`create index ${ix('by')} on ${table} ("created_by", "created_at", "seq")`.execute(db);
}
