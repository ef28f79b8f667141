/**
 * The login limiter's state (runtime/auth/login-limiter.ts): failure counters by key and the
 * addresses each account signed in from. The limiter decides what they mean; this file only keeps
 * them, so a restart or another server sees the same counts.
 */
import { sql } from 'kysely';
import type { Executor, StoreContext } from './store-context.js';
import type { LoginCounter, LoginStateTx } from './types.js';

/**
 * Serializes limiter decisions on `keys` until the transaction ends. SQLite's write transaction
 * already excludes every other writer; PostgreSQL takes a transaction-scoped advisory lock per key,
 * in sorted order so two attempts never wait on each other crosswise.
 */
export async function lockLoginKeys(db: Executor, ctx: StoreContext, keys: readonly string[]): Promise<void> {
  if (ctx.dialect !== 'postgres') return;
  for (const key of [...new Set(keys)].sort())
    await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(db);
}

export async function getLoginCounters(db: Executor, keys: readonly string[]): Promise<LoginCounter[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom('login_counters')
    .selectAll()
    .where('key', 'in', [...keys])
    .execute();
  return rows.map((r) => ({
    key: r.key,
    failures: Number(r.failures),
    since: r.since,
    blockedUntil: r.blocked_until,
    expiresAt: r.expires_at,
  }));
}

export async function putLoginCounters(db: Executor, counters: readonly LoginCounter[]): Promise<void> {
  if (counters.length === 0) return;
  const rows = counters.map((c) => ({
    key: c.key,
    failures: c.failures,
    since: c.since,
    blocked_until: c.blockedUntil,
    expires_at: c.expiresAt,
  }));
  await db
    .insertInto('login_counters')
    .values(rows)
    .onConflict((oc) =>
      oc.column('key').doUpdateSet((eb) => ({
        failures: eb.ref('excluded.failures'),
        since: eb.ref('excluded.since'),
        blocked_until: eb.ref('excluded.blocked_until'),
        expires_at: eb.ref('excluded.expires_at'),
      })),
    )
    .execute();
}

export async function deleteLoginCounters(db: Executor, keys: readonly string[]): Promise<void> {
  if (keys.length === 0) return;
  await db
    .deleteFrom('login_counters')
    .where('key', 'in', [...keys])
    .execute();
}

/** Whether `account` signed in from `address` at `since` or later. */
export async function knownLoginAddress(
  db: Executor,
  account: string,
  address: string,
  since: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('login_addresses')
    .select('last_success_at')
    .where('account', '=', account)
    .where('address', '=', address)
    .where('last_success_at', '>=', since)
    .executeTakeFirst();
  return row !== undefined;
}

export async function rememberLoginAddress(
  db: Executor,
  account: string,
  address: string,
  at: string,
): Promise<void> {
  await db
    .insertInto('login_addresses')
    .values({ account, address, last_success_at: at })
    .onConflict((oc) => oc.columns(['account', 'address']).doUpdateSet({ last_success_at: at }))
    .execute();
}

/** Deletes counters that expired by `countersBefore` and addresses last used before `addressesBefore`. */
export async function pruneLoginState(
  db: Executor,
  countersBefore: string,
  addressesBefore: string,
): Promise<number> {
  const counters = await db
    .deleteFrom('login_counters')
    .where('expires_at', '<=', countersBefore)
    .executeTakeFirst();
  const addresses = await db
    .deleteFrom('login_addresses')
    .where('last_success_at', '<', addressesBefore)
    .executeTakeFirst();
  return Number(counters.numDeletedRows) + Number(addresses.numDeletedRows);
}

/** `LoginStateTx` over one transaction. */
export class LoginStateQueries implements LoginStateTx {
  constructor(
    private readonly db: Executor,
    private readonly ctx: StoreContext,
  ) {}

  lockLoginKeys(keys: readonly string[]) {
    return lockLoginKeys(this.db, this.ctx, keys);
  }
  getLoginCounters(keys: readonly string[]) {
    return getLoginCounters(this.db, keys);
  }
  putLoginCounters(counters: readonly LoginCounter[]) {
    return putLoginCounters(this.db, counters);
  }
  deleteLoginCounters(keys: readonly string[]) {
    return deleteLoginCounters(this.db, keys);
  }
  knownLoginAddress(account: string, address: string, since: string) {
    return knownLoginAddress(this.db, account, address, since);
  }
  rememberLoginAddress(account: string, address: string, at: string) {
    return rememberLoginAddress(this.db, account, address, at);
  }
}
