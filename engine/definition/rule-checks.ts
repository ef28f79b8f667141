/**
 * The JSON Logic rules of forms and dashboards go through `checkRule` with the fields they may
 * read: `visibleIf`/`formula`/`validations[].rule` (the form's fields; inside a table, its columns too), a form's
 * `priority`, widget `filter` (the widget's form). When a form cannot be resolved, only operations
 * and unsafe names are checked. Rules inside flow nodes (a branch's `when`, a record node's `set`)
 * are their node kind's to check (`engine/flow/kinds`).
 */
import type { Problem } from '../errors.js';
import { pointer } from '../errors.js';
import type { BundleIndex, FieldInfo } from './bundle-index.js';
import { keyAt, list, own } from './bundle-reader.js';
import { checkRuleAt as checkIfPresent } from './check-helpers.js';

function checkFieldRules(field: FieldInfo, knownFields: ReadonlySet<string>, problems: Problem[]): void {
  checkIfPresent(field.raw, 'visibleIf', field.path, knownFields, problems);
  checkIfPresent(field.raw, 'formula', field.path, knownFields, problems);
  list(own(field.raw, 'validations')).forEach((validation, i) =>
    checkIfPresent(validation, 'rule', `${field.path}/validations/${i}`, knownFields, problems),
  );
  if (field.columns.size === 0) return;
  const rowFields = new Set([...knownFields, ...field.columns.keys()]);
  for (const column of field.columns.values()) checkFieldRules(column, rowFields, problems);
}

export function checkRules(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values()) {
    for (const field of form.fields.values()) checkFieldRules(field, form.fieldKeys, problems);
    checkIfPresent(form.raw, 'priority', form.path, form.fieldKeys, problems);
  }
  list(own(index.raw, 'dashboards')).forEach((dashboard, d) => {
    list(own(dashboard, 'widgets')).forEach((widget, w) => {
      const formKey = keyAt(widget, 'form');
      const known = formKey === undefined ? undefined : index.forms.get(formKey)?.fieldKeys;
      checkIfPresent(widget, 'filter', pointer('dashboards', d, 'widgets', w), known, problems);
    });
  });
  return problems;
}
