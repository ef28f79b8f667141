/**
 * Local-time date buckets over UTC ISO timestamps. PostgreSQL knows time zones (`AT TIME ZONE`);
 * SQLite does not, so there the UTC offset is a SQL modifier (`'+480 minutes'`), or a CASE over
 * the zone's offset changes (DST) within the queried span. Offsets come from `Intl`.
 */
import { sql, type RawBuilder } from 'kysely';

import type { Bucket } from './types.js';

export type { Bucket };

/** A span of constant UTC offset that ends (exclusive) at `until` (UTC ISO), or never. */
export interface OffsetSegment {
  until: string | null;
  minutes: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's UTC offset in minutes at `ms` (Asia/Shanghai: 480). */
export function offsetMinutes(zone: string, ms: number): number {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, f);
  }
  const name = f.formatToParts(ms).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

const WEEK = 7 * 86_400_000;

/** Offset segments covering [fromMs, toMs]; steps a week at a time and bisects each change to the minute. */
export function offsetSegments(zone: string, fromMs: number, toMs: number): OffsetSegment[] {
  const segments: OffsetSegment[] = [];
  let current = offsetMinutes(zone, fromMs);
  for (let t = fromMs; t < toMs; t += WEEK) {
    const next = Math.min(t + WEEK, toMs);
    if (offsetMinutes(zone, next) === current) continue;
    let lo = t;
    let hi = next; // offset(lo) === current, offset(hi) !== current
    while (hi - lo > 60_000) {
      const mid = lo + Math.floor((hi - lo) / 2);
      if (offsetMinutes(zone, mid) === current) lo = mid;
      else hi = mid;
    }
    segments.push({ until: new Date(hi).toISOString(), minutes: current });
    current = offsetMinutes(zone, hi);
  }
  segments.push({ until: null, minutes: current });
  return segments;
}

function modifier(minutes: number): string {
  return `${minutes >= 0 ? '+' : '-'}${Math.abs(minutes)} minutes`;
}

/** The SQLite date-function modifier turning a UTC timestamp column into local time. */
function sqliteShift(col: RawBuilder<unknown>, segments: readonly OffsetSegment[]): RawBuilder<unknown> {
  if (segments.length === 1) return sql`${modifier(segments[0]!.minutes)}`;
  const whens = segments
    .filter((s) => s.until !== null)
    .map((s) => sql`when ${col} < ${s.until} then ${modifier(s.minutes)}`);
  return sql`case ${sql.join(whens, sql` `)} else ${modifier(segments[segments.length - 1]!.minutes)} end`;
}

/**
 * The bucket of a column as text: `YYYY-MM-DD` (day, and the Monday of a week), `YYYY-MM`,
 * `YYYY-Qn` (quarter) or `YYYY`. Quarters and years are cut from the local month, so they follow
 * the time zone exactly as months do.
 */
export function bucketExpression(
  dialect: 'sqlite' | 'postgres',
  col: RawBuilder<unknown>,
  bucket: Bucket,
  instant: boolean,
  zone: { name: string; segments: readonly OffsetSegment[] },
): RawBuilder<unknown> {
  if (bucket !== 'quarter' && bucket !== 'year') return dayWeekMonth(dialect, col, bucket, instant, zone);
  const month = dayWeekMonth(dialect, col, 'month', instant, zone);
  if (bucket === 'year') return sql`substr(${month}, 1, 4)`;
  // Both databases divide integers to an integer: months 1–3 give 1, 10–12 give 4.
  return sql`substr(${month}, 1, 4) || '-Q' || cast((cast(substr(${month}, 6, 2) as integer) + 2) / 3 as text)`;
}

/**
 * The day, week or month of a column (see `bucketExpression`).
 * `instant` columns hold UTC timestamps and are bucketed in local time; plain dates are not shifted.
 * `zone.segments` (SQLite only) are the zone's offsets over the column's values.
 */
function dayWeekMonth(
  dialect: 'sqlite' | 'postgres',
  col: RawBuilder<unknown>,
  bucket: 'day' | 'week' | 'month',
  instant: boolean,
  zone: { name: string; segments: readonly OffsetSegment[] },
): RawBuilder<unknown> {
  // PostgreSQL converts by the zone's name; SQLite needs the offsets (`segments`).
  const utc =
    dialect === 'postgres'
      ? /^(Etc\/)?(UTC|GMT)$/.test(zone.name)
      : zone.segments.length === 1 && zone.segments[0]!.minutes === 0;
  if (!instant || utc) {
    if (bucket === 'day') return sql`substr(${col}, 1, 10)`;
    if (bucket === 'month') return sql`substr(${col}, 1, 7)`;
    return dialect === 'postgres'
      ? sql`to_char(date_trunc('week', substr(${col}, 1, 10)::date), 'YYYY-MM-DD')`
      : sql`date(substr(${col}, 1, 10), 'weekday 0', '-6 days')`;
  }
  if (dialect === 'postgres') {
    const local = sql`(${col}::timestamptz at time zone ${zone.name})`;
    if (bucket === 'day') return sql`to_char(${local}, 'YYYY-MM-DD')`;
    if (bucket === 'month') return sql`to_char(${local}, 'YYYY-MM')`;
    return sql`to_char(date_trunc('week', ${local}), 'YYYY-MM-DD')`;
  }
  const shift = sqliteShift(col, zone.segments);
  if (bucket === 'day') return sql`date(${col}, ${shift})`;
  if (bucket === 'month') return sql`strftime('%Y-%m', ${col}, ${shift})`;
  // 'weekday 0' moves forward to Sunday (or stays), minus six days is that week's Monday.
  return sql`date(${col}, ${shift}, 'weekday 0', '-6 days')`;
}
