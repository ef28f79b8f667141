/**
 * Tasks and their assignees. `task_assignees` repeats each task's status and sort keys so the
 * inbox reads one ordered index range per assignee key (the user, each role) and merges them.
 */
import type { Selectable } from 'kysely';
import type { Assignee } from '../../engine/index.js';
import { trackInsertedTasks, trackTaskPatch } from './flow-stats-open.js';
import { countDoneTask, countInsertedTasks } from './flow-stats-write.js';
import { NO_DUE_SORT, type TasksTable } from './schema.js';
import { runShaped } from './shaped-query.js';
import { decodeCursor, encodeCursor, pageLimit, toBit } from './sql-helpers.js';
import type { Executor, StoreContext } from './store-context.js';
import type { InboxOptions, NewTask, Page, TaskPatch, TaskRow } from './types.js';

function toTask(r: Selectable<TasksTable>, assignees: Assignee[]): TaskRow {
  return {
    id: r.id,
    instanceId: r.instance_id,
    recordId: r.record_id,
    app: r.app_key,
    form: r.form_key,
    node: r.node,
    nodeName: r.node_name,
    status: r.status as TaskRow['status'],
    iteration: Number(r.iteration),
    dueAt: r.due_at,
    breached: Number(r.breached) === 1,
    priority: Number(r.priority),
    createdAt: r.created_at,
    completedAt: r.completed_at,
    completedBy: r.completed_by,
    action: r.action,
    assignees,
  };
}

type Dialect = Pick<StoreContext, 'dialect'>;

async function withAssignees(db: Executor, ctx: Dialect, rows: Selectable<TasksTable>[]): Promise<TaskRow[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const { rows: found } = await runShaped(db, ctx.dialect, `task.assignees:${ids.length}`, ids, (ids) =>
    db
      .selectFrom('task_assignees')
      .select(['task_id', 'kind', 'value'])
      .where('task_id', 'in', ids as string[])
      .orderBy('task_id')
      .orderBy('kind')
      .orderBy('value'),
  );
  const byTask = new Map<string, Assignee[]>();
  for (const a of found) {
    const list = byTask.get(a.task_id) ?? [];
    list.push(a.kind === 'user' ? { user: a.value } : { role: a.value });
    byTask.set(a.task_id, list);
  }
  return rows.map((r) => toTask(r, byTask.get(r.id) ?? []));
}

export async function getTask(db: Executor, ctx: Dialect, id: string): Promise<TaskRow | undefined> {
  const { rows } = await runShaped(db, ctx.dialect, 'task.get', [id], ([id]) =>
    db
      .selectFrom('tasks')
      .selectAll()
      .where('id', '=', id as string),
  );
  return rows[0] ? (await withAssignees(db, ctx, [rows[0]]))[0] : undefined;
}

export async function listTasks(db: Executor, ctx: Dialect, instanceId: string): Promise<TaskRow[]> {
  const { rows } = await runShaped(db, ctx.dialect, 'task.list', [instanceId], ([id]) =>
    db
      .selectFrom('tasks')
      .selectAll()
      .where('instance_id', '=', id as string)
      .orderBy('created_at')
      .orderBy('id'),
  );
  return withAssignees(db, ctx, rows);
}

const TASK_COLUMNS = [
  'id',
  'instance_id',
  'record_id',
  'app_key',
  'form_key',
  'node',
  'node_name',
  'status',
  'iteration',
  'due_at',
  'breached',
  'priority',
  'created_at',
  'completed_at',
  'completed_by',
  'action',
] as const satisfies readonly (keyof TasksTable)[];

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Assignees as the store keeps and returns them: each once, by kind then value. */
export function storedAssignees(assignees: readonly Assignee[]): Assignee[] {
  const byKey = new Map<string, Assignee>();
  for (const a of assignees)
    byKey.set(
      'user' in a ? `user\u0000${a.user}` : `role\u0000${a.role}`,
      'user' in a ? { user: a.user } : { role: a.role },
    );
  return [...byKey.entries()].sort(([a], [b]) => cmp(a, b)).map(([, a]) => a);
}

/** The row `insertTask` stores for `t` (defaults for what it leaves out), as `getTask` returns it. */
export function newTaskRow(t: NewTask, now: string): TaskRow {
  return {
    id: t.id,
    instanceId: t.instanceId,
    recordId: t.recordId,
    app: t.app,
    form: t.form,
    node: t.node,
    nodeName: t.nodeName ?? t.node,
    status: t.status ?? 'open',
    iteration: t.iteration ?? 1,
    dueAt: t.dueAt ?? null,
    breached: t.breached ?? false,
    priority: t.priority ?? 0,
    createdAt: t.createdAt ?? now,
    completedAt: t.completedAt ?? null,
    completedBy: t.completedBy ?? null,
    action: t.action ?? null,
    assignees: storedAssignees(t.assignees),
  };
}

export async function insertTask(db: Executor, ctx: StoreContext, t: NewTask): Promise<void> {
  await insertTasks(db, ctx, [t]);
}

