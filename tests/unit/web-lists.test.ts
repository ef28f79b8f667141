/**
 * The web app's list and duration wording, outside a browser: a record list's URL state becomes
 * the list API's filter (days of a datetime counted in the server's zone), and spans of time read
 * "2 小时 5 分" / "2 h 5 min" (runtime/web/src/records-query.ts, duration.ts).
 */
import { describe, expect, it } from 'vitest';
import { fieldSpanText, spanText } from '../../ui/format/duration.js';
import {
  dayStart,
  defaultColumns,
  filterLogic,
  listableFields,
  nextSort,
  stateFromParams,
  stateParams,
  titleField,
} from '../../runtime/web/src/records-query.js';
import type { FieldDef, FormDef } from '../../runtime/web/src/types.js';

const fields: FieldDef[] = [
  { key: 'no', type: 'autonumber', label: 'No.', pattern: 'N-{seq:3}' },
  { key: 'status', type: 'select', label: 'Status', options: [{ value: 'open', label: 'Open' }] },
  { key: 'name', type: 'text', label: 'Name' },
  { key: 'paid_at', type: 'datetime', label: 'Paid at' },
  { key: 'due', type: 'date', label: 'Due' },
  { key: 'notes', type: 'textarea', label: 'Notes' },
  { key: 'tier', type: 'select', label: 'Tier', options: [], formula: { var: 'x' } },
  { key: 'photos', type: 'files', label: 'Photos' },
];
const form = { key: 'job', name: 'Job', fields } as FormDef;

describe('record list state', () => {
  it('round-trips search, sort and column filters through the URL', () => {
    const params = new URLSearchParams(
      'q=王&sort=-paid_at&fv.status=open&fc.name=Li&ff.paid_at=2026-12-01&ft.paid_at=2026-12-06&ft.due=bad',
    );
    const state = stateFromParams(params);
    expect(state).toEqual({
      q: '王',
      sort: '-paid_at',
      filters: {
        status: { kind: 'option', value: 'open' },
        name: { kind: 'text', text: 'Li' },
        paid_at: { kind: 'days', from: '2026-12-01', to: '2026-12-06' },
      },
    });
    expect(
      stateFromParams(
        new URLSearchParams(
          Object.entries(stateParams(state)).filter((e): e is [string, string] => e[1] !== undefined),
        ),
      ),
    ).toEqual(state);
  });

  it('turns filters into JSON Logic, a datetime day being the server zone’s day', () => {
    const logic = filterLogic(
      fields,
      stateFromParams(
        new URLSearchParams(
          'fv.status=open&fc.name=%20Li%20&ff.paid_at=2026-12-01&ft.paid_at=2026-12-06&ff.due=2026-12-02&fv.nope=1&fc.tier=x',
        ),
      ).filters,
      'Asia/Shanghai',
    );
    expect(logic).toEqual({
      and: [
        { '==': [{ var: 'status' }, 'open'] },
        { in: ['Li', { var: 'name' }] },
        { '>=': [{ var: 'paid_at' }, '2026-11-30T16:00:00.000Z'] },
        { '<': [{ var: 'paid_at' }, '2026-12-06T16:00:00.000Z'] },
        { '>=': [{ var: 'due' }, '2026-12-02'] },
      ],
    });
    expect(filterLogic(fields, {}, 'UTC')).toBeUndefined();
  });

  it('finds the start of a local day across a daylight-saving change', () => {
    expect(dayStart('2026-03-08', 'America/New_York')).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStart('2026-03-09', 'America/New_York')).toBe('2026-03-09T04:00:00.000Z');
  });

  it('heads a list with the title field and offers the other one-cell fields, computed ones not by default', () => {
    expect(titleField(form)?.key).toBe('no');
    expect(listableFields(form).map((f) => f.key)).toEqual(['status', 'name', 'paid_at', 'due', 'tier']);
    expect(defaultColumns(listableFields(form))).toEqual(['status', 'name', 'paid_at', 'due']);
    expect([nextSort(undefined, 'due'), nextSort('due', 'due'), nextSort('-due', 'due')]).toEqual([
      'due',
      '-due',
      undefined,
    ]);
  });
});

describe('spans of time', () => {
  it('reads the two largest units in either language', () => {
    expect(spanText(125, 'zh-CN')).toBe('2 小时 5 分');
    expect(spanText(125, 'en')).toBe('2 h 5 min');
    expect(spanText(120, 'en')).toBe('2 h');
    expect(spanText(3 * 1440 + 61, 'zh-CN')).toBe('3 天 1 小时');
    expect(spanText(0.2, 'en')).toBe('<1 min');
    expect(spanText(null, 'en')).toBe('—');
  });

  it('reads a number field by its unit, and nothing for fields without one', () => {
    expect(fieldSpanText('hours', 0.08333333333333333, 'zh-CN')).toBe('5 分');
    expect(fieldSpanText('minutes', 71, 'en')).toBe('1 h 11 min');
    expect(fieldSpanText('days', 1.5, 'en')).toBe('1 d 12 h');
    expect(fieldSpanText(undefined, 3, 'en')).toBeUndefined();
  });
});
