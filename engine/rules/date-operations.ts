/**
 * Date arithmetic for rules. Dates are `YYYY-MM-DD` strings and datetimes ISO-8601 strings, as the
 * form stores them; the clock is never read here: `today`/`now` come from the evaluation scope.
 */
export type DateUnit = 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const MS: Record<Exclude<DateUnit, 'month' | 'year'>, number> = {
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
  week: 7 * 86_400_000,
};

function parse(value: unknown): { ms: number; dateOnly: boolean } | null {
  if (typeof value !== 'string' || value.length > 40) return null;
  const dateOnly = DATE_ONLY.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? { ms, dateOnly } : null;
}

function format(ms: number, dateOnly: boolean): string | null {
  const d = new Date(ms);
  if (!Number.isFinite(d.getTime())) return null;
  const iso = d.toISOString();
  return dateOnly ? iso.slice(0, 10) : iso;
}

function isUnit(unit: unknown): unit is DateUnit {
  return (
    unit === 'minute' ||
    unit === 'hour' ||
    unit === 'day' ||
    unit === 'week' ||
    unit === 'month' ||
    unit === 'year'
  );
}

/** `date_add(date, amount, unit)`: the date moved by `amount` units; null when an argument is unusable. */
export function dateAdd(date: unknown, amount: unknown, unit: unknown = 'day'): string | null {
  const p = parse(date);
  const n = Number(amount);
  if (!p || !Number.isFinite(n) || !isUnit(unit)) return null;
  if (unit === 'month' || unit === 'year') {
    const d = new Date(p.ms);
    const months = Math.trunc(unit === 'year' ? n * 12 : n);
    const day = d.getUTCDate();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() + months);
    // Clamp to the month's last day: Jan 31 + 1 month is Feb 28/29, not Mar 3.
    const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(day, last));
    return format(d.getTime(), p.dateOnly);
  }
  return format(p.ms + n * MS[unit], p.dateOnly);
}

/** `date_diff(from, to, unit)`: whole units from `from` to `to` (negative when `to` is earlier). */
export function dateDiff(from: unknown, to: unknown, unit: unknown = 'day'): number | null {
  const a = parse(from);
  const b = parse(to);
  if (!a || !b || !isUnit(unit)) return null;
  if (unit === 'month' || unit === 'year') {
    const da = new Date(a.ms);
    const db = new Date(b.ms);
    let months = (db.getUTCFullYear() - da.getUTCFullYear()) * 12 + (db.getUTCMonth() - da.getUTCMonth());
    if (months > 0 && db.getUTCDate() < da.getUTCDate()) months -= 1;
    if (months < 0 && db.getUTCDate() > da.getUTCDate()) months += 1;
    return unit === 'year' ? Math.trunc(months / 12) : months;
  }
  return Math.trunc((b.ms - a.ms) / MS[unit]);
}
