/**
 * What the process analytics widgets share: they read a flow's cases and tasks rather than a
 * form's records, so each names a `flow` of the app (required) instead of `form` and `measures`,
 * and the panel offers a flow picker. Their figures are the flow analytics page's, over the
 * dashboard's period (runtime/reports/process-widgets.ts), for the app's staff only.
 */
import { own } from '../../definition/bundle-reader.js';
import { prop, type Bilingual, type PropertySpec } from '../../definition/property-list.js';
import { ref } from '../../definition/schema-parts.js';
import type { WidgetTypeModule } from './widget-type.js';

/** What a widget over records has and a process widget ignores. */
const RECORD_OPTIONS = ['form', 'filter', 'dimensions', 'measures'] as const;

const flowProperty: PropertySpec = prop('/flow', 'flow', 'Flow', '流程', {
  required: true,
  help: { en: 'Figures of this flow’s cases.', zh: '统计该流程的流转数据。' },
});

/** A process widget type: `type`, its palette words and icon; the rest is common to all four. */
export function processWidget(
  type: string,
  label: Bilingual,
  summary: Bilingual,
  icon: string,
): WidgetTypeModule {
  return {
    description: { type, label, summary, icon, category: 'process' },
    reads: 'flow',
    definitionSchema: { properties: { flow: ref('key') }, required: ['flow'] },
    properties: [flowProperty],
    check({ widget, path, problems }) {
      for (const option of RECORD_OPTIONS)
        if (own(widget, option) !== undefined)
          problems.push({
            path: `${path}/${option}`,
            code: 'widget.option_ignored',
            message: `A process widget shows its flow's figures, so its ${option} is ignored.`,
            severity: 'warning',
          });
    },
  };
}
