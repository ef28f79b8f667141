/**
 * What must hold in a Flowcase SQLite file whatever happened to the server: the file is intact,
 * every instance's history is gapless and ends at its snapshot's `seq`, no transition was applied
 * twice, and the task and timer tables agree with the snapshots. Also a dump of every table, to
 * prove that a run of bad requests changed nothing.
 */
import BetterSqlite3 from 'better-sqlite3';

export type Db = BetterSqlite3.Database;

/** Opens the file for reading (read-write handle, so a WAL left by a killed server is recovered). */
export function openDb(file: string): Db {
  const db = new BetterSqlite3(file);
  db.pragma('busy_timeout = 10000');
  return db;
}

/** `PRAGMA integrity_check` and `foreign_key_check`: an empty list when the file is sound. */
export function integrityProblems(db: Db): string[] {
  const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map(
    (r) => r.integrity_check,
  );
  const problems =
    integrity.length === 1 && integrity[0] === 'ok' ? [] : integrity.map((m) => `integrity_check: ${m}`);
  for (const fk of db.pragma('foreign_key_check') as unknown[])
    problems.push(`foreign_key_check: ${JSON.stringify(fk)}`);
  return problems;
}

interface Snapshot {
  status: string;
  seq: number;
  version: number;
  tasks: { id: string }[];
  timers: { id: string }[];
}

interface HistoryRow {
  instance_id: string;
  seq: number;
  type: string;
  node: string | null;
  detail: string | null;
}

/** Transitions that may happen once per task (or per instance); a second one is a double application. */
const ONCE_PER_TASK = new Set([
  'task.created',
  'task.completed',
  'task.returned',
  'sla.breached',
  'sla.reminded',
]);
const ONCE_PER_INSTANCE = new Set([
  'instance.started',
  'instance.ended',
  'instance.cancelled',
  'instance.failed',
]);

/**
 * Every invariant of the stored cases; returns one line per violation (empty when all hold).
 * - history seqs of each instance are 1..n with n = the snapshot's `seq`;
 * - no task is created, completed, returned, reminded or breached twice; no instance starts or ends twice;
 * - the open tasks of the tasks table are the snapshot's tasks; every done task has one completion event;
 * - the live timers of the timers table are the snapshot's timers.
 */
export function invariantProblems(db: Db): string[] {
  const problems: string[] = [];
  const instances = db.prepare('select id, status, version, rev, snapshot from instances').all() as {
    id: string;
    status: string;
    version: number;
    rev: number;
    snapshot: string;
  }[];
  const historyBy = new Map<string, HistoryRow[]>();
  for (const h of db
    .prepare('select instance_id, seq, type, node, detail from history order by instance_id, seq')
    .all() as HistoryRow[]) {
    const list = historyBy.get(h.instance_id) ?? [];
    list.push(h);
    historyBy.set(h.instance_id, list);
  }
  const openTasks = new Map<string, Set<string>>();
  const doneTasks = new Map<string, Set<string>>();
  for (const t of db.prepare('select id, instance_id, status from tasks').all() as {
    id: string;
    instance_id: string;
    status: string;
  }[]) {
    const map = t.status === 'open' ? openTasks : t.status === 'done' ? doneTasks : undefined;
    if (!map) continue;
    const set = map.get(t.instance_id) ?? new Set<string>();
    set.add(t.id);
    map.set(t.instance_id, set);
  }
  const liveTimers = new Map<string, Set<string>>();
  for (const t of db
    .prepare('select id, instance_id from timers where fired_at is null and cancelled_at is null')
    .all() as { id: string; instance_id: string }[]) {
    const set = liveTimers.get(t.instance_id) ?? new Set<string>();
    set.add(t.id);
    liveTimers.set(t.instance_id, set);
  }
  for (const inst of instances) {
    const snap = JSON.parse(inst.snapshot) as Snapshot;
    const history = historyBy.get(inst.id) ?? [];
    historyBy.delete(inst.id);
    const where = `instance ${inst.id}`;
    if (snap.status !== inst.status)
      problems.push(`${where}: status column ${inst.status} but snapshot ${snap.status}`);
    if (snap.version !== inst.version)
      problems.push(`${where}: version column ${inst.version} but snapshot ${snap.version}`);
    history.forEach((h, i) => {
      if (h.seq !== i + 1) problems.push(`${where}: history seq ${h.seq} at position ${i + 1} (a gap)`);
    });
    if (history.length !== snap.seq)
      problems.push(`${where}: ${history.length} history events but snapshot seq ${snap.seq}`);
    const seen = new Set<string>();
    for (const h of history) {
      const detail = h.detail ? (JSON.parse(h.detail) as { taskId?: string }) : {};
      const key = ONCE_PER_TASK.has(h.type)
        ? `${h.type}:${detail.taskId ?? h.node}`
        : ONCE_PER_INSTANCE.has(h.type)
          ? h.type
          : undefined;
      if (key === undefined) continue;
      if (seen.has(key)) problems.push(`${where}: "${key}" appears twice in the history`);
      seen.add(key);
    }
    const open = [...(openTasks.get(inst.id) ?? [])].sort();
    const inSnapshot = snap.tasks.map((t) => t.id).sort();
    if (JSON.stringify(open) !== JSON.stringify(inSnapshot))
      problems.push(
        `${where}: open tasks ${JSON.stringify(open)} but snapshot tasks ${JSON.stringify(inSnapshot)}`,
      );
    for (const taskId of doneTasks.get(inst.id) ?? []) {
      if (!seen.has(`task.completed:${taskId}`) && !seen.has(`task.returned:${taskId}`))
        problems.push(`${where}: task ${taskId} is done without a completion event`);
    }
    const timers = [...(liveTimers.get(inst.id) ?? [])].sort();
    const snapTimers = snap.timers.map((t) => t.id).sort();
    if (JSON.stringify(timers) !== JSON.stringify(snapTimers))
      problems.push(
        `${where}: live timers ${JSON.stringify(timers)} but snapshot timers ${JSON.stringify(snapTimers)}`,
      );
  }
  for (const orphan of historyBy.keys()) problems.push(`history rows for unknown instance ${orphan}`);
  return problems;
}

