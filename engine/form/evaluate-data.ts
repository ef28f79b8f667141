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
import { isTruthy, ruleEvaluator } from '../rules/index.js';
import type { FieldModel, FormModel } from './form-model.js';
import { isPlainObject } from './json-values.js';
import type { FormContext } from './types.js';

type Data = Record<string, unknown>;

/** Runs rules of one evaluation pass: the relation lookup is adapted once, not per rule. */
export type RuleRunner = (logic: unknown, scope: Data) => unknown;

/** The rule runner of a pass (also used by `validation-rules.ts`); undefined means the rule failed. */
export function ruleRunner(relationForms: ReadonlyMap<string, string>, context: FormContext): RuleRunner {
  const lookup = context.lookup;
  const byField = lookup
    ? (field: string, id: string) => {
        const form = relationForms.get(field);
        return form === undefined ? undefined : lookup(form, id);
      }
    : undefined;
  const evaluate = ruleEvaluator({
    today: context.today,
    now: context.now,
    user: context.user,
    lookup: byField,
  });
  return (logic, data) => {
    try {
      return evaluate(logic, data);
    } catch {
      // Rules were checked at compile time; a failing lookup or operation yields "no value".
      return undefined;
    }
  };
}

function visibleWith(run: RuleRunner, field: FieldModel, scope: Data): boolean {
  const rule = field.def.visibleIf;
  if (rule === undefined) return true;
  const result = run(rule, scope);
  return result === undefined ? true : isTruthy(result);
}

/** Whether a field's `visibleIf` holds over `scope`; a rule that fails leaves the field visible. */
export function fieldVisible(
  field: FieldModel,
  scope: Data,
  relationForms: ReadonlyMap<string, string>,
  context: FormContext,
): boolean {
  if (field.def.visibleIf === undefined) return true;
  return visibleWith(ruleRunner(relationForms, context), field, scope);
}

/** Applies one field's visibility and formula to `target`, reading rules over `scope`. */
function applyField(run: RuleRunner, field: FieldModel, target: Data, scope: Data): boolean {
  const key = field.def.key;
  if (!visibleWith(run, field, scope)) {
    delete target[key];
    return false;
  }
  if (field.def.formula !== undefined) {
    const raw = run(field.def.formula, scope);
    const value = field.type.fromFormula
      ? field.type.fromFormula(raw, field.def)
      : raw === null
        ? undefined
        : raw;
    if (value === undefined || field.type.isEmpty(value)) delete target[key];
    else target[key] = value;
  }
  return true;
}

function evaluateRows(
  table: FieldModel,
  data: Data,
  context: FormContext,
  hiddenCells: string[] | undefined,
): void {
  const rows = data[table.def.key];
  if (!Array.isArray(rows)) return;
  const run = ruleRunner(table.rowRelationForms, context);
  rows.forEach((row, i) => {
    if (!isPlainObject(row)) return;
    // Row rules see the parent merged with the row; the merge is rebuilt after each column so a
    // later column reads the values earlier ones computed.
    for (const column of table.columns) {
      if (column.def.visibleIf === undefined && column.def.formula === undefined) continue;
      const shown = applyField(run, column, row, Object.assign(Object.create(null) as Data, data, row));
      if (!shown) hiddenCells?.push(`/${table.def.key}/${i}/${column.def.key}`);
    }
  });
}

/**
 * Recomputes visibility and formulas of `data` in place and returns the keys of the top-level
 * fields that are hidden; `hiddenCells`, when given, receives the JSON pointers of table cells a
 * column's `visibleIf` hides in their row (`/parts/2/serial`).
 */
export function evaluateData(
  model: FormModel,
  data: Data,
  context: FormContext,
  hiddenCells?: string[],
): Set<string> {
  const hidden = new Set<string>();
  const run = ruleRunner(model.relationForms, context);
  for (const field of model.order) {
    if (field.def.visibleIf !== undefined || field.def.formula !== undefined) {
      if (!applyField(run, field, data, data)) {
        hidden.add(field.def.key);
        continue;
      }
    }
    if (field.def.type === 'table') evaluateRows(field, data, context, hiddenCells);
  }
  return hidden;
}
