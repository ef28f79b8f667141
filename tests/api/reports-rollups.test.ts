/**
 * Dashboards read from rollups give what reading the records gives: the whole `shop` dashboard
 * (every widget type) for staff, with and without a date range, a field filter and both, before
 * and after records move through their flow and are edited, on SQLite and PostgreSQL. Sums of
 * decimal amounts may differ in the last bits (floating-point sums in another order); everything
 * else is equal. Customers always read the records: their numbers are their own tickets only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DashboardData } from '../../contract/index.js';
import { createReportService, reportsFor, type ReportService } from '../../runtime/reports/report-service.js';
import { dialects } from '../store/dialects.js';
import { actorOf, seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('reports_rollups');

const QUERIES: Record<string, unknown>[] = [
  {},
  { from: '2025-02-01', to: '2025-04-30' },
  { 'f.status': 'open,new' },
  { from: '2025-01-15', to: '2025-06-15', 'f.channel': 'web' },
  // Not whole local days: read from the records, still the same answer.
  { from: '2025-02-01T03:00:00.000Z', to: '2025-03-01T03:00:00.000Z' },
];

/** Equal, numbers to 12 significant digits. */
function expectSame(actual: unknown, expected: unknown, path = ''): void {
  if (typeof expected === 'number' && typeof actual === 'number') {
    expect(Math.abs(actual - expected), `${path}: ${actual} vs ${expected}`).toBeLessThanOrEqual(
      Math.abs(expected) * 1e-12,
    );
    return;
  }
  if (Array.isArray(expected) || (typeof expected === 'object' && expected !== null)) {
    expect(typeof actual, path).toBe(typeof expected);
    const keys = new Set([...Object.keys(expected), ...Object.keys(actual as object)]);
    for (const k of keys)
      expectSame(
        (actual as Record<string, unknown>)[k],
        (expected as Record<string, unknown>)[k],
        `${path}/${k}`,
      );
    return;
  }
  expect(actual, path).toEqual(expected);
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`dashboards from rollups (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    let live: ReportService;
    let rolled: ReportService;
    beforeAll(async () => {
      server = await startServer(d);
      ({ tickets } = await seedShop(server, 90));
      live = createReportService(server.services, { rollups: false });
      rolled = reportsFor(server.services);
    }, 120_000);
    afterAll(async () => {
      await live?.close();
      await server?.close();
      await d.cleanup();
    });

    async function expectRollupsMatchRecords(username: string): Promise<DashboardData[]> {
      const actor = actorOf(server.users.get(username)!);
      const out: DashboardData[] = [];
      for (const query of QUERIES) {
        const fromRollups = await rolled.dashboard('shop', 'overview', query, actor);
        expectSame(
          fromRollups,
          await live.dashboard('shop', 'overview', query, actor),
          JSON.stringify(query),
        );
        out.push(fromRollups);
      }
      return out;
    }

    it('the published dashboard has rollups for its widgets', async () => {
      const kpi = await server.store.compileRollup('shop', 'ticket', {
        filter: { '!': { in: [{ var: 'status' }, ['closed']] } },
        measures: [{ op: 'count' }],
        timeZone: 'Asia/Shanghai',
      });
      expect(kpi).toBeDefined();
      const [row] = await server.store.runRead(kpi!);
      expect(row!.values).toEqual([tickets.filter((t) => t.data.status !== 'closed').length]);
    });

    it('answers like the records for staff, with every filter', async () => {
      await expectRollupsMatchRecords('admin');
      await expectRollupsMatchRecords('anna');
    });

    it('still does after tasks complete and records change', async () => {
      const admin = actorOf(server.users.get('admin')!);
      const anna = actorOf(server.users.get('anna')!);
      for (const [i, t] of tickets.entries()) {
        if (i % 3 !== 0) continue;
        const view = await server.services.cases.getRecord(t.id, admin);
        const task = view.instance?.tasks.find((x) => x.status === 'open');
        if (task)
          await server.services.cases.completeTask(task.id, { action: i % 2 ? 'approve' : 'reject' }, anna);
      }
      await server.store.write(async (tx) => {
        for (const [i, t] of tickets.entries()) {
          if (i % 4 !== 1) continue;
          t.data = { ...t.data, status: 'closed', channel: 'phone', amount: 12.5 };
          await tx.updateRecord(t.id, { data: t.data });
        }
      });
      await expectRollupsMatchRecords('admin');
      const [all] = await expectRollupsMatchRecords('admin');
      const notClosed = all!.widgets.find((w) => w.key === 'not_closed')!;
      expect(notClosed.total).toBe(tickets.filter((t) => t.data.status !== 'closed').length);
    });

    it("gives a customer their own tickets' numbers only", async () => {
      const kate = server.users.get('kate')!;
      const own = tickets.filter((t) => t.createdBy === kate.id);
      expect(own.length).toBeLessThan(tickets.length);
      const mine = await rolled.dashboard('shop', 'overview', {}, actorOf(kate));
      const byStatus = mine.widgets.find((w) => w.key === 'by_status')!;
      const counted = byStatus.series![0]!.data.reduce<number>((a, b) => a + (b ?? 0), 0);
      expect(counted).toBe(own.length);
    });
  });
}
