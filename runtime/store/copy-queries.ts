/**
 * 抄送 (copies) and 催办 (urges). A copy is stored once per recipient key (a user, or a role whose
 * every holder reads it), with the fields it shows; `copy_reads` keeps who read it. The last
 * urge of each task is one row, so the once-an-hour limit holds across restarts and servers.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Assignee } from '../../engine/index.js';
import { FlowcaseError } from '../../engine/index.js';
import { decodeCursor, encodeCursor, pageLimit, parseJson } from './sql-helpers.js';
import type { Database } from './schema.js';
import type { Executor, StoreContext } from './store-context.js';
import type { CopyListOptions, CopyRow, NewCopy, Page, TaskUrge } from './types.js';

interface CopyColumns {
  id: string;
  kind: string;
  value: string;
  app: string;
  instance_id: string;
  record_id: string;
  form: string;
  node: string;
  node_name: string;
  fields: string;
  reason: string;
  task_id: string | null;
  created_at: string;
  read_at?: string | null;
}

function toCopy(r: CopyColumns): CopyRow {
  return {
    id: r.id,
    to: r.kind === 'user' ? { user: r.value } : { role: r.value },
    app: r.app,
    instanceId: r.instance_id,
    recordId: r.record_id,
    form: r.form,
    node: r.node,
    nodeName: r.node_name,
    fields: parseJson<string[]>(r.fields),
    reason: r.reason as CopyRow['reason'],
    taskId: r.task_id,
    createdAt: r.created_at,
    readAt: r.read_at ?? null,
  };
}

/** Stores a copy for each of its recipients; a copy stored already (a re-run step) is left as it is. */
export async function insertCopies(db: Executor, copies: readonly NewCopy[]): Promise<void> {
  const rows = copies.flatMap((c) =>
    c.to.map((to: Assignee) => ({
      id: c.id,
      kind: 'user' in to ? 'user' : 'role',
      value: 'user' in to ? to.user : to.role,
      app: c.app,
      instance_id: c.instanceId,
      record_id: c.recordId,
      form: c.form,
      node: c.node,
      node_name: c.nodeName,
      fields: JSON.stringify(c.fields),
      reason: c.reason,
      task_id: c.taskId ?? null,
      created_at: c.createdAt,
    })),
  );
  if (rows.length === 0) return;
  await db
    .insertInto('copies')
    .values(rows)
    .onConflict((oc) => oc.columns(['id', 'kind', 'value']).doNothing())
    .execute();
}

/** Rows of `copies` addressed to `userId` or one of `roles`. */
function addressedTo(userId: string, roles: readonly string[]) {
  const roleList = [...new Set(roles)];
  return (eb: ExpressionBuilder<Database, 'copies'>) =>
    eb.or([
      eb.and([eb('copies.kind', '=', 'user'), eb('copies.value', '=', userId)]),
      ...(roleList.length > 0
        ? [eb.and([eb('copies.kind', '=', 'role'), eb('copies.value', 'in', roleList)])]
        : []),
    ]);
}

/**
 * The copies addressed to `userId` or one of `roles`, newest first, keyset-paged. A copy
 * addressed to the user and to one of their roles is listed once (as the user's).
 */
