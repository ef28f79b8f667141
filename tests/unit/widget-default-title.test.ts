/**
 * A widget dropped from the designer's palette is titled with its type's name in both languages
 * (柱状图 / Bar chart), not its key; another of the same name is numbered from 2, skipping
 * numbers already used and names a designer typed; process widgets are named the same way.
 */
import { describe, expect, it } from 'vitest';
import { describeWidgetTypes } from '../../engine/dashboard/index.js';
import type { DashboardDef, WidgetType } from '../../engine/definition/types.js';
import { blankDashboard, newWidget } from '../../designer/src/dashboard-designer/dashboard-doc.js';

/** Drops `types` one after another on `dashboard`, as the palette does. */
function drop(dashboard: DashboardDef, ...types: WidgetType[]): DashboardDef {
  for (const type of types) dashboard.widgets.push(newWidget(dashboard, type, 'orders', 'handle'));
  return dashboard;
}

describe('a new widget’s title', () => {
  it('is its type’s name in Chinese and English, numbered when repeated', () => {
    const d = drop(blankDashboard('sales'), 'bar', 'bar', 'pie', 'bar');
    expect(d.widgets.map((w) => [w.key, w.title])).toEqual([
      ['bar_1', { zh: '柱状图', en: 'Bar chart' }],
      ['bar_2', { zh: '柱状图 2', en: 'Bar chart 2' }],
      ['pie_1', { zh: '饼图', en: 'Pie chart' }],
      ['bar_3', { zh: '柱状图 3', en: 'Bar chart 3' }],
    ]);
  });

  it('takes the first number no widget’s title uses, in either language', () => {
    const d = blankDashboard('sales');
    d.widgets.push(
      { key: 'a', type: 'kpi', title: '指标卡', form: 'orders', measures: [{ op: 'count' }] },
      { key: 'b', type: 'kpi', title: { en: 'Key figure 2' }, form: 'orders', measures: [{ op: 'count' }] },
    );
    drop(d, 'kpi');
    expect(d.widgets[2]!.title).toEqual({ zh: '指标卡 3', en: 'Key figure 3' });
    // A renamed widget frees its name.
    d.widgets[0]!.title = { zh: '订单数', en: 'Orders' };
    expect(drop(d, 'kpi').widgets[3]!.title).toEqual({ zh: '指标卡', en: 'Key figure' });
  });

  it('is given for every widget type, process widgets included', () => {
    const d = blankDashboard('all');
    for (const t of describeWidgetTypes()) {
      drop(d, t.type as WidgetType);
      expect(d.widgets.at(-1)!.title).toEqual(t.label);
    }
    expect(d.widgets.find((w) => w.type === 'throughput')).toMatchObject({
      title: { zh: '流程吞吐量', en: 'Throughput' },
      flow: 'handle',
    });
  });
});
