/**
 * Counts failed logins per username+address (and, more loosely, per address) in a sliding
 * one-minute window. Only failures count, so a user who types the password right is never slowed
 * down by others' attempts on their name from elsewhere.
 */
import type { Clock } from '../clock.js';

export interface LoginLimiterOptions {
  /** Failures allowed per username+address in the window; the next attempt is refused. */
  maxFailures?: number;
  /** Failures allowed per address over all usernames (password spraying). */
  maxFailuresPerAddress?: number;
  windowMs?: number;
  /** Bound on remembered keys, so a flood of random usernames cannot grow memory without end. */
  maxKeys?: number;
}

/** A failure counter; the clock is injected so tests move time instead of waiting. */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly maxFailures: number;
  private readonly maxPerAddress: number;
  private readonly windowMs: number;
  private readonly maxKeys: number;

  constructor(
    private readonly clock: Clock,
    options: LoginLimiterOptions = {},
  ) {
    this.maxFailures = options.maxFailures ?? 10;
    this.maxPerAddress = options.maxFailuresPerAddress ?? 100;
    this.windowMs = options.windowMs ?? 60_000;
    this.maxKeys = options.maxKeys ?? 50_000;
  }

  /** Whether another attempt for this username from this address must be refused (429). */
  isBlocked(username: string, address: string): boolean {
    return this.recent(userKey(username, address)) >= this.maxFailures || this.recent(addressKey(address)) >= this.maxPerAddress;
  }

  /**
   * Counts an attempt as a failure right away, before the (slow) password check, so parallel
   * guesses cannot all slip past the limit; `succeeded()` takes it back and clears the
   * username's failures from that address.
   */
  begin(username: string, address: string): { succeeded(): void } {
    const now = this.clock.now().getTime();
    const keys = [userKey(username, address), addressKey(address)];
    for (const key of keys) {
      const list = this.failures.get(key) ?? [];
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > this.maxKeys) this.prune(now);
    return {
      succeeded: () => {
        this.failures.delete(keys[0]!);
        const list = this.failures.get(keys[1]!);
        const at = list?.indexOf(now) ?? -1;
        if (list && at >= 0) list.splice(at, 1);
      },
    };
  }

  private recent(key: string): number {
    const list = this.failures.get(key);
    if (!list) return 0;
    const since = this.clock.now().getTime() - this.windowMs;
    const kept = list.filter((t) => t > since);
    if (kept.length === 0) this.failures.delete(key);
    else this.failures.set(key, kept);
    return kept.length;
  }

  private prune(now: number): void {
    const since = now - this.windowMs;
    for (const [key, list] of this.failures) {
      if (!list.some((t) => t > since)) this.failures.delete(key);
    }
    // Still too many live keys: forget the oldest ones (Map keeps insertion order).
    for (const key of this.failures.keys()) {
      if (this.failures.size <= this.maxKeys) break;
      this.failures.delete(key);
    }
  }
}

function userKey(username: string, address: string): string {
  return `u\u0000${username.toLowerCase()}\u0000${address}`;
}

function addressKey(address: string): string {
  return `a\u0000${address}`;
}
