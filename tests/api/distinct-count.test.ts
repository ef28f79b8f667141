/**
 * Distinct counts (去重计数) through the HTTP API, on SQLite and PostgreSQL: a published dashboard's
 * KPI (and its previous period), a top N bar chart by a distinct figure and a pivot, and the preview
 * of an unsaved widget (its row cap says `capped`), each equal to the Set sizes of the tickets the
 * test created. A rollup cannot answer a distinct count, so these widgets read the records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('distinct_api');
const DATA = '/api/v1/apps/shop/dashboards/people/data';
const PREVIEW = '/api/v1/apps/shop/widgets/preview';

const PEOPLE = {
  key: 'people',
  name: { en: 'People', zh: '人员' },
  widgets: [
    {
      key: 'clients',
      type: 'kpi',
      title: 'Clients served',
      form: 'ticket',
      measures: [{ op: 'distinct', field: 'client' }],
    },
    {
      key: 'owners_per_channel',
      type: 'bar',
      title: 'Owners per channel',
      form: 'ticket',
      dimensions: [{ field: 'channel' }],
      measures: [{ op: 'distinct', field: 'owner' }, { op: 'count' }],
      sort: { by: 'value', dir: 'desc' },
      limit: 2,
    },
    {
      key: 'owners_pivot',
      type: 'pivot',
      title: 'Owners per status',
      form: 'ticket',
      dimensions: [{ field: 'status' }],
      measures: [
        { op: 'distinct', field: 'owner' },
        { op: 'distinct', field: 'client' },
      ],
    },
  ],
};

/** How many different non-empty values `pick` gives over `tickets`. */
function distinct(tickets: Ticket[], pick: (t: Ticket) => string | undefined): number {
  return new Set(tickets.flatMap((t) => (pick(t) === undefined ? [] : [pick(t)]))).size;
}

type Widget = {
  key: string;
  total?: number | null;
  previous?: number | null;
  keys?: (string | null)[];
  series?: { label: string; data: (number | null)[] }[];
  columns?: { key: string; label: string }[];
  rows?: { values: (number | string | null)[] }[];
  totals?: (number | null)[];
};

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`distinct counts through the API (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    beforeAll(async () => {
      server = await startServer(d, { previewTimeLimitMs: 60_000 });
      ({ tickets } = await seedShop(server, 90));
      // Designed and published as a designer would: the draft's new dashboard, then a new version.
      const call = async (method: 'GET' | 'PUT' | 'POST', url: string, revision?: number, payload?: object) =>
        server.app.inject({
          method,
          url,
          headers: {
            authorization: `Bearer ${await server.token('admin')}`,
            ...(revision === undefined ? {} : { 'if-match': `"${revision}"` }),
          },
          ...(payload === undefined ? {} : { payload }),
        });
      const { revision } = (await call('GET', '/api/v1/apps/shop/draft')).json<{ revision: number }>();
      const saved = await call('PUT', '/api/v1/apps/shop/dashboards/people', revision, PEOPLE);
      expect(saved.statusCode, saved.body).toBe(200);
      const published = await call(
        'POST',
        '/api/v1/apps/shop/publish',
        saved.json<{ revision: number }>().revision,
      );
      expect(published.statusCode, published.body).toBe(201);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    async function dashboard(query = ''): Promise<Map<string, Widget>> {
      const res = await server.get('admin', DATA + query);
      expect(res.statusCode, res.body).toBe(200);
      return new Map((res.json().widgets as Widget[]).map((w) => [w.key, w]));
    }

    it('answers a KPI, and its previous period, with the number of different clients', async () => {
      const all = await dashboard();
      expect(all.get('clients')!.total).toBe(distinct(tickets, (t) => t.data.client));
      // A range of one week in March, so not every client had a ticket in it or the week before.
      const week = await dashboard('?from=2025-03-10&to=2025-03-16');
      const inRange = (from: string, to: string) =>
        tickets.filter((t) => t.createdAt >= from && t.createdAt < to);
      const now = inRange('2025-03-09T16:00:00.000Z', '2025-03-16T16:00:00.000Z');
      const before = inRange('2025-03-02T16:00:00.000Z', '2025-03-09T16:00:00.000Z');
      expect(now.length).toBeGreaterThan(0);
      expect(week.get('clients')!.total).toBe(distinct(now, (t) => t.data.client));
      expect(week.get('clients')!.previous).toBe(distinct(before, (t) => t.data.client));
    });

    it('orders a top N bar chart by the distinct figure, named after its field', async () => {
      const bar = (await dashboard()).get('owners_per_channel')!;
      const channels = ['web', 'phone', 'shop'].map((c) => {
        const of = tickets.filter((t) => t.data.channel === c);
        return { c, owners: distinct(of, (t) => t.data.owner), count: of.length };
      });
      const top = [...channels].sort((a, b) => b.owners - a.owners).slice(0, 2);
      expect(bar.series![0]!.label).toBe('Distinct Owner');
      expect(bar.series![0]!.data).toEqual(top.map((x) => x.owners));
      expect(bar.keys).toHaveLength(2);
      bar.keys!.forEach((k, i) =>
        expect(bar.series![1]!.data[i]).toBe(channels.find((x) => x.c === k)!.count),
      );
    });

    it('fills a pivot per group, and its totals are of every record (not sums of the rows)', async () => {
      const pivot = (await dashboard()).get('owners_pivot')!;
      const statuses = ['new', 'open', 'closed'];
      expect(pivot.rows!.length).toBe(statuses.length);
      for (const row of pivot.rows!) {
        const status = statuses.find((s) => String(row.values[0]).toLowerCase().includes(s)) ?? '';
        const of = tickets.filter((t) => t.data.status === status);
        expect(of.length, String(row.values[0])).toBeGreaterThan(0);
        expect(row.values.slice(1)).toEqual([
          distinct(of, (t) => t.data.owner),
          distinct(of, (t) => t.data.client),
        ]);
      }
      expect(pivot.totals).toEqual([
        distinct(tickets, (t) => t.data.owner),
        distinct(tickets, (t) => t.data.client),
      ]);
    });

    it('previews an unsaved distinct figure, and says capped when the row cap cut it', async () => {
      const widget = {
        key: 'draft',
        type: 'bar',
        form: 'ticket',
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'distinct', field: 'owner' }],
      };
      const preview = async () =>
        server.app.inject({
          method: 'POST',
          url: PREVIEW,
          headers: { authorization: `Bearer ${await server.token('anna')}` },
          payload: { widget },
        });
      const res = await preview();
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<Widget & { capped: boolean }>();
      expect(body.capped).toBe(false);
      body.keys!.forEach((k, i) =>
        expect(body.series![0]!.data[i]).toBe(
          distinct(
            tickets.filter((t) => t.data.status === k),
            (t) => t.data.owner,
          ),
        ),
      );
      server.services.config.previewRowCap = 5;
      try {
        const cut = await preview();
        expect(cut.statusCode, cut.body).toBe(200);
        expect(cut.json<{ capped: boolean }>().capped).toBe(true);
      } finally {
        delete server.services.config.previewRowCap;
      }
    });

    it('refuses a distinct count of no field in a preview, at its path', async () => {
      const res = await server.app.inject({
        method: 'POST',
        url: PREVIEW,
        headers: { authorization: `Bearer ${await server.token('anna')}` },
        payload: { widget: { key: 'draft', type: 'kpi', form: 'ticket', measures: [{ op: 'distinct' }] } },
      });
      expect(res.statusCode, res.body).toBe(422);
      expect(res.body).toContain('/widget/measures/0/field');
    });
  });
}
