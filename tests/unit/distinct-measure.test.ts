/**
 * The distinct count figure (`op: 'distinct'`, 去重计数): the schema accepts it, it needs a field
 * that holds one value (a select, relation, user, text, number or date field; not a table, files
 * or multiselect field), every widget type's figure list offers it in zh and en, and it reads as
 * "<field>去重计数" / "Distinct <field>" and as a plain number (not the field's money).
 */
import { describe, expect, it } from 'vitest';
import { widgetTypeModules } from '../../engine/dashboard/index.js';
import { validateWidget, type FieldDef, type FormDef, type WidgetDef } from '../../engine/index.js';
import { measureLabel } from '../../runtime/reports/widget-compute.js';
import { measureFormat } from '../../ui/widgets/measures.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

const AT = '/dashboards/0/widgets/1';

/** The problems of the bundle whose second widget (a bar chart of repairs by fault) has `measures`. */
function problemsOf(measures: unknown[]): { path: string; code: string }[] {
  const bundle: Loose = validBundle();
  bundle.dashboards[0].widgets[1].measures = measures;
  return found(bundle).filter((p) => p.path.startsWith(AT));
}

describe('a distinct count in a bundle', () => {
  it('counts a select, relation, user, text, money, date or autonumber field', () => {
    const fields = ['fault', 'customer', 'technician', 'serial', 'quote', 'purchase_date', 'ticket_no'];
    expect(problemsOf(fields.map((field) => ({ op: 'distinct', field })))).toEqual([]);
  });

  it('needs a field that holds one value, each problem at its measure', () => {
    expect(
      problemsOf([
        { op: 'count' },
        { op: 'distinct' },
        { op: 'distinct', field: 'parts' },
        { op: 'distinct', field: 'photos' },
        { op: 'distinct', field: 'symptoms' },
        { op: 'distinct', field: 'gone' },
      ]),
    ).toEqual([
      { path: `${AT}/measures/1/field`, code: 'widget.measure_needs_field' },
      { path: `${AT}/measures/2/field`, code: 'widget.not_groupable_field' },
      { path: `${AT}/measures/3/field`, code: 'widget.not_groupable_field' },
      { path: `${AT}/measures/4/field`, code: 'widget.not_groupable_field' },
      { path: `${AT}/measures/5/field`, code: 'ref.unknown_field' },
    ]);
  });

  it('is a measure op of the widget schema; an unknown op is still refused', () => {
    const widget = { key: 'w', type: 'pie', form: 'repair', dimensions: [{ field: 'fault' }] };
    expect(
      validateWidget(validBundle(), { ...widget, measures: [{ op: 'distinct', field: 'customer' }] }),
    ).toEqual([]);
    expect(validateWidget(validBundle(), { ...widget, measures: [{ op: 'distinct_count' }] })).toContainEqual(
      expect.objectContaining({ path: '/widget/measures/0/op' }),
    );
  });
});

describe('the figure list offers a distinct count', () => {
  it('in every record widget type, in zh and en', () => {
    const types = widgetTypeModules().filter((m) => m.properties.some((p) => p.path === '/measures'));
    expect(types.map((m) => m.description.type)).toEqual(
      expect.arrayContaining(['kpi', 'bar', 'line', 'pie', 'pivot', 'table']),
    );
    for (const m of types) {
      const op = m.properties.find((p) => p.path === '/measures')!.items!.find((p) => p.path === '/op')!;
      expect(op.choices).toContainEqual({
        value: 'distinct',
        label: { en: 'Distinct count', zh: '去重计数' },
      });
    }
  });
});

describe('a distinct figure reads', () => {
  const fields: FieldDef[] = [
    {
      key: 'customer',
      type: 'relation',
      label: { en: 'Customer', zh: '客户' },
      form: 'customer',
      display: 'name',
    },
    { key: 'quote', type: 'money', label: { en: 'Quote', zh: '报价' }, currency: 'CNY' },
  ];
  const form = { key: 'repair', name: 'Repair', fields } as FormDef;

  it('as the field and 去重计数 / Distinct, unless it has its own name', () => {
    expect(measureLabel(form, { op: 'distinct', field: 'customer' }, 'zh')).toBe('客户去重计数');
    expect(measureLabel(form, { op: 'distinct', field: 'customer' }, 'en')).toBe('Distinct Customer');
    expect(measureLabel(form, { op: 'distinct', field: 'createdBy' }, 'zh')).toBe('创建人去重计数');
    expect(measureLabel(form, { op: 'distinct', field: 'customer', label: { zh: '客户数' } }, 'zh')).toBe(
      '客户数',
    );
  });

  it('as a plain count, not in the counted field’s money', () => {
    const def: WidgetDef = {
      key: 'w',
      type: 'kpi',
      form: 'repair',
      measures: [
        { op: 'distinct', field: 'quote' },
        { op: 'sum', field: 'quote' },
      ],
    };
    const format = measureFormat(def, fields, 'en');
    expect(format(0, 1200)).toBe('1,200');
    expect(format(1, 1200)).not.toBe('1,200');
  });
});
