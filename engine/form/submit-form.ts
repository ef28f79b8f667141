/**
 * `submit`: validates a creation or a task's write and returns the data to store.
 *
 * 1. The input must be an object of known fields; an unknown key (including `__proto__`) is an
 *    error at its path. Values are copied (own properties only) and normalized; an empty value
 *    (blank text, `null`, `[]`) clears the field.
 * 2. Formula and autonumber fields ignore what the client sent (it is replaced, never an error).
 *    A `readonly` field, or one the node's permissions do not make editable, may not be written:
 *    a different value is an error (`field.readonly`, `field.not_editable`). Sending back the
 *    stored value (or, on create, the default) is tolerated, because browsers resend what they
 *    show; it writes nothing. "The same" is compared after normalization (trimmed text, empty =
 *    absent, datetimes in UTC), ignoring a table's computed columns. On create with a `writable`
 *    set, a field outside it may not be written (`field.not_at_creation`) and a formula or
 *    autonumber field may not be named with a value (`field.computed`).
 * 3. Data = previous (update) or defaults for fields not provided (create), plus the writes; on
 *    create each autonumber field that is visible gets its number (`nextSequence` is called only
 *    then; without it the field stays empty for the server to fill).
 * 4. Visibility and formulas are evaluated (`evaluate-data.ts`); hidden fields are dropped.
 * 5. Written (and defaulted) values are validated against their field's schema; relation ids must
 *    resolve through `lookup` when one is given; required fields must be filled: the node's
 *    `required` list when permissions are given (required implies editable, editable implies
 *    visible: `engine/definition/field-permissions.ts`), otherwise the fields
 *    marked `required`; hidden and computed fields are never required. Required columns of a
 *    written table are checked in each row that shows them (as step 4 evaluated it).
 * 6. Each visible field's `validations` must hold over the evaluated data (`validation-rules.ts`):
 *    a failing rule is a problem at the field with the rule's message.
 */
import { normalizeFieldPermissions } from '../definition/field-permissions.js';
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import type { FieldChange } from '../flow/types.js';
import { evaluateData, fieldVisible } from './evaluate-data.js';
import { formatAutonumber, usesSequence } from './fields/autonumber.field.js';
import type { FormModel } from './form-model.js';
import { copyInput, deepEqual, isPlainObject } from './json-values.js';
import { ajvErrorsToProblems, problem } from './messages.js';
import { normalizeValue } from './normalize-value.js';
import { ordered, storedData } from './stored-data.js';
import {
  comparable,
  problemsInFieldOrder,
  relationProblems,
  requiredKeys,
  rowProblems,
} from './submit-checks.js';
import type { Language, SubmitOptions, SubmitResult } from './types.js';
import { validationProblems } from './validation-rules.js';

type Data = Record<string, unknown>;

function languageOf(model: FormModel, options: { language?: unknown }): Language {
  return options.language === 'zh' || options.language === 'en' ? options.language : model.language;
}

