/**
 * Whether a migration run recorded as `running` still is. A run moves its cases inside the request
 * that started it, so only a process that has it in hand is running it: a run this process did not
 * start and that began before this process did, or one a later run of the same move has finished,
 * was stopped half-way (a killed or restarted server) and stays so, with the counts it reached.
 * Rerunning the same move finishes it (the cases it had not reached are the rerun's), and the
 * list names the rerun. One server process per store is assumed: a second process's run that
 * began before this one booted would read as interrupted here while it goes on.
 */
import type { InstanceMigrationRow } from '../store/store.js';

/** Runs this process is applying now, by id (added when a run starts, removed when it ends). */
export const runsInHand = new Set<string>();

/** When this process began, in the runs' ISO form. */
export const processStartedAt = new Date().toISOString();

export type RunState =
  { status: 'running' | 'done' } | { status: 'interrupted'; finishedBy?: { id: string; startedAt: string } };

type RunFacts = Pick<InstanceMigrationRow, 'id' | 'kind' | 'from' | 'to' | 'status' | 'startedAt'>;

/** The state of `run` among all of its app's runs (`runs`, any order). */
export function runState(
  run: RunFacts,
  runs: readonly RunFacts[],
  inHand: ReadonlySet<string> = runsInHand,
  startedAt: string = processStartedAt,
): RunState {
  if (run.status === 'done') return { status: 'done' };
  if (inHand.has(run.id)) return { status: 'running' };
  const rerun = runs
    .filter(
      (r) =>
        r.id !== run.id &&
        r.status === 'done' &&
        r.kind === run.kind &&
        r.from === run.from &&
        r.to === run.to &&
        r.startedAt >= run.startedAt,
    )
    .sort((a, b) => a.startedAt.localeCompare(b.startedAt))[0];
  if (rerun) return { status: 'interrupted', finishedBy: { id: rerun.id, startedAt: rerun.startedAt } };
  return run.startedAt < startedAt ? { status: 'interrupted' } : { status: 'running' };
}
