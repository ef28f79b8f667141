/**
 * Request validation. Fastify's default ajv options coerce types and strip unknown properties,
 * so `{"username": 42, "roles": "admin"}` would be acted on as `"42"` and `["admin"]` and a typo'd
 * property silently dropped. Bodies are JSON and must be exactly right: no coercion, unknown
 * properties refused where a schema says so, every problem reported. Querystrings, params and
 * headers arrive as text, so they keep type coercion.
 */
import AjvModule, { type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';

// Both are CommonJS: at run time the module is the export, typed as the module's `default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function build(options: Options): InstanceType<typeof Ajv> {
  const ajv = new Ajv({ useDefaults: true, allErrors: true, strict: false, ...options });
  addFormats(ajv);
  return ajv;
}

export function validatorCompiler(): FastifySchemaCompiler<FastifySchema> {
  const strict = build({ coerceTypes: false, removeAdditional: false });
  const text = build({ coerceTypes: 'array', removeAdditional: false });
  return ({ schema, httpPart }) => (httpPart === 'body' ? strict : text).compile(schema as object);
}
