/**
 * Store contract: process analytics answered from the aggregates kept with each write equal the
 * figures computed here from the raw tasks, instances and history, on SQLite and PostgreSQL —
 * after steps written one by one (completions, SLA breaches, returns to an earlier node,
 * cancellations, ends with outcomes), after bulk-loaded cases, over all time and over whole local
 * days in a zone with a DST change, and again after the aggregates are rebuilt from the rows.
 * Counts, sums, averages and breach rates are exact; p50/p90 lie in the histogram bucket of the
 * exact nearest-rank value.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../engine/index.js';
import { bucketBounds, bucketOf } from '../../runtime/store/flow-stats-buckets.js';
import type { FlowAnalyticsQuery, LoadedCase, Store, TaskRow } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { snapshot } from './fixtures.js';

const DIALECTS = await dialects('flowstats');
const ZONE = 'America/New_York'; // clocks go forward on 2025-03-09
const M = 60_000;
const H = 60 * M;
const BASE = Date.parse('2025-03-07T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const NOW = iso(BASE + 30 * H);

/** Writes one case step by step, as a running flow's transactions do. */
class Case {
  rev = 1;
  seq = 0;
  tasks = 0;
  constructor(
    readonly store: Store,
    readonly id: string,
  ) {}

  static async start(store: Store, id: string, at: number, flow = 'main'): Promise<Case> {
    await store.write((tx) =>
      tx.insertInstance({
        id,
        app: 'repair',
        flow,
        version: 1,
        recordId: `rec-${id}`,
        snapshot: snapshot({ flow }),
        createdAt: iso(at),
      }),
    );
    return new Case(store, id);
  }

  /** Opens a task at `node` at `at`; returns its id. */
  async open(node: string, at: number, dueAt?: number): Promise<string> {
    const id = `${this.id}-t${++this.tasks}`;
    await this.store.write((tx) =>
      tx.insertTask({
        id,
        instanceId: this.id,
        recordId: `rec-${this.id}`,
        app: 'repair',
        form: 'request',
        node,
        createdAt: iso(at),
        dueAt: dueAt === undefined ? null : iso(dueAt),
        assignees: [{ role: 'desk' }],
      }),
    );
    return id;
  }

  async breach(task: string): Promise<void> {
    await this.store.write((tx) => tx.updateTask(task, { breached: true }));
  }

  async complete(task: string, at: number, action = 'approve'): Promise<void> {
    await this.store.write(async (tx) => {
      await tx.updateTask(task, { status: 'done', completedAt: iso(at), completedBy: 'u', action });
      await tx.saveInstance(this.id, snapshot({ seq: this.seq }), this.rev++, iso(at));
    });
  }

  async end(
    status: 'done' | 'cancelled' | 'failed',
    at: number,
    outcome?: string,
    openTasks: string[] = [],
  ): Promise<void> {
    const type = { done: 'instance.ended', cancelled: 'instance.cancelled', failed: 'instance.failed' }[
      status
    ];
    await this.store.write(async (tx) => {
      for (const t of openTasks) await tx.updateTask(t, { status: 'cancelled', completedAt: iso(at) });
      await tx.appendHistory(this.id, [
        { seq: ++this.seq, at: iso(at), actor: 'u', type, ...(outcome ? { detail: { outcome } } : {}) },
      ]);
      await tx.saveInstance(
        this.id,
        snapshot({ status, seq: this.seq, ...(outcome ? { outcome } : {}) }),
        this.rev++,
        iso(at),
      );
    });
  }

  /** A save after the end (a backfill): changes no figure. */
  async touch(at: number): Promise<void> {
    const current = await this.store.getInstance(this.id);
    await this.store.write((tx) => tx.saveInstance(this.id, current!.snapshot, this.rev++, iso(at)));
  }
}

/** A finished case as the seeder bulk-loads it: two done tasks (one breached), ended with `outcome`. */
function loadedCase(n: number, start: number): LoadedCase {
  const id = `bulk-${n}`;
  const end = start + (n % 5) * 7 * H + 13 * M;
  const history: HistoryEvent[] = [
    { seq: 1, at: iso(start), actor: 'u', type: 'instance.started' },
    {
      seq: 2,
      at: iso(end),
      actor: 'u',
      type: 'instance.ended',
      detail: { outcome: n % 3 ? 'fixed' : 'refused' },
    },
  ];
  const task = (k: number, node: string, from: number, to: number, extra: object = {}) => ({
    id: `${id}-t${k}`,
    instanceId: id,
    recordId: `rec-${id}`,
    app: 'repair',
    form: 'request',
    node,
    assignees: [{ role: 'desk' }],
    createdAt: iso(from),
    status: 'done' as const,
    completedAt: iso(to),
    completedBy: 'u',
    action: 'approve',
    ...extra,
  });
  return {
    records: [],
    recordUpdates: [],
    instance: {
      id,
      app: 'repair',
      flow: 'main',
      version: 1,
      recordId: `rec-${id}`,
      snapshot: snapshot({ status: 'done', seq: 2, outcome: n % 3 ? 'fixed' : 'refused' }),
      createdAt: iso(start),
      rev: 4,
      updatedAt: iso(end),
    },
    tasks: [
      task(1, 'intake', start, start + (n % 7) * 11 * M + 20_000, {
        dueAt: iso(start + H),
        breached: n % 2 === 0,
      }),
      task(2, 'repair', start + H, end),
    ],
    timers: [],
    history,
    outbox: [],
    notifications: [],
    incidents: [],
  };
}

