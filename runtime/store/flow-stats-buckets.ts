/**
 * The fixed histogram that process analytics keeps durations in: bucket 0 holds everything under a
 * minute, buckets 1–48 split one minute … one year into 48 log-scale steps (each bound ≈ 1.316×
 * the previous), bucket 49 holds a year and more. A percentile read from it is the geometric middle
 * of its bucket, so it is within ±15% of the nearest-rank value (bucket 0: 30 s for anything under a
 * minute; bucket 49: one year). The bounds are whole milliseconds, compared the same way in SQL
 * (builds) and JavaScript (writes), so both put a duration in the same bucket.
 */
import { sql, type RawBuilder } from 'kysely';

const MINUTE = 60_000;
const YEAR = 365 * 86_400_000;
const STEPS = 48;

/** `BOUNDS[i]` is where bucket `i + 1` begins (ms): one minute … one year. */
export const BOUNDS: readonly number[] = Array.from({ length: STEPS + 1 }, (_, i) =>
  Math.round(MINUTE * (YEAR / MINUTE) ** (i / STEPS)),
);

/** Ratio between consecutive bounds (the histogram's precision). */
export const BUCKET_RATIO = (YEAR / MINUTE) ** (1 / STEPS);

/** The bucket of a duration in ms (negative durations, from skewed clocks, count as under a minute). */
export function bucketOf(ms: number): number {
  let lo = 0;
  let hi = BOUNDS.length;
  // The first bound greater than `ms`; its index is the bucket.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (BOUNDS[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** `[lo, hi)` of a bucket in ms (`hi` null for the last, open-ended one). */
export function bucketBounds(bucket: number): { lo: number; hi: number | null } {
  return { lo: bucket === 0 ? 0 : BOUNDS[bucket - 1]!, hi: bucket < BOUNDS.length ? BOUNDS[bucket]! : null };
}

/** The value a percentile falling into `bucket` is shown as. */
export function bucketValue(bucket: number): number {
  const { lo, hi } = bucketBounds(bucket);
  if (hi === null) return lo;
  return bucket === 0 ? hi / 2 : Math.round(Math.sqrt(lo * hi));
}

/** SQL for `bucketOf(ms)` on a whole-millisecond expression. */
export function bucketSql(ms: RawBuilder<unknown>): RawBuilder<unknown> {
  return sql`case ${sql.join(
    BOUNDS.map((b, i) => sql`when ${ms} < ${sql.lit(b)} then ${sql.lit(i)}`),
    sql` `,
  )} else ${sql.lit(BOUNDS.length)} end`;
}

/**
 * Nearest-rank p50 and p90 (ranks ⌊(n+1)/2⌋ and ⌊(9n+9)/10⌋, as the exact SQL had them) of a
 * histogram given as bucket → count.
 */
export function percentiles(histogram: ReadonlyMap<number, number>): {
  p50: number | null;
  p90: number | null;
} {
  let n = 0;
  for (const c of histogram.values()) n += c;
  if (n <= 0) return { p50: null, p90: null };
  const ranks = [Math.floor((n + 1) / 2), Math.floor((9 * n + 9) / 10)];
  const found: (number | null)[] = [null, null];
  let seen = 0;
  for (const b of [...histogram.keys()].sort((x, y) => x - y)) {
    seen += histogram.get(b)!;
    ranks.forEach((r, i) => {
      if (found[i] === null && seen >= r) found[i] = bucketValue(b);
    });
  }
  return { p50: found[0]!, p90: found[1]! };
}
