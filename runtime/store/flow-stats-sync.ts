/**
 * Builds the process-analytics aggregates from the rows already there, when a store opens whose
 * aggregates are missing (a database from before them) or kept in another zone: one
 * `INSERT … SELECT … GROUP BY` per table, inside the caller's write transaction, so no write can
 * fall between the build and its maintenance. A store that keeps no rollups drops them, so stale
 * aggregates are never read. The SQL computes what flow-stats-write.ts computes for each write:
 * the same local days, whole milliseconds and histogram bounds.
 */
import { sql, type RawBuilder } from 'kysely';
import { bucketSql } from './flow-stats-buckets.js';
import { bucketExpression, offsetSegments } from './record-time-zone.js';
import type { Executor, StoreContext } from './store-context.js';

const YEAR_MS = 365 * 86_400_000;

function millis(ctx: StoreContext, a: RawBuilder<unknown>, b: RawBuilder<unknown>): RawBuilder<unknown> {
  return ctx.dialect === 'postgres'
    ? sql`round(extract(epoch from (${b}::timestamptz - ${a}::timestamptz)) * 1000)`
    : sql`cast(round((julianday(${b}) - julianday(${a})) * 86400000.0) as integer)`;
}

function dayOf(ctx: StoreContext, zone: string, col: RawBuilder<unknown>): RawBuilder<unknown> {
  const segments =
    ctx.dialect === 'sqlite' ? offsetSegments(zone, Date.UTC(2000, 0, 1), Date.now() + 2 * YEAR_MS) : [];
  return sql`coalesce(${bucketExpression(ctx.dialect, col, 'day', true, { name: zone, segments })}, '')`;
}

async function buildTaskStats(db: Executor, ctx: StoreContext, zone: string): Promise<void> {
  await sql`insert into flow_task_stats (app_key, flow_key, node, day, bucket, n, ms, sla, breached)
    select app_key, flow_key, node, day, ${bucketSql(sql`ms`)}, count(*), sum(ms), sum(sla), sum(br) from (
      select i.app_key, i.flow_key, t.node, ${dayOf(ctx, zone, sql`t.completed_at`)} as day, ${millis(ctx, sql`t.created_at`, sql`t.completed_at`)} as ms,
        case when t.due_at is not null then 1 else 0 end as sla, case when t.breached = 1 then 1 else 0 end as br
      from tasks t join instances i on i.id = t.instance_id
      where t.status = 'done' and t.completed_at is not null
    ) x group by 1, 2, 3, 4, 5`.execute(db);
}

async function buildInstanceStats(db: Executor, ctx: StoreContext, zone: string): Promise<void> {
  const outcome =
    ctx.dialect === 'postgres'
      ? sql`(h.detail::json ->> 'outcome')`
      : sql`json_extract(h.detail, '$.outcome')`;
  const startDay = dayOf(ctx, zone, sql`created_at`);
  // Ends come from the history event that ended the instance (its time and outcome), as when counted live.
  await sql`insert into flow_instance_stats (app_key, flow_key, day, kind, bucket, n, ms)
    select app_key, flow_key, day, kind, case when timed = 1 then ${bucketSql(sql`ms`)} else 0 end, count(*), sum(ms) from (
      select app_key, flow_key, ${startDay} as day, 'started' as kind, 0 as timed, 0 as ms from instances
      union all
      select app_key, flow_key, ${startDay} as day, 'active' as kind, 0 as timed, 0 as ms from instances where status = 'active'
      union all
      select i.app_key, i.flow_key, ${dayOf(ctx, zone, sql`h.at`)} as day,
        case h.type when 'instance.ended' then 'done:' || coalesce(${outcome}, '') when 'instance.cancelled' then 'cancelled' else 'failed' end as kind,
        1 as timed, ${millis(ctx, sql`i.created_at`, sql`h.at`)} as ms
      from instances i cross join history h
      where h.instance_id = i.id and i.status <> 'active' and h.type in ('instance.ended', 'instance.cancelled', 'instance.failed')
    ) x group by 1, 2, 3, 4, 5`.execute(db);
}

/** Makes the aggregates match `ctx.rollupTimeZone` (on open: a no-op when they do). */
export async function syncFlowStats(db: Executor, ctx: StoreContext): Promise<void> {
  const zone = ctx.rollupTimeZone;
  const { rows } = await sql<{
    time_zone: string;
  }>`select time_zone from flow_stats_state where id = 1`.execute(db);
  if ((rows[0]?.time_zone ?? null) === zone) return;
  // PostgreSQL: other servers' task and instance writes wait until the build commits.
  if (ctx.dialect === 'postgres' && zone !== null)
    await sql`lock table instances, tasks in share mode`.execute(db);
  await sql`delete from flow_task_stats`.execute(db);
  await sql`delete from flow_instance_stats`.execute(db);
  await sql`delete from flow_stats_state`.execute(db);
  if (zone === null) return;
  await buildTaskStats(db, ctx, zone);
  await buildInstanceStats(db, ctx, zone);
  await sql`insert into flow_stats_state (id, time_zone) values (1, ${zone})`.execute(db);
}
