/**
 * A dashboard's designed filters on the server (issue 22), on SQLite and PostgreSQL: without a
 * `dateField` in the query the period applies to the designed date field, a select filter narrows
 * every widget, and a KPI compares with the previous period of equal length unless told `none`.
 * Figures are checked against the tickets the test created.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { actorOf, seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('dashboard_filters');

const DESIGNED = {
  key: 'designed',
  name: 'Designed',
  filters: { date: { field: 'due', default: '30d' }, fields: ['channel'] },
  widgets: [
    { key: 'tickets', type: 'kpi', form: 'ticket', measures: [{ op: 'count' }] },
    { key: 'bare', type: 'kpi', form: 'ticket', measures: [{ op: 'count' }], compare: 'none' },
  ],
};

/** Tickets due within the local dates `[from, to]` (a date field: compared as text). */
const due = (tickets: Ticket[], from: string, to: string, channel?: string) =>
  tickets.filter(
    (t) => t.data.due && t.data.due >= from && t.data.due <= to && (!channel || t.data.channel === channel),
  ).length;

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`designed dashboard filters (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    beforeAll(async () => {
      server = await startServer(d);
      ({ tickets } = await seedShop(server, 120));
      // Added to the draft and published, as the designer does.
      const admin = actorOf(server.users.get('admin')!);
      const { revision } = await server.services.apps.getDraft('shop', admin);
      await server.services.apps.saveDraftPart('shop', 'dashboards', 'designed', DESIGNED, admin, revision);
      await server.services.apps.publish('shop', admin);
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    const data = async (query: string) => {
      const res = await server.get('anna', `/api/v1/apps/shop/dashboards/designed/data?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const widgets = res.json().widgets as { key: string; total: number; previous?: number }[];
      return Object.fromEntries(widgets.map((w) => [w.key, w]));
    };

    it('applies the period to the designed date field, and compares with the period before', async () => {
      const got = await data('from=2025-03-01&to=2025-03-31');
      expect(got.tickets!.total).toBe(due(tickets, '2025-03-01', '2025-03-31'));
      // 31 days before: 29 January to 28 February.
      expect(got.tickets!.previous).toBe(due(tickets, '2025-01-29', '2025-02-28'));
      expect(got.tickets!.total).toBeGreaterThan(0);
      // The same as naming the field; naming another field is still honoured.
      const named = await data('from=2025-03-01&to=2025-03-31&dateField=due');
      expect(named.tickets!.total).toBe(got.tickets!.total);
      const created = await data('from=2025-03-01&to=2025-03-31&dateField=createdAt');
      const inMarch = tickets.filter(
        (t) => t.createdAt >= '2025-02-28T16:00:00.000Z' && t.createdAt < '2025-03-31T16:00:00.000Z',
      ).length;
      expect(created.tickets!.total).toBe(inMarch);
    });

    it('narrows every widget by the select filter', async () => {
      const got = await data('from=2025-03-01&to=2025-03-31&f.channel=web');
      expect(got.tickets!.total).toBe(due(tickets, '2025-03-01', '2025-03-31', 'web'));
      expect(got.bare!.total).toBe(got.tickets!.total);
    });

    it('shows a KPI told to compare with nothing without a previous period', async () => {
      const got = await data('from=2025-03-01&to=2025-03-31');
      expect(got.bare!.total).toBe(got.tickets!.total);
      expect(got.bare!.previous).toBeUndefined();
      expect(got.tickets!.previous).toBeDefined();
    });
  });
}
