/**
 * Process analytics widgets in the definition (issue 22): `node_time`, `sla_breach`, `throughput`
 * and `bottleneck` name a flow of the app instead of a form and measures; an unknown flow is a
 * problem at the widget's `flow`; the other widget types still need their form and measures; the
 * palette lists them under `process` and their panel offers the flow, not the form or filter; they
 * add no index. The bottleneck ranking puts overdue work first.
 */
import { describe, expect, it } from 'vitest';
import {
  describeWidgetTypes,
  queriedFields,
  bundleWarnings,
  validateWidget,
  type AppBundle,
} from '../../engine/index.js';
import { widgetProperties } from '../../engine/dashboard/index.js';
import { byLoad } from '../../runtime/reports/process-widgets.js';
import type { NodeFigures } from '../../contract/index.js';
import { found, validBundle, type Loose } from './definition-test-kit.js';

const PROCESS = ['node_time', 'sla_breach', 'throughput', 'bottleneck'];

function withProcessWidgets(): Loose {
  const bundle: Loose = validBundle();
  bundle.dashboards[0].widgets.push(
    ...PROCESS.map((type) => ({ key: `p_${type}`, type, flow: 'repair_flow' })),
  );
  return bundle;
}

const dashboardProblems = (bundle: unknown) => found(bundle).filter((p) => p.path.startsWith('/dashboards/'));

describe('process widgets in the definition', () => {
  it('accept a flow of the app, with no form or measures', () => {
    expect(dashboardProblems(withProcessWidgets())).toEqual([]);
  });

  it('flag a flow the app does not define, at the widget’s flow', () => {
    const bundle = withProcessWidgets();
    bundle.dashboards[0].widgets[3].flow = 'gone';
    expect(dashboardProblems(bundle)).toEqual([
      { path: '/dashboards/0/widgets/3/flow', code: 'ref.unknown_flow' },
    ]);
  });

  it('need a flow, while the other types still need a form and measures', () => {
    const bundle = withProcessWidgets();
    delete bundle.dashboards[0].widgets[4].flow;
    delete bundle.dashboards[0].widgets[0].form;
    delete bundle.dashboards[0].widgets[0].measures;
    expect(dashboardProblems(bundle)).toEqual(
      expect.arrayContaining([
        { path: '/dashboards/0/widgets/4/flow', code: 'schema.required' },
        { path: '/dashboards/0/widgets/0/form', code: 'schema.required' },
        { path: '/dashboards/0/widgets/0/measures', code: 'schema.required' },
      ]),
    );
  });

  it('warn that a form, filter, dimensions or measures are ignored', () => {
    const bundle = withProcessWidgets();
    Object.assign(bundle.dashboards[0].widgets[3], { form: 'repair', measures: [{ op: 'count' }] });
    const warnings = bundleWarnings(bundle).filter((p) => p.path.startsWith('/dashboards/0/widgets/3'));
    expect(warnings.map((p) => [p.path, p.code, p.severity])).toEqual([
      ['/dashboards/0/widgets/3/form', 'widget.option_ignored', 'warning'],
      ['/dashboards/0/widgets/3/measures', 'widget.option_ignored', 'warning'],
    ]);
  });

  it('are checked alone for a preview, against the flow they name', () => {
    const bundle = validBundle() as AppBundle;
    expect(validateWidget(bundle, { key: 'w', type: 'node_time', flow: 'repair_flow' })).toEqual([]);
    expect(
      validateWidget(bundle, { key: 'w', type: 'node_time', flow: 'nope' }).map((p) => [p.path, p.code]),
    ).toEqual([['/widget/flow', 'ref.unknown_flow']]);
  });

  it('query no field of any form', () => {
    const plain = queriedFields(validBundle() as AppBundle);
    expect(queriedFields(withProcessWidgets() as AppBundle)).toEqual(plain);
  });
});

describe('process widgets in the designer', () => {
  it('are in the palette under process, after the record widgets', () => {
    const types = describeWidgetTypes();
    const process = types.filter((t) => t.category === 'process').map((t) => t.type);
    expect(process).toEqual(PROCESS);
    expect(types.slice(-4).map((t) => t.type)).toEqual(PROCESS);
    for (const t of types.filter((d) => d.category === 'process')) {
      expect(t.label.zh && t.label.en && t.summary.zh && t.summary.en).toBeTruthy();
    }
  });

  it('offer a flow picker instead of the form and filter', () => {
    const props = widgetProperties('bottleneck');
    expect(props.map((p) => [p.path, p.control])).toEqual([
      ['/key', 'key'],
      ['/title', 'localized'],
      ['/flow', 'flow'],
    ]);
    expect(widgetProperties('bar').map((p) => p.path)).toContain('/form');
  });
});

describe('the bottleneck ranking', () => {
  const node = (id: string, open: number, overdue: number, p50Ms: number | null): NodeFigures => ({
    node: id,
    name: id,
    type: 'task',
    completed: 1,
    avgMs: p50Ms,
    p50Ms,
    p90Ms: p50Ms,
    withSla: 0,
    breached: 0,
    breachRate: null,
    open,
    overdue,
  });

  it('puts overdue work first, then open tasks times their usual time', () => {
    const ranked = [
      node('quick_pile', 10, 0, 60_000), // 10 min of work waiting
      node('late', 1, 1, 60_000),
      node('slow_few', 2, 0, 3_600_000), // 2 h of work waiting
      node('idle', 0, 0, 3_600_000),
    ].sort(byLoad);
    expect(ranked.map((n) => n.node)).toEqual(['late', 'slow_few', 'quick_pile', 'idle']);
  });
});
