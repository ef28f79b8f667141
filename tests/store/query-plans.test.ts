/**
 * Store contract on SQLite: the inbox, record lists, filters and dashboard grouping are answered
 * from their indexes (checked with EXPLAIN QUERY PLAN on the very SQL the store runs), which is
 * what keeps them fast at 100,000 tasks and 1,000,000 records. A plan check, not a timing.
 */
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at, repairBundle, snapshot } from './fixtures.js';

const sqlite = (await dialects('plans')).find((d) => d.name === 'sqlite')!;

const BY_STATUS = [
  {
    key: 'by_status',
    type: 'bar' as const,
    form: 'request',
    dimensions: [{ field: 'status' }],
    measures: [{ op: 'count' as const }],
  },
];

describe('query plans (sqlite)', () => {
  let store: Store;
  let raw: BetterSqlite3.Database;
  const queries: { sql: string; parameters: readonly unknown[] }[] = [];

  beforeAll(async () => {
    store = await sqlite.open({
      now: () => at(0),
      onQuery: (sql, parameters) => queries.push({ sql, parameters }),
    });
    // A related list matches on status, so its column carries an index (indexes follow the design).
    const bundle = repairBundle();
    bundle.forms[0]!.relatedLists = [
      {
        key: 'same_status',
        label: 'Same status',
        form: 'request',
        match: [{ field: 'status', value: { var: 'status' } }],
      },
    ];
    await store.publishApp('repair', { by: 'admin', bundle });
    await store.write(async (tx) => {
      await tx.insertInstance({
        id: 'inst',
        app: 'repair',
        flow: 'main',
        version: 1,
        recordId: 'r0',
        snapshot: snapshot(),
      });
      for (let i = 0; i < 300; i++) {
        await tx.insertRecord({
          id: `r${i}`,
          app: 'repair',
          form: 'request',
          version: 1,
          data: { status: ['open', 'closed'][i % 2], amount: i },
          createdBy: `u${i % 7}`,
          createdAt: at(i),
        });
        await tx.insertTask({
          id: `t${i}`,
          instanceId: 'inst',
          recordId: `r${i}`,
          app: 'repair',
          form: 'request',
          node: 'n',
          priority: i % 3,
          dueAt: at(i % 50),
          createdAt: at(i),
          assignees: [{ role: ['tech', 'desk'][i % 2]! }, { user: `u${i % 7}` }],
        });
      }
    });
    await store.optimize();
    raw = new BetterSqlite3(sqlite.sqliteFile ?? '', { readonly: true });
  });
  afterAll(async () => {
    raw?.close();
    await store?.close();
    await sqlite.cleanup();
  });

  /** Plans of the statements `run` makes that read `table`. */
  async function plansOf(table: string, run: () => Promise<unknown>, marker = ''): Promise<string[]> {
    queries.length = 0;
    await run();
    const reads = queries.filter(
      (q) => q.sql.startsWith('select') && q.sql.includes(`from "${table}"`) && q.sql.includes(marker),
    );
    expect(reads.length).toBeGreaterThan(0);
    return reads.map((q) =>
      (raw.prepare(`explain query plan ${q.sql}`).all(...(q.parameters as unknown[])) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | '),
    );
  }

  it('reads the inbox as one ordered range of the inbox index per assignee key', async () => {
    const plans = await plansOf(
      'task_assignees',
      () => store.inbox('u1', ['tech'], { limit: 20 }),
      '"kind" =',
    );
    for (const plan of plans) {
      expect(plan).toMatch(
        /SEARCH task_assignees USING (COVERING )?INDEX task_assignees_inbox \(kind=\? AND value=\? AND status=\?/,
      );
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
    const page = await store.inbox('u1', ['tech'], { limit: 20 });
    const next = await plansOf(
      'task_assignees',
      () => store.inbox('u1', ['tech'], { limit: 20, cursor: page.nextCursor! }),
      '"kind" =',
    );
    expect(next).toHaveLength(2);
    for (const plan of next) {
      expect(plan).toMatch(
        /SEARCH task_assignees USING (COVERING )?INDEX task_assignees_inbox \(kind=\? AND value=\? AND status=\? AND \(rank,due_sort,created_at,task_id\)>\(\?,\?,\?,\?\)\)/,
      );
      expect(plan).not.toMatch(/TEMP B-TREE/);
    }
  });

  it("reads a user's done tasks newest first from the completed tasks' index, also on later pages", async () => {
    await store.write(async (tx) => {
      for (let i = 0; i < 40; i++)
        await tx.updateTask(`t${i}`, { status: 'done', completedAt: at(300 + i), completedBy: `u${i % 2}` });
    });
    await store.optimize();
    const first = await plansOf(
      'tasks',
      () => store.inbox('u1', [], { status: 'done', limit: 5 }),
      '"completed_by" =',
    );
    expect(first).toHaveLength(1);
    expect(first[0]).toMatch(/SEARCH tasks USING INDEX tasks_done_by \(completed_by=\?\)/);
    expect(first[0]).not.toMatch(/TEMP B-TREE/);
    const page = await store.inbox('u1', [], { status: 'done', limit: 5 });
    expect(page.items.map((t) => t.completedBy)).toEqual(Array(5).fill('u1'));
    const next = await plansOf(
      'tasks',
      () => store.inbox('u1', [], { status: 'done', limit: 5, cursor: page.nextCursor! }),
      '"completed_by" =',
    );
    expect(next[0]).toMatch(
      /SEARCH tasks USING INDEX tasks_done_by \(completed_by=\? AND \(completed_at,id\)<\(\?,\?\)\)/,
    );
    expect(next[0]).not.toMatch(/TEMP B-TREE/);
  });

  it("reads one instance's tasks through the analytics index that starts with the instance", async () => {
    // Many instances of a few tasks each, as in a real database.
    await store.write(async (tx) => {
      for (let i = 0; i < 200; i++) {
        await tx.insertInstance({
          id: `inst${i}`,
          app: 'repair',
          flow: 'main',
          version: 1,
          recordId: `r${i}`,
          snapshot: snapshot(),
        });
        for (const n of ['a', 'b'])
          await tx.insertTask({
            id: `t${i}${n}`,
            instanceId: `inst${i}`,
            recordId: `r${i}`,
            app: 'repair',
            form: 'request',
            node: n,
            createdAt: at(i),
            assignees: [{ role: 'nobody' }],
          });
      }
    });
    // Fresh statistics (`optimize` re-analyzes only once a table has grown several times over),
    // which a connection loads with the schema: the plans are read on a new one.
    const writable = new BetterSqlite3(sqlite.sqliteFile ?? '');
    writable.exec('analyze tasks');
    writable.close();
    raw.close();
    raw = new BetterSqlite3(sqlite.sqliteFile ?? '', { readonly: true });
    const plans = await plansOf('tasks', () => store.listTasks('inst7'));
    expect(plans[0]).toMatch(/SEARCH tasks USING INDEX tasks_flow_figures \(instance_id=\?\)/);
  });

  it("reads a flow's finishing events through the index that holds only those", async () => {
    await store.write((tx) =>
      tx.appendHistory('inst7', [
        { seq: 1, at: at(10), actor: 'u1', type: 'task.completed', node: 'a' },
        { seq: 2, at: at(11), actor: 'system', type: 'instance.ended', detail: { outcome: 'done' } },
      ]),
    );
    // A range that is not whole local days: the raw reads, not the day aggregates.
    const reads = store.compileFlowAnalytics({
      app: 'repair',
      flow: 'main',
      from: '2024-06-01T03:17:00.000Z',
      to: '2025-06-01T03:17:00.000Z',
      now: at(20),
      timeZone: 'Asia/Shanghai',
    });
    for (const read of [reads.finished, reads.cyclePercentiles, reads.outcomesByWeek]) {
      const plan = (
        raw.prepare(`explain query plan ${read.sql}`).all(...(read.parameters as unknown[])) as {
          detail: string;
        }[]
      )
        .map((r) => r.detail)
        .join(' | ');
      expect(plan).toMatch(/SEARCH h USING (COVERING )?INDEX history_by_type \(instance_id=\? AND type=\?/);
    }
    expect((await store.runRead(reads.finished)).map((f) => [f.type, f.count])).toEqual([
      ['instance.ended', 1],
    ]);
  });

  it('lists records newest first from the created_at index, also on later pages', async () => {
    const [first] = await plansOf('form_1', () => store.listRecords('repair', 'request', { limit: 10 }));
    expect(first).toMatch(/SCAN form_1 USING INDEX ix_1_created/);
    expect(first).not.toMatch(/TEMP B-TREE/);
    const page = await store.listRecords('repair', 'request', { limit: 10 });
    // The cursor names a row by id: its sort values are one primary-key read, then the page is a range.
    const [cursorRow, deep] = await plansOf('form_1', () =>
      store.listRecords('repair', 'request', { limit: 10, cursor: page.nextCursor! }),
    );
    expect(cursorRow).toMatch(
      /SEARCH form_1 USING INDEX sqlite_autoindex_form_1_1 \(id=\?\)|SEARCH form_1 USING (INTEGER )?PRIMARY KEY/,
    );
    expect(deep).toMatch(/SEARCH form_1 USING INDEX ix_1_created \(created_at<\?\)/);
    expect(deep).not.toMatch(/TEMP B-TREE/);
  });

  it("lists one customer's records from the created_by index", async () => {
    const [plan] = await plansOf('form_1', () => store.listRecords('repair', 'request', { createdBy: 'u3' }));
    expect(plan).toMatch(/SEARCH form_1 USING INDEX ix_1_by \(created_by=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it('filters and sorts by a select field on its column index', async () => {
    const [filtered] = await plansOf('form_1', () =>
      store.listRecords('repair', 'request', {
        filter: { '==': [{ var: 'status' }, 'open'] },
        sort: [{ field: 'status' }],
      }),
    );
    expect(filtered).toMatch(/SEARCH form_1 USING INDEX ix_1_c_status \(c_status=\?\)/);
    expect(filtered).not.toMatch(/TEMP B-TREE/);
  });

  it("lists records with a select value newest first from that field's index, without sorting", async () => {
    const filter = { '==': [{ var: 'status' }, 'open'] };
    const [plan] = await plansOf('form_1', () =>
      store.listRecords('repair', 'request', { filter, limit: 10 }),
    );
    expect(plan).toMatch(/SEARCH form_1 USING INDEX ix_1_c_status \(c_status=\?\)/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
    const page = await store.listRecords('repair', 'request', { filter, limit: 10 });
    const [, deep] = await plansOf('form_1', () =>
      store.listRecords('repair', 'request', { filter, limit: 10, cursor: page.nextCursor! }),
    );
    expect(deep).toMatch(/SEARCH form_1 USING INDEX ix_1_c_status \(c_status=\? AND created_at<\?\)/);
  });

  it('groups by a select field from its index alone', async () => {
    const [plan] = await plansOf('form_1', () =>
      store.aggregateRecords('repair', 'request', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }],
      }),
    );
    expect(plan).toMatch(/SCAN form_1 USING COVERING INDEX ix_1_c_status/);
    expect(plan).not.toMatch(/TEMP B-TREE/);
  });

  it("reads a dashboard rollup's whole months and partial days as ranges of its day index", async () => {
    await store.publishApp('repair', {
      by: 'admin',
      bundle: {
        ...repairBundle(),
        version: 2,
        dashboards: [{ key: 'main', name: { en: 'Main' }, widgets: BY_STATUS }],
      },
    });
    queries.length = 0;
    const read = await store.compileRollup('repair', 'request', {
      dimensions: [{ field: 'status' }],
      measures: [{ op: 'count' }],
      days: { from: '2024-12-15', to: '2025-03-10' },
      timeZone: 'Asia/Shanghai',
    });
    expect(read).toBeDefined();
    await store.runRead(read!);
    const reads = queries.filter((q) => q.sql.includes('from record_rollups'));
    expect(reads.length).toBe(1);
    const plan = (
      raw.prepare(`explain query plan ${reads[0]!.sql}`).all(...(reads[0]!.parameters as unknown[])) as {
        detail: string;
      }[]
    ).map((r) => r.detail);
    // Three parts (December's days, January and February as months, March's days), each a range.
    expect(
      plan.filter((d) =>
        /SEARCH record_rollups USING INDEX record_rollups_day \(rollup_id=\? AND day>\? AND day<\?\)/.test(d),
      ),
    ).toHaveLength(3);
    expect(plan.join(' | ')).not.toMatch(/SCAN record_rollups/);
  });
});
