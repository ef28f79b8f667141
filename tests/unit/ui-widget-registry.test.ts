/**
 * The widget UI registry (ui/widgets/registry.ts): each dashboard widget type's card body is one
 * file and one registry line; a type without a part of its own is drawn by what its answer holds.
 */
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FieldDef, WidgetDef } from '../../engine/definition/types.js';
import type { WidgetData } from '../../runtime/web/src/reports/report-types.js';
import { registerWidgetPart } from '../../ui/widgets/registry.js';
import { WidgetCard } from '../../ui/widgets/widget-card.js';
import { gaugeWidget } from './toy-parts/gauge.widget.js';

const FIELDS = [{ key: 'fee', type: 'money', label: 'Fee', currency: 'CNY' }] as FieldDef[];

function card(
  type: string,
  answer: Partial<WidgetData>,
  measures: WidgetDef['measures'] = [{ op: 'count' }],
) {
  const def = { key: 'w', type, form: 'repairs', measures } as WidgetDef;
  const widget = { key: 'w', type, title: 'W', form: 'repairs', ...answer } as WidgetData;
  return renderToString(
    createElement(WidgetCard, {
      app: 'after_sales',
      dashboard: 'overview',
      widget,
      def,
      title: 'Repairs',
      filterParams: {},
      loading: false,
      fields: FIELDS,
    }),
  );
}

describe('built-in widget types', () => {
  it('a KPI shows its figure in its measure’s format and the change against the previous period', () => {
    const html = card(
      'kpi',
      { total: 1250, previous: 1000, change: 0.25, previousPeriod: { from: 'a', to: 'b' } },
      [{ op: 'sum', field: 'fee' }],
    );
    expect(html).toMatch(/data-testid="kpi-value"[^>]*>CN¥1,250.00</);
    expect(html).toContain('▲ 25%');
  });

  it('a pivot is a wide card with a totals row; a chart without data says so', () => {
    const pivot = card('pivot', {
      columns: [
        { key: 'd0', label: 'Channel', kind: 'dimension' },
        { key: 'm0', label: 'Count', kind: 'measure' },
      ],
      rows: [{ label: 'Phone', values: ['Phone', 3] }],
      totals: [3],
    });
    expect(pivot).toMatch(/class="card widget widget-pivot wide"/);
    expect(pivot).toMatch(/data-testid="pivot-totals"><th scope="row">Total<\/th><td class="num">3<\/td>/);
    expect(card('bar', { labels: [], series: [] })).toContain('No data for this period.');
  });
});

describe('a widget type without a UI part', () => {
  it('is drawn by what its answer holds', () => {
    expect(card('heatmap', { total: 7 })).toMatch(/data-testid="kpi-value"[^>]*>7</);
    expect(
      card('funnel', {
        rows: [{ label: 'Open', values: ['Open', 2] }],
        columns: [
          { key: 'd0', label: 'Step', kind: 'dimension' },
          { key: 'm0', label: 'n', kind: 'measure' },
        ],
      }),
    ).toContain('data-testid="pivot"');
  });
});

describe('a toy widget type with a UI part', () => {
  it('is one file and one registration line', () => {
    expect(card('gauge', { total: 40 })).not.toContain('<meter');
    registerWidgetPart('gauge', gaugeWidget);
    expect(card('gauge', { total: 40 })).toMatch(
      /<section class="card widget widget-gauge"[^>]*><h2 class="widget-title">Repairs<\/h2><meter class="gauge" min="0" max="100" value="40">40<\/meter>/,
    );
  });
});
