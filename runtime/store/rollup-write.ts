/**
 * Keeps rollups current in the transaction of each record write: the record's old contribution
 * (if any) is taken away and its new one added, merged per rollup row so a write whose groups and
 * values do not change writes nothing, and what is left goes out as one multi-row upsert.
 */
import { sql } from 'kysely';
import type { FormTable } from './form-registry.js';
import { columnValue, type ColumnType } from './record-columns.js';
import { offsetMinutes } from './record-time-zone.js';
import type { RollupDef } from './rollup-spec.js';
import { MONTH_PREFIX, ROLLUP_SLOTS } from './rollup-spec.js';
import { matchesFilter, type ValueOf } from './rollup-filter.js';
import { runShaped } from './shaped-query.js';
import type { Executor, StoreContext } from './store-context.js';

/** A record as the rollups see it. */
export interface RecordImage {
  id: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  data: Record<string, unknown>;
}

/** One record write: `before` is absent for an insert, `after` for a delete. */
export interface RecordChange {
  before?: RecordImage;
  after?: RecordImage;
}

const META: Record<string, { pick: (r: RecordImage) => string; fieldType?: string }> = {
  id: { pick: (r) => r.id },
  createdAt: { pick: (r) => r.createdAt, fieldType: 'datetime' },
  updatedAt: { pick: (r) => r.updatedAt, fieldType: 'datetime' },
  createdBy: { pick: (r) => r.createdBy },
};

/** The typed column values of a record, as the SQL path reads them. */
export function valuesOf(ft: FormTable, r: RecordImage): ValueOf {
  return (name) => {
    const meta = Object.hasOwn(META, name) ? META[name] : undefined;
    if (meta)
      return { value: meta.pick(r), type: 'text', ...(meta.fieldType ? { fieldType: meta.fieldType } : {}) };
    const col = ft.columns.get(name);
    return col
      ? {
          value: columnValue(r.data[col.field], col.type, col.fieldType),
          type: col.type,
          fieldType: col.fieldType,
        }
      : undefined;
  };
}

const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

// Every rollup of a form asks for the day of the same record's createdAt in turn.
let lastDay: { iso: string; zone: string; day: string | null } = { iso: '', zone: '', day: null };

/** The local day (YYYY-MM-DD) of an ISO instant in `zone`, or null when it is not one. */
export function localDay(iso: string, zone: string): string | null {
  if (lastDay.iso === iso && lastDay.zone === zone) return lastDay.day;
  const day = computeLocalDay(iso, zone);
  lastDay = { iso, zone, day };
  return day;
}

function computeLocalDay(iso: string, zone: string): string | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  // Offsets change on whole quarter hours in every zone in use.
  const slot = `${zone}\u0000${Math.floor(ms / QUARTER_HOUR)}`;
  let off = offsets.get(slot);
  if (off === undefined) {
    if (offsets.size > 20_000) offsets.clear();
    off = offsetMinutes(zone, ms);
    offsets.set(slot, off);
  }
  return dayName(Math.floor((ms + off * 60_000) / 86_400_000));
}

const dayNames = new Map<number, string>();

/** `YYYY-MM-DD` of a day number (days since 1970-01-01): a bulk import asks for the same few days a million times. */
function dayName(day: number): string {
  let name = dayNames.get(day);
  if (name === undefined) {
    if (dayNames.size > 50_000) dayNames.clear();
    name = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dayNames.set(day, name);
  }
  return name;
}

/** A key part as stored: `''` for NULL, `'=' + value` otherwise. */
export function encodeKey(value: string | number | null): string {
  return value === null ? '' : `=${String(value)}`;
}

function keyPart(values: ValueOf, dim: { field: string; day: boolean }, zone: string): string {
  const col = values(dim.field);
  const v = col?.value ?? null;
  if (!dim.day || v === null) return encodeKey(v);
  return encodeKey(col!.fieldType === 'date' ? String(v).slice(0, 10) : localDay(String(v), zone));
}

interface Delta {
  rollup: number;
  k: [string, string];
  day: string;
  c: number;
  s: number[];
  n: number[];
}

function contribute(
  ft: FormTable,
  def: RollupDef,
  r: RecordImage,
  sign: 1 | -1,
  into: Map<string, Delta>,
): void {
  const { spec } = def;
  const values = valuesOf(ft, r);
  if (!matchesFilter(spec.filter, values)) return;
  const k: [string, string] = [
    spec.dims[0] ? keyPart(values, spec.dims[0], spec.timeZone) : '',
    spec.dims[1] ? keyPart(values, spec.dims[1], spec.timeZone) : '',
  ];
  const day = localDay(r.createdAt, spec.timeZone) ?? '';
  const summed = spec.fields.map((f) => values(f));
  add(into, def.id, k, day, sign, summed);
  // The month row gets the same parts (a record without a day has no month either).
  if (spec.months && day !== '') add(into, def.id, k, MONTH_PREFIX + day.slice(0, 7), sign, summed);
}