const ENDS: Record<string, string> = {
  'instance.ended': 'done',
  'instance.cancelled': 'cancelled',
  'instance.failed': 'failed',
};

function localDay(at: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(new Date(at));
}

function nearestRank(values: number[], p: 50 | 90): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  return sorted[(p === 50 ? Math.floor((n + 1) / 2) : Math.floor((9 * n + 9) / 10)) - 1]!;
}

function mondayOf(day: string): string {
  const at = Date.parse(`${day}T00:00:00Z`);
  return iso(at - ((new Date(at).getUTCDay() + 6) % 7) * 24 * H).slice(0, 10);
}

/** The figures of flow `main`, computed here from the raw rows of `ids`, for local days [from, to). */
async function expected(store: Store, ids: readonly string[], days?: { from: string; to: string }) {
  const inDays = (at: string) => !days || (localDay(at) >= days.from && localDay(at) < days.to);
  const nodes = new Map<string, { spent: number[]; withSla: number; breached: number }>();
  const open = new Map<string, [number, number]>();
  const flow = {
    started: 0,
    stillActive: 0,
    finishedBy: { done: 0, cancelled: 0, failed: 0 } as Record<string, number>,
    cycles: [] as number[],
    weekly: new Map<string, number>(),
  };
  for (const id of ids) {
    const instance = (await store.getInstance(id))!;
    if (instance.flow !== 'main') continue;
    const tasks: TaskRow[] = await store.listTasks(id);
    for (const t of tasks) {
      if (t.status === 'open') {
        const [n, overdue] = open.get(t.node) ?? [0, 0];
        open.set(t.node, [n + 1, overdue + (t.breached || (t.dueAt !== null && t.dueAt < NOW) ? 1 : 0)]);
      }
      if (t.status !== 'done' || !t.completedAt || !inDays(t.completedAt)) continue;
      const n = nodes.get(t.node) ?? { spent: [], withSla: 0, breached: 0 };
      n.spent.push(Date.parse(t.completedAt) - Date.parse(t.createdAt));
      if (t.dueAt) n.withSla += 1;
      if (t.breached) n.breached += 1;
      nodes.set(t.node, n);
    }
    if (inDays(instance.createdAt)) {
      flow.started += 1;
      if (instance.status === 'active') flow.stillActive += 1;
    }
    for (const e of await store.listHistory(id)) {
      const status = ENDS[e.type];
      if (!status || !inDays(e.at)) continue;
      flow.finishedBy[status]! += 1;
      if (status === 'done') flow.cycles.push(Date.parse(e.at) - Date.parse(instance.createdAt));
      const key = `${mondayOf(localDay(e.at))} ${status === 'done' ? `done:${String((e.detail as { outcome?: string } | undefined)?.outcome ?? '')}` : status}`;
      flow.weekly.set(key, (flow.weekly.get(key) ?? 0) + 1);
    }
  }
  return { nodes, open, flow };
}

function expectInBucketOf(shown: number | null, exact: number | null): void {
  if (exact === null) return expect(shown).toBeNull();
  const { lo, hi } = bucketBounds(bucketOf(exact));
  expect(shown).toBeGreaterThanOrEqual(lo);
  if (hi !== null) expect(shown).toBeLessThan(hi);
}

async function analytics(store: Store, range?: { from: string; to: string }) {
  const q: FlowAnalyticsQuery = { app: 'repair', flow: 'main', now: NOW, timeZone: ZONE, ...(range ?? {}) };
  const reads = store.compileFlowAnalytics(q);
  return {
    nodes: await store.runRead(reads.nodes),
    nodeP: await store.runRead(reads.nodePercentiles),
    open: await store.runRead(reads.open),
    started: await store.runRead(reads.started),
    finished: await store.runRead(reads.finished),
    cycleP: await store.runRead(reads.cyclePercentiles),
    weekly: await store.runRead(reads.outcomesByWeek),
  };
}

/** The UTC instant local `day` begins in ZONE. */
function midnight(day: string): string {
  for (let h = -14; h <= 14; h++) {
    const at = Date.parse(`${day}T00:00:00Z`) - h * H;
    if (localDay(iso(at)) === day && localDay(iso(at - 1)) !== day) return iso(at);
  }
  throw new Error(`no midnight for ${day}`);
}

