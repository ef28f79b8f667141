/**
 * Checks of stored value formats that JSON Schema patterns cannot express alone (a real calendar
 * day, a money amount's decimals). Shared by the ajv keywords and the field types.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

function isDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const days = [
    31,
    year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28,
    31,
    30,
    31,
    30,
    31,
    31,
    30,
    31,
    30,
    31,
  ];
  return day <= (days[month - 1] ?? 0);
}

/** `YYYY-MM-DD` naming a day that exists. */
export function isIsoDate(value: string): boolean {
  const m = DATE.exec(value);
  return m !== null && isDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

/** ISO-8601 date and time with seconds optional and a zone (`Z` or `±hh:mm`) required. */
export function isIsoDateTime(value: string): boolean {
  if (value.length > 40) return false;
  const m = DATETIME.exec(value);
  if (m === null || !isDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
  const [offH, offM] = [Number(m[7] ?? 0), Number(m[8] ?? 0)];
  return hour <= 23 && minute <= 59 && second <= 59 && offH <= 23 && offM <= 59;
}

/** A number written with at most `decimals` digits after the point (0.07 is fine despite floats). */
export function hasAtMostDecimals(value: number, decimals: number): boolean {
  if (!Number.isFinite(value)) return false;
  return Number(value.toFixed(decimals)) === value;
}
