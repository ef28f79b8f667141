/**
 * `table`: a page of the form's records. `dimensions` name the columns shown (without them, the
 * form's first eight plain fields); `measures` give the grand totals under the table.
 */
import { prop } from '../../definition/property-list.js';
import {
  clickThroughProperty,
  dimensionsProperty,
  measuresProperty,
  type WidgetTypeModule,
} from './widget-type.js';

export const tableWidget: WidgetTypeModule = {
  description: {
    type: 'table',
    label: { en: 'Table', zh: '明细表' },
    summary: {
      en: 'Lists the records, with totals.',
      zh: '列出数据明细，并给出合计。',
    },
    icon: 'table',
    category: 'table',
  },
  definitionSchema: { properties: {} },
  properties: [
    dimensionsProperty('Columns', '显示的列', {
      en: "Without them, the form's first eight fields.",
      zh: '不设置时显示表单的前八个字段。',
    }),
    measuresProperty('Totals', '合计', { en: 'Shown under the table.', zh: '显示在表格底部。' }),
    prop('/limit', 'integer', 'Rows per page', '每页行数', {
      help: { en: '20 unless set.', zh: '不设置时为 20。' },
    }),
    clickThroughProperty('A row opens its record', '点击行打开对应记录'),
  ],
};
