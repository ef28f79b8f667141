/**
 * List views (`forms[].views`): each view's key is unique in its form, its roles are the app's, its
 * columns are the form's fields (not a table or files, which a list cell cannot hold) or record
 * metadata, its filter reads the form's fields, and its sort is by a field holding one value. A
 * field deleted after the view was made is a problem at the view's path, never a column that
 * silently comes out empty.
 */
import type { Problem } from '../errors.js';
import { ruleRoots } from '../form/rule-dependencies.js';
import { checkRule } from '../rules/index.js';
import type { BundleIndex, FormInfo } from './bundle-index.js';
import { BUILTIN_ROLES } from './bundle-index.js';
import { keyAt, list, own, stringAt } from './bundle-reader.js';
import { customerReadableFields, flowsByForm, QUERYABLE_META_FIELDS } from './customer-reads.js';
import { SINGLE_VALUE_TYPES } from './dashboard-reference-checks.js';
import type { FlowDef, FormDef, RoleDef } from './types.js';
import { LIST_VIEW_META_COLUMNS } from './types.js';

/** Record columns a view's filter may read besides the form's fields (the record list's own). */
const FILTER_META = ['id', 'createdAt', 'updatedAt', 'createdBy'];
const META: ReadonlySet<string> = new Set(LIST_VIEW_META_COLUMNS);
/** Field types a list cell cannot show. */
const NOT_LISTABLE: ReadonlySet<string> = new Set(['table', 'files']);

function checkView(index: BundleIndex, form: FormInfo, view: unknown, path: string, problems: Problem[]) {
  list(own(view, 'roles')).forEach((role, r) => {
    if (typeof role === 'string' && index.rolesReadable && !index.roles.has(role) && !BUILTIN_ROLES.has(role))
      problems.push({
        path: `${path}/roles/${r}`,
        code: 'ref.unknown_role',
        message: `The list view is for role "${role}", which the app does not declare.`,
      });
  });
  list(own(view, 'columns')).forEach((key, c) => {
    if (typeof key !== 'string' || META.has(key)) return;
    const field = form.fields.get(key);
    if (!field)
      problems.push({
        path: `${path}/columns/${c}`,
        code: 'ref.unknown_field',
        message: `Form "${form.key}" has no field "${key}".`,
      });
    else if (field.type !== undefined && NOT_LISTABLE.has(field.type))
      problems.push({
        path: `${path}/columns/${c}`,
        code: 'ref.not_listable_field',
        message: `Field "${key}" is a ${field.type} field, which a record list cannot show as a column.`,
      });
  });
  const sortField = keyAt(own(view, 'sort'), 'field');
  if (sortField !== undefined && !META.has(sortField)) {
    const field = form.fields.get(sortField);
    if (!field)
      problems.push({
        path: `${path}/sort/field`,
        code: 'ref.unknown_field',
        message: `Form "${form.key}" has no field "${sortField}".`,
      });
    else if (field.type === undefined || !SINGLE_VALUE_TYPES.has(field.type))
      problems.push({
        path: `${path}/sort/field`,
        code: 'ref.not_sortable_field',
        message: `Field "${sortField}" is a ${field.type ?? 'malformed'} field; a list sorts by fields holding one value.`,
      });
  }
  const filter = own(view, 'filter');
  if (filter !== undefined)
    problems.push(
      ...checkRule(filter, {
        path: `${path}/filter`,
        knownFields: new Set([...form.fieldKeys, ...FILTER_META]),
      }),
    );
}

export function checkListViews(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  for (const form of index.forms.values()) {
    const seen = new Map<string, number>();
    list(own(form.raw, 'views')).forEach((view, v) => {
      const path = `${form.path}/views/${v}`;
      const key = stringAt(view, 'key');
      if (key !== undefined) {
        const earlier = seen.get(key);
        if (earlier !== undefined)
          problems.push({
            path: `${path}/key`,
            code: 'key.duplicate',
            message: `The list view key "${key.slice(0, 63)}" is already used at ${form.path}/views/${earlier}.`,
          });
        else seen.set(key, v);
      }
      checkView(index, form, view, path, problems);
    });
  }
  return problems;
}

/** Where a customer of role `role` would be refused a view: the fields its filter and sort read that they may not. */
function hiddenFromCustomer(
  form: FormDef,
  flow: FlowDef | undefined,
  view: NonNullable<FormDef['views']>[number],
  role: string,
  customerRoles: ReadonlySet<string>,
): { filter: string[]; sort: string | undefined } {
  const readable = customerReadableFields(form, flow, [role], customerRoles);
  const hidden = (key: string) =>
    readable !== undefined && !QUERYABLE_META_FIELDS.has(key) && !readable.includes(key);
  // A field the form lacks is already a problem of its own (rule.unknown_field, ref.unknown_field).
  const known = new Set(form.fields.map((f) => f.key));
  return {
    filter: [...ruleRoots(view.filter)].filter((k) => known.has(k) && hidden(k)),
    sort: view.sort && known.has(view.sort.field) && hidden(view.sort.field) ? view.sort.field : undefined,
  };
}

/**
 * A view customers get (one for a customer role, or one without roles) whose filter or sort reads
 * a field they may not read: the server refuses such a list (422, so that the rows' order or
 * presence never tells a hidden value), so the view would fail on every load. Judged per customer
 * role by the server's own rule (`customer-reads.ts`), which reads the form, its flow and the roles
 * as typed definitions, so only when the schema accepted all of them.
 */
export function checkCustomerListViews(index: BundleIndex, schemaProblems: readonly Problem[]): Problem[] {
  const malformed = (path: string) =>
    schemaProblems.some((p) => p.path === path || p.path.startsWith(`${path}/`));
  if (schemaProblems.some((p) => p.path === '') || malformed('/roles') || malformed('/flows')) return [];
  const roles = list(own(index.raw, 'roles')) as RoleDef[];
  const customerRoles = new Set(roles.filter((r) => r.customer === true).map((r) => r.key));
  if (customerRoles.size === 0) return [];
  const flows = flowsByForm(list(own(index.raw, 'flows')) as FlowDef[]);
  const problems: Problem[] = [];
  for (const info of index.forms.values()) {
    if (malformed(info.path)) continue;
    const form = info.raw as FormDef;
    (form.views ?? []).forEach((view, v) => {
      const path = `${info.path}/views/${v}`;
      const reaching = view.roles?.length
        ? view.roles.filter((r) => customerRoles.has(r))
        : [...customerRoles];
      const flagged = new Set<string>();
      for (const role of reaching) {
        const hidden = hiddenFromCustomer(form, flows.get(form.key), view, role, customerRoles);
        for (const key of hidden.filter) {
          if (flagged.has(`filter:${key}`)) continue;
          flagged.add(`filter:${key}`);
          problems.push({
            path: `${path}/filter`,
            code: 'view.customer_hidden_field',
            message: `The view's filter reads field "${key}", which customers with role "${role}" may not read: they would be refused the view on every load.`,
          });
        }
        if (hidden.sort !== undefined && !flagged.has('sort')) {
          flagged.add('sort');
          problems.push({
            path: `${path}/sort/field`,
            code: 'view.customer_hidden_field',
            message: `The view sorts by field "${hidden.sort}", which customers with role "${role}" may not read: they would be refused the view on every load.`,
          });
        }
      }
    });
  }
  return problems;
}
