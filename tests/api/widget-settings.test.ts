/**
 * A widget's settings as a designer picks them in the widget panel, answered by the preview route
 * on SQLite and PostgreSQL and checked against figures computed here from the tickets the test
 * created: quarter and year buckets in the server's time zone (Asia/Shanghai) with the filter a
 * click on a bar opens, groups sorted by name or figure, a top N (a pie keeps the rest as "Other"),
 * and settings the schema refuses, named by their JSON path.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects } from '../store/dialects.js';
import { seedShop, startServer, type Server, type Ticket } from './reports-kit.js';

const DIALECTS = await dialects('widget_settings');
const URL = '/api/v1/apps/shop/widgets/preview';

async function preview(server: Server, widget: unknown, query = '') {
  const res = await server.app.inject({
    method: 'POST',
    url: URL + query,
    headers: { authorization: `Bearer ${await server.token('anna')}` },
    payload: { widget },
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are read loosely in tests
  return { status: res.statusCode, body: res.body, json: res.json<any>() };
}

async function recordCount(server: Server, filter: unknown): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const res = await server.app.inject({
      method: 'GET',
      url: `/api/v1/apps/shop/forms/ticket/records?limit=200&filter=${encodeURIComponent(JSON.stringify(filter))}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      headers: { authorization: `Bearer ${await server.token('anna')}` },
    });
    expect(res.statusCode, res.body).toBe(200);
    const page = res.json<{ items: unknown[]; nextCursor?: string }>();
    count += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return count;
}

/** The local (UTC+8) quarter of an instant: `2025-Q2`. */
function localQuarter(iso: string): string {
  const local = new Date(Date.parse(iso) + 8 * 3_600_000);
  return `${local.getUTCFullYear()}-Q${Math.floor(local.getUTCMonth() / 3) + 1}`;
}