function add(
  into: Map<string, Delta>,
  rollup: number,
  k: [string, string],
  day: string,
  sign: 1 | -1,
  summed: ReturnType<ValueOf>[],
): void {
  const id = `${rollup}\u0001${k[0]}\u0001${k[1]}\u0001${day}`;
  let d = into.get(id);
  if (!d) {
    d = {
      rollup,
      k,
      day,
      c: 0,
      s: Array<number>(ROLLUP_SLOTS).fill(0),
      n: Array<number>(ROLLUP_SLOTS).fill(0),
    };
    into.set(id, d);
  }
  d.c += sign;
  summed.forEach((col, i) => {
    if (col?.value === null || col === undefined) return;
    d.n[i]! += sign;
    if (col.type !== 'text') d.s[i]! += sign * (col.value as number);
  });
}

/** Rows bound per upsert (13 parameters a row, within both databases' limits). */
const ROWS_PER_STATEMENT = 2000;
const WIDTH = 4 + 1 + 2 * ROLLUP_SLOTS;

/**
 * PostgreSQL: the rollups of `ft` as committed now. Another server may have published (or
 * rebuilt) rollups since this one cached the layout; its build holds a SHARE lock on the record
 * table until it commits, so a write that got past its own row lock reads the defs it must keep.
 */
async function currentRollups(db: Executor, ctx: StoreContext, ft: FormTable): Promise<FormTable> {
  const { rows } = await runShaped(db, ctx.dialect, 'rollup.defs', [ft.id], ([id]) => ({
    compile: () =>
      sql<{
        ids: string | null;
      }>`select string_agg(cast(id as text), ',' order by id) as ids from rollup_defs where form_table_id = ${id}`.compile(
        db,
      ),
  }));
  const ids = rows[0]?.ids ?? '';
  if (ids === ft.rollups.map((r) => r.id).join(',')) return ft;
  return (await ctx.registry.get(db, ft.app, ft.form, true)) ?? ft;
}

/** Applies `changes` of records in `ft` to its rollups (nothing when the form has none). */
export async function maintainRollups(
  db: Executor,
  ctx: StoreContext,
  cached: FormTable,
  changes: readonly RecordChange[],
): Promise<void> {
  const ft = ctx.dialect === 'postgres' ? await currentRollups(db, ctx, cached) : cached;
  if (ft.rollups.length === 0) return;
  const deltas = new Map<string, Delta>();
  for (const change of changes) {
    for (const def of ft.rollups) {
      if (change.before) contribute(ft, def, change.before, -1, deltas);
      if (change.after) contribute(ft, def, change.after, 1, deltas);
    }
  }
  // Sorted, so concurrent PostgreSQL transactions lock shared rows in one order.
  const rows = [...deltas.entries()]
    .filter(([, d]) => d.c !== 0 || d.n.some((x) => x !== 0) || d.s.some((x) => x !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, d]) => d);
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
    const args: unknown[] = [];
    for (const d of chunk) {
      args.push(d.rollup, d.k[0], d.k[1], d.day, d.c);
      for (let i = 0; i < ROLLUP_SLOTS; i++) args.push(d.s[i], d.n[i]);
    }
    await runShaped(db, ctx.dialect, `rollup.upsert:${chunk.length}`, args, (a) => ({
      compile: () => {
        const values = chunk.map((_, r) => sql`(${sql.join(a.slice(r * WIDTH, (r + 1) * WIDTH))})`);
        return sql`insert into record_rollups (${sql.raw(ROLLUP_COLUMNS)}) values ${sql.join(values)} on conflict (rollup_id, k1, k2, day) do update set ${sql.raw(ROLLUP_ADD)}`.compile(
          db,
        );
      },
    }));
  }
}

/** The slot columns `s1, n1, … s4, n4`, in table order. */
export const SLOT_COLUMNS = Array.from({ length: ROLLUP_SLOTS }, (_, i) => [`s${i + 1}`, `n${i + 1}`]).flat();
export const ROLLUP_COLUMNS = ['rollup_id', 'k1', 'k2', 'day', 'c', ...SLOT_COLUMNS].join(', ');
const ROLLUP_ADD = ['c', ...SLOT_COLUMNS].map((c) => `${c} = record_rollups.${c} + excluded.${c}`).join(', ');

/** Whether a summed column holds numbers (text fields are only counted). */
export function summable(type: ColumnType | undefined): boolean {
  return type !== undefined && type !== 'text';
}
