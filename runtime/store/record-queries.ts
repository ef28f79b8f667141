/**
 * Records in their per-form tables: insert, update (typed columns recomputed from `data` in the
 * same statement, so they can never drift) and read by id through `record_index`.
 */
import { sql } from 'kysely';
import { FlowcaseError } from '../../engine/index.js';
import type { FormTable } from './form-registry.js';
import { columnValue } from './record-columns.js';
import { maintainRollups } from './rollup-write.js';
import { runShaped } from './shaped-query.js';
import { parseJson } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { NewRecord, RecordPatch, RecordRow } from './types.js';

/** The fixed columns every record table has, as selected by every record read. */
export const RECORD_COLUMNS = sql`"seq", "id", "app", "form", "version", "created_by", "created_at", "updated_at", "instance_id", "data"`;

export interface RawRecord {
  seq: number;
  id: string;
  app: string;
  form: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
  instance_id: string | null;
  data: string;
}

export function toRecordRow(r: RawRecord): RecordRow {
  const row: RecordRow = {
    id: r.id,
    app: r.app,
    form: r.form,
    version: Number(r.version),
    data: parseJson<Record<string, unknown>>(r.data),
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  if (r.instance_id !== null) row.instanceId = r.instance_id;
  return row;
}

function typedValues(
  ft: FormTable,
  data: Record<string, unknown>,
): { column: string; value: string | number | null }[] {
  return [...ft.columns.values()].map((c) => ({
    column: c.column,
    value: columnValue(data[c.field], c.type, c.fieldType),
  }));
}

async function tableFor(
  db: Executor,
  ctx: StoreContext,
  app: string,
  form: string,
  version: number,
): Promise<FormTable> {
  let ft = await ctx.registry.get(db, app, form);
  // Another process may have published since we cached the layout.
  if (ft && ft.syncedVersion < version) ft = await ctx.registry.get(db, app, form, true);
  if (!ft) throw new FlowcaseError('FC_NOT_FOUND', `Form ${app}/${form} has no published version`);
  return ft;
}

/** Parameters a multi-row insert may bind (SQLite allows 32,766; PostgreSQL 65,535). */
const MAX_BOUND = 30_000;

/** Inserts many records with multi-row INSERTs into `record_index` and each form's table. */
export async function insertRecords(
  db: Executor,
  ctx: StoreContext,
  recs: readonly NewRecord[],
): Promise<void> {
  const byTable = new Map<FormTable, NewRecord[]>();
  for (const rec of recs) {
    const ft = await tableFor(db, ctx, rec.app, rec.form, rec.version);
    const list = byTable.get(ft) ?? [];
    list.push(rec);
    byTable.set(ft, list);
  }
  for (const [ft, unstamped] of byTable) {
    // One clock reading per record, shared by its row and its rollup contribution.
    const list = unstamped.map((rec) => ({ ...rec, createdAt: rec.createdAt ?? ctx.now() }));
    const columns = [
      'id',
      'app',
      'form',
      'version',
      'created_by',
      'created_at',
      'updated_at',
      'instance_id',
      'data',
      ...[...ft.columns.values()].map((c) => c.column),
    ];
    const perChunk = Math.max(1, Math.floor(MAX_BOUND / columns.length));
    for (let from = 0; from < list.length; from += perChunk) {
      const chunk = list.slice(from, from + perChunk);
      const index: unknown[] = [];
      const values: unknown[] = [];
      for (const rec of chunk) {
        const at = rec.createdAt ?? ctx.now();
        index.push(rec.id, ft.id);
        values.push(
          rec.id,
          rec.app,
          rec.form,
          rec.version,
          rec.createdBy,
          at,
          rec.updatedAt ?? at,
          rec.instanceId ?? null,
          JSON.stringify(rec.data),
        );
        for (const c of ft.columns.values()) values.push(columnValue(rec.data[c.field], c.type, c.fieldType));
      }
      const n = chunk.length;
      await runShaped(db, ctx.dialect, `record_index.insert:${n}`, index, (a) =>
        db.insertInto('record_index').values(
          Array.from({ length: n }, (_, r) => ({
            id: a[2 * r] as string,
            form_table_id: a[2 * r + 1] as number,
          })),
        ),
      );
      const width = columns.length;
      await runShaped(
        db,
        ctx.dialect,
        `record.insert:${ft.table}:${n}:${columns.join(',')}`,
        values,
        (a) => ({
          compile: () => {
            const rows = Array.from(
              { length: n },
              (_, r) => sql`(${sql.join(columns.map((_, i) => a[r * width + i]))})`,
            );
            return sql`insert into ${sql.id(ft.table)} (${sql.join(columns.map((c) => sql.id(c)))}) values ${sql.join(rows)}`.compile(
              db,
            );
          },
        }),
      );
      for (const rec of chunk) ctx.registry.rememberTable(rec.id, ft.id);
    }
    await maintainRollups(
      db,
      ctx,
      ft,
      list.map((rec) => ({
        after: {
          id: rec.id,
          createdBy: rec.createdBy,
          createdAt: rec.createdAt,
          updatedAt: rec.updatedAt ?? rec.createdAt,
          data: rec.data,
        },
      })),
    );
  }
}

/** The records of `ids` that exist, in the order of `ids`. */
export async function getRecords(
  db: Executor,
  ctx: StoreContext,
  ids: readonly string[],
): Promise<RecordRow[]> {
  const unique = [...new Set(ids)];
  const byTable = new Map<number, string[]>();
  const unknown: string[] = [];
  for (const id of unique) {
    const hint = ctx.registry.tableHint(id);
    if (hint === undefined) unknown.push(id);
    else byTable.set(hint, [...(byTable.get(hint) ?? []), id]);
  }
  if (unknown.length > 0) {
    const found = await db
      .selectFrom('record_index')
      .select(['id', 'form_table_id'])
      .where('id', 'in', unknown)
      .execute();
    for (const r of found)
      byTable.set(Number(r.form_table_id), [...(byTable.get(Number(r.form_table_id)) ?? []), r.id]);
  }
  const rows = new Map<string, RecordRow>();
  for (const [tableId, list] of byTable) {
    const ft = await ctx.registry.getById(db, tableId);
    if (!ft) continue;
    const { rows: raw } =
      await sql<RawRecord>`select ${RECORD_COLUMNS} from ${sql.id(ft.table)} where "id" in (${sql.join(list)})`.execute(
        db,
      );
    for (const r of raw) {
      rows.set(r.id, toRecordRow(r));
      ctx.registry.rememberTable(r.id, ft.id);
    }
  }
  // A stale hint (the row is not in that table) falls back to one read by id.
  for (const id of unique) {
    if (rows.has(id) || !ctx.registry.tableHint(id)) continue;
    const row = await getRecord(db, ctx, id);
    if (row) rows.set(id, row);
  }
  return ids.flatMap((id) => {
    const row = rows.get(id);
    return row ? [row] : [];
  });
}

export async function insertRecord(db: Executor, ctx: StoreContext, rec: NewRecord): Promise<RecordRow> {
  const ft = await tableFor(db, ctx, rec.app, rec.form, rec.version);
  const at = rec.createdAt ?? ctx.now();
  const fixed: [string, string | number | null][] = [
    ['id', rec.id],
    ['app', rec.app],
    ['form', rec.form],
    ['version', rec.version],
    ['created_by', rec.createdBy],
    ['created_at', at],
    ['updated_at', rec.updatedAt ?? at],
    ['instance_id', rec.instanceId ?? null],
    ['data', JSON.stringify(rec.data)],
  ];
  const all = [
    ...fixed,
    ...typedValues(ft, rec.data).map((t) => [t.column, t.value] as [string, string | number | null]),
  ];
  await db.insertInto('record_index').values({ id: rec.id, form_table_id: ft.id }).execute();
  await sql`insert into ${sql.id(ft.table)} (${sql.join(all.map(([c]) => sql.id(c)))}) values (${sql.join(all.map(([, v]) => v))})`.execute(
    db,
  );
  ctx.registry.rememberTable(rec.id, ft.id);
  const row: RecordRow = {
    id: rec.id,
    app: rec.app,
    form: rec.form,
    version: rec.version,
    data: rec.data,
    createdBy: rec.createdBy,
    createdAt: at,
    updatedAt: rec.updatedAt ?? at,
  };
  await maintainRollups(db, ctx, ft, [{ after: row }]);
  if (rec.instanceId) row.instanceId = rec.instanceId;
  return row;
}

/** The table layout holding record `id`, or undefined if there is no such record. */
export async function tableOfRecord(
  db: Executor,
  ctx: StoreContext,
  id: string,
): Promise<FormTable | undefined> {
  const ix = await db
    .selectFrom('record_index')
    .select('form_table_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return ix ? ctx.registry.getById(db, Number(ix.form_table_id)) : undefined;
}

/** A record's row with every column (typed ones too) and the layout of its table. */
interface LocatedRecord {
  ft: FormTable;
  raw: RawRecord & Record<string, unknown>;
}

/**
 * The record rows one write transaction read, by id. A step reads its record and then writes it:
 * the write starts from the row read instead of reading it again. Only a hint: the write is
 * guarded by the data text it was read with, and reads the row afresh when that guard fails.
 */
export type ReadRecords = Map<string, LocatedRecord>;

async function locateRecord(
  db: Executor,
  ctx: StoreContext,
  id: string,
  typed = true,
): Promise<LocatedRecord | undefined> {
  // The typed columns only matter to a write (which compares them); without them the row is a
  // third of the work to read (a form has dozens).
  const read = async (ft: FormTable) =>
    (
      await runShaped(db, ctx.dialect, `record.get${typed ? '' : '-data'}:${ft.table}`, [id], ([id]) => ({
        compile: () =>
          sql<
            RawRecord & Record<string, unknown>
          >`select ${typed ? sql`*` : RECORD_COLUMNS} from ${sql.id(ft.table)} where "id" = ${id}`.compile(
            db,
          ),
      }))
    ).rows[0];
  const hint = ctx.registry.tableHint(id);
  const hinted = hint === undefined ? undefined : await ctx.registry.getById(db, hint);
  if (hinted) {
    const raw = await read(hinted);
    if (raw) return { ft: hinted, raw };
    ctx.registry.forgetTable(id);
  }
  const ft = await tableOfRecord(db, ctx, id);
  if (!ft || ft === hinted) return undefined;
  const raw = await read(ft);
  if (!raw) return undefined;
  ctx.registry.rememberTable(id, ft.id);
  return { ft, raw };
}

/** With `read`, the row is read whole and kept there for a write that follows; else only its data. */
export async function getRecord(
  db: Executor,
  ctx: StoreContext,
  id: string,
  read?: ReadRecords,
): Promise<RecordRow | undefined> {
  const found = await locateRecord(db, ctx, id, read !== undefined);
  if (found) read?.set(id, found);
  return found ? toRecordRow(found.raw) : undefined;
}

/** Whether a stored column value equals the value we would write (numbers may come back as text or bigint). */
function sameColumnValue(stored: unknown, next: string | number | null): boolean {
  if (stored === undefined || stored === null || next === null) return (stored ?? null) === next;
  if (typeof next === 'number')
    return (
      (typeof stored === 'number' || typeof stored === 'bigint' || typeof stored === 'string') &&
      Number(stored) === next
    );
  return stored === next;
}

/**
 * Rewrites a record from `patch`. The typed columns are recomputed from the new data, but only
 * the columns whose value changes are written: every indexed column written costs index pages
 * in the commit. Writing a subset is guarded by the old data text in the WHERE clause, so if the
 * row changed since it was read (PostgreSQL lets another transaction in between), every column
 * is written instead and the typed columns can never drift from `data`.
 */
export async function updateRecord(
  db: Executor,
  ctx: StoreContext,
  id: string,
  patch: RecordPatch,
  read?: ReadRecords,
): Promise<RecordRow> {
  const known = read?.get(id);
  // Whatever happens below, the row read before is no longer the row.
  read?.delete(id);
  if (known) {
    const row = await writeRecord(db, ctx, id, patch, known, true);
    if (row) return row;
  }
  const found = await locateRecord(db, ctx, id);
  if (!found) throw new FlowcaseError('FC_NOT_FOUND', `Record ${id} not found`);
  return (await writeRecord(db, ctx, id, patch, found, false))!;
}

/**
 * Writes `patch` over the row `found`. With `onlyIfUnchanged`, every write is guarded by the
 * data text read, and nothing is written (undefined) when the row moved on since.
 */
async function writeRecord(
  db: Executor,
  ctx: StoreContext,
  id: string,
  patch: RecordPatch,
  found: LocatedRecord,
  onlyIfUnchanged: boolean,
): Promise<RecordRow | undefined> {
  const { raw } = found;
  const current = toRecordRow(raw);
  let ft = found.ft;
  if (ft.syncedVersion < current.version) ft = (await ctx.registry.get(db, ft.app, ft.form, true)) ?? ft;
  const data = patch.data ?? current.data;
  const dataText = patch.data ? JSON.stringify(patch.data) : raw.data;
  const updatedAt = patch.updatedAt ?? ctx.now();
  const instanceId = patch.instanceId === undefined ? (current.instanceId ?? null) : patch.instanceId;
  const typed = typedValues(ft, data).map((t) => [t.column, t.value] as [string, string | number | null]);
  const all: [string, string | number | null][] = [
    ['data', dataText],
    ['updated_at', updatedAt],
    ['instance_id', instanceId],
    ...typed,
  ];
  const changed = all.filter(
    ([column, value]) => column === 'updated_at' || !sameColumnValue(raw[column], value),
  );
  const update = (sets: [string, string | number | null][], guard?: string) => {
    const columns = sets.map(([c]) => c);
    const args = [...sets.map(([, v]) => v), id, ...(guard === undefined ? [] : [guard])];
    return runShaped(
      db,
      ctx.dialect,
      `record.update:${ft.table}:${guard === undefined ? '' : 'guarded:'}${columns.join(',')}`,
      args,
      (a) => ({
        compile: () => {
          const setList = sql.join(columns.map((c, i) => sql`${sql.id(c)} = ${a[i]}`));
          const where =
            guard === undefined
              ? sql`"id" = ${a[columns.length]}`
              : sql`"id" = ${a[columns.length]} and "data" = ${a[columns.length + 1]}`;
          return sql`update ${sql.id(ft.table)} set ${setList} where ${where}`.compile(db);
        },
      }),
    );
  };
  let done = false;
  if (changed.length < all.length || onlyIfUnchanged)
    done = Number((await update(changed, raw.data)).numAffectedRows ?? 0n) > 0;
  if (!done && onlyIfUnchanged) return undefined;
  if (!done) await update(all);
  const row: RecordRow = { ...current, data, updatedAt };
  await maintainRollups(db, ctx, ft, [{ before: current, after: row }]);
  delete row.instanceId;
  if (instanceId !== null) row.instanceId = instanceId;
  return row;
}