async function expectMatches(
  store: Store,
  ids: readonly string[],
  days?: { from: string; to: string },
): Promise<void> {
  const want = await expected(store, ids, days);
  const got = await analytics(store, days ? { from: midnight(days.from), to: midnight(days.to) } : undefined);
  expect(new Map(got.nodes.map((n) => [n.node, n.completed]))).toEqual(
    new Map([...want.nodes].map(([k, n]) => [k, n.spent.length])),
  );
  for (const n of got.nodes) {
    const w = want.nodes.get(n.node)!;
    expect(n).toMatchObject({ withSla: w.withSla, breached: w.breached });
    expect(n.avgMs).toBe(w.spent.reduce((a, b) => a + b, 0) / w.spent.length);
    expectInBucketOf(got.nodeP.get(n.node)!.p50, nearestRank(w.spent, 50));
    expectInBucketOf(got.nodeP.get(n.node)!.p90, nearestRank(w.spent, 90));
  }
  expect(new Map(got.open.map((o) => [o.node, [o.open, o.overdue]]))).toEqual(want.open);
  expect(got.started).toEqual({ started: want.flow.started, stillActive: want.flow.stillActive });
  const finishedBy = Object.fromEntries(got.finished.map((f) => [ENDS[f.type], f.count]));
  expect(finishedBy).toEqual(
    Object.fromEntries(Object.entries(want.flow.finishedBy).filter(([, n]) => n > 0)),
  );
  const done = got.finished.find((f) => f.type === 'instance.ended');
  expect(done?.avgMs ?? null).toBe(
    want.flow.cycles.length ? want.flow.cycles.reduce((a, b) => a + b, 0) / want.flow.cycles.length : null,
  );
  expectInBucketOf(got.cycleP.p50, nearestRank(want.flow.cycles, 50));
  expectInBucketOf(got.cycleP.p90, nearestRank(want.flow.cycles, 90));
  const weekly = new Map(
    got.weekly.map((w) => [
      `${w.week} ${ENDS[w.type] === 'done' ? `done:${w.outcome ?? ''}` : ENDS[w.type]}`,
      w.count,
    ]),
  );
  expect(weekly).toEqual(want.flow.weekly);
}

const RANGES = [
  undefined,
  { from: '2025-03-08', to: '2025-03-10' },
  { from: '2025-03-09', to: '2025-03-20' },
];

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`process analytics aggregates (${d.name})`, () => {
    let store: Store;
    const ids: string[] = [];
    beforeAll(async () => {
      store = await d.open({ timeZone: ZONE, now: () => NOW });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    it('equal the raw figures after steps, breaches, returns, cancellations and ends', async () => {
      for (let i = 0; i < 12; i++) {
        const start = BASE + i * 7 * H + i * 37_000;
        const c = await Case.start(store, `live-${i}`, start);
        ids.push(c.id);
        const intake = await c.open('intake', start, i % 2 ? start + 2 * H : undefined);
        if (i % 4 === 1) await c.breach(intake);
        if (i === 11) continue; // still at intake
        await c.complete(intake, start + (i % 6) * 50 * M + 45_000);
        const repair = await c.open('repair', start + 6 * H, start + 30 * H);
        if (i % 5 === 0) {
          await c.end('cancelled', start + 8 * H, undefined, [repair]);
          continue;
        }
        if (i % 3 === 0) {
          // Returned to intake, which is done again later.
          await c.complete(repair, start + 9 * H, 'return');
          const again = await c.open('intake', start + 9 * H);
          await c.complete(again, start + 9 * H + 30_000 * i);
          if (i === 9) continue; // active, nothing open
          await c.end('done', start + 26 * H, 'refused');
          continue;
        }
        if (i === 7) continue; // active, repair open
        await c.complete(repair, start + 10 * H + i * 3 * H);
        await c.end(i === 8 ? 'failed' : 'done', start + 10 * H + i * 3 * H, i === 8 ? undefined : 'fixed');
        await c.touch(start + 40 * H);
      }
      const other = await Case.start(store, 'other-flow', BASE, 'other');
      await other.complete(await other.open('intake', BASE), BASE + H);
      for (const days of RANGES) await expectMatches(store, ids, days);
    });

    it('equal the raw figures after bulk-loaded cases', async () => {
      const cases = Array.from({ length: 40 }, (_, n) => loadedCase(n, BASE + n * 5 * H));
      await store.write((tx) => tx.loadCases(cases));
      ids.push(...cases.map((c) => c.instance!.id));
      for (const days of RANGES) await expectMatches(store, ids, days);
    });

    it('are rebuilt from the rows when missing, with the same figures', async () => {
      const maintained = await analytics(store);
      await store.close();
      store = await d.open({ timeZone: ZONE, now: () => NOW, rollups: false }); // drops them
      await store.close();
      store = await d.open({ timeZone: ZONE, now: () => NOW });
      expect(await analytics(store)).toEqual(maintained);
      for (const days of RANGES) await expectMatches(store, ids, days);
    });
  });
}
