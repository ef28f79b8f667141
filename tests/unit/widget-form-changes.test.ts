/**
 * Widgets follow their form: a field a widget reads that is deleted, or retyped so it no longer
 * fits what the widget does with it, is a validator problem at the widget's JSON path (the draft
 * shows it, publishing refuses it), never a widget that comes out empty. An unsaved widget is
 * checked the same way (`validateWidget`, what the preview route runs), its problems at /widget/….
 */
import { describe, expect, it } from 'vitest';
import { validateWidget } from '../../engine/index.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

/** The problems of the bundle's dashboards (deleting a field also breaks the flows that read it). */
function dashboardProblems(bundle: Loose): { path: string; code: string }[] {
  return found(bundle).filter((p) => p.path.startsWith('/dashboards/'));
}

function field(bundle: Loose, key: string): Loose {
  return bundle.forms[1].fields.find((f: Loose) => f.key === key);
}

describe('widgets checked against form changes', () => {
  it('flags a widget whose grouped or measured field was deleted', () => {
    const bundle = validBundle();
    bundle.forms[1].fields = bundle.forms[1].fields.filter(
      (f: Loose) => f.key !== 'fault' && f.key !== 'rating',
    );
    expect(dashboardProblems(bundle)).toEqual([
      { path: '/dashboards/0/widgets/1/dimensions/0/field', code: 'ref.unknown_field' },
      { path: '/dashboards/0/widgets/2/measures/0/field', code: 'ref.unknown_field' },
    ]);
  });

  it('flags a grouped field retyped to one that holds no single value', () => {
    const bundle = validBundle();
    const fault = field(bundle, 'fault');
    fault.type = 'multiselect';
    expect(dashboardProblems(bundle)).toEqual([
      { path: '/dashboards/0/widgets/1/dimensions/0/field', code: 'widget.not_groupable_field' },
    ]);
  });

  it('flags a date bucket whose field is no longer a date or time', () => {
    const bundle = validBundle();
    const paid = field(bundle, 'paid_at');
    paid.type = 'text';
    expect(dashboardProblems(bundle)).toEqual([
      { path: '/dashboards/0/widgets/2/dimensions/0/bucket', code: 'widget.bucket_needs_date' },
    ]);
  });

  it('flags a sum, average, minimum or maximum whose field is no longer numeric', () => {
    const bundle = validBundle();
    field(bundle, 'quote').type = 'text';
    field(bundle, 'rating').type = 'select';
    field(bundle, 'rating').options = [{ value: 'good', label: 'Good' }];
    bundle.dashboards[0].widgets[0].measures.push(
      { op: 'min', field: 'purchase_date' },
      { op: 'max', field: 'labour_hours' },
      { op: 'count', field: 'photos' },
    );
    expect(dashboardProblems(bundle)).toEqual([
      { path: '/dashboards/0/widgets/0/measures/1/field', code: 'ref.not_numeric_field' },
      { path: '/dashboards/0/widgets/0/measures/3/field', code: 'widget.not_groupable_field' },
      { path: '/dashboards/0/widgets/1/measures/0/field', code: 'ref.not_numeric_field' },
      { path: '/dashboards/0/widgets/2/measures/0/field', code: 'ref.not_numeric_field' },
    ]);
  });

  it('passes the same widgets while their fields still fit', () => {
    expect(found(validBundle())).toEqual([]);
  });
});

describe('validateWidget: an unsaved widget', () => {
  const base = { key: 'draft_widget', type: 'bar', form: 'repair' };

  it('accepts a widget the bundle could publish', () => {
    const widget = {
      ...base,
      dimensions: [{ field: 'paid_at', bucket: 'month' }, { field: 'fault' }],
      measures: [{ op: 'count' }, { op: 'avg', field: 'quote' }],
      filter: { '==': [{ var: 'in_warranty' }, true] },
    };
    expect(validateWidget(validBundle(), widget)).toEqual([]);
  });

  it('names each problem by its path in the request', () => {
    const widget = {
      ...base,
      dimensions: [{ field: 'gone' }, { field: 'serial', bucket: 'week' }],
      measures: [
        { op: 'median', field: 'quote' },
        { op: 'sum', field: 'serial' },
      ],
      filter: { '==': [{ var: 'nowhere' }, 1] },
    };
    const problems = validateWidget(validBundle(), widget).map(({ path, code }) => ({ path, code }));
    expect(problems).toEqual(
      expect.arrayContaining([
        { path: '/widget/dimensions/0/field', code: 'ref.unknown_field' },
        { path: '/widget/dimensions/1/bucket', code: 'widget.bucket_needs_date' },
        { path: '/widget/filter/==/0/var', code: 'rule.unknown_field' },
        { path: '/widget/measures/1/field', code: 'ref.not_numeric_field' },
      ]),
    );
    expect(problems.some((p) => p.path.startsWith('/widget/measures/0'))).toBe(true);
    expect(problems.every((p) => p.path.startsWith('/widget'))).toBe(true);
  });

  it('refuses a form the app does not have and a widget that is not an object', () => {
    expect(validateWidget(validBundle(), { ...base, form: 'nope', measures: [{ op: 'count' }] })).toEqual([
      expect.objectContaining({ path: '/widget/form', code: 'ref.unknown_form' }),
    ]);
    expect(validateWidget(validBundle(), 'bar').length).toBeGreaterThan(0);
  });
});
