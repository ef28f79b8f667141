/**
 * Fields' `validations`: each rule must hold while its field is visible, read over the record as
 * the evaluation left it (formulas computed, hidden fields gone, `customer.tier` through the
 * lookup); a failing rule is a problem at the field with the rule's own message. A field left
 * empty is `required`'s concern, so its rules wait for a value. In a table, a column's rules run
 * in each row that shows the cell, over the row merged with the record, as its `visibleIf` does.
 * The server and the browser run this same code, so they agree on every message.
 */
import type { FieldValidation, LocalizedText } from '../definition/types.js';
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import { isTruthy } from '../rules/index.js';
import { ruleRunner, type RuleRunner } from './evaluate-data.js';
import type { FieldModel, FormModel } from './form-model.js';
import { isPlainObject } from './json-values.js';
import { message } from './messages.js';
import type { FormContext, Language } from './types.js';

type Data = Record<string, unknown>;

function say(text: LocalizedText | undefined, language: Language): string {
  if (typeof text === 'string' && text !== '') return text;
  if (text && typeof text === 'object') {
    const own = language === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh);
    if (own) return own;
  }
  return message('field.validation', language);
}

function failing(
  run: RuleRunner,
  field: FieldModel,
  scope: Data,
  path: string,
  language: Language,
): Problem[] {
  const rules: FieldValidation[] = field.def.validations ?? [];
  const out: Problem[] = [];
  for (const validation of rules) {
    // A draft's rule still being built checks nothing yet.
    if (validation?.rule === undefined) continue;
    const result = run(validation.rule, scope);
    // A rule that cannot be evaluated (a lookup that failed) does not refuse the record.
    if (result !== undefined && !isTruthy(result))
      out.push({ path, code: 'field.validation', message: say(validation.message, language) });
  }
  return out;
}

/**
 * The problems of every visible field's validation rules over `data` (already evaluated).
 * `hidden` are the top-level keys the evaluation hid, `hiddenCells` the cells (`/parts/2/serial`);
 * `shown`, when given, limits the check to the fields a node shows (a field nobody sees at this
 * step cannot be corrected by its actor).
 */
export function validationProblems(
  model: FormModel,
  data: Data,
  hidden: ReadonlySet<string>,
  hiddenCells: ReadonlySet<string>,
  context: FormContext,
  language: Language,
  shown?: ReadonlySet<string>,
): Problem[] {
  const problems: Problem[] = [];
  let run: RuleRunner | undefined;
  for (const field of model.fields) {
    const key = field.def.key;
    if (hidden.has(key) || (shown && !shown.has(key))) continue;
    const path = `/${pointerSegment(key)}`;
    if (field.def.validations?.length && !field.type.isEmpty(data[key])) {
      run ??= ruleRunner(model.relationForms, context);
      problems.push(...failing(run, field, data, path, language));
    }
    if (field.def.type !== 'table' || !field.columns.some((c) => c.def.validations?.length)) continue;
    const rows = data[key];
    if (!Array.isArray(rows)) continue;
    const runRow = ruleRunner(field.rowRelationForms, context);
    rows.forEach((row, index) => {
      if (!isPlainObject(row)) return;
      const scope = Object.assign(Object.create(null) as Data, data, row);
      for (const column of field.columns) {
        const cell = `${path}/${index}/${pointerSegment(column.def.key)}`;
        if (!column.def.validations?.length || column.type.isEmpty(row[column.def.key])) continue;
        if (hiddenCells.has(`/${key}/${index}/${column.def.key}`)) continue;
        problems.push(...failing(runRow, column, scope, cell, language));
      }
    });
  }
  return problems;
}
