/**
 * An instance's tasks and history as of one revision, so a step's reply (and the next step's
 * checks) need not read them again. Both change only inside a step's transaction (apply-effects.ts
 * writes them, and the same transaction saves the instance with the revision check), so the tasks
 * and history as of a revision never change: a state remembered for `rev` is true for as long as
 * the stored instance still has `rev`, in this process or any other. Only states of committed
 * steps are remembered.
 */
import type { Assignee, HistoryEvent } from '../../engine/index.js';
import { newTaskRow, storedAssignees, type NewTask, type TaskPatch, type TaskRow } from '../store/store.js';

export interface CaseState {
  rev: number;
  /** In the store's order (`listTasks`: creation time, then id). */
  tasks: readonly TaskRow[];
  /** In `seq` order, as `listHistory` returns them. */
  history: readonly HistoryEvent[];
}

/** Instances whose state is kept (least recently stepped dropped first). */
const REMEMBERED_INSTANCES = 2_000;

export class CaseStates {
  readonly #byInstance = new Map<string, CaseState>();
  constructor(private readonly capacity = REMEMBERED_INSTANCES) {}

  /** The state remembered for `instanceId` if it is the one as of `rev`. */
  at(instanceId: string, rev: number): CaseState | undefined {
    const state = this.#byInstance.get(instanceId);
    return state?.rev === rev ? state : undefined;
  }

  /** Keeps `state` unless a later revision is already known (concurrent steps may resolve out of order). */
  remember(instanceId: string, state: CaseState): void {
    const held = this.#byInstance.get(instanceId);
    if (held && held.rev >= state.rev) return;
    this.#byInstance.delete(instanceId);
    this.#byInstance.set(instanceId, state);
    if (this.#byInstance.size > this.capacity) this.#byInstance.delete(this.#byInstance.keys().next().value!);
  }
}

/**
 * An instance's tasks as a step writes them: the store's own row for `insertTask` and the same
 * patches as `updateTask` and `setTaskAssignees` (task-queries.ts), applied to copies, so `rows()`
 * equals what `listTasks` reads after the commit.
 */
export class TaskLedger {
  readonly #rows: Map<string, TaskRow>;

  constructor(
    tasks: readonly TaskRow[],
    /** The step's time, for a task inserted without `createdAt`. */
    private readonly now: string,
  ) {
    this.#rows = new Map(tasks.map((t) => [t.id, t]));
  }

  insert(t: NewTask): void {
    this.#rows.set(t.id, newTaskRow(t, this.now));
  }

  update(id: string, patch: TaskPatch): void {
    const row = this.#rows.get(id);
    if (!row) return;
    const next = { ...row };
    for (const [key, value] of Object.entries(patch) as [keyof TaskPatch, unknown][])
      if (value !== undefined) (next as Record<string, unknown>)[key] = value;
    this.#rows.set(id, next);
  }

  setAssignees(id: string, assignees: readonly Assignee[]): void {
    const row = this.#rows.get(id);
    if (row) this.#rows.set(id, { ...row, assignees: storedAssignees(assignees) });
  }

  rows(): TaskRow[] {
    return [...this.#rows.values()].sort((a, b) =>
      a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
  }
}
