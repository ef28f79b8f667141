/**
 * Store contract: a flow's finishes counted per local day, week (from Monday) or month, on SQLite
 * and PostgreSQL, equal the counts computed here from the cases' end times — over all time and
 * over whole local days, in a zone whose clocks change inside the range, with ends just either
 * side of local midnight and of a month's end. The aggregates kept with each write and the raw
 * history rows (a store that keeps no aggregates) give the same rows; week is the default.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FlowAnalyticsQuery, FlowBucket, LoadedCase, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { snapshot } from './fixtures.js';

const DIALECTS = await dialects('flowbuckets');
const ZONE = 'America/New_York'; // clocks go forward on 2025-03-09
const H = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = '2025-05-01T00:00:00.000Z';
const BUCKETS: FlowBucket[] = ['day', 'week', 'month'];

type End = { at: string; type: 'instance.ended' | 'instance.cancelled'; outcome?: string };

/** 36 ends from late February to mid April: some at 03:30 UTC, the evening before in New York. */
const ENDS: End[] = Array.from({ length: 36 }, (_, n) => {
  const at = Date.parse('2025-02-24T03:30:00Z') + n * 37 * H + (n % 3 === 0 ? 0 : 9 * H);
  if (n % 7 === 3) return { at: iso(at), type: 'instance.cancelled' };
  return { at: iso(at), type: 'instance.ended', outcome: n % 3 ? 'fixed' : 'refused' };
});

function loaded(end: End, n: number): LoadedCase {
  const id = `case-${n}`;
  const start = iso(Date.parse(end.at) - 5 * H);
  const status = end.type === 'instance.ended' ? 'done' : 'cancelled';
  return {
    records: [],
    recordUpdates: [],
    instance: {
      id,
      app: 'repair',
      flow: 'main',
      version: 1,
      recordId: `rec-${id}`,
      snapshot: snapshot({ status, seq: 2, ...(end.outcome ? { outcome: end.outcome } : {}) }),
      createdAt: start,
      rev: 2,
      updatedAt: end.at,
    },
    tasks: [],
    timers: [],
    history: [
      { seq: 1, at: start, actor: 'u', type: 'instance.started' },
      {
        seq: 2,
        at: end.at,
        actor: 'u',
        type: end.type,
        ...(end.outcome ? { detail: { outcome: end.outcome } } : {}),
      },
    ],
    outbox: [],
    notifications: [],
    incidents: [],
  };
}

function localDay(at: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(at));
}

function periodOf(at: string, bucket: FlowBucket): string {
  const day = localDay(at);
  if (bucket === 'day') return day;
  if (bucket === 'month') return day.slice(0, 7);
  const ms = Date.parse(`${day}T00:00:00Z`);
  return iso(ms - ((new Date(ms).getUTCDay() + 6) % 7) * 24 * H).slice(0, 10);
}

/** The counts per `period type outcome`, from the ends of local days [from, to). */
function expected(bucket: FlowBucket, days?: { from: string; to: string }): Map<string, number> {
  const out = new Map<string, number>();
  for (const e of ENDS) {
    const day = localDay(e.at);
    if (days && (day < days.from || day >= days.to)) continue;
    const key = `${periodOf(e.at, bucket)} ${e.type} ${e.outcome ?? ''}`;
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

/** The UTC instant local `day` begins in ZONE. */
function midnight(day: string): string {
  for (let h = -14; h <= 14; h++) {
    const at = Date.parse(`${day}T00:00:00Z`) - h * H;
    if (localDay(iso(at)) === day && localDay(iso(at - 1)) !== day) return iso(at);
  }
  throw new Error(`no midnight for ${day}`);
}

const RANGES = [
  undefined,
  { from: '2025-03-01', to: '2025-04-01' },
  { from: '2025-03-05', to: '2025-03-12' },
];

async function outcomes(store: Store, bucket: FlowBucket | undefined, days?: { from: string; to: string }) {
  const q: FlowAnalyticsQuery = {
    app: 'repair',
    flow: 'main',
    now: NOW,
    timeZone: ZONE,
    ...(bucket ? { bucket } : {}),
    ...(days ? { from: midnight(days.from), to: midnight(days.to) } : {}),
  };
  return store.runRead(store.compileFlowAnalytics(q).outcomesByWeek);
}

const asMap = (rows: { week: string; type: string; outcome: string | null; count: number }[]) =>
  new Map(rows.map((r) => [`${r.week} ${r.type} ${r.outcome ?? ''}`, r.count]));

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`process finishes per day, week or month (${d.name})`, () => {
    let store: Store;
    const kept = new Map<string, Awaited<ReturnType<typeof outcomes>>>();
    beforeAll(async () => {
      store = await d.open({ timeZone: ZONE, now: () => NOW });
      await store.write((tx) => tx.loadCases(ENDS.map(loaded)));
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('count each bucket as the ends say, from the kept aggregates', async () => {
      for (const days of RANGES)
        for (const bucket of BUCKETS) {
          const rows = await outcomes(store, bucket, days);
          expect(asMap(rows)).toEqual(expected(bucket, days));
          kept.set(`${bucket} ${days?.from}`, rows);
        }
      expect(await outcomes(store, undefined)).toEqual(await outcomes(store, 'week'));
      // Labels as a chart shows them: a day, a week's Monday, a month.
      expect(expected('month').size).toBeGreaterThan(2);
      expect([...asMap(await outcomes(store, 'month')).keys()][0]).toMatch(/^2025-02 /);
    });

    it('give the same rows from the raw history when no aggregates are kept', async () => {
      await store.close();
      store = await d.open({ timeZone: ZONE, now: () => NOW, rollups: false });
      for (const days of RANGES)
        for (const bucket of BUCKETS) {
          const rows = await outcomes(store, bucket, days);
          expect(asMap(rows)).toEqual(expected(bucket, days));
          expect(rows).toEqual(kept.get(`${bucket} ${days?.from}`));
        }
      expect(await outcomes(store, undefined)).toEqual(await outcomes(store, 'week'));
    });
  });
}