const LOGIN_LIMITER_TABLES = new Set(['login_counters', 'login_addresses']);

/** Every table's rows in a stable order, as JSON text per table (for before/after comparisons). */
export function dumpTables(db: Db): Map<string, string> {
  const tables = db
    .prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name")
    .all() as { name: string }[];
  const dump = new Map<string, string>();
  for (const { name } of tables) {
    // The login limiter counts failed logins by design: a bad login changes those rows and no data.
    if (LOGIN_LIMITER_TABLES.has(name)) continue;
    const rows = db.prepare(`select * from "${name.replace(/"/g, '""')}"`).all() as Record<string, unknown>[];
    dump.set(name, JSON.stringify(rows.map((r) => JSON.stringify(r)).sort()));
  }
  const schema = db
    .prepare("select type, name, sql from sqlite_master where name not like 'sqlite_%' order by type, name")
    .all();
  dump.set('(schema)', JSON.stringify(schema));
  return dump;
}

/** The tables whose rows differ between two dumps. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).sort();
}

/** Facts about one task, for "every acknowledged request has its effect" checks. */
export function taskFacts(
  db: Db,
  taskId: string,
): { status: string; completedBy: string | null; completions: number } | undefined {
  const task = db.prepare('select instance_id, status, completed_by from tasks where id = ?').get(taskId) as
    { instance_id: string; status: string; completed_by: string | null } | undefined;
  if (!task) return undefined;
  const events = db
    .prepare(
      "select detail from history where instance_id = ? and type in ('task.completed', 'task.approved', 'task.returned', 'task.transferred')",
    )
    .all(task.instance_id) as { detail: string | null }[];
  const completions = events.filter(
    (e) => e.detail && (JSON.parse(e.detail) as { taskId?: string }).taskId === taskId,
  ).length;
  return { status: task.status, completedBy: task.completed_by, completions };
}

/** The instance of a record, if the record and its instance are stored. */
export function recordInstance(
  db: Db,
  recordId: string,
): { instanceId: string; version: number; status: string } | undefined {
  const indexed = db.prepare('select id from record_index where id = ?').get(recordId);
  if (!indexed) return undefined;
  const inst = db.prepare('select id, version, status from instances where record_id = ?').get(recordId) as
    { id: string; version: number; status: string } | undefined;
  return inst ? { instanceId: inst.id, version: inst.version, status: inst.status } : undefined;
}

/** History events of an instance, oldest first. */
export function historyOf(
  db: Db,
  instanceId: string,
): { seq: number; type: string; node: string | null; detail: Record<string, unknown> }[] {
  const rows = db
    .prepare('select seq, type, node, detail from history where instance_id = ? order by seq')
    .all(instanceId) as HistoryRow[];
  return rows.map((r) => ({
    seq: r.seq,
    type: r.type,
    node: r.node,
    detail: r.detail ? (JSON.parse(r.detail) as Record<string, unknown>) : {},
  }));
}
