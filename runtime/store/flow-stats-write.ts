/**
 * Keeps the process-analytics aggregates (migration 0005) in the transaction of each write that
 * changes them: a task becoming done, an instance inserted, an instance leaving `active`. Every
 * write's contributions are merged per aggregate row first and go out as one multi-row upsert
 * (sorted, so concurrent PostgreSQL transactions lock shared rows in one order). Nothing is kept
 * when the store keeps no rollups (`rollupTimeZone` null): analytics then read the raw rows.
 */
import { sql } from 'kysely';
import type { FlowSnapshot } from '../../engine/index.js';
import { bucketOf } from './flow-stats-buckets.js';
import { flowsOf } from './flow-stats-open.js';
import type { TasksTable } from './schema.js';
import { localDay } from './rollup-write.js';
import { runShaped } from './shaped-query.js';
import type { Executor, StoreContext } from './store-context.js';

interface StatsTable {
  name: string;
  keys: readonly string[];
  sums: readonly string[];
}

const TASKS: StatsTable = {
  name: 'flow_task_stats',
  keys: ['app_key', 'flow_key', 'node', 'day', 'bucket'],
  sums: ['n', 'ms', 'sla', 'breached'],
};
const INSTANCES: StatsTable = {
  name: 'flow_instance_stats',
  keys: ['app_key', 'flow_key', 'day', 'kind', 'bucket'],
  sums: ['n', 'ms'],
};

/** A task as the aggregates see it; only done ones with a completion time count. */
export interface CountedTask {
  instanceId: string;
  node: string;
  status: string;
  createdAt: string;
  completedAt: string | null;
  dueAt: string | null;
  breached: boolean;
}

type DoneTask = CountedTask & { completedAt: string };

function isDone(t: CountedTask): t is DoneTask {
  return t.status === 'done' && t.completedAt !== null;
}

/** An instance as inserted, or leaving `active` (`sign` -1 takes its `active` count back). */
interface InstanceFact {
  app: string;
  flow: string;
  createdAt: string;
  status: FlowSnapshot['status'];
  outcome?: string | undefined;
  endedAt?: string;
}

type Row = { key: (string | number)[]; sums: number[] };

function spentMs(from: string, to: string): number {
  return Date.parse(to) - Date.parse(from);
}

function taskSums(t: DoneTask): { bucket: number; sums: number[] } {
  const ms = spentMs(t.createdAt, t.completedAt);
  return { bucket: bucketOf(ms), sums: [1, ms, t.dueAt === null ? 0 : 1, t.breached ? 1 : 0] };
}

/** The end kind of a finished instance: `done:<outcome>`, `cancelled` or `failed`. */
export function endKind(status: string, outcome: string | null | undefined): string {
  return status === 'done' ? `done:${outcome ?? ''}` : status;
}

class Merged {
  readonly #rows = new Map<string, Row>();
  add(key: (string | number)[], sums: number[]): void {
    const id = key.join('\u0001');
    const row = this.#rows.get(id);
    if (!row) this.#rows.set(id, { key, sums: [...sums] });
    else sums.forEach((s, i) => (row.sums[i]! += s));
  }
  rows(): Row[] {
    return [...this.#rows.entries()]
      .filter(([, r]) => r.sums.some((s) => s !== 0))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, r]) => r);
  }
}

/** Rows per upsert statement (at most 9 parameters a row). */
const ROWS_PER_STATEMENT = 500;

async function upsert(
  db: Executor,
  ctx: StoreContext,
  table: StatsTable,
  rows: readonly Row[],
): Promise<void> {
  const cols = [...table.keys, ...table.sums];
  const set = table.sums.map((c) => `${c} = ${table.name}.${c} + excluded.${c}`).join(', ');
  for (let from = 0; from < rows.length; from += ROWS_PER_STATEMENT) {
    const chunk = rows.slice(from, from + ROWS_PER_STATEMENT);
    await runShaped(
      db,
      ctx.dialect,
      `${table.name}.upsert:${chunk.length}`,
      chunk.flatMap((r) => [...r.key, ...r.sums]),
      (a) => ({
        compile: () => {
          const values = chunk.map(
            (_, r) => sql`(${sql.join(a.slice(r * cols.length, (r + 1) * cols.length))})`,
          );
          return sql`insert into ${sql.id(table.name)} (${sql.raw(cols.join(', '))}) values ${sql.join(values)}
          on conflict (${sql.raw(table.keys.join(', '))}) do update set ${sql.raw(set)}`.compile(db);
        },
      }),
    );
  }
}

