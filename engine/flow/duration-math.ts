/**
 * Date arithmetic with ISO-8601 durations (`P1D`, `PT1H`, `P3DT4H30M`, `P1W`) for SLAs, waits and
 * event timeouts. Parsing is the definition validator's (`parseIsoDuration`), so the engine runs
 * exactly the durations a saved definition may hold. Calendar parts (years, months) move the
 * calendar date; the rest is exact elapsed time in UTC.
 */
import { parseIsoDuration, type IsoDuration } from '../definition/iso-duration.js';

export type { IsoDuration };

/** Parses an ISO-8601 duration; null when it is not one a definition may hold. */
export function parseDuration(text: unknown): IsoDuration | null {
  return parseIsoDuration(text);
}

/**
 * Moves an ISO datetime by a duration (`sign` -1 subtracts). Returns an ISO string in UTC, or null
 * when the datetime cannot be read. Months clamp to the month's last day (Jan 31 + P1M = Feb 28/29).
 */
export function addDuration(at: string, duration: IsoDuration, sign: 1 | -1 = 1): string | null {
  const ms = Date.parse(at);
  if (!Number.isFinite(ms)) return null;
  const d = new Date(ms);
  const months = sign * (duration.years * 12 + duration.months);
  if (months !== 0) {
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
  }
  const seconds =
    ((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 3600 +
    duration.minutes * 60 +
    duration.seconds;
  const result = new Date(d.getTime() + sign * seconds * 1000);
  return Number.isFinite(result.getTime()) ? result.toISOString() : null;
}

/** `addDuration` over a duration given as text; null when either cannot be read. */
export function shiftByDuration(at: string, text: string, sign: 1 | -1 = 1): string | null {
  const duration = parseDuration(text);
  return duration ? addDuration(at, duration, sign) : null;
}
