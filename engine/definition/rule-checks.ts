/**
 * Every JSON Logic rule of the bundle goes through `checkRule` with the fields it may read:
 * `visibleIf`/`formula` (the form's fields; inside a table, its columns too), branch `when`,
 * record `target` and `set` values (the flow's form, whose record they read), widget `filter`
 * (the widget's form). When a form cannot be resolved, only operations and unsafe names are checked.
 */
import type { Problem } from '../errors.js';
import { pointer, pointerSegment } from '../errors.js';
import { checkRule } from '../rules/index.js';
import type { BundleIndex, FieldInfo } from './bundle-index.js';
import { entries, keyAt, list, own } from './bundle-reader.js';

function checkIfPresent(
  owner: unknown,
  property: string,
  path: string,
  knownFields: ReadonlySet<string> | undefined,
  problems: Problem[],
): void {
  const rule = own(owner, property);
  if (rule !== undefined) problems.push(...checkRule(rule, { path: `${path}/${property}`, knownFields }));
}

function checkFieldRules(field: FieldInfo, knownFields: ReadonlySet<string>, problems: Problem[]): void {
  checkIfPresent(field.raw, 'visibleIf', field.path, knownFields, problems);
  checkIfPresent(field.raw, 'formula', field.path, knownFields, problems);
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
  for (const flow of index.flows) {
    const known = flow.form?.fieldKeys;
    for (const node of flow.nodes.values()) {
      if (node.type === 'branch') {
        list(own(node.raw, 'cases')).forEach((c, i) =>
          checkIfPresent(c, 'when', `${node.path}/cases/${i}`, known, problems),
        );
      }
      if (node.type === 'record') {
        checkIfPresent(node.raw, 'target', node.path, known, problems);
        for (const [key, rule] of entries(own(node.raw, 'set'))) {
          problems.push(
            ...checkRule(rule, { path: `${node.path}/set/${pointerSegment(key)}`, knownFields: known }),
          );
        }
      }
    }
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
