/**
 * Runs the bundle schema with ajv and turns its errors into our problems: one per location and
 * kind, with a JSON pointer that points at the offending value (or at the missing or unknown
 * property itself) and a message a designer can act on.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Problem } from '../errors.js';
import { pointerSegment } from '../errors.js';
import { fieldTypeNames } from '../form/fields/registry.js';
import { nodeTypes } from '../flow/kinds/registry.js';
import { bundleSchema, KEY_SCHEMA } from './bundle-schema.js';
import { registryRevision } from './kind-registry.js';

type Part = 'bundle' | 'widget';

const compiled = new Map<Part, { revision: number; validate: ValidateFunction }>();

/** The schema of `part`: the whole bundle, or one widget with the definitions it refers to. */
function schemaOf(part: Part): object {
  const bundle = bundleSchema();
  // ajv compiles only the definitions a schema reaches, so a widget's schema skips the forms,
  // flows and nodes that make the bundle's slow to compile (about 1 s in a fresh process).
  return part === 'bundle'
    ? bundle
    : { $schema: bundle.$schema, $ref: '#/$defs/widget', $defs: bundle.$defs };
}

function validator(part: Part): ValidateFunction {
  // Compiled on first use (the schema is large and most imports of the engine never validate),
  // and again after a kind was registered.
  const found = compiled.get(part);
  if (found?.revision === registryRevision()) return found.validate;
  const validate = new Ajv2020({
    allErrors: true,
    discriminator: true,
    allowUnionTypes: true,
    strictTypes: false,
    // Compile each definition once and call it, rather than inlining it at every use.
    inlineRefs: false,
    // Errors carry their schema, so key errors are recognized wherever the key definition is used.
    verbose: true,
    // Checking a schema against the JSON Schema meta-schema compiles the meta-schema first (about
    // 200 ms in a fresh process); the widget's definitions are the bundle's, checked with it.
    validateSchema: part === 'bundle',
  }).compile(schemaOf(part));
  compiled.set(part, { revision: registryRevision(), validate });
  return validate;
}

function show(value: unknown): string {
  const s = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  return s.length > 60 ? `${s.slice(0, 60)}…` : s;
}

function describeType(type: unknown): string {
  const names: Record<string, string> = {
    string: 'a text',
    object: 'an object',
    array: 'a list',
    integer: 'a whole number',
    number: 'a number',
    boolean: 'true or false',
    null: 'null',
  };
  const list = Array.isArray(type) ? type : [type];
  return list.map((t) => names[String(t)] ?? String(t)).join(' or ');
}

/** The value a JSON pointer designates, or undefined. */
function valueAt(json: unknown, path: string): unknown {
  let current = json;
  for (const raw of path.split('/').slice(1)) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (
      typeof current !== 'object' ||
      current === null ||
      !Object.prototype.hasOwnProperty.call(current, segment)
    )
      return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}

