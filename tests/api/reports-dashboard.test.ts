/**
 * Dashboard data over HTTP on SQLite and PostgreSQL: every widget checked against figures this test
 * computes itself from the tickets it created (filters, date buckets in the server's time zone,
 * every measure, the dashboard's date range and field filter, the previous period), customers
 * counting only their own tickets, and a data table paged with a keyset cursor in any sort.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('reports_dash');
const URL = '/api/v1/apps/shop/dashboards/overview/data';
const ZONE = 'Asia/Shanghai';

type Widget = {
  key: string;
  labels?: string[];
  keys?: unknown[];
  series?: { key: string; label: string; data: (number | null)[] }[];
  columns?: { key: string; label: string }[];
  rows?: { id?: string; key?: unknown; label?: string; values: unknown[] }[];
  total?: number | null;
  totals?: (number | null)[];
  previous?: number | null;
  change?: number | null;
  nextCursor?: string;
  filters?: unknown[];
  restricted?: boolean;
};

function widget(body: { widgets: Widget[] }, key: string): Widget {
  const w = body.widgets.find((x) => x.key === key);
  expect(w, key).toBeDefined();
  return w!;
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const avg = (xs: number[]) => (xs.length ? sum(xs) / xs.length : null);
const nums = (xs: (number | undefined)[]) => xs.filter((x): x is number => typeof x === 'number');
const localMonth = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' })
    .format(new Date(iso))
    .slice(0, 7);

function groupBy<K>(tickets: Ticket[], key: (t: Ticket) => K): Map<K, Ticket[]> {
  const m = new Map<K, Ticket[]>();
  for (const t of tickets) m.set(key(t), [...(m.get(key(t)) ?? []), t]);
  return m;
}

function closeTo(actual: (number | null)[], expected: (number | null)[]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((a, i) =>
    expected[i] === null ? expect(a).toBeNull() : expect(a).toBeCloseTo(expected[i]!, 6),
  );
}

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`dashboard data (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    let clients: { id: string; name: string }[];
    beforeAll(async () => {
      server = await startServer(d);
      ({ tickets, clients } = await seedShop(server, 120));
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    it('computes every widget over all records (admin)', async () => {
      const res = await server.get('admin', URL);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();

      expect(widget(body, 'not_closed').total).toBe(tickets.filter((t) => t.data.status !== 'closed').length);
      expect(widget(body, 'not_closed').previous).toBeUndefined();

      const amounts = nums(tickets.map((t) => t.data.amount));
      closeTo(widget(body, 'avg_amount').series![0]!.data, [avg(amounts), sum(amounts)]);

      const byStatus = widget(body, 'by_status');
      const statuses = [...groupBy(tickets, (t) => t.data.status).entries()].sort(([a], [b]) =>
        a.localeCompare(b),
      );
      expect(byStatus.keys).toEqual(statuses.map(([k]) => k));
      expect(byStatus.labels).toEqual(
        statuses.map(([k]) => ({ new: 'New', open: 'Open', closed: 'Closed' })[k]),
      );
      expect(byStatus.series![0]!.data).toEqual(statuses.map(([, ts]) => ts.length));
      closeTo(
        byStatus.series![1]!.data,
        statuses.map(([, ts]) => sum(nums(ts.map((t) => t.data.amount)))),
      );

      // Months of `opened` in Asia/Shanghai; months without tickets are filled (count 0, max null).
      const byMonth = widget(body, 'by_month');
      const opened = tickets.filter((t) => t.data.opened);
      const months = groupBy(opened, (t) => localMonth(t.data.opened!));
      const keys = [...months.keys()].sort();
      expect(byMonth.keys![0]).toBe(keys[0]);
      expect(byMonth.keys![byMonth.keys!.length - 1]).toBe(keys[keys.length - 1]);
      byMonth.keys!.forEach((k, i) => {
        const ts = months.get(k as string) ?? [];
        expect(byMonth.series![0]!.data[i]).toBe(ts.length);
        const hours = nums(ts.map((t) => t.data.hours));
        expect(byMonth.series![1]!.data[i]).toBe(hours.length ? Math.max(...hours) : null);
      });
      // A UTC month would count some of these tickets differently: the bucket really is local.
      expect(opened.some((t) => localMonth(t.data.opened!) !== t.data.opened!.slice(0, 7))).toBe(true);

      const byWeek = widget(body, 'by_week');
      const weekSum = sum(byWeek.series![0]!.data.map((v) => v ?? 0));
      expect(weekSum).toBeCloseTo(sum(nums(opened.map((t) => t.data.hours))), 6);

      const dueWeb = widget(body, 'by_due_day');
      const due = groupBy(
        tickets.filter((t) => t.data.channel === 'web' && t.data.due),
        (t) => t.data.due!,
      );
      dueWeb.keys!.forEach((k, i) =>
        expect(dueWeb.series![0]!.data[i]).toBe(due.get(k as string)?.length ?? 0),
      );
      expect(sum(dueWeb.series![0]!.data as number[])).toBe(
        tickets.filter((t) => t.data.channel === 'web' && t.data.due).length,
      );

      const mix = widget(body, 'mix');
      const big = tickets.filter((t) => (t.data.amount ?? -1) >= 50);
      expect(mix.labels).toEqual(['Sum of Amount', 'Sum of Hours']);
      closeTo(mix.series![0]!.data, [
        sum(nums(big.map((t) => t.data.amount))),
        sum(nums(big.map((t) => t.data.hours))),
      ]);

      const pivot = widget(body, 'owner_status');
      const ownerOf = new Map([...server.users.values()].map((u) => [u.id, u.displayName]));
      for (const row of pivot.rows!) {
        for (const [ci, col] of pivot.columns!.slice(1).entries()) {
          const status = col.key.split(':')[1];
          const expected = tickets.filter(
            (t) => (t.data.owner ?? null) === row.key && t.data.status === status,
          ).length;
          expect(row.values[ci + 1] ?? 0).toBe(expected);
        }
        expect(row.label).toBe(row.key === null ? '(empty)' : ownerOf.get(row.key as string));
      }
      expect(sum(pivot.rows!.flatMap((r) => r.values.slice(1).map((v) => (v as number | null) ?? 0)))).toBe(
        tickets.length,
      );

      const perClient = widget(body, 'by_client');
      expect(perClient.rows!.map((r) => r.label).sort()).toEqual(clients.map((c) => c.name).sort());
      for (const row of perClient.rows!) {
        const ts = tickets.filter((t) => t.data.client === row.key);
        const mins = nums(ts.map((t) => t.data.amount));
        closeTo(row.values.slice(1) as (number | null)[], [
          ts.length,
          avg(nums(ts.map((t) => t.data.hours))),
          mins.length ? Math.min(...mins) : null,
        ]);
      }
      expect(perClient.totals![0]).toBe(tickets.length);

      const latest = widget(body, 'latest');
      const newest = [...tickets].sort((a, b) => b.createdAt.localeCompare(a.createdAt)).slice(0, 20);
      expect(latest.rows!.map((r) => r.id)).toEqual(newest.map((t) => t.id));
      expect(latest.columns!.map((c) => c.key)).toEqual(['title', 'status', 'client', 'owner', 'amount']);
      const clientName = new Map(clients.map((c) => [c.id, c.name]));
      expect(latest.rows![0]!.values[2]).toBe(clientName.get(newest[0]!.data.client));
      expect(latest.total).toBe(tickets.length);
      closeTo([latest.totals![1]!], [sum(amounts)]);
      expect(latest.nextCursor).toBeDefined();
    });

    it('words labels, series and pivot headers in the language on screen, whatever the stored one', async () => {
      // anna's stored language is English; the web app shows Chinese and says so in a header.
      const res = await server.app.inject({
        method: 'GET',
        url: URL,
        headers: { authorization: `Bearer ${await server.token('anna')}`, 'x-flowcase-language': 'zh-CN' },
      });
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json<{ widgets: Widget[] }>();
      const byStatus = widget(body, 'by_status');
      expect(byStatus.labels).toEqual(
        byStatus.keys!.map((k) => ({ new: '新建', open: '处理中', closed: '已关闭' })[k as string]),
      );
      expect(byStatus.series![0]!.label).toBe('数量');
      const headers = widget(body, 'owner_status')
        .columns!.slice(1)
        .map((c) => c.label);
      expect(headers.length).toBeGreaterThan(0);
      for (const h of headers) expect(['新建', '处理中', '已关闭']).toContain(h);
      // Without the header the stored language applies.
      expect(widget((await server.get('anna', URL)).json(), 'by_status').series![0]!.label).toBe('Count');
    });

    it('applies the date range and field filter to every widget, and compares KPIs with the previous period', async () => {
      const res = await server.get('admin', `${URL}?from=2025-02-01&to=2025-04-30&f.channel=web,phone`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      // 2025-02-01 00:00 in Shanghai is 2025-01-31T16:00Z; the range ends at 2025-05-01 00:00 local.
      const inRange = (t: Ticket, from: string, to: string) =>
        t.createdAt >= from && t.createdAt < to && ['web', 'phone'].includes(t.data.channel);
      const now = tickets.filter((t) => inRange(t, '2025-01-31T16:00:00.000Z', '2025-04-30T16:00:00.000Z'));
      // 89 days; the previous period is 2024-11-04 … 2025-01-31 local.
      const before = tickets.filter((t) =>
        inRange(t, '2024-11-03T16:00:00.000Z', '2025-01-31T16:00:00.000Z'),
      );
      expect(now.length).toBeGreaterThan(10);
      expect(before.length).toBeGreaterThan(3);

      const kpi = widget(body, 'not_closed');
      expect(kpi.total).toBe(now.filter((t) => t.data.status !== 'closed').length);
      expect(kpi.previous).toBe(before.filter((t) => t.data.status !== 'closed').length);
      expect(kpi.change).toBeCloseTo((kpi.total! - kpi.previous!) / kpi.previous!, 9);

      const byStatus = widget(body, 'by_status');
      byStatus.keys!.forEach((k, i) =>
        expect(byStatus.series![0]!.data[i]).toBe(now.filter((t) => t.data.status === k).length),
      );
      expect(widget(body, 'channels').keys!.sort()).toEqual(['phone', 'web']);
      expect(widget(body, 'latest').total).toBe(now.length);

      // Each bar's filter lists exactly its records through the record list.
      const filter = JSON.stringify(byStatus.filters![0]);
      const list = await server.get(
        'admin',
        `/api/v1/apps/shop/forms/ticket/records?limit=500&filter=${encodeURIComponent(filter)}`,
      );
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.length).toBe(byStatus.series![0]!.data[0]);
    });

    it('counts only the records a customer may see', async () => {
      const kate = server.users.get('kate')!;
      const own = tickets.filter((t) => t.createdBy === kate.id);
      expect(own.length).toBeGreaterThan(5);
      const body = (await server.get('kate', URL)).json();
      expect(widget(body, 'not_closed').total).toBe(own.filter((t) => t.data.status !== 'closed').length);
      const byStatus = widget(body, 'by_status');
      expect(sum(byStatus.series![0]!.data as number[])).toBe(own.length);
      byStatus.keys!.forEach((k, i) =>
        expect(byStatus.series![0]!.data[i]).toBe(own.filter((t) => t.data.status === k).length),
      );
      expect(widget(body, 'latest').rows!.every((r) => own.some((t) => t.id === r.id))).toBe(true);
      // Staff see everything; someone without a role of the app sees nothing at all.
      expect(
        sum(widget((await server.get('bo', URL)).json(), 'by_status').series![0]!.data as number[]),
      ).toBe(tickets.length);
      expect((await server.get('stranger', URL)).statusCode).toBe(404);
    });

    it('pages a data table with a keyset cursor in the requested sort', async () => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await server.get(
          'admin',
          `/api/v1/apps/shop/dashboards/overview/widgets/latest/data?f.channel=web&sort=-amount&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(res.statusCode, res.body).toBe(200);
        const page = res.json() as Widget;
        seen.push(...page.rows!.map((r) => r.id!));
        cursor = page.nextCursor;
      } while (cursor);
      const web = tickets.filter((t) => t.data.channel === 'web');
      expect(seen.length).toBe(web.length);
      const amountOf = new Map(web.map((t) => [t.id, t.data.amount ?? null]));
      const amounts = seen.map((id) => amountOf.get(id));
      const present = amounts.filter((a): a is number => a !== null && a !== undefined);
      expect(present).toEqual([...present].sort((a, b) => b - a));
      expect(amounts.slice(present.length).every((a) => a === null)).toBe(true); // NULLs last descending
    });

    it('refuses bad dashboard filters with 400 and unknown dashboards with 404', async () => {
      expect((await server.get('admin', `${URL}?f.nope=1`)).statusCode).toBe(400);
      // A select's value that is not one of its options names itself and the field, at its parameter.
      const stray = await server.get('admin', `${URL}?f.channel=web,fax`);
      expect(stray.statusCode).toBe(400);
      expect(stray.json()).toMatchObject({
        errors: [{ path: '/f.channel', message: '"fax" is not an option of the field "channel".' }],
      });
      expect((await server.get('admin', `${URL}?from=2025-02-01`)).statusCode).toBe(400);
      expect((await server.get('admin', `${URL}?from=2025-05-01&to=2025-02-01`)).statusCode).toBe(400);
      expect((await server.get('admin', '/api/v1/apps/shop/dashboards/nope/data')).statusCode).toBe(404);
    });
  });
}
