/**
 * What the compiler itself needs of a form definition (validateBundle checks far more): valid
 * unique keys, known types, rules that pass the rule checker, patterns RE2 accepts, columns that
 * can live in a row. Problems are in English: definitions are for designers' tools.
 */
import type { Problem } from '../errors.js';
import { isValidKey, type FieldDef, type FormDef } from '../definition/types.js';
import { checkRule } from '../rules/index.js';
import { fieldType } from './fields/registry.js';
import { isRe2Pattern } from './re2-engine.js';

// Rows cannot nest; an autonumber column is allowed but stays empty (numbers are per record).
const NOT_IN_ROWS: ReadonlySet<string> = new Set(['table']);

function checkFields(
  fields: unknown,
  base: string,
  knownFields: ReadonlySet<string>,
  inRow: boolean,
  problems: Problem[],
): void {
  if (!Array.isArray(fields)) {
    problems.push({ path: base, code: 'form.fields_missing', message: 'Fields must be a list.' });
    return;
  }
  const seen = new Set<string>();
  (fields as unknown[]).forEach((raw, index) => {
    const path = `${base}/${index}`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push({ path, code: 'form.field_invalid', message: 'A field must be an object.' });
      return;
    }
    const field = raw as FieldDef;
    if (!isValidKey(field.key))
      problems.push({
        path: `${path}/key`,
        code: 'form.invalid_key',
        message: 'A field key must match ^[a-z][a-z0-9_]{0,62}$.',
      });
    else if (seen.has(field.key))
      problems.push({
        path: `${path}/key`,
        code: 'form.duplicate_key',
        message: `The key "${field.key}" is used twice.`,
      });
    else seen.add(field.key);
    if (!fieldType(field.type)) {
      problems.push({
        path: `${path}/type`,
        code: 'form.unknown_type',
        message: `Unknown field type "${String(field.type)}".`,
      });
      return;
    }
    if (inRow && NOT_IN_ROWS.has(field.type))
      problems.push({
        path: `${path}/type`,
        code: 'form.unsupported_column',
        message: `A table column cannot be of type "${field.type}".`,
      });
    if (
      field.type !== 'autonumber' &&
      field.pattern !== undefined &&
      (typeof field.pattern !== 'string' || !isRe2Pattern(field.pattern))
    ) {
      problems.push({
        path: `${path}/pattern`,
        code: 'form.bad_pattern',
        message: 'The pattern is not a regular expression RE2 accepts (no lookarounds or backreferences).',
      });
    }
    if (field.type === 'autonumber' && typeof field.pattern !== 'string')
      problems.push({
        path: `${path}/pattern`,
        code: 'form.pattern_missing',
        message: 'An autonumber needs a pattern.',
      });
    for (const rule of ['visibleIf', 'formula'] as const) {
      if (field[rule] !== undefined)
        problems.push(...checkRule(field[rule], { path: `${path}/${rule}`, knownFields }));
    }
    if (Array.isArray(field.validations))
      field.validations.forEach((validation, v) => {
        const rule: unknown = (validation as { rule?: unknown } | null)?.rule;
        if (rule !== undefined)
          problems.push(...checkRule(rule, { path: `${path}/validations/${v}/rule`, knownFields }));
      });
    if (field.type === 'table') {
      const columns = Array.isArray(field.columns) ? field.columns : [];
      const rowFields = new Set([
        ...knownFields,
        ...columns.map((c) => c?.key).filter((k): k is string => typeof k === 'string'),
      ]);
      checkFields(field.columns, `${path}/columns`, rowFields, true, problems);
    }
  });
}

/** Every problem the compiler would stumble on; empty when the form compiles. */
export function checkFormDefinition(form: FormDef): Problem[] {
  const problems: Problem[] = [];
  if (typeof form !== 'object' || form === null)
    return [{ path: '', code: 'form.invalid', message: 'A form must be an object.' }];
  const fields = Array.isArray(form.fields) ? form.fields : [];
  const knownFields = new Set(fields.map((f) => f?.key).filter((k): k is string => typeof k === 'string'));
  checkFields(form.fields, '/fields', knownFields, false, problems);
  return problems;
}
