/**
 * How a dashboard names a figure (`measureLabel` in runtime/reports/widget-compute.ts): its own
 * label when the definition gives one, else the operation and the field's label, never doubled
 * ("配件合计", not "配件合计合计").
 */
import { describe, expect, it } from 'vitest';
import type { FormDef } from '../../engine/index.js';
import { measureLabel } from '../../runtime/reports/widget-compute.js';

const form = {
  key: 'job',
  name: 'Job',
  fields: [
    { key: 'parts_total', type: 'money', label: { en: 'Parts total', zh: '配件合计' } },
    { key: 'fee', type: 'money', label: { en: 'Labour', zh: '工时费' } },
    { key: 'amount', type: 'money', label: { en: 'Grand total', zh: '总额' } },
  ],
} as FormDef;

describe('measureLabel', () => {
  it('names a sum by the field and the operation', () => {
    expect(measureLabel(form, { op: 'sum', field: 'fee' }, 'zh')).toBe('工时费合计');
    expect(measureLabel(form, { op: 'sum', field: 'fee' }, 'en')).toBe('Sum of Labour');
    expect(measureLabel(form, { op: 'avg', field: 'fee' }, 'zh')).toBe('工时费平均');
    expect(measureLabel(form, { op: 'count' }, 'en')).toBe('Count');
  });

  it('does not say total twice when the field is a total already', () => {
    expect(measureLabel(form, { op: 'sum', field: 'parts_total' }, 'zh')).toBe('配件合计');
    expect(measureLabel(form, { op: 'sum', field: 'parts_total' }, 'en')).toBe('Parts total');
    expect(measureLabel(form, { op: 'sum', field: 'amount' }, 'zh')).toBe('总额');
    // Other operations still say what they do.
    expect(measureLabel(form, { op: 'avg', field: 'parts_total' }, 'zh')).toBe('配件合计平均');
  });

  it("uses the measure's own label in the reader's language", () => {
    const m = { op: 'sum' as const, field: 'fee', label: { en: 'Collected', zh: '实收金额' } };
    expect(measureLabel(form, m, 'zh')).toBe('实收金额');
    expect(measureLabel(form, m, 'en')).toBe('Collected');
  });
});