function countBy<T>(xs: readonly T[], key: (x: T) => string | undefined): Map<string, number> {
  const out = new Map<string, number>();
  for (const x of xs) {
    const k = key(x);
    if (k !== undefined) out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}

const base = { key: 'draft', form: 'ticket', measures: [{ op: 'count' }] };

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`widget settings (${d.name})`, () => {
    let server: Server;
    let tickets: Ticket[];
    beforeAll(async () => {
      server = await startServer(d, { previewTimeLimitMs: 60_000 });
      ({ tickets } = await seedShop(server, 120));
    }, 120_000);
    afterAll(async () => {
      await server?.close();
      await d.cleanup();
    });

    it('groups a datetime by local quarter, and a click on a quarter lists exactly its records', async () => {
      const res = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'opened', bucket: 'quarter' }],
      });
      expect(res.status, res.body).toBe(200);
      const want = countBy(tickets, (t) => (t.data.opened ? localQuarter(t.data.opened) : undefined));
      expect(res.json.keys).toEqual([...want.keys()].sort());
      expect(res.json.labels).toEqual((res.json.keys as string[]).map((k) => k.replace('-', ' ')));
      (res.json.keys as string[]).forEach((k, i) => expect(res.json.series[0].data[i]).toBe(want.get(k)));
      // Tickets opened a minute either side of local midnight on 31 March fall into Q1 and Q2.
      expect(res.json.keys).toEqual(['2025-Q1', '2025-Q2', '2025-Q3'].filter((k) => want.has(k)));
      for (const [i, k] of (res.json.keys as string[]).entries())
        expect(await recordCount(server, res.json.filters[i])).toBe(want.get(k));
    });

    it('groups a date field and a datetime by year', async () => {
      const due = await preview(server, {
        ...base,
        type: 'line',
        dimensions: [{ field: 'due', bucket: 'year' }],
      });
      expect(due.status, due.body).toBe(200);
      expect(due.json.keys).toEqual(['2025']);
      expect(due.json.labels).toEqual(['2025']);
      expect(due.json.series[0].data).toEqual([tickets.filter((t) => t.data.due).length]);
      const opened = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'opened', bucket: 'year' }],
      });
      expect(opened.json.series[0].data).toEqual([tickets.filter((t) => t.data.opened).length]);
      expect(await recordCount(server, opened.json.filters[0])).toBe(opened.json.series[0].data[0]);
    });

    it('shows the top N groups by the first figure, largest first', async () => {
      const res = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'sum', field: 'amount' }, { op: 'count' }],
        limit: 2,
      });
      expect(res.status, res.body).toBe(200);
      const sums = ['new', 'open', 'closed']
        .map((s) => ({
          s,
          sum: tickets.filter((t) => t.data.status === s).reduce((a, t) => a + (t.data.amount ?? 0), 0),
        }))
        .sort((a, b) => b.sum - a.sum);
      expect(res.json.keys).toEqual(sums.slice(0, 2).map((x) => x.s));
      expect(res.json.series[0].data[0]).toBeCloseTo(sums[0]!.sum, 6);
      expect(res.json.series[1].data).toHaveLength(2);
      expect(res.json.other).toBeUndefined();
      const smallest = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'sum', field: 'amount' }],
        sort: { by: 'value', dir: 'asc' },
        limit: 1,
      });
      expect(smallest.json.keys).toEqual([sums[2]!.s]);
      // Tickets without an opening date make a group no chart draws, even when it would rank.
      const fewestQuarters = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'opened', bucket: 'quarter' }],
        sort: { by: 'value', dir: 'asc' },
        limit: 1,
      });
      const quarters = countBy(tickets, (t) => (t.data.opened ? localQuarter(t.data.opened) : undefined));
      const least = Math.min(...quarters.values());
      expect(fewestQuarters.json.keys).toHaveLength(1);
      expect(quarters.get(fewestQuarters.json.keys[0])).toBe(least);
      expect(fewestQuarters.json.series[0].data).toEqual([least]);
    });

    it('sums the groups past a pie’s top N into one “Other” slice', async () => {
      const res = await preview(server, {
        ...base,
        type: 'pie',
        dimensions: [{ field: 'channel' }],
        limit: 1,
      });
      expect(res.status, res.body).toBe(200);
      // Equal counts: the database orders them by key.
      const counts = [...countBy(tickets, (t) => t.data.channel).entries()].sort(
        (a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1),
      );
      expect(res.json.keys).toEqual([counts[0]![0]]);
      expect(res.json.labels).toHaveLength(2);
      expect(res.json.labels[1]).toBe('Other');
      expect(res.json.other).toBe(true);
      expect(res.json.series[0].data).toEqual([counts[0]![1], tickets.length - counts[0]![1]]);
      // "Other" opens nothing: only the shown groups have a filter.
      expect(res.json.filters).toHaveLength(1);
    });

    it('sorts groups by their name, dates by time, and cuts a pivot to its first rows', async () => {
      const byName = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'status' }],
        sort: { by: 'label', dir: 'desc' },
      });
      const labels = byName.json.labels as string[];
      expect(labels).toEqual([...labels].sort((a, b) => b.localeCompare(a, 'en')));
      const latest = await preview(server, {
        ...base,
        type: 'pivot',
        dimensions: [{ field: 'due', bucket: 'month' }, { field: 'status' }],
        sort: { by: 'label', dir: 'desc' },
        limit: 2,
      });
      expect(latest.status, latest.body).toBe(200);
      const months = [
        ...new Set(tickets.flatMap((t) => (t.data.due ? [t.data.due.slice(0, 7)] : []))),
      ].sort();
      expect((latest.json.rows as { key: string }[]).map((r) => r.key)).toEqual(months.reverse().slice(0, 2));
      expect(latest.json.totals).toEqual([tickets.length]);
      expect(latest.json.topN).toBe(2);
    });

    it('totals a pivot cut to its top N from every matching record, with one dimension or two', async () => {
      const channels = [...new Set(tickets.map((t) => t.data.channel))];
      const amounts = (channel?: string) =>
        tickets.flatMap((t) =>
          t.data.amount !== undefined && (channel === undefined || t.data.channel === channel)
            ? [t.data.amount]
            : [],
        );
      const two = await preview(server, {
        ...base,
        type: 'pivot',
        dimensions: [{ field: 'status' }, { field: 'channel' }],
        measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }, { op: 'avg', field: 'amount' }],
        sort: { by: 'label', dir: 'asc' },
        limit: 1,
      });
      expect(two.status, two.body).toBe(200);
      expect(two.json.rows).toHaveLength(1);
      expect(two.json.topN).toBe(1);
      const columns = (two.json.columns as { key: string }[]).slice(1);
      expect(columns).toHaveLength(channels.length * 3);
      // Each column's total is of every record of its channel, not of the one status shown.
      columns.forEach((c, i) => {
        const [, m, channel] = /^m(\d):(.*)$/.exec(c.key)!;
        const of = amounts(channel);
        const want = [
          tickets.filter((t) => t.data.channel === channel).length,
          of.reduce((a, b) => a + b, 0),
          of.reduce((a, b) => a + b, 0) / of.length,
        ][Number(m)]!;
        expect(two.json.columnTotals[i], c.key).toBeCloseTo(want, 2);
      });

      // The row shown ends with its own figures over every channel: its count, its sum and the
      // average of its records (not a sum of its cells' averages).
      const [row] = two.json.rows as { key: string; totals: number[] }[];
      const ofRow = tickets.filter((t) => t.data.status === row!.key);
      const rowAmounts = ofRow.flatMap((t) => (t.data.amount !== undefined ? [t.data.amount] : []));
      expect(row!.totals[0]).toBe(ofRow.length);
      expect(row!.totals[1]).toBeCloseTo(
        rowAmounts.reduce((a, b) => a + b, 0),
        2,
      );
      expect(row!.totals[2]).toBeCloseTo(rowAmounts.reduce((a, b) => a + b, 0) / rowAmounts.length, 2);

      // Ranked by value, a row of two dimensions ranks by its own average, not by its cells' sum.
      const ranked = await preview(server, {
        ...base,
        type: 'pivot',
        dimensions: [{ field: 'status' }, { field: 'channel' }],
        measures: [{ op: 'avg', field: 'amount' }],
        sort: { by: 'value', dir: 'desc' },
      });
      expect(ranked.status, ranked.body).toBe(200);
      const avgOf = (status: string) => {
        const xs = tickets.flatMap((t) =>
          t.data.status === status && t.data.amount !== undefined ? [t.data.amount] : [],
        );
        return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : -Infinity;
      };
      const order = (ranked.json.rows as { key: string }[]).map((r) => r.key);
      expect(order).toEqual([...order].sort((a, b) => avgOf(b) - avgOf(a)));
      (ranked.json.rows as { key: string; totals: number[] }[]).forEach((r) =>
        expect(r.totals[0], r.key).toBeCloseTo(avgOf(r.key), 2),
      );

      // One dimension, its top group by count (the database's top N): the totals are every record's.
      const one = await preview(server, {
        ...base,
        type: 'pivot',
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }, { op: 'sum', field: 'amount' }],
        sort: { by: 'value', dir: 'desc' },
        limit: 1,
      });
      expect(one.status, one.body).toBe(200);
      const biggest = Math.max(...countBy(tickets, (t) => t.data.status).values());
      expect((one.json.rows as { values: unknown[] }[]).map((r) => r.values[1])).toEqual([biggest]);
      expect(one.json.topN).toBe(1);
      expect(one.json.columnTotals[0]).toBe(tickets.length);
      expect(one.json.columnTotals[1]).toBeCloseTo(
        amounts().reduce((a, b) => a + b, 0),
        2,
      );

      // Without a limit nothing is cut and no top N is said.
      const all = await preview(server, { ...base, type: 'pivot', dimensions: [{ field: 'status' }] });
      expect(all.json.topN).toBeUndefined();
      expect(all.json.columnTotals).toEqual([tickets.length]);
    });

    it('refuses settings out of range, naming each by its path', async () => {
      const res = await preview(server, {
        ...base,
        type: 'bar',
        dimensions: [{ field: 'opened', bucket: 'decade' }],
        measures: [{ op: 'count', format: { decimals: 7, unit: { zh: '件' } } }],
        sort: { by: 'size' },
        limit: 0,
        colors: ['#2563eb', 'blue'],
        clickThrough: 'yes',
      });
      expect(res.status, res.body).toBe(422);
      const paths = (res.json.errors as { path: string }[]).map((p) => p.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          '/widget/dimensions/0/bucket',
          '/widget/measures/0/format/decimals',
          '/widget/sort/by',
          '/widget/limit',
          '/widget/colors/1',
          '/widget/clickThrough',
        ]),
      );
    });
  });
}
