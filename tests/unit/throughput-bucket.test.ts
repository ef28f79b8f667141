/**
 * The throughput widget's `bucket` (issue 22): finishes per day, week or month. The definition
 * accepts those three and refuses any other at the widget's `bucket`, and warns that another widget
 * type ignores one; the designer's panel offers
 * them with Chinese and English names, week first chosen.
 */
import { describe, expect, it } from 'vitest';
import { widgetProperties } from '../../engine/dashboard/index.js';
import { bundleWarnings } from '../../engine/index.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

function withThroughput(bucket?: string): Loose {
  const bundle: Loose = validBundle();
  bundle.dashboards[0].widgets.push({
    key: 'rate',
    type: 'throughput',
    flow: 'repair_flow',
    ...(bucket ? { bucket } : {}),
  });
  return bundle;
}

const dashboardProblems = (bundle: unknown) => found(bundle).filter((p) => p.path.startsWith('/dashboards/'));

describe('a throughput widget’s bucket', () => {
  it('is day, week or month, or absent', () => {
    for (const bucket of [undefined, 'day', 'week', 'month'])
      expect(dashboardProblems(withThroughput(bucket))).toEqual([]);
  });

  it('refuses any other period at the widget’s bucket', () => {
    const bundle = withThroughput('year');
    const at = bundle.dashboards[0].widgets.length - 1;
    expect(dashboardProblems(bundle)).toEqual([
      expect.objectContaining({ path: `/dashboards/0/widgets/${at}/bucket` }),
    ]);
  });

  it('is a warning on any other widget, which ignores it', () => {
    const bundle = withThroughput('month');
    bundle.dashboards[0].widgets.push({
      key: 'steps',
      type: 'node_time',
      flow: 'repair_flow',
      bucket: 'day',
    });
    const at = bundle.dashboards[0].widgets.length - 1;
    const warnings = bundleWarnings(bundle).filter((p) => p.path.startsWith('/dashboards/'));
    expect(warnings.map((p) => [p.path, p.code])).toEqual([
      [`/dashboards/0/widgets/${at}/bucket`, 'widget.option_ignored'],
    ]);
  });

  it('is offered by the panel with zh/en names, week by default', () => {
    const spec = widgetProperties('throughput').find((p) => p.path === '/bucket');
    expect(spec).toMatchObject({ control: 'select', default: 'week', label: { zh: '办结数统计周期' } });
    expect(spec!.choices!.map((c) => [c.value, c.label.zh, c.label.en])).toEqual([
      ['day', '按天', 'Day'],
      ['week', '按周', 'Week'],
      ['month', '按月', 'Month'],
    ]);
    expect(widgetProperties('node_time').some((p) => p.path === '/bucket')).toBe(false);
  });
});
