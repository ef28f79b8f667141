/**
 * What every query function receives besides the executor: which database, the clock, ids, and
 * the cache of record-table layouts.
 */
import type { Kysely } from 'kysely';
import type { FormRegistry } from './form-registry.js';
import type { Database } from './schema.js';

export interface StoreContext {
  dialect: 'sqlite' | 'postgres';
  now: () => string;
  newId: () => string;
  registry: FormRegistry;
  /** IANA zone whose local days dashboard rollups are kept in (the server's time zone setting); null keeps none. */
  rollupTimeZone: string | null;
}

/** The plain database or a transaction on it: query functions run on either. */
export type Executor = Kysely<Database>;
