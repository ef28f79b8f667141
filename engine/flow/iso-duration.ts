/**
 * ISO-8601 durations (`P1D`, `PT1H`, `P3DT4H30M`, `P1W`) for SLAs, waits and event timeouts.
 * Calendar parts (years, months) move the calendar date; the rest is exact elapsed time in UTC.
 */
export interface IsoDuration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

// Whole numbers only (fractions like PT0.5H are rare in SLAs and ambiguous with calendars).
const DURATION = /^P(?:(\d{1,4})Y)?(?:(\d{1,4})M)?(?:(\d{1,4})W)?(?:(\d{1,5})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,7})M)?(?:(\d{1,9})S)?)?$/;

/** Parses an ISO-8601 duration; null when it is not one (or is empty like `P` or `PT`). */
export function parseDuration(text: unknown): IsoDuration | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return null;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
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
    ((duration.weeks * 7 + duration.days) * 24 + duration.hours) * 3600 + duration.minutes * 60 + duration.seconds;
  const result = new Date(d.getTime() + sign * seconds * 1000);
  return Number.isFinite(result.getTime()) ? result.toISOString() : null;
}

/** `addDuration` over a duration given as text; null when either cannot be read. */
export function shiftByDuration(at: string, text: string, sign: 1 | -1 = 1): string | null {
  const duration = parseDuration(text);
  return duration ? addDuration(at, duration, sign) : null;
}
