/** `node_time`: how long each task step of a flow takes (average, median, 90th percentile), as bars. */
import { processWidget } from './process-widget.js';

export const nodeTimeWidget = processWidget(
  'node_time',
  { en: 'Time per step', zh: '节点耗时' },
  {
    en: 'How long each step of a flow takes: average, median and 90th percentile.',
    zh: '流程各节点的处理时长：平均值、中位数与 90 分位。',
  },
  'timer',
);
