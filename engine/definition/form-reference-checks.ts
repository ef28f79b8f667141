/**
 * References made by forms and sample data: a relation's `form` and `display` field, a form's
 * `submitRoles`, and the forms and fields sample records name.
 */
import type { Problem } from '../errors.js';
import { pointer, pointerSegment } from '../errors.js';
import type { BundleIndex, FieldInfo } from './bundle-index.js';
import { entries, keyAt, list, own } from './bundle-reader.js';
import { isValidKey } from './types.js';

function checkRelation(field: FieldInfo, index: BundleIndex, problems: Problem[]): void {
  if (field.type !== 'relation') return;
  const formKey = keyAt(field.raw, 'form');
  if (formKey === undefined) return;
  const target = index.forms.get(formKey);
  if (!target) {
    if (!index.formsReadable) return;
    problems.push({
      path: `${field.path}/form`,
      code: 'ref.unknown_form',
      message: `The relation "${field.key}" links to form "${formKey}", which this app does not define.`,
    });
    return;
  }
  const display = keyAt(field.raw, 'display');
  if (display !== undefined && !target.fieldKeys.has(display)) {
    problems.push({
      path: `${field.path}/display`,
      code: 'ref.unknown_field',
      message: `The relation "${field.key}" shows field "${display}", which form "${formKey}" does not have.`,
    });
  }
}

export function checkFormReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values()) {
    for (const field of form.fields.values()) {
      checkRelation(field, index, problems);
      for (const column of field.columns.values()) checkRelation(column, index, problems);
    }
    list(own(form.raw, 'submitRoles')).forEach((role, i) => {
      if (typeof role === 'string' && index.rolesReadable && !index.roles.has(role)) {
        problems.push({
          path: `${form.path}/submitRoles/${i}`,
          code: 'ref.unknown_role',
          message: `Form "${form.key}" lets role "${role.slice(0, 63)}" submit, but the app does not declare that role.`,
        });
      }
    });
  }

  for (const [formKey, records] of entries(own(index.raw, 'sampleData'))) {
    // An invalid form key is reported by the schema.
    if (!isValidKey(formKey)) continue;
    const path = pointer('sampleData', formKey);
    const form = index.forms.get(formKey);
    if (!form) {
      if (!index.formsReadable) continue;
      problems.push({
        path,
        code: 'ref.unknown_form',
        message: `Sample data is given for form "${formKey.slice(0, 63)}", which this app does not define.`,
      });
      continue;
    }
    list(records).forEach((record, i) => {
      for (const [fieldKey] of entries(record)) {
        if (!form.fieldKeys.has(fieldKey)) {
          problems.push({
            path: `${path}/${i}/${pointerSegment(fieldKey)}`,
            code: 'ref.unknown_field',
            message: `Form "${form.key}" has no field "${fieldKey.slice(0, 63)}".`,
          });
        }
      }
    });
  }
  return problems;
}
