/**
 * Date bucket keys as the store's SQL writes them (`record-time-zone.ts`): `2026-03-05` (a day,
 * or the Monday of a week), `2026-03`, `2026-Q1`, `2026`; where each starts and ends, every key of
 * a span (gaps filled), and how people read them. Pure date arithmetic on local calendar days.
 */
import type { DateBucket } from '../../engine/index.js';
import type { Lang } from './labels.js';

function utc(day: string): Date {
  return new Date(`${day}T00:00:00.000Z`);
}

/** The first local day of bucket `key` (`2026-Q2` → `2026-04-01`). */
export function bucketStart(key: string, bucket: DateBucket): string {
  if (bucket === 'year') return `${key.slice(0, 4)}-01-01`;
  if (bucket === 'quarter') {
    const month = (Number(key.slice(6)) - 1) * 3 + 1;
    return `${key.slice(0, 4)}-${String(month).padStart(2, '0')}-01`;
  }
  if (bucket === 'month') return `${key.slice(0, 7)}-01`;
  return key;
}

/** The first day of the bucket after the one starting on `day`. */
export function nextBucketStart(day: string, bucket: DateBucket): string {
  const d = utc(day);
  if (bucket === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (bucket === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else d.setUTCMonth(d.getUTCMonth() + (bucket === 'month' ? 1 : bucket === 'quarter' ? 3 : 12));
  return d.toISOString().slice(0, 10);
}

/** The key of the bucket holding local day `day`. */
export function bucketKeyOf(day: string, bucket: DateBucket): string {
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  if (bucket === 'year') return day.slice(0, 4);
  if (bucket === 'quarter') return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) + 2) / 3)}`;
  const d = utc(day);
  return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000).toISOString().slice(0, 10);
}

/** Every key from `first` to `last` (inclusive), or undefined when there would be more than `max`. */
export function bucketRun(
  first: string,
  last: string,
  bucket: DateBucket,
  max: number,
): string[] | undefined {
  const keys: string[] = [];
  let day = bucketStart(first, bucket);
  const stop = bucketStart(last, bucket);
  while (day <= stop) {
    keys.push(bucketKeyOf(day, bucket));
    if (keys.length > max) return undefined;
    day = nextBucketStart(day, bucket);
  }
  return keys;
}

/** How a key reads: days, weeks and months as they are; `2026 Q1` / `2026年第1季度`, `2026` / `2026年`. */
export function bucketLabel(key: string, bucket: DateBucket | undefined, lang: Lang): string {
  const quarter = bucket === 'quarter' ? /^(\d{4})-Q([1-4])$/.exec(key) : null;
  if (quarter) return lang === 'en' ? `${quarter[1]} Q${quarter[2]}` : `${quarter[1]}年第${quarter[2]}季度`;
  if (bucket === 'year' && /^\d{4}$/.test(key)) return lang === 'en' ? key : `${key}年`;
  return key;
}
