/**
 * Limits on failed logins, kept in the database (`Store.writeLoginState`), so a restart forgets
 * nothing and several servers on one PostgreSQL database count together.
 *
 * The design goal besides slowing guessers down: nobody else's failures may lock the real user
 * out. A hard lock per account ("10 failures and the account is closed for an hour") fails that:
 * anyone who knows a username could keep its owner out for good. So there are three counters, and
 * only the first two ever refuse outright:
 *
 * 1. Account + address: 10 failures within a minute from one address for one account, and that
 *    address waits out the minute for that account. Only that address's own failures count, so
 *    it cannot touch the user anywhere else.
 * 2. Address: 100 failures within a minute from one address over all accounts (password
 *    spraying), and that address waits.
 * 3. Account, over the addresses it never signed in from: an attacker with many addresses (a
 *    botnet, an IPv6 block; IPv6 clients count by their /64) escapes 1 and 2, so those failures
 *    are also counted per account. Past 20 of them (forgotten a day after the last one) the
 *    account admits attempts from unknown addresses one at a time: each further failure sets a
 *    delay, 1 s doubling up to 10 min, before the next one is admitted. That is a delay, never a
 *    lock, and it does not apply at all to the addresses the account signed in from in the last
 *    90 days: the user at their usual desk or phone is never slowed by anyone else's failures.
 *    A user on a new address during such an attack gets a `Retry-After` of at most 10 minutes,
 *    and an admitted attempt with the right password signs in (and makes the address known).
 *    The password is deliberately not checked before admission: if a right password went through
 *    while the account is delayed, every refused guess would still be a guess (a 200 among the
 *    429s), and the delay would slow no one but the user.
 *
 * Each attempt is counted as a failure before the (slow) password check, in one transaction that
 * holds a lock on its keys, so parallel guesses cannot all slip past a limit; `succeeded()` takes
 * it back. Only failures count: successful logins never use up anything.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { clientKey } from '../ip-address.js';
import { usernameKey, type LoginCounter, type LoginStateTx, type Store } from '../store/store.js';

export interface LoginLimiterOptions {
  /** Failures allowed per account+address in the window; the next attempt is refused. */
  maxFailures?: number;
  /** Failures allowed per address over all accounts in the window (password spraying). */
  maxFailuresPerAddress?: number;
  windowMs?: number;
  /** Failures from unknown addresses an account takes before they are admitted one per delay. */
  accountFreeFailures?: number;
  /** The first delay; it doubles with each further failure up to `accountMaxDelayMs`. */
  accountDelayMs?: number;
  accountMaxDelayMs?: number;
  /** How long after its last failure an account's count is forgotten. */
  accountWindowMs?: number;
  /** How long an address stays known after the account last signed in from it. */
  knownAddressMs?: number;
}

/** A refusal, with how long to wait (the `Retry-After` header). */
export interface LoginRefused {
  retryAfterSeconds: number;
}

/** An admitted attempt, counted as a failure until `succeeded()`. */
export interface LoginAttempt {
  succeeded(): Promise<void>;
}

const PRUNE_EVERY_MS = 60_000;

