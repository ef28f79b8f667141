/**
 * References made by dashboards: each widget's form, and the fields its dimensions and measures
 * name. Measures other than `count` need a field, and `sum`/`avg` need a numeric one.
 */
import type { Problem } from '../errors.js';
import { pointer } from '../errors.js';
import type { BundleIndex } from './bundle-index.js';
import { keyAt, list, own, stringAt } from './bundle-reader.js';

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['number', 'integer', 'money', 'rating']);

export function checkDashboardReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  list(own(index.raw, 'dashboards')).forEach((dashboard, d) => {
    list(own(dashboard, 'widgets')).forEach((widget, w) => {
      const path = pointer('dashboards', d, 'widgets', w);
      const formKey = keyAt(widget, 'form');
      if (formKey === undefined) return;
      const form = index.forms.get(formKey);
      if (!form) {
        if (!index.formsReadable) return;
        problems.push({
          path: `${path}/form`,
          code: 'ref.unknown_form',
          message: `The widget reads form "${formKey}", which this app does not define.`,
        });
        return;
      }
      list(own(widget, 'dimensions')).forEach((dimension, i) => {
        const field = keyAt(dimension, 'field');
        if (field !== undefined && !form.fieldKeys.has(field)) {
          problems.push({
            path: `${path}/dimensions/${i}/field`,
            code: 'ref.unknown_field',
            message: `Form "${form.key}" has no field "${field}".`,
          });
        }
      });
      list(own(widget, 'measures')).forEach((measure, i) => {
        const op = stringAt(measure, 'op');
        const fieldKey = keyAt(measure, 'field');
        if (fieldKey === undefined) {
          if (op !== undefined && op !== 'count' && own(measure, 'field') === undefined) {
            problems.push({
              path: `${path}/measures/${i}/field`,
              code: 'widget.measure_needs_field',
              message: `The measure "${op}" needs a field to compute over.`,
            });
          }
          return;
        }
        const field = form.fields.get(fieldKey);
        if (!field) {
          problems.push({
            path: `${path}/measures/${i}/field`,
            code: 'ref.unknown_field',
            message: `Form "${form.key}" has no field "${fieldKey}".`,
          });
        } else if (
          (op === 'sum' || op === 'avg') &&
          (field.type === undefined || !NUMERIC_TYPES.has(field.type))
        ) {
          problems.push({
            path: `${path}/measures/${i}/field`,
            code: 'ref.not_numeric_field',
            message: `"${op}" needs a numeric field; "${fieldKey}" is a ${field.type ?? 'malformed'} field.`,
          });
        }
      });
    });
  });
  return problems;
}
