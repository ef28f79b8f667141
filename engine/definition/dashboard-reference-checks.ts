/**
 * References made by dashboards: each widget's form, and the fields its dimensions and measures
 * name, checked against the field's type as the form has it now. A field deleted or retyped after
 * the widget was made is a problem here (flagged in the draft, refused on publish), never a
 * widget that silently comes out empty: a group needs a field holding one value (not a list,
 * files, an address or a table), a date bucket a date or time field, and a figure other than a
 * count a numeric field. The dashboard's designed filters are checked the same way.
 */
import type { Problem } from '../errors.js';
import { pointer } from '../errors.js';
import type { BundleIndex } from './bundle-index.js';
import { keyAt, list, own, stringAt } from './bundle-reader.js';

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['number', 'integer', 'money', 'rating']);
const DATE_TYPES: ReadonlySet<string> = new Set(['date', 'datetime']);
/** Measures that count values, so any field of one value will do (a table or files field holds many). */
const COUNTS: ReadonlySet<string> = new Set(['count', 'distinct']);
/** Field types that hold one value, which the records' typed columns group, count and filter on. */
export const SINGLE_VALUE_TYPES: ReadonlySet<string> = new Set([
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

export function checkDashboardReferences(index: BundleIndex): Problem[] {
  const problems: Problem[] = [];
  list(own(index.raw, 'dashboards')).forEach((dashboard, d) => {
    list(own(dashboard, 'roles')).forEach((role, r) => {
      if (typeof role === 'string' && index.rolesReadable && !index.roles.has(role))
        problems.push({
          path: pointer('dashboards', d, 'roles', r),
          code: 'ref.unknown_role',
          message: `The dashboard is shown to role "${role}", which the app does not declare.`,
        });
    });
    list(own(dashboard, 'widgets')).forEach((widget, w) => {
      problems.push(...checkWidgetReferences(index, widget, pointer('dashboards', d, 'widgets', w)));
    });
    problems.push(...checkDashboardFilters(index, dashboard, d));
  });
  return problems;
}

const FILTER_FIELD_TYPES: ReadonlySet<string> = new Set(['select', 'relation', 'user']);

/**
 * A dashboard's designed filters: each field must be one that at least one of its widgets' forms
 * has with a type the filter works on (a widget whose form lacks it simply ignores it, as the
 * designer says), so a deleted or retyped field is a problem at its path, not a filter that does
 * nothing.
 */
function checkDashboardFilters(index: BundleIndex, dashboard: unknown, d: number): Problem[] {
  const problems: Problem[] = [];
  const filters = own(dashboard, 'filters');
  if (filters === undefined || !index.formsReadable) return problems;
  const forms = list(own(dashboard, 'widgets'))
    .map((widget) => index.forms.get(keyAt(widget, 'form') ?? ''))
    .filter((form) => form !== undefined);
  /** The types `key` has on the dashboard's forms. */
  const typesOf = (key: string) =>
    forms.flatMap((form) => {
      const type = form.fields.get(key)?.type;
      return type === undefined ? [] : [type];
    });
  const dateField = keyAt(own(filters, 'date'), 'field');
  if (dateField !== undefined && dateField !== 'createdAt' && forms.length > 0) {
    const types = typesOf(dateField);
    if (types.length === 0)
      problems.push({
        path: pointer('dashboards', d, 'filters', 'date', 'field'),
        code: 'ref.unknown_field',
        message: `The period applies to "${dateField}", which no form of this dashboard's widgets has.`,
      });
    else if (!types.some((t) => DATE_TYPES.has(t)))
      problems.push({
        path: pointer('dashboards', d, 'filters', 'date', 'field'),
        code: 'dashboard.filter_needs_date',
        message: `The period needs a date or time field; "${dateField}" is a ${types[0]!} field.`,
      });
  }
  list(own(filters, 'fields')).forEach((key, i) => {
    if (typeof key !== 'string' || forms.length === 0) return;
    const types = typesOf(key);
    if (types.length === 0)
      problems.push({
        path: pointer('dashboards', d, 'filters', 'fields', i),
        code: 'ref.unknown_field',
        message: `The filter "${key}" is a field no form of this dashboard's widgets has.`,
      });
    else if (!types.some((t) => FILTER_FIELD_TYPES.has(t)))
      problems.push({
        path: pointer('dashboards', d, 'filters', 'fields', i),
        code: 'dashboard.filter_not_choice',
        message: `A filter is a select, relation or user field; "${key}" is a ${types[0]!} field.`,
      });
  });
  return problems;
}

/** The problems of one widget at `path` (a dashboard's widget, or an unsaved one being previewed). */
export function checkWidgetReferences(index: BundleIndex, widget: unknown, path: string): Problem[] {
  const problems: Problem[] = [];
  // A process widget's flow (its type's schema requires it; other widgets have none).
  const flowKey = keyAt(widget, 'flow');
  if (
    flowKey !== undefined &&
    Array.isArray(own(index.raw, 'flows')) &&
    !index.flows.some((f) => f.key === flowKey)
  )
    problems.push({
      path: `${path}/flow`,
      code: 'ref.unknown_flow',
      message: `The widget shows flow "${flowKey}", which this app does not define.`,
    });
  const formKey = keyAt(widget, 'form');
  if (formKey === undefined) return problems;
  const form = index.forms.get(formKey);
  if (!form) {
    if (index.formsReadable)
      problems.push({
        path: `${path}/form`,
        code: 'ref.unknown_form',
        message: `The widget reads form "${formKey}", which this app does not define.`,
      });
    return problems;
  }
  list(own(widget, 'dimensions')).forEach((dimension, i) => {
    const key = keyAt(dimension, 'field');
    if (key === undefined) return;
    const field = form.fields.get(key);
    if (!field) {
      problems.push({
        path: `${path}/dimensions/${i}/field`,
        code: 'ref.unknown_field',
        message: `Form "${form.key}" has no field "${key}".`,
      });
      return;
    }
    if (field.type === undefined || !SINGLE_VALUE_TYPES.has(field.type)) {
      problems.push({
        path: `${path}/dimensions/${i}/field`,
        code: 'widget.not_groupable_field',
        message: `"${key}" is a ${field.type ?? 'malformed'} field, which holds no single value to group by.`,
      });
      return;
    }
    if (own(dimension, 'bucket') !== undefined && !DATE_TYPES.has(field.type)) {
      problems.push({
        path: `${path}/dimensions/${i}/bucket`,
        code: 'widget.bucket_needs_date',
        message: `Grouping by day, week or month needs a date or time field; "${key}" is a ${field.type} field.`,
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
    } else if (!COUNTS.has(op ?? '') && (field.type === undefined || !NUMERIC_TYPES.has(field.type))) {
      problems.push({
        path: `${path}/measures/${i}/field`,
        code: 'ref.not_numeric_field',
        message: `"${op ?? ''}" needs a numeric field; "${fieldKey}" is a ${field.type ?? 'malformed'} field.`,
      });
    } else if (COUNTS.has(op ?? '') && !SINGLE_VALUE_TYPES.has(field.type ?? '')) {
      problems.push({
        path: `${path}/measures/${i}/field`,
        code: 'widget.not_groupable_field',
        message: `"${fieldKey}" is a ${field.type ?? 'malformed'} field, which holds no single value to count.`,
      });
    }
  });
  return problems;
}