export class LoginLimiter {
  private readonly o: Required<LoginLimiterOptions>;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    options: LoginLimiterOptions = {},
  ) {
    this.o = {
      maxFailures: 10,
      maxFailuresPerAddress: 100,
      windowMs: 60_000,
      accountFreeFailures: 20,
      accountDelayMs: 1000,
      accountMaxDelayMs: 10 * 60_000,
      accountWindowMs: 24 * 3_600_000,
      knownAddressMs: 90 * 24 * 3_600_000,
      ...options,
    };
  }

  /** Admits a login attempt for `username` from `ip` and counts it as a failure, or refuses it. */
  async begin(username: string, ip: string): Promise<LoginAttempt | LoginRefused> {
    const now = this.clock.now().getTime();
    await this.prune(now);
    const account = accountKey(username);
    const address = clientKey(ip);
    const keys = { pair: `p:${account}:${address}`, address: `a:${address}`, account: `u:${account}` };
    const decision = await this.store.writeLoginState(
      async (tx): Promise<LoginRefused | { known: boolean }> => {
        await tx.lockLoginKeys(Object.values(keys));
        const stored = new Map((await tx.getLoginCounters(Object.values(keys))).map((c) => [c.key, c]));
        const known = await tx.knownLoginAddress(account, address, iso(now - this.o.knownAddressMs));
        const pair = live(stored.get(keys.pair), keys.pair, now);
        const spray = live(stored.get(keys.address), keys.address, now);
        const acct = live(stored.get(keys.account), keys.account, now);
        const waits = [
          pair.failures >= this.o.maxFailures ? Date.parse(pair.since) + this.o.windowMs : now,
          spray.failures >= this.o.maxFailuresPerAddress ? Date.parse(spray.since) + this.o.windowMs : now,
          !known && acct.blockedUntil !== null ? Date.parse(acct.blockedUntil) : now,
        ];
        const until = Math.max(...waits);
        if (until > now) return { retryAfterSeconds: Math.ceil((until - now) / 1000) };
        const counted = [this.windowed(pair, now), this.windowed(spray, now)];
        if (!known) counted.push(this.accountFailure(acct, now));
        await tx.putLoginCounters(counted);
        return { known };
      },
    );
    if ('retryAfterSeconds' in decision) return decision;
    return {
      succeeded: () =>
        this.store.writeLoginState((tx) => this.takeBack(tx, keys, account, address, decision.known)),
    };
  }

  private windowed(c: LoginCounter, now: number): LoginCounter {
    const since = c.failures === 0 ? iso(now) : c.since;
    return {
      key: c.key,
      failures: c.failures + 1,
      since,
      blockedUntil: null,
      expiresAt: iso(Date.parse(since) + this.o.windowMs),
    };
  }

  private accountFailure(c: LoginCounter, now: number): LoginCounter {
    const failures = c.failures + 1;
    const over = failures - this.o.accountFreeFailures;
    const delay =
      over > 0 ? Math.min(this.o.accountDelayMs * 2 ** Math.min(over - 1, 30), this.o.accountMaxDelayMs) : 0;
    return {
      key: c.key,
      failures,
      since: c.failures === 0 ? iso(now) : c.since,
      blockedUntil: delay > 0 ? iso(now + delay) : null,
      expiresAt: iso(Math.max(now + this.o.accountWindowMs, now + delay)),
    };
  }

  /** A right password: that address's failures for the account are cleared and this one taken back. */
  private async takeBack(
    tx: LoginStateTx,
    keys: { pair: string; address: string; account: string },
    account: string,
    address: string,
    known: boolean,
  ): Promise<void> {
    const now = this.clock.now().getTime();
    await tx.lockLoginKeys(Object.values(keys));
    await tx.deleteLoginCounters([keys.pair]);
    const back = (await tx.getLoginCounters(known ? [keys.address] : [keys.address, keys.account])).filter(
      (c) => Date.parse(c.expiresAt) > now && c.failures > 0,
    );
    // Back under the free failures, the delay this attempt may have set goes too.
    const taken = back.map((c) => ({ ...c, failures: c.failures - 1 }));
    await tx.putLoginCounters(
      taken.map((c) =>
        c.key === keys.account && c.failures <= this.o.accountFreeFailures ? { ...c, blockedUntil: null } : c,
      ),
    );
    await tx.rememberLoginAddress(account, address, iso(now));
  }

  private async prune(now: number): Promise<void> {
    if (now - this.lastPrune < PRUNE_EVERY_MS && now >= this.lastPrune) return;
    this.lastPrune = now;
    await this.store.pruneLoginState(iso(now), iso(now - this.o.knownAddressMs));
  }
}

/** A counter as it stands at `now`: a fresh one when there is none or it has expired. */
function live(c: LoginCounter | undefined, key: string, now: number): LoginCounter {
  if (c && Date.parse(c.expiresAt) > now)
    return {
      ...c,
      blockedUntil: c.blockedUntil !== null && Date.parse(c.blockedUntil) > now ? c.blockedUntil : null,
    };
  return { key, failures: 0, since: iso(now), blockedUntil: null, expiresAt: iso(now) };
}

/**
 * The account part of the keys, for every username tried (unknown ones too, so answers do not
 * tell which exist): hashed, so the limiter's tables hold no usernames, and folded like usernames.
 */
function accountKey(username: string): string {
  return createHash('sha256').update(usernameKey(username)).digest('base64url').slice(0, 22);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}
