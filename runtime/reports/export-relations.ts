/**
 * Display values of related records for an export: the related form's display column read whole
 * when it fits, else fetched in batches for each chunk of rows, kept in a bounded cache per related form: a million requests may link a hundred thousand
 * customers, and the export must not keep them all. Eviction happens only before a chunk's ids are
 * looked up, so every id of the chunk being written is in the cache.
 */
import type { FieldDef } from '../../engine/index.js';
import type { Labeler } from './labels.js';

/**
 * Display values kept per related form; with this many, eviction drops the older half. The seeded
 * million requests link 100,000 customers: they all fit (about 11 MB), so each is read once.
 */
export const RELATION_CACHE_LIMIT = 200_000;

/** One related form's display values (shared by every relation field that shows it the same way). */
export class RelationDisplay {
  #known = new Map<string, string>();
  #tried = false;

  /**
   * `wholeColumn: false` when the export's scan reads the display values beside each record: then
   * only the few it could not (an empty column) are looked up, and nothing is read whole.
   */
  constructor(
    private readonly labeler: Labeler,
    readonly field: FieldDef,
    private readonly limit = RELATION_CACHE_LIMIT,
    private readonly wholeColumn = true,
  ) {}

  /** The display text of a related record id (after `load` of the chunk holding it). */
  get(id: string): string {
    return this.#known.get(id) ?? id;
  }

  get size(): number {
    return this.#known.size;
  }

  /**
   * Makes every id in `ids` known. The first call reads the whole related form's display column at
   * once when it fits the cache (a year of requests names most customers anyway); ids still
   * unknown (records made since, or none) are read in batches.
   */
  async load(ids: Iterable<string>): Promise<void> {
    if (!this.#tried && this.wholeColumn) {
      this.#tried = true;
      const all = await this.labeler.allDisplayValues(this.field, this.limit);
      if (all) this.#known = all;
    }
    if (this.#known.size >= this.limit) this.#evictOlderHalf();
    const missing = new Set<string>();
    // Longer strings are no record id; `get` shows them as they are.
    for (const id of ids) if (id.length <= 100 && !this.#known.has(id)) missing.add(id);
    if (missing.size) await this.labeler.displayValues(this.field, [...missing], this.#known);
  }

  #evictOlderHalf(): void {
    // A Map iterates in insertion order: the first keys are the longest unused by a fetch.
    let drop = this.#known.size - Math.floor(this.limit / 2);
    for (const id of this.#known.keys()) {
      if (drop-- <= 0) break;
      this.#known.delete(id);
    }
  }
}
