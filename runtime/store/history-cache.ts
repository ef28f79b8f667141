/**
 * History is append-only (nothing in the store updates or deletes it) and gapless per instance,
 * so a prefix read once stays true forever: the cache keeps recent instances' events and reads
 * only the rows after the last cached `seq`. It is filled from committed reads only (`Store`,
 * never a transaction), so a rolled-back append is never remembered. Cached events are frozen and
 * shared between callers.
 */
import type { HistoryEvent } from '../../engine/index.js';
import { listHistory } from './instance-queries.js';
import type { Executor } from './store-context.js';

/** Instances whose history is kept (least recently read dropped first). */
const CACHED_INSTANCES = 2_000;

function freeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) freeze(item);
  }
  return value;
}

export class HistoryCache {
  readonly #byInstance = new Map<string, readonly HistoryEvent[]>();

  constructor(
    private readonly dialect: 'sqlite' | 'postgres',
    private readonly capacity = CACHED_INSTANCES,
  ) {}

  /** Every event of an instance in `seq` order; a fresh array of shared, frozen events. */
  async list(db: Executor, instanceId: string): Promise<HistoryEvent[]> {
    const cached = this.#byInstance.get(instanceId);
    const last = cached?.[cached.length - 1]?.seq;
    const fresh = await listHistory(db, { dialect: this.dialect }, instanceId, last);
    const all = cached ? (fresh.length > 0 ? [...cached, ...fresh.map(freeze)] : cached) : fresh.map(freeze);
    this.#byInstance.delete(instanceId);
    if (all.length > 0) {
      this.#byInstance.set(instanceId, all);
      if (this.#byInstance.size > this.capacity)
        this.#byInstance.delete(this.#byInstance.keys().next().value!);
    }
    return [...all];
  }

  clear(): void {
    this.#byInstance.clear();
  }
}
