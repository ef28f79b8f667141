/**
 * Process analytics widgets on a dashboard and in the preview, on SQLite and PostgreSQL: a
 * dashboard's `node_time`, `sla_breach`, `throughput` and `bottleneck` widgets answer the same
 * figures as the flow's analytics route over the same period (they are views of one answer); the
 * preview of an unsaved one does too; a customer who may see the dashboard gets no process figures,
 * and an unknown flow is a problem at the widget's `flow`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { actorOf, SHOP_BUNDLE, startServer, type Server } from './reports-kit.js';

const DIALECTS = await dialects('process_widgets');
const H = 3_600_000;
const M = 60_000;
const PERIOD = '?from=2025-03-01&to=2025-03-31';

const PROCESS_DASHBOARD = {
  key: 'process',
  name: { en: 'Process', zh: '流程' },
  widgets: [
    { key: 'times', type: 'node_time', title: { en: 'Time per step', zh: '节点耗时' }, flow: 'handle' },
    { key: 'late', type: 'sla_breach', flow: 'handle' },
    { key: 'flow_rate', type: 'throughput', flow: 'handle' },
    { key: 'stuck', type: 'bottleneck', flow: 'handle' },
  ],
};

interface Figures {
  node: string;
  name: string;
  completed: number;
  avgMs: number | null;
  p50Ms: number | null;
  p90Ms: number | null;
  withSla: number;
  breached: number;
  breachRate: number | null;
  open: number;
  overdue: number;
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`process widgets (${d.name})`, () => {
    let server: Server;
    beforeAll(async () => {
      server = await startServer(d, { previewTimeLimitMs: 60_000 });
      const install = await server.app.inject({
        method: 'POST',
        url: '/api/v1/apps',
        headers: { authorization: `Bearer ${await server.token('admin')}` },
        payload: { bundle: { ...SHOP_BUNDLE, dashboards: [...SHOP_BUNDLE.dashboards, PROCESS_DASHBOARD] } },
      });
      expect([200, 201], install.body).toContain(install.statusCode);
      await drive();
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
    /** Four tickets: two fixed, one refused, one left waiting (and late) at triage. */
    async function drive(): Promise<void> {
      const a = await open('A', t0);
      const b = await open('B', t0 + 10 * M);
      const c = await open('C', t0 + 20 * M);
      await open('D', t0 + 30 * M);
      await act(a, 'triage', 'approve', t0 + 1 * H);
      await act(c, 'triage', 'reject', t0 + 50 * M);
      await act(b, 'triage', 'approve', t0 + 10 * M + 3 * H); // after its 2 h SLA
      await act(b, 'fix', 'submit', t0 + 10 * M + 4 * H);
      await act(a, 'fix', 'submit', t0 + 6 * H);
      server.clock.set(new Date(t0 + 8 * H));
      await fireDueTimers();
    }

    async function analytics(): Promise<{ nodes: Figures[]; [k: string]: unknown }> {
      const res = await server.get('anna', `/api/v1/apps/shop/flows/handle/analytics${PERIOD}`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { nodes: Figures[]; [k: string]: unknown };
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
    async function widgets(user: string): Promise<Record<string, any>> {
      const res = await server.get(user, `/api/v1/apps/shop/dashboards/process/data${PERIOD}`);
      expect(res.statusCode, res.body).toBe(200);
      return Object.fromEntries(res.json().widgets.map((w: { key: string }) => [w.key, w]));
    }

    it('answers the figures of the analytics route for the same flow and period', async () => {
      const [flow, got] = await Promise.all([analytics(), widgets('anna')]);
      const byNode = new Map(flow.nodes.map((n) => [n.node, n]));
      const triage = byNode.get('triage')!;
      const fix = byNode.get('fix')!;

      // Time per step: the task steps with work done, avg/p50/p90 in milliseconds.
      expect(got.times).toMatchObject({
        type: 'node_time',
        flow: 'handle',
        form: 'ticket',
        title: 'Time per step',
      });
      expect(got.times.keys).toEqual(['triage', 'fix']);
      expect(got.times.labels).toEqual(['Triage', 'Fix']);
      expect(got.times.series.map((s: { key: string }) => s.key)).toEqual(['avg', 'p50', 'p90']);
      expect(got.times.series[0].data).toEqual([triage.avgMs, fix.avgMs]);
      expect(got.times.series[1].data).toEqual([triage.p50Ms, fix.p50Ms]);
      expect(got.times.series[2].data).toEqual([triage.p90Ms, fix.p90Ms]);
      expect(got.times.period).toEqual(flow.period);

      // SLA breaches: only triage has a due time; 1 of its 3 completed tasks was late.
      expect(got.late.keys).toEqual(['triage']);
      expect(got.late.series[0].data).toEqual([triage.breachRate]);
      expect(got.late.total).toBeCloseTo(1 / 3, 9);
      expect(got.late.totals).toEqual([triage.breached, triage.withSla]);

      // Throughput: started, finished and still running, and finishes per week by outcome.
      expect(got.flow_rate.totals).toEqual([flow.started, flow.finished, flow.stillActive]);
      expect(got.flow_rate.totals).toEqual([4, 3, 1]);
      expect({ labels: got.flow_rate.labels, series: got.flow_rate.series }).toEqual(flow.outcomesByWeek);

      // Bottlenecks: triage holds the overdue open task, so it ranks first.
      expect(got.stuck.rows.map((r: { key: string }) => r.key)).toEqual(['triage', 'fix']);
      expect(got.stuck.rows[0].values).toEqual([
        triage.open,
        triage.overdue,
        triage.avgMs,
        triage.p90Ms,
        triage.breachRate,
      ]);
      expect(got.stuck.rows[0].values.slice(0, 2)).toEqual([1, 1]);
    });

    it('names steps in the language on screen', async () => {
      const res = await server.app.inject({
        method: 'GET',
        url: `/api/v1/apps/shop/dashboards/process/data${PERIOD}`,
        headers: { authorization: `Bearer ${await server.token('anna')}`, 'x-flowcase-language': 'zh-CN' },
      });
      const times = res.json<{ widgets: { key: string; title: string; series: { label: string }[] }[] }>()
        .widgets[0]!;
      expect(times.title).toBe('节点耗时');
      expect(times.series.map((s) => s.label)).toEqual(['平均', '中位数', '90 分位']);
    });

    it('gives a customer no process figures', async () => {
      const got = await widgets('kate');
      for (const key of ['times', 'late', 'flow_rate', 'stuck']) {
        expect(got[key]).toMatchObject({ key, restricted: true });
        expect(got[key].series).toBeUndefined();
        expect(got[key].rows).toBeUndefined();
      }
    });

    it('previews an unsaved process widget with the same figures, for who may design the app', async () => {
      const preview = async (user: string, widget: unknown) => {
        const res = await server.app.inject({
          method: 'POST',
          url: `/api/v1/apps/shop/widgets/preview${PERIOD}`,
          headers: { authorization: `Bearer ${await server.token(user)}` },
          payload: { widget },
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
        return { status: res.statusCode, body: res.body, json: res.json<any>() };
      };
      const [flow, got] = await Promise.all([analytics(), widgets('anna')]);
      const res = await preview('anna', { key: 'draft_stuck', type: 'bottleneck', flow: 'handle' });
      expect(res.status, res.body).toBe(200);
      expect(res.json).toMatchObject({ type: 'bottleneck', flow: 'handle', capped: false });
      expect(res.json.rows).toEqual(got.stuck.rows);
      const times = await preview('anna', { key: 'draft_times', type: 'node_time', flow: 'handle' });
      expect(times.json.series[0].data).toEqual(
        ['triage', 'fix'].map((k) => flow.nodes.find((n) => n.node === k)!.avgMs),
      );

      // A process widget names a flow of the app, and needs no form or measures.
      const unknown = await preview('anna', { key: 'w', type: 'throughput', flow: 'nope' });
      expect(unknown.status).toBe(422);
      expect(unknown.json.errors.map((p: { path: string; code: string }) => [p.path, p.code])).toEqual([
        ['/widget/flow', 'ref.unknown_flow'],
      ]);
      const missing = await preview('anna', { key: 'w', type: 'throughput' });
      expect(missing.status).toBe(422);
      expect(missing.json.errors).toEqual([
        expect.objectContaining({ path: '/widget/flow', code: 'schema.required' }),
      ]);

      expect((await preview('kate', { key: 'w', type: 'throughput', flow: 'handle' })).status).toBe(403);
    });

    it('counts throughput per day, week or month as the widget says, week by default', async () => {
      const flow = await analytics();
      const per = async (bucket?: string) => {
        const res = await server.app.inject({
          method: 'POST',
          url: `/api/v1/apps/shop/widgets/preview${PERIOD}`,
          headers: { authorization: `Bearer ${await server.token('anna')}` },
          payload: {
            widget: { key: 'rate', type: 'throughput', flow: 'handle', ...(bucket ? { bucket } : {}) },
          },
        });
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
        return { status: res.statusCode, body: res.body, json: res.json<any>() };
      };
      const finishes = (w: { series: { data: number[] }[] }) =>
        w.series.reduce((sum, s) => sum + s.data.reduce((a, b) => a + b, 0), 0);
      // The three tickets finished on Monday 3 March, Shanghai time.
      const expected = { day: ['2025-03-03'], week: ['2025-03-03'], month: ['2025-03'] };
      for (const [bucket, labels] of Object.entries(expected)) {
        const res = await per(bucket);
        expect(res.status, res.body).toBe(200);
        expect(res.json.labels).toEqual(labels);
        expect(finishes(res.json)).toBe(3);
        expect(res.json.series.map((s: { key: string }) => s.key)).toEqual(
          (flow.outcomesByWeek as { series: { key: string }[] }).series.map((s) => s.key),
        );
      }
      expect((await per()).json.labels).toEqual((flow.outcomesByWeek as { labels: string[] }).labels);
      const year = await per('year');
      expect(year.status).toBe(422);
      expect(year.json.errors.map((p: { path: string }) => p.path)).toContain('/widget/bucket');
    });
  });
}
