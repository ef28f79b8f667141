/**
 * References made by forms and sample data: a form's `submitRoles`, `readRoles`, `ownerField`,
 * `access` and `startsFrom`, and the forms and fields sample records name. What one field's
 * options name (a relation's form) is its field type's to check (`engine/form/fields`).
 */
import type { Problem } from '../errors.js';
import { pointer, pointerSegment } from '../errors.js';
import type { BundleIndex, FormInfo } from './bundle-index.js';
import { entries, keyAt, list, own } from './bundle-reader.js';
import { isValidKey } from './types.js';

/** `ownerField` grants read access to the user it names, so it must be a `user` field of the form. */
function checkOwnerField(form: FormInfo, problems: Problem[]): void {
  const owner = keyAt(form.raw, 'ownerField');
  if (owner === undefined) return;
  const field = form.fields.get(owner);
  if (!field) {
    problems.push({
      path: `${form.path}/ownerField`,
      code: 'ref.unknown_field',
      message: `Form "${form.key}" names "${owner}" as its owner field, but has no such field.`,
    });
  } else if (field.type !== 'user') {
    problems.push({
      path: `${form.path}/ownerField`,
      code: 'ref.owner_not_user',
      message: `The owner field of form "${form.key}" must be a user field; "${owner}" is a ${String(field.type)} field.`,
    });
  }
}

function checkRoleList(
  form: FormInfo,
  index: BundleIndex,
  property: 'submitRoles' | 'readRoles',
  problems: Problem[],
): void {
  const verb = property === 'submitRoles' ? 'submit' : 'read its records';
  list(own(form.raw, property)).forEach((role, i) => {
    if (typeof role === 'string' && index.rolesReadable && !index.roles.has(role)) {
      problems.push({
        path: `${form.path}/${property}/${i}`,
        code: 'ref.unknown_role',
        message: `Form "${form.key}" lets role "${role.slice(0, 63)}" ${verb}, but the app does not declare that role.`,
      });
    }
  });
}

/**
 * `access` entries name the app's roles and the form's fields; a creation set may only name
 * fields a person can write (not formulas, autonumbers or read-only fields).
 */
/** `startsFrom` names text fields of the form that receive the source case's keys, id and title. */
function checkStartsFrom(form: FormInfo, problems: Problem[]): void {
  for (const [property, key] of entries(own(form.raw, 'startsFrom'))) {
    if (typeof key !== 'string') continue;
    const field = form.fields.get(key);
    const path = `${form.path}/startsFrom/${property}`;
    if (!field)
      problems.push({
        path,
        code: 'ref.unknown_field',
        message: `Form "${form.key}" has no field "${key.slice(0, 63)}".`,
      });
    else if (field.type !== 'text')
      problems.push({
        path,
        code: 'ref.not_text_field',
        message: `Field "${key}" of form "${form.key}" receives the source case's ${property}, so it must be a text field.`,
      });
  }
}

function checkAccess(form: FormInfo, index: BundleIndex, problems: Problem[]): void {
  list(own(form.raw, 'access')).forEach((entry, i) => {
    const path = `${form.path}/access/${i}`;
    list(own(entry, 'roles')).forEach((role, j) => {
      if (typeof role === 'string' && index.rolesReadable && !index.roles.has(role)) {
        problems.push({
          path: `${path}/roles/${j}`,
          code: 'ref.unknown_role',
          message: `Form "${form.key}" gives creation rights to role "${role.slice(0, 63)}", which the app does not declare.`,
        });
      }
    });
    for (const property of ['create', 'read'] as const) {
      list(own(entry, property)).forEach((key, j) => {
        if (typeof key !== 'string') return;
        const field = form.fields.get(key);
        if (!field) {
          problems.push({
            path: `${path}/${property}/${j}`,
            code: 'ref.unknown_field',
            message: `Form "${form.key}" has no field "${key.slice(0, 63)}".`,
          });
        } else if (
          property === 'create' &&
          (own(field.raw, 'formula') !== undefined ||
            field.type === 'autonumber' ||
            own(field.raw, 'readonly') === true)
        ) {
          problems.push({
            path: `${path}/create/${j}`,
            code: 'form.create_not_input',
            message: `Field "${key}" of form "${form.key}" is computed or read-only, so nobody can write it when creating a record.`,
          });
        }
      });
    }
  });
}

export function checkFormReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values()) {
    checkRoleList(form, index, 'submitRoles', problems);
    checkRoleList(form, index, 'readRoles', problems);
    checkOwnerField(form, problems);
    checkAccess(form, index, problems);
    checkStartsFrom(form, problems);
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
