/**
 * `pivot`: a cross table. The first dimension gives the rows, a second one the column groups; each
 * cell holds the measures, with grand totals.
 */
import {
  clickThroughProperty,
  dimensionsProperty,
  measuresProperty,
  orderProperties,
  type WidgetTypeModule,
} from './widget-type.js';

export const pivotWidget: WidgetTypeModule = {
  description: {
    type: 'pivot',
    label: { en: 'Pivot table', zh: '透视表' },
    summary: {
      en: 'Figures by one or two groupings, with totals.',
      zh: '按一到两个维度交叉汇总，并给出合计。',
    },
    icon: 'grid-3x3',
    category: 'table',
  },
  definitionSchema: { properties: {} },
  properties: [
    dimensionsProperty('Rows and columns', '行与列', {
      en: 'The first gives the rows, a second the columns.',
      zh: '第一个作为行，第二个作为列。',
    }),
    measuresProperty('Figures', '指标', { en: 'Shown in every cell.', zh: '显示在每个单元格中。' }),
    ...orderProperties({
      en: 'Top N rows: the others are not shown; the totals still count every record.',
      zh: '前 N 行：其余的行不显示，合计仍包含全部记录。',
    }),
    clickThroughProperty('A row or cell opens its records', '点击行或单元格查看对应数据'),
  ],
};
