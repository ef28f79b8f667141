/**
 * Small timing helpers for the benchmarks: a monotonic clock in milliseconds, percentiles of a
 * latency sample, and the median of repeated runs. Nothing here asserts: benchmarks print figures.
 */
import { performance } from 'node:perf_hooks';

export const BENCH_QUICK = process.env.BENCH_QUICK === '1';
export const BENCH_FULL = process.env.BENCH_FULL === '1';

/** Monotonic milliseconds. */
export function nowMs(): number {
  return performance.now();
}

/** The value at quantile `q` (0..1) of `values` (nearest rank); NaN for an empty sample. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function median(values: readonly number[]): number {
  return percentile(values, 0.5);
}

/** Runs `fn` `runs` times and keeps, per key, the median of what each run reported. */
export async function medianOf<K extends string>(
  runs: number,
  fn: (run: number) => Promise<Record<K, number>>,
): Promise<Record<K, number>> {
  const seen = new Map<K, number[]>();
  for (let run = 0; run < runs; run++) {
    const figures = await fn(run);
    for (const [key, value] of Object.entries(figures) as [K, number][]) {
      const list = seen.get(key) ?? [];
      list.push(value);
      seen.set(key, list);
    }
  }
  const out = {} as Record<K, number>;
  for (const [key, list] of seen) out[key] = median(list);
  return out;
}

/** Calls `fn` repeatedly for about `ms` milliseconds (after a short warm-up); returns calls per second. */
export function opsPerSecond(fn: (i: number) => void, ms = 1000): number {
  for (let i = 0; i < 200; i++) fn(i);
  let calls = 0;
  const start = nowMs();
  let elapsed = 0;
  while (elapsed < ms) {
    for (let i = 0; i < 100; i++) fn(calls + i);
    calls += 100;
    elapsed = nowMs() - start;
  }
  return (calls * 1000) / elapsed;
}

/** A latency recorder: `time` wraps one awaited call and keeps its duration. */
export class Latencies {
  readonly samples: number[] = [];
  async time<T>(fn: () => Promise<T>): Promise<T> {
    const start = nowMs();
    try {
      return await fn();
    } finally {
      this.samples.push(nowMs() - start);
    }
  }
  p(q: number): number {
    return percentile(this.samples, q);
  }
}

/** Runs `worker(i)` for i in 0..count-1 with at most `concurrency` in flight. */
export async function pool(
  count: number,
  concurrency: number,
  worker: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, count) }, async () => {
    while (next < count) {
      const i = next++;
      await worker(i);
    }
  });
  await Promise.all(lanes);
}
