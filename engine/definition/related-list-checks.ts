/**
 * Related lists (关联查询): each names a form of the bundle, matches on fields of that form that
 * hold one plain value (so the server compares them in SQL), computes each value with a rule over
 * the viewed form's fields, and shows fields the related form has. Task nodes may only name
 * related lists their flow's form declares.
 */
import type { Problem } from '../errors.js';
import { checkRule } from '../rules/index.js';
import type { BundleIndex, FormInfo } from './bundle-index.js';
import { keyAt, list, own } from './bundle-reader.js';
import { isValidKey } from './types.js';

/** Field types a match may compare: one scalar value each (lists, objects and files cannot). */
export const MATCHABLE_TYPES: ReadonlySet<string> = new Set([
  'text',
  'textarea',
  'phone',
  'email',
  'select',
  'date',
  'datetime',
  'relation',
  'user',
  'autonumber',
  'number',
  'money',
  'integer',
  'rating',
  'boolean',
]);

function checkList(
  form: FormInfo,
  raw: unknown,
  path: string,
  index: BundleIndex,
  problems: Problem[],
): void {
  const formKey = keyAt(raw, 'form');
  const target = formKey === undefined ? undefined : index.forms.get(formKey);
  if (formKey !== undefined && !target && index.formsReadable) {
    problems.push({
      path: `${path}/form`,
      code: 'ref.unknown_form',
      message: `The related list "${String(keyAt(raw, 'key'))}" lists form "${formKey}", which this app does not define.`,
    });
  }
  list(own(raw, 'match')).forEach((condition, i) => {
    const at = `${path}/match/${i}`;
    const field = own(condition, 'field');
    if (target && isValidKey(field)) {
      const info = target.fields.get(field);
      if (!info) {
        problems.push({
          path: `${at}/field`,
          code: 'ref.unknown_field',
          message: `Form "${target.key}" has no field "${field}".`,
        });
      } else if (info.type === undefined || !MATCHABLE_TYPES.has(info.type)) {
        problems.push({
          path: `${at}/field`,
          code: 'ref.not_matchable_field',
          message: `Field "${field}" is a ${info.type ?? 'malformed'} field; a related list can only match fields holding one value.`,
        });
      }
    }
    const value = own(condition, 'value');
    if (value !== undefined)
      problems.push(...checkRule(value, { path: `${at}/value`, knownFields: form.fieldKeys }));
  });
  list(own(raw, 'show')).forEach((key, i) => {
    if (target && isValidKey(key) && !target.fieldKeys.has(key)) {
      problems.push({
        path: `${path}/show/${i}`,
        code: 'ref.unknown_field',
        message: `Form "${target.key}" has no field "${key}".`,
      });
    }
  });
}

export function checkRelatedLists(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values()) {
    list(own(form.raw, 'relatedLists')).forEach((raw, i) =>
      checkList(form, raw, `${form.path}/relatedLists/${i}`, index, problems),
    );
  }
  for (const flow of index.flows) {
    if (!flow.form) continue;
    const declared = new Set(list(own(flow.form.raw, 'relatedLists')).map((r) => keyAt(r, 'key')));
    for (const node of flow.nodes.values()) {
      list(own(node.raw, 'related')).forEach((key, i) => {
        if (!isValidKey(key) || declared.has(key)) return;
        problems.push({
          path: `${node.path}/related/${i}`,
          code: 'ref.unknown_related_list',
          message: `Node "${node.id}" shows related list "${key}", which form "${flow.form!.key}" does not declare.`,
        });
      });
    }
  }
  return problems;
}
