/** `throughput`: cases of a flow started and finished over the period, and finishes per week by outcome. */
import { processWidget } from './process-widget.js';

export const throughputWidget = processWidget(
  'throughput',
  { en: 'Throughput', zh: '流程吞吐量' },
  {
    en: 'Cases started and finished, and finishes per week by outcome.',
    zh: '发起与办结的流程数，以及每周按结果的办结数。',
  },
  'activity',
);
