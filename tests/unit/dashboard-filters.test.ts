/**
 * Dashboard filters (issue 22): a dashboard may design its filter bar: the period's date field and
 * the range it opens on, and the select, relation and user fields offered. A filter field must be
 * one some widget's form has with a type the filter works on (a widget whose form lacks it ignores
 * it); the fields get indexes; deleting one shows the filter among its uses. Without `filters` the
 * bar is derived from the widgets' groups, as before. A KPI compares with the previous period
 * unless told not to. The web app offers a designed default range as a quick pick.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { presetRange, type AppBundle } from '../../engine/index.js';
import { fieldUsages } from '../../engine/definition/field-usages.js';
import { queriedFields } from '../../engine/definition/queried-fields.js';
import { RangePicker, today } from '../../runtime/web/src/reports/date-range.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

function problemsOf(bundle: Loose) {
  return found(bundle).filter((p) => p.path.startsWith('/dashboards/'));
}

describe('dashboard filters in the definition', () => {
  it('accepts a period on a date field and select, relation and user filters', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = {
      date: { field: 'purchase_date', default: 'this_month' },
      fields: ['fault', 'customer', 'technician'],
    };
    expect(problemsOf(bundle)).toEqual([]);
  });

  it('accepts the creation time as the period field, and no field at all', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = { date: { field: 'createdAt', default: '30d' } };
    expect(problemsOf(bundle)).toEqual([]);
    bundle.dashboards[0].filters = {};
    expect(problemsOf(bundle)).toEqual([]);
  });

  it('flags a filter field no widget form has, at its path', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = { fields: ['fault', 'colour'], date: { field: 'shipped_on' } };
    expect(problemsOf(bundle)).toEqual([
      { path: '/dashboards/0/filters/date/field', code: 'ref.unknown_field' },
      { path: '/dashboards/0/filters/fields/1', code: 'ref.unknown_field' },
    ]);
  });

  it('flags a filter field of the wrong type', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = { fields: ['quote'], date: { field: 'status' } };
    expect(problemsOf(bundle)).toEqual([
      { path: '/dashboards/0/filters/date/field', code: 'dashboard.filter_needs_date' },
      { path: '/dashboards/0/filters/fields/0', code: 'dashboard.filter_not_choice' },
    ]);
  });

  it('flags a field retyped after the filter was designed', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = { fields: ['fault'] };
    bundle.forms[1].fields.find((f: Loose) => f.key === 'fault').type = 'text';
    delete bundle.forms[1].fields.find((f: Loose) => f.key === 'fault').options;
    expect(problemsOf(bundle).map((p) => p.path)).toContain('/dashboards/0/filters/fields/0');
  });

  it('refuses an unknown default range and an unknown option, with clear paths', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = { date: { default: 'fortnight' }, colour: true };
    expect(problemsOf(bundle).map((p) => p.path)).toEqual([
      '/dashboards/0/filters/colour',
      '/dashboards/0/filters/date/default',
    ]);
  });

  it('takes a KPI comparison of previous_period or none, and nothing else', () => {
    const bundle = validBundle();
    bundle.dashboards[0].widgets[0].compare = 'none';
    expect(problemsOf(bundle)).toEqual([]);
    bundle.dashboards[0].widgets[0].compare = 'last_year';
    expect(problemsOf(bundle).map((p) => p.path)).toEqual(['/dashboards/0/widgets/0/compare']);
  });
});

describe('indexes and uses of filter fields', () => {
  it('indexes the designed filter fields instead of those derived from the groups', () => {
    const bundle = validBundle() as AppBundle;
    const derived = queriedFields(bundle).get('repair')!;
    expect(derived.get('fault')).toContain('dashboard overview: filter bar');
    bundle.dashboards[0]!.filters = { date: { field: 'purchase_date' }, fields: ['technician'] };
    const designed = queriedFields(bundle).get('repair')!;
    expect(designed.get('technician')).toEqual(['dashboard overview: filter bar']);
    expect(designed.get('purchase_date')).toEqual(['dashboard overview: filter bar']);
    // Still grouped by the bar chart, but no longer on the bar.
    expect(designed.get('fault')).not.toContain('dashboard overview: filter bar');
  });

  it('lists a filter among the uses of its field, and renames it with the field', () => {
    const bundle = validBundle();
    bundle.dashboards[0].filters = {
      date: { field: 'purchase_date' },
      fields: ['fault', 'technician', 'tier'],
    };
    const uses = fieldUsages(bundle, { form: 'repair', field: 'technician' }, { renameTo: 'engineer' });
    expect(uses.filter((u) => u.path.startsWith('/dashboards/'))).toEqual([
      expect.objectContaining({
        path: '/dashboards/0/filters/fields/1',
        via: 'list-item',
        replacement: 'engineer',
        description: expect.objectContaining({ zh: expect.stringContaining('筛选条件') }),
      }),
    ]);
    const date = fieldUsages(bundle, { form: 'repair', field: 'purchase_date' });
    expect(date.map((u) => u.path)).toContain('/dashboards/0/filters/date/field');
    // Another form's field of the same key is not used by a dashboard that does not read it.
    const tier = fieldUsages(bundle, { form: 'customer', field: 'tier' });
    expect(tier.filter((u) => u.path.startsWith('/dashboards/'))).toEqual([]);
  });
});

describe('the ranges a dashboard opens on', () => {
  const today = '2026-05-14';
  it.each([
    ['today', '2026-05-14', '2026-05-14'],
    ['7d', '2026-05-08', '2026-05-14'],
    ['30d', '2026-04-15', '2026-05-14'],
    ['this_month', '2026-05-01', '2026-05-14'],
    ['last_month', '2026-04-01', '2026-04-30'],
    ['this_quarter', '2026-04-01', '2026-05-14'],
    ['this_year', '2026-01-01', '2026-05-14'],
  ] as const)('%s is %s to %s', (preset, from, to) => {
    expect(presetRange(preset, today)).toEqual({ from, to });
  });

  it('all time is no range; last month in January is December', () => {
    expect(presetRange('all', today)).toBeUndefined();
    expect(presetRange('last_month', '2026-01-09')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });
});

describe("the web dashboard's period picker", () => {
  const picker = (designed?: { label: string; range: { from?: string; to?: string } }) =>
    renderToString(
      createElement(RangePicker, {
        value: designed?.range ?? {},
        onChange: () => undefined,
        ...(designed ? { designed } : {}),
      }),
    );

  it('offers a designed default none of the usual picks covers, as the chosen pick', () => {
    // Last month ends before today, so no usual pick (each ends today) covers it.
    const range = presetRange('last_month', today())!;
    const html = picker({ label: '上月', range });
    expect(html).toMatch(/<button[^>]*aria-pressed="true"[^>]*data-testid="pick-designed"[^>]*>上月</);
  });

  it('adds nothing when the default is one of the usual picks (the last 30 days, all time)', () => {
    expect(picker({ label: '近 30 天', range: presetRange('30d', today())! })).not.toContain('pick-designed');
    expect(picker({ label: 'All', range: {} })).not.toContain('pick-designed');
    expect(picker()).not.toContain('pick-designed');
  });
});