function taskTableRow(task: TaskRow): Selectable<TasksTable> {
  return {
    id: task.id,
    instance_id: task.instanceId,
    record_id: task.recordId,
    app_key: task.app,
    form_key: task.form,
    node: task.node,
    node_name: task.nodeName,
    status: task.status,
    iteration: task.iteration,
    due_at: task.dueAt,
    breached: toBit(task.breached),
    priority: task.priority,
    created_at: task.createdAt,
    completed_at: task.completedAt,
    completed_by: task.completedBy,
    action: task.action,
  };
}

/** Rows per multi-row INSERT: few enough distinct shapes for the statement cache, far under bind limits. */
const ROWS_PER_INSERT = 64;

/** Inserts tasks and their assignees with multi-row INSERTs (one task: one row each). */
export async function insertTasks(db: Executor, ctx: StoreContext, list: readonly NewTask[]): Promise<void> {
  const now = ctx.now();
  const rows = list.map((t) => newTaskRow(t, now));
  const width = TASK_COLUMNS.length;
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT).map(taskTableRow);
    const n = chunk.length;
    await runShaped(
      db,
      ctx.dialect,
      n === 1 ? 'task.insert' : `task.insert:${n}`,
      chunk.flatMap((row) => TASK_COLUMNS.map((c) => row[c])),
      (a) =>
        db
          .insertInto('tasks')
          .values(
            Array.from(
              { length: n },
              (_, r) => Object.fromEntries(TASK_COLUMNS.map((c, i) => [c, a[r * width + i]])) as never,
            ),
          ),
    );
  }
  const assignees: unknown[][] = [];
  for (const task of rows) {
    const keys = sortKeys(taskTableRow(task));
    for (const a of task.assignees) {
      const [kind, value] = 'user' in a ? ['user', a.user] : ['role', a.role];
      assignees.push([task.id, kind, value, keys.status, keys.rank, keys.due_sort, keys.created_at]);
    }
  }
  await insertAssigneeRows(db, ctx, assignees);
  await countInsertedTasks(db, ctx, rows);
  await trackInsertedTasks(db, ctx, rows);
}

const ASSIGNEE_COLUMNS = ['task_id', 'kind', 'value', 'status', 'rank', 'due_sort', 'created_at'] as const;

async function insertAssigneeRows(db: Executor, ctx: Dialect, rows: readonly unknown[][]): Promise<void> {
  const width = ASSIGNEE_COLUMNS.length;
  for (let from = 0; from < rows.length; from += ROWS_PER_INSERT) {
    const chunk = rows.slice(from, from + ROWS_PER_INSERT);
    const count = chunk.length;
    await runShaped(db, ctx.dialect, `task.assignees.insert:${count}`, chunk.flat(), (a) =>
      db
        .insertInto('task_assignees')
        .values(
          Array.from(
            { length: count },
            (_, r) => Object.fromEntries(ASSIGNEE_COLUMNS.map((c, i) => [c, a[r * width + i]])) as never,
          ),
        ),
    );
  }
}

async function writeAssignees(
  db: Executor,
  ctx: Dialect,
  task: Pick<Selectable<TasksTable>, 'id' | 'status' | 'priority' | 'due_at' | 'created_at'>,
  assignees: readonly Assignee[],
): Promise<void> {
  const keys = sortKeys(task);
  const rows = storedAssignees(assignees)
    .map((a) => ('user' in a ? ['user', a.user] : ['role', a.role]))
    .map(([kind, value]) => [task.id, kind, value, keys.status, keys.rank, keys.due_sort, keys.created_at]);
  await insertAssigneeRows(db, ctx, rows);
}

function sortKeys(t: Pick<Selectable<TasksTable>, 'status' | 'priority' | 'due_at' | 'created_at'>) {
  return {
    status: t.status,
    rank: -Number(t.priority),
    due_sort: t.due_at ?? NO_DUE_SORT,
    created_at: t.created_at,
  };
}

const PATCH_COLUMNS: [keyof TaskPatch, keyof TasksTable][] = [
  ['status', 'status'],
  ['dueAt', 'due_at'],
  ['breached', 'breached'],
  ['priority', 'priority'],
  ['completedAt', 'completed_at'],
  ['completedBy', 'completed_by'],
  ['action', 'action'],
  ['nodeName', 'node_name'],
];

