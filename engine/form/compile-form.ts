/**
 * The form compiler: a form definition becomes a frozen `CompiledForm` (see `types.ts`), cached
 * per definition object, that the server and the browser use alike.
 */
import { FlowcaseError } from '../errors.js';
import type { FieldDef, FormDef } from '../definition/types.js';
import { compileValidator } from './ajv-instance.js';
import { checkFormDefinition } from './check-form-definition.js';
import { evaluateData } from './evaluate-data.js';
import type { JsonSchema } from './fields/field-type.js';
import { requireFieldType } from './fields/registry.js';
import type { FieldModel, FormModel } from './form-model.js';
import { cloneJson, deepFreeze, hasOwn } from './json-values.js';
import { dependencyOrder, ruleRoots } from './rule-dependencies.js';
import { ordered, storedData } from './stored-data.js';
import { submitForm } from './submit-form.js';
import type { CompiledForm, Language } from './types.js';

export interface CompileFormOptions {
  /** Message language when neither the request nor the form names one; default `en`. */
  language?: Language;
}

/** A Set that refuses changes once built, so a frozen compiled form stays frozen. */
class FrozenSet<T> extends Set<T> {
  private sealed = false;
  constructor(values: Iterable<T>) {
    super(values);
    this.sealed = true;
  }
  override add(value: T): this {
    if (this.sealed) throw new TypeError('This set is read-only.');
    return super.add(value);
  }
  override delete(_value: T): boolean {
    throw new TypeError('This set is read-only.');
  }
  override clear(): void {
    throw new TypeError('This set is read-only.');
  }
}

/** The stored value's schema of a field (formula columns of a table included). */
function storedSchema(field: FieldDef): JsonSchema {
  return requireFieldType(field.type).schema(field, storedSchema);
}

/** The schema a written value is checked with: a row's formula columns accept anything. */
function inputSchema(field: FieldDef): JsonSchema {
  return requireFieldType(field.type).schema(field, (column) =>
    column.formula !== undefined ? {} : inputSchema(column),
  );
}

function rulesRoots(field: FieldDef): Set<string> {
  const roots = ruleRoots(field.formula, ruleRoots(field.visibleIf));
  for (const column of field.columns ?? []) {
    // A row's own columns shadow parent fields; only the rest are dependencies of the table.
    const columnRoots = ruleRoots(column.formula, ruleRoots(column.visibleIf));
    for (const root of columnRoots) if (!(field.columns ?? []).some((c) => c.key === root)) roots.add(root);
  }
  return roots;
}

function inOrder(fields: readonly FieldModel[], roots: (f: FieldDef) => Set<string>): FieldModel[] {
  const byKey = new Map(fields.map((f) => [f.def.key, f]));
  const deps = new Map(fields.map((f) => [f.def.key, roots(f.def)]));
  return dependencyOrder([...byKey.keys()], deps).map((key) => byKey.get(key)!);
}

function relationForms(fields: readonly FieldDef[]): Map<string, string> {
  const forms = new Map<string, string>();
  for (const f of fields) if (f.type === 'relation' && typeof f.form === 'string') forms.set(f.key, f.form);
  return forms;
}

function buildField(def: FieldDef, parentForms: ReadonlyMap<string, string>): FieldModel {
  const columnsDefs = def.type === 'table' ? (def.columns ?? []) : [];
  const rowForms = new Map([...parentForms, ...relationForms(columnsDefs)]);
  const columns = columnsDefs.map((c) => buildField(c, rowForms));
  return {
    def,
    type: requireFieldType(def.type),
    computed: def.formula !== undefined || def.type === 'autonumber',
    columns: inOrder(columns, (c) => ruleRoots(c.formula, ruleRoots(c.visibleIf))),
    columnByKey: new Map(columns.map((c) => [c.def.key, c])),
    rowRelationForms: rowForms,
  };
}

function build(form: FormDef, options: CompileFormOptions): CompiledForm {
  const problems = checkFormDefinition(form);
  if (problems.length > 0) {
    throw new FlowcaseError(
      'FC_DEFINITION_INVALID',
      `Form "${String(form?.key)}" cannot be compiled: ${problems[0]!.message}`,
      { path: problems[0]!.path, problems },
    );
  }
  const definition = deepFreeze(cloneJson(form));
  const forms = relationForms(definition.fields);
  const fields = definition.fields.map((f) => buildField(f, forms));
  const inputProperties: Record<string, JsonSchema> = {};
  for (const f of definition.fields) inputProperties[f.key] = inputSchema(f);
  const model: FormModel = {
    key: definition.key,
    language: definition.language ?? options.language ?? 'en',
    fields,
    order: inOrder(fields, rulesRoots),
    byKey: new Map(fields.map((f) => [f.def.key, f])),
    relationForms: forms,
    // One validator per form: compiling per field costs ajv far more.
    validate: compileValidator({ type: 'object', properties: inputProperties }),
  };
  const properties: Record<string, JsonSchema> = {};
  for (const f of definition.fields) properties[f.key] = storedSchema(f);
  const jsonSchema = deepFreeze({
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: definition.key,
    type: 'object',
    properties,
    additionalProperties: false,
  });

  const compiled: CompiledForm = {
    key: definition.key,
    definition,
    fields: definition.fields,
    fieldKeys: new FrozenSet(definition.fields.map((f) => f.key)),
    jsonSchema,
    submit: (input, submitOptions) => submitForm(model, input, submitOptions),
    evaluate: (data, context) => {
      const copy = storedData(model, data);
      evaluateData(model, copy, context);
      return ordered(model, copy);
    },
    isVisible: (fieldKey, data, context) => {
      if (!model.byKey.has(fieldKey)) return false;
      return !evaluateData(model, storedData(model, data), context).has(fieldKey);
    },
    hiddenPaths: (data, context) => {
      const cells: string[] = [];
      const hidden = evaluateData(model, storedData(model, data), context, cells);
      return [...fields.filter((f) => hidden.has(f.def.key)).map((f) => `/${f.def.key}`), ...cells];
    },
    redact: (data, visible) => {
      const allowed = visible ? new Set(visible) : undefined;
      const out: Record<string, unknown> = {};
      for (const f of fields) {
        const key = f.def.key;
        if ((!allowed || allowed.has(key)) && hasOwn(data, key)) out[key] = data[key];
      }
      return out;
    },
  };
  return Object.freeze(compiled);
}

const cache = new WeakMap<object, Map<string, CompiledForm>>();

/**
 * Compiles a form definition (one that `validateBundle` accepted). The result is deep-frozen and
 * cached per definition object, so compiling the same object again is free.
 * Throws `FC_DEFINITION_INVALID` (with every problem) when the compiler cannot use the definition.
 *
 * @example
 * const form = compileForm(bundle.forms[0]);
 * const { ok, data, errors } = form.submit(body, { mode: 'create', now, today, nextSequence });
 */
export function compileForm(form: FormDef, options: CompileFormOptions = {}): CompiledForm {
  const variant = options.language ?? '';
  let byOptions = typeof form === 'object' && form !== null ? cache.get(form) : undefined;
  const hit = byOptions?.get(variant);
  if (hit) return hit;
  const compiled = build(form, options);
  if (typeof form === 'object' && form !== null) {
    if (!byOptions) cache.set(form, (byOptions = new Map<string, CompiledForm>()));
    byOptions.set(variant, compiled);
  }
  return compiled;
}
