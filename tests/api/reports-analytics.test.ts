/**
 * Process analytics on a small scripted set of tickets driven with a ManualClock (SLA timers fired
 * by hand), on SQLite and PostgreSQL: per node completed, time spent avg/p50/p90, SLA breaches and
 * open tasks; per flow started, finished, cycle time and outcomes by week.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bucketBounds, bucketOf } from '../../runtime/store/flow-stats-buckets.js';
import { dialects } from '../store/dialects.js';
import { actorOf, seedShop, startServer, type Server } from './reports-kit.js';

const DIALECTS = await dialects('reports_flow');
const H = 3_600_000;
const M = 60_000;

/** Percentiles come from a log-scale histogram: the shown value lies in the bucket of the exact one. */
function expectSameBucket(shown: number, exact: number): void {
  const { lo, hi } = bucketBounds(bucketOf(exact));
  expect(shown).toBeGreaterThanOrEqual(lo);
  if (hi !== null) expect(shown).toBeLessThan(hi);
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`process analytics (${d.name})`, () => {
    let server: Server;
    const created = new Map<string, number>();
    beforeAll(async () => {
      server = await startServer(d);
      await seedShop(server, 0);
    }, 60_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    const anna = () => actorOf(server.users.get('anna')!);
    const t0 = Date.parse('2025-03-03T01:00:00.000Z'); // Monday 09:00 in Shanghai

    async function open(name: string, at: number): Promise<string> {
      server.clock.set(new Date(at));
      const view = await server.services.cases.createRecord(
        'shop',
        'ticket',
        { title: name, status: 'new', channel: 'web' },
        anna(),
      );
      created.set(name, at);
      return view.record.id;
    }
    async function act(
      recordId: string,
      node: string,
      action: 'approve' | 'reject' | 'submit',
      at: number,
    ): Promise<void> {
      server.clock.set(new Date(at));
      await fireDueTimers();
      const found = await server.store.getRecordWithInstance(recordId);
      const task = found!.tasks.find((t) => t.node === node && t.status === 'open');
      expect(task, `${node} open`).toBeDefined();
      await server.services.cases.completeTask(task!.id, { action }, anna());
    }
    async function fireDueTimers(): Promise<void> {
      for (const timer of await server.store.claimDueTimers(
        server.clock.now().toISOString(),
        'test',
        60_000,
        100,
      ))
        await server.services.cases.fireTimer(timer.id);
    }

    it('reports per node and per flow figures', async () => {
      const a = await open('A', t0);
      const b = await open('B', t0 + 10 * M);
      const c = await open('C', t0 + 20 * M);
      const dd = await open('D', t0 + 30 * M);
      await act(a, 'triage', 'approve', t0 + 1 * H); // 1 h
      await act(c, 'triage', 'reject', t0 + 20 * M + 30 * M); // 30 min, ends "refused"
      await act(b, 'triage', 'approve', t0 + 10 * M + 3 * H); // 3 h, after its 2 h SLA
      await act(b, 'fix', 'submit', t0 + 10 * M + 4 * H); // 1 h
      await act(a, 'fix', 'submit', t0 + 6 * H); // 5 h
      server.clock.set(new Date(t0 + 8 * H));
      await fireDueTimers();
      void dd;

      const token = await server.token('anna');
      const res = await server.app.inject({
        method: 'GET',
        url: '/api/v1/apps/shop/flows/handle/analytics?from=2025-03-01&to=2025-03-31',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      const triage = body.nodes.find((n: { node: string }) => n.node === 'triage');
      const fix = body.nodes.find((n: { node: string }) => n.node === 'fix');
      expect(triage).toMatchObject({
        name: 'Triage',
        completed: 3,
        withSla: 3,
        breached: 1,
        open: 1,
        overdue: 1,
      });
      expect(triage.avgMs).toBeCloseTo((1 * H + 30 * M + 3 * H) / 3, -1);
      expectSameBucket(triage.p50Ms, 1 * H); // nearest rank of [0.5 h, 1 h, 3 h]
      expectSameBucket(triage.p90Ms, 3 * H);
      expect(triage.breachRate).toBeCloseTo(1 / 3, 9);
      expect(fix).toMatchObject({ completed: 2, withSla: 0, breachRate: null, open: 0 });
      expect(fix.avgMs).toBeCloseTo(3 * H, -1);
      expectSameBucket(fix.p50Ms, 1 * H);
      expectSameBucket(fix.p90Ms, 5 * H);

      expect(body).toMatchObject({
        started: 4,
        stillActive: 1,
        finished: 3,
        finishedBy: { done: 3, cancelled: 0, failed: 0 },
      });
      const cycles = [6 * H, 4 * H, 30 * M];
      expect(body.cycleTime.avgMs).toBeCloseTo(cycles.reduce((x, y) => x + y) / 3, -1);
      expectSameBucket(body.cycleTime.p50Ms, 4 * H);
      expectSameBucket(body.cycleTime.p90Ms, 6 * H);
      expect(body.outcomesByWeek.labels).toEqual(['2025-03-03']);
      const series = Object.fromEntries(
        body.outcomesByWeek.series.map((s: { key: string; data: number[] }) => [s.key, s.data]),
      );
      expect(series).toEqual({ 'done:fixed': [2], 'done:refused': [1] });
      // Outcomes are named by the end nodes that declare them, in the reader's language.
      const names = (series: { key: string; label: string }[]) =>
        Object.fromEntries(series.map((s) => [s.key, s.label]));
      expect(names(body.outcomesByWeek.series)).toEqual({ 'done:fixed': 'Fixed', 'done:refused': 'Refused' });
      // The web app says which language is on screen; an English-speaking user reading Chinese gets Chinese.
      const zh = await server.app.inject({
        method: 'GET',
        url: '/api/v1/apps/shop/flows/handle/analytics',
        headers: { authorization: `Bearer ${await server.token('anna')}`, 'x-flowcase-language': 'zh-CN' },
      });
      expect(
        names(
          zh.json<{ outcomesByWeek: { series: { key: string; label: string }[] } }>().outcomesByWeek.series,
        ),
      ).toEqual({ 'done:fixed': '已修复', 'done:refused': '不予处理' });

      // Another period sees nothing finished, but still the open task right now.
      const april = (
        await server.get('anna', '/api/v1/apps/shop/flows/handle/analytics?from=2025-04-01&to=2025-04-30')
      ).json();
      expect(april).toMatchObject({ started: 0, finished: 0 });
      expect(april.nodes.find((n: { node: string }) => n.node === 'triage')).toMatchObject({
        completed: 0,
        open: 1,
      });
    });

    it('is for staff: customers get 403, outsiders 404, unknown flows 404', async () => {
      expect((await server.get('kate', '/api/v1/apps/shop/flows/handle/analytics')).statusCode).toBe(403);
      expect((await server.get('stranger', '/api/v1/apps/shop/flows/handle/analytics')).statusCode).toBe(404);
      expect((await server.get('admin', '/api/v1/apps/shop/flows/nope/analytics')).statusCode).toBe(404);
    });
  });
}
