/**
 * The ajv instance form validators are compiled with: JSON Schema 2020-12, every error at once,
 * patterns on RE2, and our own keywords for what plain JSON Schema checks badly (real calendar
 * dates, money decimals) plus the `x-fc-type` annotation messages are chosen by.
 */
import Ajv2020Module from 'ajv/dist/2020.js';
import type { AnySchemaObject, ValidateFunction } from 'ajv/dist/2020.js';
import { re2RegExpEngine } from './re2-engine.js';
import { isIsoDate, isIsoDateTime, hasAtMostDecimals } from './value-formats.js';

// ajv is CommonJS: TypeScript types the default import as the module, whose `default` is the
// class; at run time the module is the class, which also carries itself as `default`.
const Ajv2020 = Ajv2020Module.default;
type AjvClass = typeof Ajv2020;

/** A fresh instance every so many compilations: ajv's scope keeps every schema it ever compiled. */
const COMPILATIONS_PER_INSTANCE = 500;

let instance: InstanceType<AjvClass> | undefined;
let compilations = 0;

function createInstance(): InstanceType<AjvClass> {
  const ajv = new Ajv2020({
    allErrors: true,
    verbose: true,
    strict: true,
    strictTypes: false,
    code: { regExp: re2RegExpEngine },
  });
  ajv.addVocabulary(['x-fc-type', 'x-fc-form']);
  ajv.addKeyword({
    keyword: 'x-fc-format',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (format: string, value: string) =>
      format === 'date' ? isIsoDate(value) : format === 'datetime' ? isIsoDateTime(value) : true,
  });
  ajv.addKeyword({
    keyword: 'x-fc-decimals',
    type: 'number',
    schemaType: 'number',
    errors: false,
    validate: (decimals: number, value: number) => hasAtMostDecimals(value, decimals),
  });
  return ajv;
}

/** Compiles one schema into a standalone validator; throws when the schema itself is bad. */
export function compileValidator(schema: AnySchemaObject): ValidateFunction {
  if (!instance || compilations >= COMPILATIONS_PER_INSTANCE) {
    instance = createInstance();
    compilations = 0;
  }
  compilations += 1;
  const validate = instance.compile(schema);
  // The validator is self-contained; dropping it from the cache lets the schema be collected.
  instance.removeSchema(schema);
  return validate;
}
