/**
 * Runs the semantic checks each kind owns: every flow node's kind (`engine/flow/kinds`), every
 * field's type, a table's columns included (`engine/form/fields`), and every widget's type
 * (`engine/dashboard/widgets`). Errors and warnings come back together; a warning carries
 * `severity: 'warning'`. A node, field or widget whose type is unknown is the schema's to report.
 */
import { widgetType } from '../dashboard/widgets/registry.js';
import type { Problem } from '../errors.js';
import { pointer } from '../errors.js';
import { kindOf } from '../flow/kinds/registry.js';
import { fieldType } from '../form/fields/registry.js';
import type { BundleIndex, FieldInfo, FormInfo } from './bundle-index.js';
import { keyAt, list, own } from './bundle-reader.js';

function checkField(index: BundleIndex, form: FormInfo, field: FieldInfo, problems: Problem[]): void {
  fieldType(field.type)?.check?.({ index, form, field, problems });
  for (const column of field.columns.values()) checkField(index, form, column, problems);
}

export function checkKinds(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const flow of index.flows) {
    for (const node of flow.nodes.values()) {
      if (node.type === undefined) continue;
      kindOf({ type: node.type })?.check?.({ index, flow, node, problems });
    }
  }
  for (const form of index.forms.values())
    for (const field of form.fields.values()) checkField(index, form, field, problems);
  list(own(index.raw, 'dashboards')).forEach((dashboard, d) => {
    list(own(dashboard, 'widgets')).forEach((widget, w) => {
      const formKey = keyAt(widget, 'form');
      widgetType(own(widget, 'type'))?.check?.({
        index,
        widget,
        path: pointer('dashboards', d, 'widgets', w),
        form: formKey === undefined ? undefined : index.forms.get(formKey),
        problems,
      });
      // The schema's widget object is shared by every type, so any widget may carry the
      // throughput widget's `bucket`; only throughput counts by it.
      if (own(widget, 'bucket') !== undefined && own(widget, 'type') !== 'throughput')
        problems.push({
          path: `${pointer('dashboards', d, 'widgets', w)}/bucket`,
          code: 'widget.option_ignored',
          message: 'Only a throughput widget counts by a bucket; a date dimension has its own.',
          severity: 'warning',
        });
    });
  });
  return problems;
}
