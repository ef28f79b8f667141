/**
 * `throughput`: cases of a flow started and finished over the period, and finishes per day, week
 * (the default) or month by outcome.
 */
import { prop } from '../../definition/property-list.js';
import { processWidget } from './process-widget.js';
import type { WidgetTypeModule } from './widget-type.js';

const base = processWidget(
  'throughput',
  { en: 'Throughput', zh: '流程吞吐量' },
  {
    en: 'Cases started and finished, and finishes per day, week or month by outcome.',
    zh: '发起与办结的流程数，以及每天、每周或每月按结果的办结数。',
  },
  'activity',
);

export const throughputWidget: WidgetTypeModule = {
  ...base,
  definitionSchema: {
    properties: { ...base.definitionSchema.properties, bucket: { enum: ['day', 'week', 'month'] } },
    required: base.definitionSchema.required ?? [],
  },
  properties: [
    ...base.properties,
    prop('/bucket', 'select', 'Finishes per', '办结数统计周期', {
      default: 'week',
      help: { en: 'The periods of the chart, in local dates.', zh: '图表按本地日期分段。' },
      choices: [
        { value: 'day', label: { en: 'Day', zh: '按天' } },
        { value: 'week', label: { en: 'Week', zh: '按周' } },
        { value: 'month', label: { en: 'Month', zh: '按月' } },
      ],
    }),
  ],
};
