/**
 * The record list under a list view, outside a browser (runtime/web/src/records-query.ts): which
 * view a list opens on, the view's sort as the URL writes it, and a header click on the view's
 * sort column turning it round.
 */
import { describe, expect, it } from 'vitest';
import { listViewOf, nextSort, NO_VIEW, viewSort } from '../../runtime/web/src/records-query.js';
import type { FormDef, ListViewDef } from '../../runtime/web/src/types.js';

const queue: ListViewDef = {
  key: 'queue',
  name: 'Queue',
  columns: ['cost'],
  sort: { field: 'cost', dir: 'desc' },
};
const all: ListViewDef = { key: 'all', name: 'All', columns: ['subject'] };
const form = {
  key: 'tickets',
  name: 'Tickets',
  fields: [{ key: 'cost', type: 'number', label: 'Cost' }],
  views: [queue, all],
} as FormDef;

describe('a record list under a list view', () => {
  it('opens on the view the URL names, else the first', () => {
    expect(listViewOf(form, 'all')?.key).toBe('all');
    expect(listViewOf(form, null)?.key).toBe('queue');
    expect(listViewOf(form, 'gone')?.key).toBe('queue');
    expect(listViewOf({ ...form, views: undefined }, null)).toBeUndefined();
  });

  it("opens on no view when the reader chose none or a chart's click-through brought its own filter", () => {
    expect(listViewOf(form, NO_VIEW)).toBeUndefined();
    expect(listViewOf(form, null, true)).toBeUndefined();
    expect(listViewOf(form, 'all', true)?.key).toBe('all');
  });

  it("writes the view's sort as the URL does, and a click on its column turns it round", () => {
    expect(viewSort(queue)).toBe('-cost');
    expect(viewSort(all)).toBeUndefined();
    expect(nextSort('-cost', 'cost', true)).toBe('cost');
    expect(nextSort('cost', 'cost', true)).toBe('-cost');
    expect(nextSort('-cost', 'cost')).toBeUndefined();
  });
});
