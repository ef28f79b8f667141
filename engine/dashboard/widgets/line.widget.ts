/**
 * `line`: a chart.js line chart. The first dimension gives the labels, a second one splits each
 * measure into one series per value; without dimensions, one point per measure.
 */
import {
  clickThroughProperty,
  colorsProperty,
  dimensionsProperty,
  measuresProperty,
  orderProperties,
  type WidgetTypeModule,
} from './widget-type.js';

export const lineWidget: WidgetTypeModule = {
  description: {
    type: 'line',
    label: { en: 'Line chart', zh: '折线图' },
    summary: {
      en: 'Shows figures over time, such as requests by month.',
      zh: '展示数字随时间的变化，例如每月工单数。',
    },
    icon: 'line-chart',
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
    clickThroughProperty('A point opens its records', '点击数据点查看对应数据'),
  ],
};
