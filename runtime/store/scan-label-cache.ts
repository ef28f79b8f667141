/**
 * The labels of an export scan's chunks (record-scan-labels.ts), read on the scanning thread's
 * own connection: a row's label key columns become labels from a cache per label, and the ids a
 * chunk names that the cache has not met are read in one batch per label (`json_each`). A key
 * read before and not found is cached as null, so it is not read again.
 *
 * Plain TypeScript over a tiny statement interface: the scan threads run it bundled, with
 * better-sqlite3 loaded by path (a bundle cannot carry its native addon).
 */

/** What the cache needs of a prepared statement in raw mode (better-sqlite3's `.raw(true)`). */
export interface RawStatement {
  all(...parameters: unknown[]): unknown[][];
}

/** Labels the cache keeps per label before it starts over. */
export const LABEL_CACHE = 200_000;

export class ScanLabelCache {
  readonly #lookups: ({ read: RawStatement; known: Map<string, string | number | null> } | null)[];
  /** Row index of the first label key column (`id, created_by, created_at, data` come first). */
  readonly #first: number;
  readonly #limit: number;

  /** `lookups[i]` reads label i's ids (null: not read, its column leaves null). */
  constructor(prepare: (sql: string) => RawStatement, lookups: readonly (string | null)[], first = 4, limit = LABEL_CACHE) {
    this.#lookups = lookups.map((q) => (q === null ? null : { read: prepare(q), known: new Map() }));
    this.#first = first;
    this.#limit = limit;
  }

  /** Replaces each row's label key columns with their labels, or null where there is none. */
  label(chunk: unknown[][]): void {
    for (let i = 0; i < this.#lookups.length; i++) {
      const l = this.#lookups[i];
      const col = this.#first + i;
      const waiting: number[] = [];
      const missing = new Set<string>();
      for (let r = 0; r < chunk.length; r++) {
        const row = chunk[r]!;
        const key = row[col];
        const known = l === null || l === undefined || typeof key !== 'string' ? null : l.known.get(key);
        if (known !== undefined) row[col] = known;
        else {
          waiting.push(r);
          missing.add(key as string);
        }
      }
      if (waiting.length === 0 || !l) continue;
      if (l.known.size + missing.size > this.#limit) l.known.clear();
      for (const [id, value] of l.read.all(JSON.stringify([...missing])) as [string, string | number | null][]) l.known.set(id, value);
      for (const id of missing) if (!l.known.has(id)) l.known.set(id, null);
      for (const r of waiting) chunk[r]![col] = l.known.get(chunk[r]![col] as string) ?? null;
    }
  }
}
