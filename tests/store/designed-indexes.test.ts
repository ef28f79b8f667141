/**
 * Store contract on SQLite and PostgreSQL: a record table's typed columns are indexed when what is
 * designed queries them (a widget's groups and filter, the dashboard filter bar, a related list's
 * match, the owner field) and not otherwise, since every write pays for every index. Publishing
 * a change adds and drops indexes to follow it; the rows stay as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queriedFields, type AppBundle } from '../../engine/index.js';
import type { Store } from '../../runtime/store/store.js';
import { typedColumnIndexRead } from '../../runtime/store/designed-indexes.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('designed_ix');

function bundle(version: number, widgets: AppBundle['dashboards'][number]['widgets']): AppBundle {
  return {
    format: 'flowcase/app@1',
    key: 'shop',
    name: 'Shop',
    version,
    roles: [{ key: 'staff', name: 'Staff' }],
    forms: [
      {
        key: 'client',
        name: 'Client',
        fields: [
          { key: 'name', type: 'text', label: 'Name' },
          { key: 'tier', type: 'select', label: 'Tier', options: [{ value: 'gold', label: 'Gold' }] },
          { key: 'account', type: 'user', label: 'Account' },
        ],
        ownerField: 'account',
      },
      {
        key: 'ticket',
        name: 'Ticket',
        fields: [
          {
            key: 'status',
            type: 'select',
            label: 'Status',
            options: [
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ],
          },
          { key: 'channel', type: 'select', label: 'Channel', options: [{ value: 'web', label: 'Web' }] },
          { key: 'opened', type: 'datetime', label: 'Opened' },
          { key: 'amount', type: 'money', label: 'Amount' },
          { key: 'owner', type: 'user', label: 'Owner' },
          { key: 'client', type: 'relation', label: 'Client', form: 'client', display: 'name' },
          { key: 'category', type: 'select', label: 'Category', options: [{ value: 'a', label: 'A' }] },
        ],
        relatedLists: [
          {
            key: 'same_tier',
            label: 'Same tier',
            form: 'client',
            match: [{ field: 'tier', value: { var: 'client.tier' } }],
          },
        ],
      },
    ],
    flows: [],
    dashboards: [{ key: 'main', name: 'Main', widgets }],
  } as AppBundle;
}

const V1_WIDGETS = [
  {
    key: 'by_status',
    type: 'bar',
    form: 'ticket',
    dimensions: [{ field: 'status' }],
    measures: [{ op: 'sum', field: 'amount' }],
  },
  {
    key: 'mine',
    type: 'kpi',
    form: 'ticket',
    filter: { '==': [{ var: 'owner' }, 'u1'] },
    measures: [{ op: 'count' }],
  },
] as AppBundle['dashboards'][number]['widgets'];

const V2_WIDGETS = [
  {
    key: 'by_month',
    type: 'line',
    form: 'ticket',
    dimensions: [{ field: 'opened', bucket: 'month' }],
    measures: [{ op: 'count' }],
  },
] as AppBundle['dashboards'][number]['widgets'];

describe('queriedFields: what a bundle queries', () => {
  it('names each field with why', () => {
    const q = queriedFields(bundle(1, V1_WIDGETS));
    expect(Object.fromEntries([...q].map(([form, fields]) => [form, Object.fromEntries(fields)]))).toEqual({
      ticket: {
        status: ['dashboard main, widget by_status: grouped', 'dashboard main: filter bar'],
        owner: ['dashboard main, widget mine: filtered'],
      },
      client: {
        tier: ['form ticket, related list same_tier: matched'],
        account: ['owner field'],
      },
    });
  });
});

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`indexes follow the design (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    async function indexedFields(form: string): Promise<string[]> {
      const [table] = await store.runRead({
        sql:
          d.name === 'sqlite'
            ? 'select id from form_tables where app_key = ? and form_key = ?'
            : 'select id from form_tables where app_key = $1 and form_key = $2',
        parameters: ['shop', form],
        decode: (rows) => rows.map((r) => `form_${String(r.id)}`),
      });
      const indexes = await store.runRead(typedColumnIndexRead(d.name, table!));
      return [...indexes.values()].map((c) => c.replace(/^c\d*_/, '')).sort();
    }

    it('indexes only the queried columns on the first publish', async () => {
      await store.publishApp('shop', { by: 'admin', bundle: bundle(1, V1_WIDGETS) });
      expect(await indexedFields('ticket')).toEqual(['owner', 'status']);
      expect(await indexedFields('client')).toEqual(['account', 'tier']);
    });

    it('adds and drops indexes when a publish changes what is queried, keeping the rows', async () => {
      await store.write(async (tx) => {
        for (let i = 0; i < 20; i++)
          await tx.insertRecord({
            id: `t${i}`,
            app: 'shop',
            form: 'ticket',
            version: 1,
            data: { status: i % 2 ? 'open' : 'closed', opened: `2025-0${1 + (i % 3)}-10T08:00:00.000Z` },
            createdBy: 'u1',
            createdAt: `2025-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
          });
      });
      await store.publishApp('shop', { by: 'admin', bundle: bundle(2, V2_WIDGETS) });
      expect(await indexedFields('ticket')).toEqual(['opened']);
      const groups = await store.aggregateRecords('shop', 'ticket', {
        dimensions: [{ field: 'status' }],
        measures: [{ op: 'count' }],
      });
      expect(groups.map((g) => [g.keys[0], g.values[0]])).toEqual([
        ['closed', 10],
        ['open', 10],
      ]);
      // Back again: the same index comes back.
      await store.publishApp('shop', { by: 'admin', bundle: bundle(3, V1_WIDGETS) });
      expect(await indexedFields('ticket')).toEqual(['owner', 'status']);
    });
  });
}
