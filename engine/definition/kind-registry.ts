/**
 * A registry of kinds by type name (node kinds, field types, widget types). The shipped kinds are
 * given when the registry is made, at module load, and can be neither replaced nor removed;
 * `register` adds one more (tests, extensions) and refuses a name already taken. Every
 * registration bumps `registryRevision()`, so what is assembled from the registries (the bundle
 * schema and its compiled validator) knows to assemble again.
 */
import { isValidKey } from './types.js';

let revision = 0;

/** Changes whenever any registry gains a kind. */
export function registryRevision(): number {
  return revision;
}

export class KindRegistry<K> {
  readonly #kinds = new Map<string, K>();
  readonly #what: string;
  readonly #typeOf: (kind: K) => string;

  /** `what` names the kind in errors ("node kind"); `typeOf` reads a kind's type name. */
  constructor(what: string, typeOf: (kind: K) => string, shipped: readonly K[]) {
    this.#what = what;
    this.#typeOf = typeOf;
    for (const kind of shipped) this.register(kind);
  }

  /** Adds a kind; throws when its type is not a key or is taken already. */
  register(kind: K): void {
    const type = this.#typeOf(kind);
    if (!isValidKey(type))
      throw new TypeError(`A ${this.#what} needs a type like "my_kind"; "${String(type)}" is not one.`);
    if (this.#kinds.has(type)) throw new TypeError(`The ${this.#what} "${type}" is registered already.`);
    this.#kinds.set(type, kind);
    revision += 1;
  }

  /** The kind of a type name, or undefined for a name nobody registered. */
  get(type: unknown): K | undefined {
    return typeof type === 'string' ? this.#kinds.get(type) : undefined;
  }

  has(type: unknown): boolean {
    return typeof type === 'string' && this.#kinds.has(type);
  }

  /** Every kind, in registration order (shipped first). */
  all(): K[] {
    return [...this.#kinds.values()];
  }

  types(): string[] {
    return [...this.#kinds.keys()];
  }
}
