/**
 * The one cache of published app versions that cases, reports and the app service share (built
 * once per process in `Services`). A published version never changes, so it is keyed by app and
 * version and never goes stale; "latest" is re-read from the store each time because publishing
 * moves it. Each form is compiled once, the first time something validates against it. The cache
 * holds at most `capacity` versions and drops the least recently used one beyond that, so a
 * long-lived server that sees many apps and versions keeps a bounded amount of compiled schemas.
 */
import { FlowcaseError, type AppBundle, type CompiledForm, type FormDef } from '../../engine/index.js';
import { compileForm } from '../../engine/form/index.js';
import { compileVersion, type AppVersion } from '../cases/definitions.js';
import type { Store } from '../store/store.js';

/**
 * Room for dozens of apps at their current version and the older ones their open cases still run
 * on. A version of the after-sales app (7 forms) with every form compiled holds about 0.56 MB, so
 * a full cache of versions that size stays under 75 MB.
 */
export const DEFAULT_VERSION_CAPACITY = 128;

export interface VersionCacheStats {
  /** Versions held now (at most `capacity`). */
  size: number;
  capacity: number;
  /** Versions read from the store and indexed: one per version unless it was evicted meanwhile. */
  loads: number;
  /** Forms compiled: one per form of a loaded version that something validated against. */
  formCompilations: number;
  /** Asks answered from the cache, a load already under way included. */
  hits: number;
  /** Versions dropped because the cache was full. */
  evictions: number;
}

export class VersionCache {
  /** Insertion order is recency order: a hit moves its entry to the end. */
  readonly #entries = new Map<string, Promise<AppVersion | undefined>>();
  readonly #capacity: number;
  #loads = 0;
  #formCompilations = 0;
  #hits = 0;
  #evictions = 0;

  constructor(
    private readonly store: Pick<Store, 'getAppVersion' | 'getCurrentVersion'>,
    options: { capacity?: number } = {},
  ) {
    this.#capacity = Math.max(1, options.capacity ?? DEFAULT_VERSION_CAPACITY);
  }

  /** A published version; `FC_NOT_FOUND` when it does not exist. */
  async get(app: string, version: number): Promise<AppVersion> {
    const found = await this.find(app, version);
    if (!found)
      throw new FlowcaseError('FC_NOT_FOUND', `App "${app}" has no version ${version}.`, { path: '/app' });
    return found;
  }

  /** The newest published version; `FC_NOT_FOUND` for an unknown or unpublished app. */
  async latest(app: string): Promise<AppVersion> {
    const current = await this.store.getCurrentVersion(app);
    if (current === undefined || current === null)
      throw new FlowcaseError('FC_NOT_FOUND', `No app "${app}" is installed.`, { path: '/app' });
    return this.get(app, current);
  }

  /** A published bundle, or undefined when the app has no such version. */
  async bundle(app: string, version: number): Promise<AppBundle | undefined> {
    return (await this.find(app, version))?.bundle;
  }

  stats(): VersionCacheStats {
    return {
      size: this.#entries.size,
      capacity: this.#capacity,
      loads: this.#loads,
      formCompilations: this.#formCompilations,
      hits: this.#hits,
      evictions: this.#evictions,
    };
  }

  private find(app: string, version: number): Promise<AppVersion | undefined> {
    // JSON keeps app keys containing '@' from colliding with another app's version.
    const key = JSON.stringify([app, version]);
    const cached = this.#entries.get(key);
    if (cached) {
      this.#hits++;
      this.#entries.delete(key);
      this.#entries.set(key, cached);
      return cached;
    }
    // The promise is cached, not its result, so concurrent first asks share one load.
    const loading = this.load(app, version);
    this.#entries.set(key, loading);
    // A missing version or a failed read is not remembered: it may be published or readable later.
    loading.then(
      (found) => {
        if (!found && this.#entries.get(key) === loading) this.#entries.delete(key);
      },
      () => {
        if (this.#entries.get(key) === loading) this.#entries.delete(key);
      },
    );
    while (this.#entries.size > this.#capacity) {
      this.#entries.delete(this.#entries.keys().next().value!);
      this.#evictions++;
    }
    return loading;
  }

  private async load(app: string, version: number): Promise<AppVersion | undefined> {
    const row = await this.store.getAppVersion(app, version);
    if (!row) return undefined;
    this.#loads++;
    return compileVersion(app, version, row.bundle, (form: FormDef): CompiledForm => {
      this.#formCompilations++;
      return compileForm(form);
    });
  }
}
