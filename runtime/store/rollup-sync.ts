/**
 * Rollups follow the published bundle: publishing (and opening a database whose rollups are
 * missing or were kept for another time zone) drops the rollups no dashboard wants any more and
 * builds the new ones from the records, one INSERT … SELECT … GROUP BY per rollup, inside the
 * caller's write transaction, so no record write can fall between the build and the maintenance.
 */
import { sql, type RawBuilder } from 'kysely';
import type { AppBundle } from '../../engine/index.js';
import type { FormTable } from './form-registry.js';
import { zoneSegments } from './record-aggregate.js';
import { resolveColumn } from './record-column-ref.js';
import { recordConditions } from './record-list.js';
import { bucketExpression } from './record-time-zone.js';
import {
  MONTH_PREFIX,
  ROLLUP_KEYS,
  ROLLUP_SLOTS,
  rollupSpecs,
  stableJson,
  type RollupDef,
} from './rollup-spec.js';
import { ROLLUP_COLUMNS, SLOT_COLUMNS, summable } from './rollup-write.js';
import type { Executor, StoreContext } from './store-context.js';

/** Makes the rollups of every form of `app` those `bundle` wants, in `ctx.rollupTimeZone`. */
export async function syncRollups(
  db: Executor,
  ctx: StoreContext,
  app: string,
  bundle: AppBundle,
): Promise<void> {
  const { rows: tables } = await sql<{
    form_key: string;
  }>`select form_key from form_tables where app_key = ${app} order by id`.execute(db);
  let changed = false;
  for (const { form_key } of tables) {
    const ft = await ctx.registry.get(db, app, form_key, true);
    if (!ft) continue;
    const inBundle = bundle.forms.some((f) => f.key === form_key);
    const zone = ctx.rollupTimeZone;
    const wanted = new Map(
      (inBundle && zone !== null ? rollupSpecs(bundle, ft, zone) : []).map((s) => [stableJson(s), s]),
    );
    for (const def of ft.rollups) {
      if (wanted.delete(stableJson(def.spec))) continue;
      await sql`delete from record_rollups where rollup_id = ${def.id}`.execute(db);
      await sql`delete from rollup_defs where id = ${def.id}`.execute(db);
      changed = true;
    }
    for (const spec of wanted.values()) {
      // Never an id used before: a server with a stale layout may still have written rows for it.
      const { rows } = await sql<{
        max: number | null;
      }>`select max(m) as max from (select max(id) as m from rollup_defs union all select max(rollup_id) as m from record_rollups) x`.execute(
        db,
      );
      const id = Number(rows[0]?.max ?? 0) + 1;
      // PostgreSQL: writers of this form wait until the build commits (see currentRollups).
      if (ctx.dialect === 'postgres') await sql`lock table ${sql.id(ft.table)} in share mode`.execute(db);
      await sql`insert into rollup_defs (id, form_table_id, spec) values (${id}, ${ft.id}, ${stableJson(spec)})`.execute(
        db,
      );
      await buildRollup(db, ctx, ft, { id, spec });
      changed = true;
    }
  }
  if (changed) ctx.registry.clear();
}

/** SQL for a key part, as `encodeKey(keyPart(…))` computes it in rollup-write.ts. */
async function keySql(
  db: Executor,
  ctx: StoreContext,
  ft: FormTable,
  dim: { field: string; day: boolean } | undefined,
  zone: string,
): Promise<RawBuilder<unknown>> {
  if (!dim) return sql`''`;
  const col = resolveColumn(ft, dim.field)!;
  let value: RawBuilder<unknown> = col.ref;
  if (dim.day && col.fieldType === 'date') value = sql`substr(${col.ref}, 1, 10)`;
  else if (dim.day)
    value = bucketExpression(ctx.dialect, col.ref, 'day', true, {
      name: zone,
      segments: ctx.dialect === 'sqlite' ? await zoneSegments(db, ft, col, zone) : [],
    });
  return sql`case when ${value} is null then '' else '=' || ${value} end`;
}

async function buildRollup(db: Executor, ctx: StoreContext, ft: FormTable, def: RollupDef): Promise<void> {
  const { spec } = def;
  const zone = spec.timeZone;
  const keys = [];
  for (let i = 0; i < ROLLUP_KEYS; i++) keys.push(await keySql(db, ctx, ft, spec.dims[i], zone));
  const created = resolveColumn(ft, 'createdAt')!;
  const day = bucketExpression(ctx.dialect, created.ref, 'day', true, {
    name: zone,
    segments: ctx.dialect === 'sqlite' ? await zoneSegments(db, ft, created, zone) : [],
  });
  const slots: RawBuilder<unknown>[] = [];
  for (let i = 0; i < ROLLUP_SLOTS; i++) {
    const col = spec.fields[i] === undefined ? undefined : resolveColumn(ft, spec.fields[i]!);
    slots.push(
      col && summable(col.type) ? sql`coalesce(sum(${col.ref}), 0)` : sql`0`,
      col ? sql`count(${col.ref})` : sql`0`,
    );
  }
  const where = recordConditions(ft, spec.filter ?? undefined, undefined);
  const whereSql = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  await sql`insert into record_rollups (${sql.raw(ROLLUP_COLUMNS)})
    select ${sql.lit(def.id)}, ${sql.join(keys)}, coalesce(${day}, ''), count(*), ${sql.join(slots)}
    from ${sql.id(ft.table)} ${whereSql} group by 2, 3, 4`.execute(db);
  if (!spec.months) return;
  // Month rows: the sums of their days' rows (the day rows just built; none has the prefix yet).
  const month = sql`${sql.lit(MONTH_PREFIX)} || substr(day, 1, 7)`;
  const sums = SLOT_COLUMNS.map((c) => sql`sum(${sql.id(c)})`);
  await sql`insert into record_rollups (${sql.raw(ROLLUP_COLUMNS)})
    select rollup_id, k1, k2, ${month}, sum(c), ${sql.join(sums)}
    from record_rollups where rollup_id = ${def.id} and day <> '' group by rollup_id, k1, k2, ${month}`.execute(
    db,
  );
}

/** Syncs every installed app's rollups with its current version (on open: a no-op when they match). */
export async function syncAllRollups(db: Executor, ctx: StoreContext): Promise<void> {
  const { rows } = await sql<{
    key: string;
    bundle: string;
  }>`select a.key, v.bundle from apps a join app_versions v on v.app_key = a.key and v.version = a.current_version order by a.key`.execute(
    db,
  );
  for (const r of rows) await syncRollups(db, ctx, r.key, JSON.parse(r.bundle) as AppBundle);
}