function run(model: FormModel, input: unknown, options: SubmitOptions, language: Language): SubmitResult {
  const errors: Problem[] = [];
  const creating = options.mode === 'create';
  const previous = creating ? {} : storedData(model, options.previous);
  if (!isPlainObject(input)) {
    return {
      ok: false,
      data: ordered(model, previous),
      errors: [problem('', 'form.not_object', language)],
      changes: [],
    };
  }
  const editable = options.permissions ? new Set(options.permissions.editable ?? []) : undefined;
  const writable = creating && options.writable ? new Set(options.writable) : undefined;

  // 1–2: what this request writes.
  const writes = new Map<string, unknown>();
  const defaults = new Map<string, unknown>();
  if (creating) {
    for (const field of model.fields) {
      if (field.computed || field.def.default === undefined) continue;
      const value = normalizeValue(field, copyInput(field.def.default, '', undefined, language));
      if (value !== undefined) defaults.set(field.def.key, value);
    }
  }
  for (const key of Object.keys(input)) {
    const path = '/' + pointerSegment(key);
    const field = model.byKey.get(key);
    if (!field) {
      errors.push(problem(path, 'field.unknown', language));
      continue;
    }
    // Replaced by the server whatever it holds; a creator who names one anyway is told so.
    if (field.computed) {
      if (writable && !field.type.isEmpty(input[key])) errors.push(problem(path, 'field.computed', language));
      continue;
    }
    const value = normalizeValue(field, copyInput(input[key], path, errors, language));
    const before = creating ? defaults.get(key) : previous[key];
    const unchanged = deepEqual(comparable(field, value), comparable(field, before));
    if (writable && !writable.has(key) && !unchanged) {
      errors.push(problem(path, 'field.not_at_creation', language));
      continue;
    }
    if (field.def.readonly === true && !unchanged) {
      errors.push(problem(path, 'field.readonly', language));
      continue;
    }
    if (editable && !editable.has(key) && !unchanged) {
      errors.push(problem(path, 'field.not_editable', language));
      continue;
    }
    if (!unchanged || (!field.def.readonly && (!editable || editable.has(key)))) writes.set(key, value);
  }

  // 3: the data this request leads to.
  const data: Data = creating
    ? Object.fromEntries([...defaults].filter(([key]) => !writes.has(key)))
    : { ...previous };
  for (const [key, value] of writes) {
    if (value === undefined) delete data[key];
    else data[key] = value;
  }
  if (creating) {
    for (const field of model.fields) {
      if (field.def.type !== 'autonumber' || typeof field.def.pattern !== 'string') continue;
      const needsSequence = usesSequence(field.def.pattern);
      if (needsSequence && !options.nextSequence) continue;
      if (!fieldVisible(field, data, model.relationForms, options)) continue;
      const sequence = needsSequence && options.nextSequence ? options.nextSequence(field.def.key) : 0;
      data[field.def.key] = formatAutonumber(
        field.def.pattern,
        sequence,
        options.today || options.now.slice(0, 10),
      );
    }
  }

  // 4: visibility and formulas.
  const hiddenCellList: string[] = [];
  const hidden = evaluateData(model, data, options, hiddenCellList);
  const hiddenCells = new Set(hiddenCellList);

  // 5: validation.
  const required = requiredKeys(model, options);
  const toValidate: Data = {};
  for (const field of model.fields) {
    const key = field.def.key;
    if (hidden.has(key) || field.computed) continue;
    const value = data[key];
    const written = writes.has(key) || (creating && defaults.has(key));
    const isRequired = required.has(key);
    if (!(written && value !== undefined) && !isRequired) continue;
    const path = '/' + pointerSegment(key);
    if (written && value !== undefined) {
      toValidate[key] = value;
      if (field.def.type === 'relation')
        errors.push(...relationProblems(field, value, path, options, language));
      // Cells are checked as the evaluation above left them: a column its row hides is not required.
      if (field.def.type === 'table')
        errors.push(...rowProblems(field, value, options, language, hiddenCells));
    }
    if (isRequired && field.type.isEmpty(value)) errors.push(problem(path, 'field.required', language));
  }
  if (!model.validate(toValidate)) errors.push(...ajvErrorsToProblems(model.validate.errors, '', language));
  const shown = options.permissions?.visible ? new Set(options.permissions.visible) : undefined;
  errors.push(...validationProblems(model, data, hidden, hiddenCells, options, language, shown));

  const result = ordered(model, data);
  const changes: FieldChange[] = [];
  for (const field of model.fields) {
    const key = field.def.key;
    const from = previous[key] ?? null;
    const to = result[key] ?? null;
    if (!deepEqual(from, to)) changes.push({ field: key, from, to });
  }
  return {
    ok: errors.length === 0,
    data: result,
    errors: problemsInFieldOrder(
      model.fields.map((f) => f.def.key),
      errors,
    ),
    changes,
  };
}

/** Validates and normalizes a submission; never throws, whatever `input` is. */
export function submitForm(model: FormModel, input: unknown, options: SubmitOptions): SubmitResult {
  const language = languageOf(model, options);
  try {
    // A node's required fields are editable and its editable ones visible, however it lists them.
    const checked = options.permissions
      ? { ...options, permissions: normalizeFieldPermissions(options.permissions) }
      : options;
    return run(model, input, checked, language);
  } catch {
    // A throwing lookup/sequence or a hostile getter must not become a 500.
    return { ok: false, data: {}, errors: [problem('', 'form.internal', language)], changes: [] };
  }
}