/** A task just became done (`updateTask`, its row as updated): one upsert that takes the flow from the instance row. */
export async function countDoneTask(
  db: Executor,
  ctx: StoreContext,
  row: Pick<
    TasksTable,
    'instance_id' | 'node' | 'status' | 'created_at' | 'completed_at' | 'due_at' | 'breached'
  >,
): Promise<void> {
  const zone = ctx.rollupTimeZone;
  const t: CountedTask = {
    instanceId: row.instance_id,
    node: row.node,
    status: row.status,
    createdAt: row.created_at,
    completedAt: row.completed_at,
    dueAt: row.due_at,
    breached: Number(row.breached) === 1,
  };
  if (zone === null || !isDone(t)) return;
  const { bucket, sums } = taskSums(t);
  const args = [t.node, localDay(t.completedAt, zone) ?? '', bucket, ...sums, t.instanceId];
  await runShaped(db, ctx.dialect, 'flow_task_stats.add', args, (a) => ({
    compile: () =>
      sql`insert into flow_task_stats (app_key, flow_key, node, day, bucket, n, ms, sla, breached)
        select app_key, flow_key, cast(${a[0]} as text), cast(${a[1]} as text), cast(${a[2]} as integer), cast(${a[3]} as bigint),
          cast(${a[4]} as double precision), cast(${a[5]} as bigint), cast(${a[6]} as bigint)
        from instances where id = ${a[7]}
        on conflict (app_key, flow_key, node, day, bucket) do update set
          n = flow_task_stats.n + excluded.n, ms = flow_task_stats.ms + excluded.ms, sla = flow_task_stats.sla + excluded.sla, breached = flow_task_stats.breached + excluded.breached`.compile(
        db,
      ),
  }));
}

/** Bulk-loaded tasks (`insertTasks`): the done ones, with their flows read in one query per chunk. */
export async function countInsertedTasks(
  db: Executor,
  ctx: StoreContext,
  all: readonly CountedTask[],
): Promise<void> {
  const zone = ctx.rollupTimeZone;
  const tasks = all.filter(isDone);
  if (zone === null || tasks.length === 0) return;
  const flows = await flowsOf(
    db,
    ctx,
    tasks.map((t) => t.instanceId),
  );
  const merged = new Merged();
  for (const t of tasks) {
    const f = flows.get(t.instanceId);
    if (!f) continue;
    const { bucket, sums } = taskSums(t);
    merged.add([f.app, f.flow, t.node, localDay(t.completedAt, zone) ?? '', bucket], sums);
  }
  await upsert(db, ctx, TASKS, merged.rows());
}

function addInstance(merged: Merged, zone: string, i: InstanceFact, sign: 1 | -1): void {
  const startDay = localDay(i.createdAt, zone) ?? '';
  if (sign === 1) merged.add([i.app, i.flow, startDay, 'started', 0], [1, 0]);
  if (i.status === 'active') {
    merged.add([i.app, i.flow, startDay, 'active', 0], [sign, 0]);
    return;
  }
  // Leaving `active` (sign -1 here is the instance's active count going away).
  if (sign === -1) merged.add([i.app, i.flow, startDay, 'active', 0], [-1, 0]);
  const endedAt = i.endedAt ?? i.createdAt;
  const ms = spentMs(i.createdAt, endedAt);
  merged.add(
    [i.app, i.flow, localDay(endedAt, zone) ?? '', endKind(i.status, i.outcome), bucketOf(ms)],
    [1, ms],
  );
}

/**
 * Inserted instances (`insertInstance`, bulk `insertInstances`): started, and still active or
 * ended. A bulk-loaded instance that is no longer active ended at its last save (`endedAt`).
 */
export async function countInsertedInstances(
  db: Executor,
  ctx: StoreContext,
  list: readonly InstanceFact[],
): Promise<void> {
  const zone = ctx.rollupTimeZone;
  if (zone === null || list.length === 0) return;
  const merged = new Merged();
  for (const i of list) addInstance(merged, zone, i, 1);
  await upsert(db, ctx, INSTANCES, merged.rows());
}

/**
 * Before `saveInstance` writes a snapshot that is not active: when the stored row (at the expected
 * revision) is still active, the instance ends now. A stale revision counts nothing here, and the
 * save that follows throws `FC_CONFLICT`, rolling the transaction back.
 */
export async function countInstanceEnd(
  db: Executor,
  ctx: StoreContext,
  id: string,
  expectedRev: number,
  snapshot: FlowSnapshot,
  endedAt: string,
): Promise<void> {
  const zone = ctx.rollupTimeZone;
  if (zone === null || snapshot.status === 'active') return;
  const { rows } = await runShaped(db, ctx.dialect, 'flow_stats.instance', [id, expectedRev], ([id, rev]) =>
    db
      .selectFrom('instances')
      .select(['app_key', 'flow_key', 'created_at', 'status'])
      .where('id', '=', id as string)
      .where('rev', '=', rev as number),
  );
  const row = rows[0];
  if (row?.status !== 'active') return;
  const merged = new Merged();
  addInstance(
    merged,
    zone,
    {
      app: row.app_key,
      flow: row.flow_key,
      createdAt: row.created_at,
      status: snapshot.status,
      outcome: snapshot.outcome,
      endedAt,
    },
    -1,
  );
  await upsert(db, ctx, INSTANCES, merged.rows());
}
