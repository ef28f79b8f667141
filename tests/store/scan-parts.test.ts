/**
 * Store contract: an export scan read in parts by several threads (`PartScan`, SQLite files
 * only). Every part counts the same chunks of the list's order and reads only its own (chunk c
 * is part c % parts); put back together in chunk order they are exactly the single statement's
 * rows, labels included. The parts read one snapshot: part 0 holds the write lock while every part
 * begins its read, so records written meanwhile appear in no part and shift no chunk, and writers
 * wait only while the lock is held; a part 0 that cannot have the lock in time says so. The
 * label cache reads each id once, starts over when it would pass its bound, and reads a label's
 * whole column once it has met an eighth of its table.
 */
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/index.js';
import { PartScan } from '../../runtime/store/record-scan-part.js';
import { ScanLabelCache } from '../../runtime/store/scan-label-cache.js';
import type { ScanLabel, ScanStatement, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at } from './fixtures.js';

const SQLITE = (await dialects('scan_parts')).find((d) => d.name === 'sqlite')!;
const JOBS = 1_000;
const CHUNK = 64;

const BUNDLE: AppBundle = {
  format: 'flowcase/app@1',
  key: 'svc',
  name: 'Service',
  version: '1.0.0',
  roles: [{ key: 'desk', name: 'Desk' }],
  forms: [
    { key: 'client', name: 'Client', fields: [{ key: 'name', type: 'text', label: 'Name' }] },
    {
      key: 'job',
      name: 'Job',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        {
          key: 'priority',
          type: 'select',
          label: 'Priority',
          options: [
            { value: 'high', label: 'High' },
            { value: 'low', label: 'Low' },
          ],
        },
        { key: 'client', type: 'relation', label: 'Client', form: 'client', display: 'name' },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};
const LABELS: ScanLabel[] = [{ user: 'createdBy' }, { relation: 'client', form: 'client', display: 'name' }];

/** Every row of `parts` parts, chunk by chunk, in chunk order; `between` runs after part 0 began, before the others. */
function readInParts(statement: ScanStatement, parts: number, between?: () => void): unknown[][] {
  const scans = Array.from(
    { length: parts },
    (_, part) => new PartScan(Database, statement, part, parts, CHUNK),
  );
  try {
    expect(scans[0]!.lock()).toBe(true);
    scans[0]!.begin();
    between?.();
    for (const s of scans.slice(1)) s.begin();
    scans[0]!.release();
    const chunks = new Map<number, unknown[][]>();
    for (const s of scans) for (let c = s.next(); c; c = s.next()) chunks.set(c.c, c.rows);
    const totals = new Set(scans.map((s) => s.total));
    expect(totals.size).toBe(1);
    const total = scans[0]!.total!;
    expect([...chunks.keys()].sort((a, b) => a - b)).toEqual([...Array(total).keys()]);
    return [...Array(total).keys()].flatMap((c) => chunks.get(c)!);
  } finally {
    for (const s of scans) s.close();
  }
}

/** The single statement's rows, labelled as the scan thread labels them. */
function readWhole(statement: ScanStatement): unknown[][] {
  const db = new Database(statement.file, { readonly: true });
  try {
    const rows = db
      .prepare(statement.sql)
      .raw(true)
      .all(...statement.parameters) as unknown[][];
    new ScanLabelCache((q) => db.prepare(q).raw(true) as never, statement.lookups).label(rows);
    return rows;
  } finally {
    db.close();
  }
}

describe.skipIf(SQLITE.skip !== undefined)('an export scan read in parts (sqlite)', () => {
  let store: Store;
  let creator: string;

  beforeAll(async () => {
    store = await SQLITE.open();
    await store.publishApp('svc', { by: 'admin', bundle: BUNDLE });
    creator = (
      await store.createUser({ username: 'ann', displayName: 'Ann', passwordHash: 'h', roles: ['desk'] })
    ).id;
    await store.write(async (tx) => {
      for (let i = 0; i < 30; i++)
        await tx.insertRecord({
          id: `c${i}`,
          app: 'svc',
          form: 'client',
          version: 1,
          data: { name: `Client ${i}` },
          createdBy: creator,
          createdAt: at(i),
        });
      for (let i = 0; i < JOBS; i++) {
        const data = {
          title: `job ${i}`,
          priority: i % 3 ? 'low' : 'high',
          ...(i % 4 ? { client: `c${i % 31}` } : {}),
        };
        // Some jobs share a creation time: the order's ties break by seq.
        await tx.insertRecord({
          id: `j${i}`,
          app: 'svc',
          form: 'job',
          version: 1,
          data,
          createdBy: creator,
          createdAt: at(100 + Math.floor(i / 3)),
        });
      }
    });
  });
  afterAll(async () => {
    await store?.close();
    await SQLITE.cleanup();
  });

  it('gives, chunk by chunk, exactly the rows of the single statement, in its order, labelled', async () => {
    for (const options of [
      {},
      { sort: [{ field: 'title', dir: 'asc' as const }] },
      { filter: { '==': [{ var: 'priority' }, 'high'] } },
    ]) {
      const statement = (await store.scanStatement('svc', 'job', options, LABELS))!;
      const whole = readWhole(statement);
      expect(whole.length).toBe(options.filter ? Math.ceil(JOBS / 3) : JOBS);
      for (const parts of [1, 2, 3]) expect(readInParts(statement, parts)).toEqual(whole);
    }
    // Nothing selected: every part counts no chunk at all.
    const none = (await store.scanStatement(
      'svc',
      'job',
      { filter: { '==': [{ var: 'title' }, 'no such job'] } },
      LABELS,
    ))!;
    expect(readInParts(none, 2)).toEqual([]);
    const row = readWhole((await store.scanStatement('svc', 'job', {}, LABELS))!).find((r) => r[0] === 'j1')!;
    expect(row.slice(4)).toEqual(['Ann', 'Client 1']);
  });

  it('reads one snapshot in every part: a record written while the parts begin appears in none', async () => {
    const statement = (await store.scanStatement('svc', 'job', {}, LABELS))!;
    const before = readWhole(statement);
    // Held by part 0, the lock keeps out a writer on another connection until every part began.
    let blocked = false;
    const rows = readInParts(statement, 2, () => {
      const writer = new Database(statement.file);
      writer.pragma('busy_timeout = 0');
      try {
        writer
          .prepare(
            `insert into ${statement.rows.match(/from ("form_\d+")/)![1]} (id, app, form, version, created_by, created_at, updated_at, data) values ('x', 'svc', 'job', 1, 'u', '2999-01-01', '2999-01-01', '{}')`,
          )
          .run();
      } catch (e) {
        blocked = (e as { code?: string }).code === 'SQLITE_BUSY';
      } finally {
        writer.close();
      }
    });
    expect(blocked).toBe(true);
    expect(rows).toEqual(before);

    // Written after the parts began (the newest record: it would lead the order), it shifts nothing.
    const scans = [0, 1].map((part) => new PartScan(Database, statement, part, 2, CHUNK));
    try {
      expect(scans[0]!.lock()).toBe(true);
      for (const s of scans) s.begin();
      scans[0]!.release();
      await store.write((tx) =>
        tx.insertRecord({
          id: 'late',
          app: 'svc',
          form: 'job',
          version: 1,
          data: { title: 'late' },
          createdBy: creator,
          createdAt: at(100_000),
        }),
      );
      const chunks = new Map<number, unknown[][]>();
      for (const s of scans) for (let c = s.next(); c; c = s.next()) chunks.set(c.c, c.rows);
      expect([...chunks.keys()].sort((a, b) => a - b).flatMap((c) => chunks.get(c)!)).toEqual(before);
    } finally {
      for (const s of scans) s.close();
    }
    expect(readWhole(statement)[0]![0]).toBe('late');
  });

  it('lets writers in again once released or closed, also when a part never began', async () => {
    const statement = (await store.scanStatement('svc', 'job', {}, LABELS))!;
    const scan = new PartScan(Database, statement, 0, 2, CHUNK);
    expect(scan.lock()).toBe(true);
    // A second part 0 cannot have the lock meanwhile: it says so after waiting LOCK_WAIT_MS.
    const other = new PartScan(Database, statement, 0, 2, CHUNK);
    expect(other.lock()).toBe(false);
    other.close();
    scan.close();
    await store.write((tx) =>
      tx.insertRecord({
        id: 'after-close',
        app: 'svc',
        form: 'job',
        version: 1,
        data: { title: 'x' },
        createdBy: creator,
        createdAt: at(100_001),
      }),
    );
    // Closed in the middle of its scan, a part stops its statement first.
    const halfway = new PartScan(Database, statement, 0, 2, CHUNK);
    expect(halfway.lock()).toBe(true);
    halfway.begin();
    halfway.release();
    expect(halfway.next()?.rows.length).toBe(CHUNK);
    halfway.close();
    expect(() => new PartScan(Database, statement, 2, 2, CHUNK)).toThrow('part 2 of 2');
    expect(() => new PartScan(Database, statement, 0, 2, CHUNK).next()).toThrow('has not begun');
  });
});

describe('the scan label cache', () => {
  const names = new Map(Array.from({ length: 50 }, (_, i) => [`u${i}`, `User ${i}`]));
  /** A users table of `names`, counting what is asked of it. */
  function users() {
    const asked: (string[] | 'all')[] = [];
    const prepare = (q: string) => ({
      all: (json: unknown) => {
        const ids = JSON.parse(json as string) as string[];
        asked.push(ids);
        return ids.filter((id) => names.has(id)).map((id) => [id, names.get(id)!]);
      },
      iterate: function* () {
        expect(q).toBe('all');
        asked.push('all');
        yield* [...names].map(([id, name]) => [id, name]);
      },
    });
    return { asked, prepare };
  }
  const chunk = (ids: string[]) => ids.map((id) => ['row', id, id]);

  it('reads unseen ids in one batch, never twice (a missing one is cached as null), and starts over past its bound', () => {
    const { asked, prepare } = users();
    // Two labels: the first read (from a table too big to read whole), the second never (its column leaves null).
    const cache = new ScanLabelCache(prepare, [{ some: 'some', all: 'all', rows: 1_000_000 }, null], 1, 10);
    const first = chunk(['u1', 'u2', 'u1', 'ghost']);
    cache.label(first);
    expect(first).toEqual([
      ['row', 'User 1', null],
      ['row', 'User 2', null],
      ['row', 'User 1', null],
      ['row', null, null],
    ]);
    expect(asked).toEqual([['u1', 'u2', 'ghost']]);
    // Known ids, a ghost included, are not read again.
    cache.label(chunk(['u2', 'ghost']));
    expect(asked.length).toBe(1);
    // Eight new ids would make 11 entries: the cache starts over and reads only what this chunk names.
    const many = chunk(['u1', ...Array.from({ length: 8 }, (_, i) => `u${10 + i}`)]);
    cache.label(many);
    expect(asked[1]).toEqual(['u10', 'u11', 'u12', 'u13', 'u14', 'u15', 'u16', 'u17']);
    expect(many.map((r) => r[1])).toEqual([
      'User 1',
      ...Array.from({ length: 8 }, (_, i) => `User ${10 + i}`),
    ]);
    cache.label(chunk(['u2']));
    expect(asked[2]).toEqual(['u2']);
  });

  it('reads the whole column once a label has met an eighth of its table, then reads no more', () => {
    const { asked, prepare } = users();
    const cache = new ScanLabelCache(prepare, [{ some: 'some', all: 'all', rows: 50 }], 1);
    cache.label(chunk(['u1', 'u2', 'u3']));
    expect(asked).toEqual([['u1', 'u2', 'u3']]);
    // 3 + 4 ids would pass 50 / 8: the whole column instead.
    const rows = chunk(['u1', 'u4', 'u5', 'u6', 'ghost']);
    cache.label(rows);
    expect(asked).toEqual([['u1', 'u2', 'u3'], 'all']);
    expect(rows.map((r) => r[1])).toEqual(['User 1', 'User 4', 'User 5', 'User 6', null]);
    const later = chunk(['u49', 'other ghost', 'u2']);
    cache.label(later);
    expect(later.map((r) => r[1])).toEqual(['User 49', null, 'User 2']);
    expect(asked.length).toBe(2);
  });
});
