/**
 * `kpi`: one figure (the first measure) over the dashboard's range, with the same figure over the
 * previous period of equal length and the change between them (unless `compare` is `none`). It
 * groups nothing, so `dimensions` are ignored: a warning says so.
 */
import { list, own } from '../../definition/bundle-reader.js';
import { prop } from '../../definition/property-list.js';
import { colorsProperty, measuresProperty, type WidgetTypeModule } from './widget-type.js';

export const kpiWidget: WidgetTypeModule = {
  description: {
    type: 'kpi',
    label: { en: 'Key figure', zh: '指标卡' },
    summary: {
      en: 'One figure, compared with the previous period.',
      zh: '一个关键数字，并与上一周期对比。',
    },
    icon: 'gauge',
    category: 'number',
  },
  definitionSchema: { properties: { compare: { enum: ['previous_period', 'none'] } } },
  properties: [
    measuresProperty('Figure', '指标', {
      en: 'The card shows the first one.',
      zh: '卡片显示第一个指标。',
    }),
    { ...colorsProperty, help: { en: 'The first colours the figure.', zh: '第一个颜色用于数字。' } },
    prop('/compare', 'select', 'Compare with', '对比', {
      default: 'previous_period',
      help: {
        en: 'The same figure over the period of equal length just before the chosen one, and the change.',
        zh: '与所选时段之前等长时段的同一指标对比，并显示变化。',
      },
      choices: [
        { value: 'previous_period', label: { en: 'The previous period', zh: '上一周期' } },
        { value: 'none', label: { en: 'Nothing', zh: '不对比' } },
      ],
    }),
  ],
  check({ widget, path, problems }) {
    if (list(own(widget, 'dimensions')).length === 0) return;
    problems.push({
      path: `${path}/dimensions`,
      code: 'widget.dimensions_ignored',
      message: 'A key figure groups nothing, so its dimensions are ignored.',
      severity: 'warning',
    });
  },
};
