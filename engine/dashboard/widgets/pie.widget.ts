/**
 * `pie`: a chart.js pie chart. The first dimension gives the labels, a second one splits each
 * measure into one series per value; without dimensions, one slice per measure.
 */
import {
  clickThroughProperty,
  colorsProperty,
  dimensionsProperty,
  measuresProperty,
  orderProperties,
  type WidgetTypeModule,
} from './widget-type.js';

export const pieWidget: WidgetTypeModule = {
  description: {
    type: 'pie',
    label: { en: 'Pie chart', zh: '饼图' },
    summary: {
      en: "Shows each group's share of the whole, such as requests by channel.",
      zh: '展示各分组所占比例，例如各渠道的工单占比。',
    },
    icon: 'pie-chart',
    category: 'chart',
  },
  definitionSchema: { properties: {} },
  properties: [
    dimensionsProperty('Group by', '分组依据', {
      en: 'The first gives the labels; a second splits each figure into series.',
      zh: '第一个作为标签；第二个把每个指标拆成多个系列。',
    }),
    measuresProperty('Figures', '指标', { en: 'Counts, sums, averages…', zh: '计数、求和、平均值等。' }),
    ...orderProperties({
      en: 'Top N: the others make one “Other” slice.',
      zh: '前 N 项：其余合并为“其他”。',
    }),
    colorsProperty,
    clickThroughProperty('A slice opens its records', '点击扇区查看对应数据'),
  ],
};
