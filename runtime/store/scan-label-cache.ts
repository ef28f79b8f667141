/**
 * The labels of an export scan's chunks (record-scan-labels.ts), read on the scanning thread's
 * own connection: a row's label key columns become labels from a cache per label. The ids a chunk
 * names that the cache has not met are read in one batch per label (`json_each`); a key read
 * before and not found is cached as null, so it is not read again. Once a label has read ids
 * for an eighth of its table, and the table fits the cache, its whole column is read in one pass
 * instead: a million requests name 100,000 customers and 60,000 users, and one sequential pass
 * costs about a microsecond a row where a search by id costs eight.
 *
 * Plain TypeScript over a tiny statement interface: the scan threads run it bundled, with
 * better-sqlite3 loaded by path (a bundle cannot carry its native addon).
 */
import type { LabelLookup } from './types.js';

/** What the cache needs of a prepared statement in raw mode (better-sqlite3's `.raw(true)`). */
export interface RawStatement {
  all(...parameters: unknown[]): unknown[][];
  iterate(...parameters: unknown[]): IterableIterator<unknown[]>;
}

/** Labels the cache keeps per label before it starts over. */
export const LABEL_CACHE = 200_000;
/** The share of a table a label reads by id before it reads the whole column. */
const WHOLE_AFTER = 1 / 8;

interface Label {
  lookup: LabelLookup;
  some: RawStatement;
  known: Map<string, string | number | null>;
  /** Ids read by id so far. */
  read: number;
  /** The whole column is in `known`: an id missing from it has no label. */
  whole: boolean;
}

export class ScanLabelCache {
  readonly #labels: (Label | null)[];
  readonly #prepare: (sql: string) => RawStatement;
  /** Row index of the first label key column (`id, created_by, created_at, data` come first). */
  readonly #first: number;
  readonly #limit: number;

  /** `lookups[i]` reads label i (null: not read, its column leaves null). */
  constructor(
    prepare: (sql: string) => RawStatement,
    lookups: readonly (LabelLookup | null)[],
    first = 4,
    limit = LABEL_CACHE,
  ) {
    this.#prepare = prepare;
    this.#labels = lookups.map((lookup) =>
      lookup === null
        ? null
        : { lookup, some: prepare(lookup.some), known: new Map(), read: 0, whole: false },
    );
    this.#first = first;
    this.#limit = limit;
  }

  /** Replaces each row's label key columns with their labels, or null where there is none. */
  label(chunk: unknown[][]): void {
    for (let i = 0; i < this.#labels.length; i++) {
      const l = this.#labels[i] ?? null;
      const col = this.#first + i;
      const waiting: number[] = [];
      const missing = new Set<string>();
      for (let r = 0; r < chunk.length; r++) {
        const row = chunk[r]!;
        const key = row[col];
        let known = l === null || typeof key !== 'string' ? null : l.known.get(key);
        if (known === undefined && l!.whole) known = null;
        if (known !== undefined) row[col] = known;
        else {
          waiting.push(r);
          missing.add(key as string);
        }
      }
      if (waiting.length === 0 || !l) continue;
      this.#read(l, missing);
      for (const r of waiting) chunk[r]![col] = l.known.get(chunk[r]![col] as string) ?? null;
    }
  }

  #read(l: Label, missing: Set<string>): void {
    const { rows } = l.lookup;
    if (rows <= this.#limit && l.read + missing.size > rows * WHOLE_AFTER) {
      l.known.clear();
      for (const [id, value] of this.#prepare(l.lookup.all).iterate() as IterableIterator<
        [string, string | number | null]
      >)
        l.known.set(id, value);
      l.whole = true;
      return;
    }
    if (l.known.size + missing.size > this.#limit) l.known.clear();
    l.read += missing.size;
    for (const [id, value] of l.some.all(JSON.stringify([...missing])) as [string, string | number | null][])
      l.known.set(id, value);
    for (const id of missing) if (!l.known.has(id)) l.known.set(id, null);
  }
}
