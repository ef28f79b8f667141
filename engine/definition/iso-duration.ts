/**
 * ISO-8601 durations as definitions use them: `P1D`, `PT1H`, `P3DT4H30M`, `P2W`. Each component is
 * a whole number of at most six digits (seconds may have up to three decimals), at least one
 * component is present, and a `T` is followed by a time component.
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

const ISO_DURATION =
  /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6}(?:\.\d{1,3})?)S)?)?$/;

/** Parses a duration; null when it is not one we accept. */
export function parseIsoDuration(text: unknown): IsoDuration | null {
  if (typeof text !== 'string' || text.length > 40) return null;
  const m = ISO_DURATION.exec(text);
  if (!m) return null;
  const [, y, mo, w, d, h, mi, s] = m;
  if ([y, mo, w, d, h, mi, s].every((part) => part === undefined)) return null;
  if (text.includes('T') && [h, mi, s].every((part) => part === undefined)) return null;
  const n = (part: string | undefined): number => (part === undefined ? 0 : Number(part));
  return { years: n(y), months: n(mo), weeks: n(w), days: n(d), hours: n(h), minutes: n(mi), seconds: n(s) };
}

/** Approximate length in seconds (a month is 30 days, a year 365), for comparing durations. */
export function approximateSeconds(d: IsoDuration): number {
  return (
    (((d.years * 365 + d.months * 30 + d.weeks * 7 + d.days) * 24 + d.hours) * 60 + d.minutes) * 60 +
    d.seconds
  );
}
