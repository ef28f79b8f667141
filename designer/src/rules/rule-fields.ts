/**
 * The fields a rule of a form can read, as the rule builder and the formula editor offer them:
 * the form's own fields, each table's columns as `table.column` (for `sum(table.column)`), and
 * each relation's linked form's fields as `relation.field` (`customer.tier`), which the engine
 * resolves through the linked record.
 */
import type { AppBundle, FieldDef, FieldType, FormDef } from '../../../engine/definition/types.js';
import { loc, type Lang } from '../../../ui/i18n.js';

export interface RuleField {
  /** The JSON Logic var path: "quantity", "customer.tier". */
  name: string;
  label: string;
  type: FieldType;
  options?: { value: string; label: string }[];
  /** For a table's column (`parts.qty`): the table's key; rules read it per row only. */
  table?: string;
}

function options(field: FieldDef, lang: Lang): RuleField['options'] {
  return field.options?.map((o) => ({ value: o.value, label: loc(o.label, lang) }));
}

function one(field: FieldDef, lang: Lang, prefix?: { name: string; label: string }): RuleField {
  const label = loc(field.label, lang) || field.key;
  const out: RuleField = {
    name: prefix ? `${prefix.name}.${field.key}` : field.key,
    label: prefix ? `${prefix.label} › ${label}` : label,
    type: field.type,
  };
  const o = options(field, lang);
  if (o) out.options = o;
  return out;
}

/** The rule fields of `form` within `forms` (exported for callers that hold a form, not a bundle). */
export function ruleFieldsOfForm(forms: readonly FormDef[], form: FormDef, lang: Lang): RuleField[] {
  const out: RuleField[] = [];
  for (const field of form.fields) {
    const own = one(field, lang);
    out.push(own);
    if (field.type === 'table')
      for (const column of field.columns ?? [])
        out.push({ ...one(column, lang, { name: field.key, label: own.label }), table: field.key });
    if (field.type === 'relation') {
      const target = forms.find((f) => f.key === field.form);
      // One level deep, as the engine resolves it: a linked record's own links are not followed.
      for (const linked of target?.fields ?? [])
        if (linked.type !== 'table' && linked.type !== 'relation')
          out.push(one(linked, lang, { name: field.key, label: own.label }));
    }
  }
  return out;
}

/** The form's fields and its relations' target fields as `relation.field`. */
export function ruleFieldsOf(bundle: AppBundle, formKey: string, lang: Lang): RuleField[] {
  const form = bundle.forms.find((f) => f.key === formKey);
  return form ? ruleFieldsOfForm(bundle.forms, form, lang) : [];
}