/** Maps one ajv error to a problem, or undefined for errors that only repeat another one. */
function toProblem(e: ErrorObject, json: unknown): Problem | undefined {
  const params = e.params as Record<string, unknown>;
  const at = e.instancePath;
  const invalidKey = (path: string, key: unknown): Problem => ({
    path,
    code: 'key.invalid',
    message: `"${show(key)}" is not a valid key: use a lowercase letter followed by up to 62 lowercase letters, digits or _; __proto__, constructor and prototype are reserved.`,
  });
  if (e.keyword === 'propertyNames') {
    const name = String(params.propertyName);
    return invalidKey(`${at}/${pointerSegment(name)}`, name);
  }
  if (e.parentSchema === KEY_SCHEMA && e.keyword !== 'type') {
    // Inside `propertyNames` the error concerns an object's property name: the outer
    // `propertyNames` error reports it with the name, so this one is dropped.
    const value = valueAt(json, at);
    return typeof value === 'string' ? invalidKey(at, value) : undefined;
  }
  switch (e.keyword) {
    case 'if':
      return undefined;
    case 'required':
      return {
        path: `${at}/${pointerSegment(String(params.missingProperty))}`,
        code: 'schema.required',
        message: `"${show(params.missingProperty)}" is required here.`,
      };
    case 'additionalProperties':
      return {
        path: `${at}/${pointerSegment(String(params.additionalProperty))}`,
        code: 'schema.unknown_property',
        message: `Unknown property "${show(params.additionalProperty)}".`,
      };
    case 'discriminator': {
      // ajv reports schema paths relative to the referenced definition, so tell them apart by place.
      const isNode = /^\/flows\/\d+\/nodes\/[^/]+$/.test(at);
      const allowed: readonly string[] = isNode
        ? nodeTypes()
        : /\/columns\/\d+$/.test(at)
          ? fieldTypeNames().filter((t) => t !== 'table')
          : fieldTypeNames();
      const what = isNode ? 'node type' : 'field type';
      if (params.error === 'mapping') {
        return {
          path: `${at}/type`,
          code: 'schema.unknown_type',
          message: `Unknown ${what} "${show(params.tagValue)}"; expected one of ${allowed.join(', ')}.`,
        };
      }
      if (params.tagValue === undefined) {
        return {
          path: `${at}/type`,
          code: 'schema.required',
          message: `A ${what} is required here: one of ${allowed.join(', ')}.`,
        };
      }
      return {
        path: `${at}/type`,
        code: 'schema.type',
        message: `The ${what} must be a text: one of ${allowed.join(', ')}.`,
      };
    }
    case 'type':
      return { path: at, code: 'schema.type', message: `Must be ${describeType(params.type)}.` };
    case 'const':
      return { path: at, code: 'schema.const', message: `Must be ${JSON.stringify(params.allowedValue)}.` };
    case 'enum':
      return {
        path: at,
        code: 'schema.enum',
        message: `Must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'maxLength':
      return {
        path: at,
        code: 'schema.too_long',
        message: `Must have at most ${String(params.limit)} characters.`,
      };
    case 'minLength':
      return {
        path: at,
        code: 'schema.too_short',
        message: `Must have at least ${String(params.limit)} character(s).`,
      };
    case 'maxItems':
    case 'maxProperties':
      return {
        path: at,
        code: 'schema.too_many',
        message: `Must have at most ${String(params.limit)} entries.`,
      };
    case 'minItems':
    case 'minProperties':
      return {
        path: at,
        code: 'schema.too_few',
        message: `Must have at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}.`,
      };
    case 'uniqueItems':
      return {
        path: at,
        code: 'schema.duplicate_item',
        message: `Entries ${String(params.j)} and ${String(params.i)} are the same.`,
      };
    case 'minimum':
    case 'maximum':
      return {
        path: at,
        code: 'schema.out_of_range',
        message: `Must be ${e.keyword === 'minimum' ? 'at least' : 'at most'} ${String(params.limit)}.`,
      };
    case 'pattern':
      return {
        path: at,
        code: 'schema.pattern',
        message: `Does not have the expected form (${String(params.pattern)}).`,
      };
    default:
      return {
        path: at,
        code: `schema.${e.keyword}`,
        message: e.message ?? 'Does not match the definition format.',
      };
  }
}

/** Validates the bundle's shape. Assumes the input passed `checkInputLimits` (bounded depth). */
export function checkSchema(json: unknown): Problem[] {
  return problemsOf(validator('bundle'), json);
}

/**
 * Validates one widget's shape against the bundle schema's widget definition: the same problems,
 * at paths relative to the widget, as the widget gets inside a bundle. Same assumption as `checkSchema`.
 */
export function checkWidgetSchema(json: unknown): Problem[] {
  return problemsOf(validator('widget'), json);
}

function problemsOf(validate: ValidateFunction, json: unknown): Problem[] {
  if (validate(json)) return [];
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const error of validate.errors ?? []) {
    const problem = toProblem(error, json);
    if (!problem) continue;
    const id = `${problem.path}\u0000${problem.code}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push(problem);
  }
  return problems;
}
