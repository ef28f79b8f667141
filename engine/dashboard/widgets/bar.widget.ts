/**
 * `bar`: a chart.js bar chart. The first dimension gives the labels, a second one splits each
 * measure into one series per value; without dimensions, one bar per measure.
 */
import {
  clickThroughProperty,
  colorsProperty,
  dimensionsProperty,
  measuresProperty,
  orderProperties,
  type WidgetTypeModule,
} from './widget-type.js';

export const barWidget: WidgetTypeModule = {
  description: {
    type: 'bar',
    label: { en: 'Bar chart', zh: '柱状图' },
    summary: {
      en: 'Compares figures across groups, such as requests by status.',
      zh: '按分组比较数字，例如各状态的工单数。',
    },
    icon: 'bar-chart-3',
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
      en: 'Top N: the others are left out.',
      zh: '前 N 项：其余的不显示。',
    }),
    colorsProperty,
    clickThroughProperty('A bar opens its records', '点击柱子查看对应数据'),
  ],
};
