/**
 * `bottleneck`: a flow's task steps ranked by the work waiting at them — overdue tasks first, then
 * open tasks times the time a task usually spends there — with their figures, as a table.
 */
import { processWidget } from './process-widget.js';

export const bottleneckWidget = processWidget(
  'bottleneck',
  { en: 'Bottlenecks', zh: '瓶颈节点' },
  {
    en: 'Steps ranked by the work waiting at them: overdue, open, time taken.',
    zh: '按积压排序的节点：超时待办、待办数与耗时。',
  },
  'traffic-cone',
);