export async function listCopies(
  db: Executor,
  userId: string,
  roles: readonly string[],
  options: CopyListOptions = {},
): Promise<Page<CopyRow>> {
  const limit = pageLimit(options.limit);
  const after =
    options.cursor === undefined ? undefined : (decodeCursor(options.cursor, 2) as [string, string]);
  const mine = addressedTo(userId, roles);
  const keys = await db
    .selectFrom('copies')
    .select(['copies.id', 'copies.created_at'])
    .distinct()
    .where(mine)
    .$if(options.status === 'unread', (q) =>
      q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('copy_reads')
              .select('copy_reads.copy_id')
              .whereRef('copy_reads.copy_id', '=', 'copies.id')
              .where('copy_reads.user_id', '=', userId),
          ),
        ),
      ),
    )
    .$if(after !== undefined, (q) =>
      q.where((eb) => eb(eb.refTuple('copies.created_at', 'copies.id'), '<', eb.tuple(after![0], after![1]))),
    )
    .orderBy('copies.created_at', 'desc')
    .orderBy('copies.id', 'desc')
    .limit(limit + 1)
    .execute();
  const pageKeys = keys.slice(0, limit);
  const rows =
    pageKeys.length === 0
      ? []
      : await db
          .selectFrom('copies')
          .leftJoin('copy_reads', (j) =>
            j.onRef('copy_reads.copy_id', '=', 'copies.id').on('copy_reads.user_id', '=', userId),
          )
          .selectAll('copies')
          .select('copy_reads.read_at')
          .where(
            'copies.id',
            'in',
            pageKeys.map((k) => k.id),
          )
          .where(mine)
          .execute();
  const byId = new Map<string, CopyColumns>();
  for (const row of rows) if (!byId.has(row.id) || row.kind === 'user') byId.set(row.id, row);
  const page: Page<CopyRow> = {
    items: pageKeys.flatMap((k) => {
      const row = byId.get(k.id);
      return row ? [toCopy(row)] : [];
    }),
  };
  const last = pageKeys[pageKeys.length - 1];
  if (keys.length > limit && last) page.nextCursor = encodeCursor([last.created_at, last.id]);
  return page;
}

/** The copies of one instance addressed to `userId` or one of `roles` (what they may read through them). */
export async function copiesOnInstance(
  db: Executor,
  instanceId: string,
  userId: string,
  roles: readonly string[],
): Promise<CopyRow[]> {
  const rows = await db
    .selectFrom('copies')
    .selectAll()
    .where('copies.instance_id', '=', instanceId)
    .where(addressedTo(userId, roles))
    .orderBy('copies.created_at')
    .orderBy('copies.id')
    .execute();
  return rows.map(toCopy);
}

/** Marks a copy read by `userId`; `FC_NOT_FOUND` when it is not addressed to them (or one of `roles`). */
export async function markCopyRead(
  db: Executor,
  ctx: StoreContext,
  id: string,
  userId: string,
  roles: readonly string[],
  at?: string,
): Promise<void> {
  const mine = await db
    .selectFrom('copies')
    .select('copies.id')
    .where('copies.id', '=', id)
    .where(addressedTo(userId, roles))
    .executeTakeFirst();
  if (!mine) throw new FlowcaseError('FC_NOT_FOUND', `No copy ${id}.`, { path: '/id' });
  await db
    .insertInto('copy_reads')
    .values({ copy_id: id, user_id: userId, read_at: at ?? ctx.now() })
    .onConflict((oc) => oc.columns(['copy_id', 'user_id']).doNothing())
    .execute();
}

/** The last urge of each task of `taskIds` that was ever urged. */
export async function taskUrges(db: Executor, taskIds: readonly string[]): Promise<Map<string, TaskUrge>> {
  const out = new Map<string, TaskUrge>();
  if (taskIds.length === 0) return out;
  const rows = await db
    .selectFrom('task_urges')
    .selectAll()
    .where('task_id', 'in', [...taskIds])
    .execute();
  for (const r of rows) out.set(r.task_id, { taskId: r.task_id, urgedAt: r.urged_at, urgedBy: r.urged_by });
  return out;
}

/** Records an urge of a task as its last. */
export async function putTaskUrge(db: Executor, urge: TaskUrge): Promise<void> {
  await db
    .insertInto('task_urges')
    .values({ task_id: urge.taskId, urged_at: urge.urgedAt, urged_by: urge.urgedBy })
    .onConflict((oc) => oc.column('task_id').doUpdateSet({ urged_at: urge.urgedAt, urged_by: urge.urgedBy }))
    .execute();
}

/** Whether `userId` or one of `roles` holds any copy of a case of `app`. */
export async function holdsCopyIn(
  db: Executor,
  app: string,
  userId: string,
  roles: readonly string[],
): Promise<boolean> {
  const row = await db
    .selectFrom('copies')
    .select('copies.id')
    .where(addressedTo(userId, roles))
    .where('copies.app', '=', app)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}
