/**
 * The behaviour schemas cannot express, run over a mutable copy of record data: visibility and
 * formulas, in dependency order, at the top level and in every table row.
 *
 * - A field whose `visibleIf` is false is hidden: its value is removed, so later rules read it as
 *   absent. A formula field gets its computed value (or none when the result is empty).
 * - Fields run in dependency order (see `rule-dependencies.ts`), so chained formulas settle in one
 *   pass. A table field runs after the top-level fields its column rules read.
 * - Row rules see `{...parent, ...row}`: the row's own columns win over a parent field of the same
 *   key, and any other parent field can be read by its key (`{"var": "warranty"}`).
 * - `customer.tier` in a rule resolves the relation field `customer` through the caller's lookup.
 */
import { evaluateRule, isTruthy } from '../rules/index.js';
import type { FieldModel, FormModel } from './form-model.js';
import { isPlainObject } from './json-values.js';
import type { FormContext } from './types.js';

type Data = Record<string, unknown>;

function runRule(logic: unknown, data: Data, relationForms: ReadonlyMap<string, string>, context: FormContext): unknown {
  const lookup = context.lookup;
  try {
    return evaluateRule(logic, {
      data,
      today: context.today,
      now: context.now,
      user: context.user,
      lookup: lookup
        ? (field: string, id: string) => {
            const form = relationForms.get(field);
            return form === undefined ? undefined : lookup(form, id);
          }
        : undefined,
    });
  } catch {
    // Rules were checked at compile time; a failing lookup or operation yields "no value".
    return undefined;
  }
}

/** Whether a field's `visibleIf` holds over `scope`; a rule that fails leaves the field visible. */
export function fieldVisible(field: FieldModel, scope: Data, relationForms: ReadonlyMap<string, string>, context: FormContext): boolean {
  const rule = field.def.visibleIf;
  if (rule === undefined) return true;
  const result = runRule(rule, scope, relationForms, context);
  return result === undefined ? true : isTruthy(result);
}

/** Applies one field's visibility and formula to `target`, reading rules over `scope`. */
function applyField(field: FieldModel, target: Data, scope: () => Data, relationForms: ReadonlyMap<string, string>, context: FormContext): boolean {
  const key = field.def.key;
  if (!fieldVisible(field, scope(), relationForms, context)) {
    delete target[key];
    return false;
  }
  if (field.def.formula !== undefined) {
    const raw = runRule(field.def.formula, scope(), relationForms, context);
    const value = field.type.fromFormula ? field.type.fromFormula(raw, field.def) : raw === null ? undefined : raw;
    if (value === undefined || field.type.isEmpty(value)) delete target[key];
    else target[key] = value;
  }
  return true;
}

function evaluateRows(table: FieldModel, data: Data, context: FormContext): void {
  const rows = data[table.def.key];
  if (!Array.isArray(rows)) return;
  for (const row of rows) {
    if (!isPlainObject(row)) continue;
    const scope = (): Data => Object.assign(Object.create(null) as Data, data, row);
    for (const column of table.columns) applyField(column, row, scope, table.rowRelationForms, context);
  }
}

/**
 * Recomputes visibility and formulas of `data` in place and returns the keys of the top-level
 * fields that are hidden.
 */
export function evaluateData(model: FormModel, data: Data, context: FormContext): Set<string> {
  const hidden = new Set<string>();
  for (const field of model.order) {
    if (!applyField(field, data, () => data, model.relationForms, context)) {
      hidden.add(field.def.key);
      continue;
    }
    if (field.def.type === 'table') evaluateRows(field, data, context);
  }
  return hidden;
}
