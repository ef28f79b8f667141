/**
 * Store contract: an export's scan reads labels beside each record (`scanRecords` with
 * `ScanLabel`s). On a SQLite file it names the creator and user fields by `display_name` and
 * relation fields by the related record's display column, across chunks (ids met again come from
 * the scan thread's cache), and gives null where there is nothing to read: no such user or
 * record, an empty display column, an empty value, or a display field without a column. On
 * PostgreSQL the scan reads keyset pages and no labels at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle } from '../../engine/index.js';
import type { ScanLabel, ScannedRecord, Store } from '../../runtime/store/store.js';
import { dialects } from './dialects.js';
import { at } from './fixtures.js';

const DIALECTS = await dialects('scan_labels');
const JOBS = 450;

const BUNDLE: AppBundle = {
  format: 'flowcase/app@1',
  key: 'svc',
  name: 'Service',
  version: '1.0.0',
  roles: [{ key: 'desk', name: 'Desk' }],
  forms: [
    {
      key: 'client',
      name: 'Client',
      fields: [
        { key: 'name', type: 'text', label: 'Name' },
        { key: 'site', type: 'address', label: 'Site' },
      ],
    },
    {
      key: 'job',
      name: 'Job',
      fields: [
        { key: 'title', type: 'text', label: 'Title' },
        { key: 'client', type: 'relation', label: 'Client', form: 'client', display: 'name' },
        { key: 'owner', type: 'user', label: 'Owner' },
        { key: 'place', type: 'relation', label: 'Place', form: 'client', display: 'site' },
      ],
    },
  ],
  flows: [],
  dashboards: [],
};

const LABELS: ScanLabel[] = [
  { user: 'createdBy' },
  { relation: 'client', form: 'client', display: 'name' },
  { user: 'owner' },
  { relation: 'place', form: 'client', display: 'site' },
];

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`labels read by the export scan (${d.name})`, () => {
    let store: Store;
    const userName = new Map<string, string>();
    const clientName = new Map<string, string | null>();
    const jobs = new Map<string, { createdBy: string; client?: string; owner?: string }>();

    beforeAll(async () => {
      store = await d.open();
      await store.publishApp('svc', { by: 'admin', bundle: BUNDLE });
      for (const name of ['Ann', 'Bo', '张工']) {
        const u = await store.createUser({
          username: `u${userName.size}`,
          displayName: name,
          passwordHash: 'h',
          roles: ['desk'],
        });
        userName.set(u.id, name);
      }
      const users = [...userName.keys(), 'ghost-user'];
      await store.write(async (tx) => {
        for (let i = 0; i < 7; i++) {
          // The last client has no name: its display column is empty.
          const data = i < 6 ? { name: `Client ${i}`, site: { city: 'Shanghai' } } : {};
          await tx.insertRecord({
            id: `c${i}`,
            app: 'svc',
            form: 'client',
            version: 1,
            data,
            createdBy: users[0]!,
            createdAt: at(i),
          });
          clientName.set(`c${i}`, i < 6 ? `Client ${i}` : null);
        }
        const clients = [...clientName.keys(), 'no-such-client'];
        for (let i = 0; i < JOBS; i++) {
          const job = {
            createdBy: users[i % users.length]!,
            ...(i % 5 ? { client: clients[i % clients.length]! } : {}),
            ...(i % 3 ? { owner: users[(i + 1) % users.length]! } : {}),
          };
          const data = {
            title: `job ${i}`,
            ...(job.client ? { client: job.client, place: job.client } : {}),
            ...(job.owner ? { owner: job.owner } : {}),
          };
          await tx.insertRecord({
            id: `j${String(i).padStart(3, '0')}`,
            app: 'svc',
            form: 'job',
            version: 1,
            data,
            createdBy: job.createdBy,
            createdAt: at(10 + i),
          });
          jobs.set(`j${String(i).padStart(3, '0')}`, job);
        }
      });
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    async function scan(): Promise<ScannedRecord[]> {
      const out: ScannedRecord[] = [];
      for await (const chunk of store.scanRecords(
        'svc',
        'job',
        { sort: [{ field: 'createdAt', dir: 'asc' }] },
        LABELS,
      ))
        out.push(...chunk);
      return out;
    }

    it('says which labels it reads: all but a display field without a column, and none on PostgreSQL', async () => {
      expect(await store.scanLabels('svc', 'job', LABELS)).toEqual(
        d.name === 'sqlite' ? [true, true, true, false] : [false, false, false, false],
      );
    });

    it('gives every record the labels there are to read, null where there are none', async () => {
      const records = await scan();
      expect(records.map((r) => r.id)).toEqual([...jobs.keys()]);
      for (const r of records) {
        if (d.name === 'postgres') {
          expect(r.labels).toBeUndefined();
          continue;
        }
        const job = jobs.get(r.id)!;
        const want = [
          userName.get(job.createdBy) ?? null,
          (job.client && clientName.get(job.client)) ?? null,
          (job.owner && userName.get(job.owner)) ?? null,
          null,
        ];
        expect(r.labels, r.id).toEqual(want);
      }
    });

    it('reads the same labels from the statement it hands to other threads', async () => {
      const statement = await store.scanStatement('svc', 'job', {}, LABELS);
      if (d.name === 'postgres') return expect(statement).toBeUndefined();
      expect(statement!.lookups.map((l) => l !== null)).toEqual([true, true, true, false]);
      expect(statement!.sql).not.toMatch(/display_name|"c_name"/);
    });
  });
}