export async function updateTask(
  db: Executor,
  ctx: StoreContext,
  id: string,
  patch: TaskPatch,
): Promise<void> {
  const columns: (keyof TasksTable)[] = [];
  const args: unknown[] = [];
  for (const [key, column] of PATCH_COLUMNS) {
    const value = patch[key];
    if (value === undefined) continue;
    columns.push(column);
    args.push(key === 'breached' ? toBit(value as boolean) : value);
  }
  if (columns.length === 0) return;
  await trackTaskPatch(db, ctx, id, patch);
  args.push(id);
  const set = (a: readonly unknown[]) => Object.fromEntries(columns.map((c, i) => [c, a[i]])) as never;
  const idArg = (a: readonly unknown[]) => a[columns.length] as string;
  if (patch.status === undefined && patch.dueAt === undefined && patch.priority === undefined) {
    await runShaped(db, ctx.dialect, `task.update:${columns.join(',')}`, args, (a) =>
      db.updateTable('tasks').set(set(a)).where('id', '=', idArg(a)),
    );
    return;
  }
  // The inbox's copy of the sort keys follows the task in the same statement pair.
  const { rows } = await runShaped(db, ctx.dialect, `task.update.keys:${columns.join(',')}`, args, (a) =>
    db
      .updateTable('tasks')
      .set(set(a))
      .where('id', '=', idArg(a))
      .returning([
        'status',
        'priority',
        'due_at',
        'created_at',
        'instance_id',
        'node',
        'completed_at',
        'breached',
      ]),
  );
  const t = rows[0];
  if (!t) return;
  if (patch.status === 'done') await countDoneTask(db, ctx, t);
  const keys = sortKeys(t);
  await runShaped(
    db,
    ctx.dialect,
    'task.assignees.keys',
    [keys.status, keys.rank, keys.due_sort, keys.created_at, id],
    ([status, rank, due, created, id]) =>
      db
        .updateTable('task_assignees')
        .set({
          status: status as string,
          rank: rank as number,
          due_sort: due as string,
          created_at: created as string,
        })
        .where('task_id', '=', id as string),
  );
}

export async function setTaskAssignees(
  db: Executor,
  ctx: Dialect,
  id: string,
  assignees: readonly Assignee[],
): Promise<void> {
  const t = await db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!t) return;
  await db.deleteFrom('task_assignees').where('task_id', '=', id).execute();
  await writeAssignees(db, ctx, t, assignees);
}

/**
 * A user's inbox. Open (and cancelled) tasks: those assigned to the user or one of `roles`, VIP
 * (higher priority) first, then earliest due, then oldest. Done tasks: the ones the user
 * completed, newest first.
 */
export async function inbox(
  db: Executor,
  ctx: Dialect,
  userId: string,
  roles: readonly string[],
  options: InboxOptions = {},
): Promise<Page<TaskRow>> {
  const status = options.status ?? 'open';
  const limit = pageLimit(options.limit);
  if (status === 'done') return doneTasks(db, ctx, userId, limit, options.cursor);
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor, 4);
  const keys: [string, string][] = [
    ['user', userId],
    ...[...new Set(roles)].map((r): [string, string] => ['role', r]),
  ];
  const slices = keys.map(([kind, value]) =>
    db
      .selectFrom('task_assignees')
      .select(['task_id', 'rank', 'due_sort', 'created_at'])
      .where('kind', '=', kind)
      .where('value', '=', value)
      .where('status', '=', status)
      .$if(after !== undefined, (q) =>
        q.where((eb) =>
          eb(
            eb.refTuple('rank', 'due_sort', 'created_at', 'task_id'),
            '>',
            eb.tuple(...(after as [number, string, string, string])),
          ),
        ),
      )
      .orderBy('rank')
      .orderBy('due_sort')
      .orderBy('created_at')
      .orderBy('task_id')
      .limit(limit + 1),
  );
  // Each slice is its own index range; merging a few short lists in memory beats one big sort.
  const merged = new Map<string, { task_id: string; rank: number; due_sort: string; created_at: string }>();
  for (const slice of slices)
    for (const row of await slice.execute()) merged.set(row.task_id, { ...row, rank: Number(row.rank) });
  const ordered = [...merged.values()].sort(
    (a, b) =>
      a.rank - b.rank ||
      cmp(a.due_sort, b.due_sort) ||
      cmp(a.created_at, b.created_at) ||
      cmp(a.task_id, b.task_id),
  );
  const pageRows = ordered.slice(0, limit);
  const tasks = pageRows.length
    ? await db
        .selectFrom('tasks')
        .selectAll()
        .where(
          'id',
          'in',
          pageRows.map((r) => r.task_id),
        )
        .execute()
    : [];
  const byId = new Map((await withAssignees(db, ctx, tasks)).map((t) => [t.id, t]));
  const page: Page<TaskRow> = {
    items: pageRows.map((r) => byId.get(r.task_id)).filter((t): t is TaskRow => t !== undefined),
  };
  const last = pageRows[pageRows.length - 1];
  if (ordered.length > limit && last)
    page.nextCursor = encodeCursor([last.rank, last.due_sort, last.created_at, last.task_id]);
  return page;
}

async function doneTasks(
  db: Executor,
  ctx: Dialect,
  userId: string,
  limit: number,
  cursor: string | undefined,
): Promise<Page<TaskRow>> {
  const after = cursor === undefined ? undefined : decodeCursor(cursor, 2);
  const rows = await db
    .selectFrom('tasks')
    .selectAll()
    .where('completed_by', '=', userId)
    .where('status', '=', 'done')
    .$if(after !== undefined, (q) =>
      q.where((eb) => eb(eb.refTuple('completed_at', 'id'), '<', eb.tuple(...(after as [string, string])))),
    )
    .orderBy('completed_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page: Page<TaskRow> = { items: await withAssignees(db, ctx, rows.slice(0, limit)) };
  const last = rows[limit - 1];
  if (rows.length > limit && last) page.nextCursor = encodeCursor([last.completed_at, last.id]);
  return page;
}
