/**
 * `sla_breach`: the share of a flow's completed tasks that missed their due time, for the whole
 * flow (the card's figure) and per step (bars).
 */
import { processWidget } from './process-widget.js';

export const slaBreachWidget = processWidget(
  'sla_breach',
  { en: 'SLA breach rate', zh: '超时率' },
  {
    en: 'Completed tasks that missed their due time, overall and per step.',
    zh: '已完成任务中超过时限的比例，整体与各节点。',
  },
  'alarm-clock',
);
