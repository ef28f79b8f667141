/**
 * Store contract on SQLite and PostgreSQL: a published list view's filter and sort fields get their
 * typed column index, the columns it only shows do not, and a publish without the view drops them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppBundle, ListViewDef } from '../../engine/index.js';
import type { Store } from '../../runtime/store/store.js';
import { typedColumnIndexRead } from '../../runtime/store/designed-indexes.js';
import { dialects } from './dialects.js';

const DIALECTS = await dialects('view_ix');

function bundle(version: number, views: ListViewDef[] | undefined): AppBundle {
  return {
    format: 'flowcase/app@1',
    key: 'desk',
    name: 'Desk',
    version,
    roles: [{ key: 'technician', name: 'Technician' }],
    forms: [
      {
        key: 'ticket',
        name: 'Ticket',
        fields: [
          { key: 'subject', type: 'text', label: 'Subject' },
          {
            key: 'status',
            type: 'select',
            label: 'Status',
            options: [
              { value: 'open', label: 'Open' },
              { value: 'closed', label: 'Closed' },
            ],
          },
          { key: 'due', type: 'date', label: 'Due' },
          { key: 'cost', type: 'money', label: 'Cost' },
        ],
        ...(views ? { views } : {}),
      },
    ],
    flows: [],
    dashboards: [],
  } as AppBundle;
}

const QUEUE: ListViewDef = {
  key: 'queue',
  name: 'Queue',
  roles: ['technician'],
  columns: ['subject', 'cost', 'createdAt'],
  filter: { '==': [{ var: 'status' }, 'open'] },
  sort: { field: 'due', dir: 'asc' },
};

for (const d of DIALECTS) {
  describe.skipIf(d.skip !== undefined)(`list views' indexes (${d.name})`, () => {
    let store: Store;
    beforeAll(async () => {
      store = await d.open();
    });
    afterAll(async () => {
      await store?.close();
      await d.cleanup();
    });

    async function indexedFields(): Promise<string[]> {
      const [table] = await store.runRead({
        sql:
          d.name === 'sqlite'
            ? 'select id from form_tables where app_key = ? and form_key = ?'
            : 'select id from form_tables where app_key = $1 and form_key = $2',
        parameters: ['desk', 'ticket'],
        decode: (rows) => rows.map((r) => `form_${String(r.id)}`),
      });
      const indexes = await store.runRead(typedColumnIndexRead(d.name, table!));
      return [...indexes.values()].map((c) => c.replace(/^c\d*_/, '')).sort();
    }

    it('indexes the fields a view filters and sorts on, not the ones it shows', async () => {
      await store.publishApp('desk', { by: 'admin', bundle: bundle(1, [QUEUE]) });
      expect(await indexedFields()).toEqual(['due', 'status']);
    });

    it('drops them when the view goes', async () => {
      await store.publishApp('desk', { by: 'admin', bundle: bundle(2, undefined) });
      expect(await indexedFields()).toEqual([]);
    });
  });
}
