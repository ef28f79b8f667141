/**
 * The preview of an unsaved widget (POST /api/v1/apps/:app/widgets/preview), on SQLite and
 * PostgreSQL: the app's designers see its figures on the real records, computed here from the
 * tickets the test created; the dashboard filter of the query string applies; a row cap says
 * `capped` and counts no more than it allows; the widget is checked as a published one is, every
 * problem named by its JSON path in the request; only designers may preview.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('widget_preview');
const URL = '/api/v1/apps/shop/widgets/preview';

async function preview(server: Server, user: string | undefined, widget: unknown, query = '') {
  const res = await server.app.inject({
    method: 'POST',
    url: URL + query,
    headers: user ? { authorization: `Bearer ${await server.token(user)}` } : {},
    payload: { widget },
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
  return { status: res.statusCode, body: res.body, json: res.json<any>() };
}

const byStatus = {
  key: 'draft_status',
  type: 'bar',
  title: { en: 'By status', zh: '按状态' },
  form: 'ticket',
  // Every ticket has a channel: a filter no published widget has, so no rollup answers it.
  filter: { '!=': [{ var: 'channel' }, 'fax'] },
  dimensions: [{ field: 'status' }],
  measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
};

function expected(tickets: Ticket[], status: string): [number, number] {
  const of = tickets.filter((t) => t.data.status === status);
  return [of.length, of.reduce((a, t) => a + (t.data.amount ?? 0), 0)];
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`widget preview (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    beforeAll(async () => {
      // A time limit no loaded test machine reaches, so the figures always come back.
      server = await startServer(d, { previewTimeLimitMs: 60_000 });
      ({ tickets } = await seedShop(server, 90));
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    it("answers an unsaved widget's figures from the records, for a designer", async () => {
      const res = await preview(server, 'anna', byStatus);
      expect(res.status, res.body).toBe(200);
      expect(res.json.capped).toBe(false);
      expect(res.json.rowCap).toBe(20_000);
      expect(res.json.title).toBe('By status');
      const keys = res.json.keys as string[];
      expect([...keys].sort()).toEqual(['closed', 'new', 'open']);
      keys.forEach((k, i) => {
        const [count, sum] = expected(tickets, k);
        expect(res.json.series[0].data[i]).toBe(count);
        expect(res.json.series[1].data[i]).toBeCloseTo(sum, 6);
      });
    });

    it('follows the dashboard filter of the query string', async () => {
      const res = await preview(server, 'admin', byStatus, '?from=2025-03-01&to=2025-04-30&f.channel=web');
      expect(res.status, res.body).toBe(200);
      const inRange = tickets.filter(
        (t) =>
          t.data.channel === 'web' &&
          t.createdAt >= '2025-02-28T16:00:00.000Z' &&
          t.createdAt < '2025-04-30T16:00:00.000Z',
      );
      const total = (res.json.series[0].data as number[]).reduce((a, b) => a + b, 0);
      expect(total).toBe(inRange.length);
    });

    it('says capped when a figure read only the first rowCap matching records', async () => {
      // The server's setting (FLOWCASE_PREVIEW_ROW_CAP), read on each preview.
      server.services.config.previewRowCap = 25;
      try {
        await cappedFigures();
      } finally {
        delete server.services.config.previewRowCap;
      }
    });

    async function cappedFigures(): Promise<void> {
      const res = await preview(server, 'anna', byStatus);
      expect(res.status, res.body).toBe(200);
      expect(res.json.capped).toBe(true);
      expect(res.json.rowCap).toBe(25);
      expect((res.json.series[0].data as number[]).reduce((a, b) => a + b, 0)).toBe(25);
      // Fewer matching records than the cap: exact, not capped.
      const few = await preview(server, 'anna', {
        ...byStatus,
        filter: { and: [{ '==': [{ var: 'channel' }, 'web'] }, { '==': [{ var: 'status' }, 'new'] }] },
      });
      expect(few.status, few.body).toBe(200);
      const [count] = expected(
        tickets.filter((t) => t.data.channel === 'web'),
        'new',
      );
      expect(count).toBeLessThanOrEqual(25);
      expect(few.json.capped).toBe(false);
      expect(few.json.series[0].data).toEqual([count]);
    }

    it('answers a KPI and a pivot as the dashboard would', async () => {
      const kpi = await preview(server, 'anna', {
        key: 'open_count',
        type: 'kpi',
        form: 'ticket',
        filter: { '!=': [{ var: 'status' }, 'closed'] },
        measures: [{ op: 'count' }],
      });
      expect(kpi.status, kpi.body).toBe(200);
      expect(kpi.json.total).toBe(tickets.filter((t) => t.data.status !== 'closed').length);
      const pivot = await preview(server, 'anna', {
        key: 'channel_status',
        type: 'pivot',
        form: 'ticket',
        dimensions: [{ field: 'channel' }, { field: 'status' }],
        measures: [{ op: 'count' }],
      });
      expect(pivot.status, pivot.body).toBe(200);
      expect(pivot.json.totals).toEqual([tickets.length]);
    });

    it('refuses a widget the validator refuses, naming each problem by its path', async () => {
      const res = await preview(server, 'anna', {
        ...byStatus,
        dimensions: [{ field: 'gone' }, { field: 'title', bucket: 'month' }],
        measures: [
          { op: 'sum', field: 'title' },
          { op: 'median', field: 'amount' },
        ],
      });
      expect(res.status, res.body).toBe(422);
      const paths = (res.json.errors as { path: string; code: string }[]).map((p) => `${p.path} ${p.code}`);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/widget/dimensions/0/field ref.unknown_field',
          '/widget/dimensions/1/bucket widget.bucket_needs_date',
          '/widget/measures/0/field ref.not_numeric_field',
        ]),
      );
      expect(paths.some((p) => p.startsWith('/widget/measures/1/op'))).toBe(true);
      const noForm = await preview(server, 'anna', { ...byStatus, form: 'nothing' });
      expect(noForm.status).toBe(422);
      expect(noForm.json.errors).toEqual([expect.objectContaining({ path: '/widget/form' })]);
      const noBody = await server.app.inject({
        method: 'POST',
        url: URL,
        headers: { authorization: `Bearer ${await server.token('anna')}` },
        payload: { widgets: [] },
      });
      expect(noBody.statusCode).toBe(400);
    });

    it('is for who may design the app', async () => {
      expect((await preview(server, 'kate', byStatus)).status).toBe(403);
      expect((await preview(server, 'stranger', byStatus)).status).toBe(404);
      expect((await preview(server, undefined, byStatus)).status).toBe(401);
    });
  });
}
