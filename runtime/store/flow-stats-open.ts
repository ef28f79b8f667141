/**
 * Open tasks per flow (`flow_open_tasks`, migration 0006), kept in the transaction of each task
 * write: a row when a task is inserted open, its due time and breach as they change, gone when the
 * task is done or cancelled. Process analytics count them per node as one index range per flow.
 * Kept whatever the rollup setting, since it does not depend on a zone.
 */
import { sql } from 'kysely';
import { runShaped } from './shaped-query.js';
import { toBit } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { TaskPatch } from './types.js';

/** A task as inserted. */
export interface InsertedTask {
  id: string;
  instanceId: string;
  node: string;
  status: string;
  dueAt: string | null;
  breached: boolean;
}

const ROWS_PER_INSERT = 64;

/** The app and flow of each instance in `ids`. */
export async function flowsOf(
  db: Executor,
  ctx: Pick<StoreContext, 'dialect'>,
  ids: readonly string[],
): Promise<Map<string, { app: string; flow: string }>> {
  const flows = new Map<string, { app: string; flow: string }>();
  const unique = [...new Set(ids)];
  for (let from = 0; from < unique.length; from += 500) {
    const chunk = unique.slice(from, from + 500);
    const { rows } = await runShaped(db, ctx.dialect, `flow_stats.flows:${chunk.length}`, chunk, (a) =>
      db
        .selectFrom('instances')
        .select(['id', 'app_key', 'flow_key'])
        .where('id', 'in', a as string[]),
    );
    for (const r of rows) flows.set(r.id, { app: r.app_key, flow: r.flow_key });
  }
  return flows;
}

/** Inserted tasks (`insertTasks`): the open ones get their row; one task takes its flow in the same statement. */
export async function trackInsertedTasks(
  db: Executor,
  ctx: StoreContext,
  all: readonly InsertedTask[],
): Promise<void> {
  const open = all.filter((t) => t.status === 'open');
  if (open.length === 0) return;
  if (open.length === 1) {
    const t = open[0]!;
    await runShaped(
      db,
      ctx.dialect,
      'flow_open_tasks.add',
      [t.id, t.node, t.dueAt, toBit(t.breached), t.instanceId],
      (a) => ({
        compile: () =>
          sql`insert into flow_open_tasks (task_id, app_key, flow_key, node, due_at, breached)
          select cast(${a[0]} as text), app_key, flow_key, cast(${a[1]} as text), cast(${a[2]} as text), cast(${a[3]} as integer) from instances where id = ${a[4]}`.compile(
            db,
          ),
      }),
    );
    return;
  }
  const flows = await flowsOf(
    db,
    ctx,
    open.map((t) => t.instanceId),
  );
  const rows = open.flatMap((t) => {
    const f = flows.get(t.instanceId);
    return f ? [[t.id, f.app, f.flow, t.node, t.dueAt, toBit(t.breached)]] : [];
  });
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT);
    await runShaped(db, ctx.dialect, `flow_open_tasks.insert:${chunk.length}`, chunk.flat(), (a) => ({
      compile: () =>
        sql`insert into flow_open_tasks (task_id, app_key, flow_key, node, due_at, breached) values ${sql.join(chunk.map((_, r) => sql`(${sql.join(a.slice(r * 6, r * 6 + 6))})`))}`.compile(
          db,
        ),
    }));
  }
}

/** `updateTask`: a task leaving `open` loses its row; a new due time or breach is copied. */
export async function trackTaskPatch(
  db: Executor,
  ctx: StoreContext,
  id: string,
  patch: TaskPatch,
): Promise<void> {
  if (patch.status !== undefined && patch.status !== 'open') {
    await runShaped(db, ctx.dialect, 'flow_open_tasks.delete', [id], ([id]) => ({
      compile: () => sql`delete from flow_open_tasks where task_id = ${id}`.compile(db),
    }));
    return;
  }
  const set: [string, unknown][] = [];
  if (patch.dueAt !== undefined) set.push(['due_at', patch.dueAt]);
  if (patch.breached !== undefined) set.push(['breached', toBit(patch.breached)]);
  if (set.length === 0) return;
  await runShaped(
    db,
    ctx.dialect,
    `flow_open_tasks.update:${set.map(([c]) => c).join(',')}`,
    [...set.map(([, v]) => v), id],
    (a) => ({
      compile: () =>
        sql`update flow_open_tasks set ${sql.join(set.map(([c], i) => sql`${sql.id(c)} = ${a[i]}`))} where task_id = ${a[set.length]}`.compile(
          db,
        ),
    }),
  );
}
