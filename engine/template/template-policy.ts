/**
 * What a Flowcase template may contain. Handlebars is a small language with several ways out of
 * the data it is given (partials, decorators, `lookup`, prototype paths, unescaped output); this
 * file is the allow-list that closes them, shared by the save-time check and the renderer.
 */

/** Longest template source accepted, in UTF-16 code units. */
export const MAX_TEMPLATE_LENGTH = 20_000;

/** Deepest nesting of blocks and sub-expressions accepted. */
export const MAX_TEMPLATE_NESTING = 32;

/** Block helpers (`{{#if x}}…{{/if}}`); `each` and `with` move the context into their argument. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless', 'each', 'with']);
export const CONTEXT_HELPERS: ReadonlySet<string> = new Set(['each', 'with']);

/** Inline formatting helpers (`{{money quote "CNY"}}`), implemented in `format-helpers.ts`. */
export const INLINE_HELPERS: ReadonlySet<string> = new Set(['date', 'money']);

/**
 * Names a template may read besides the form's fields. The caller of `renderTemplate` provides
 * them (see the README of this folder): `$today`/`$now` (ISO strings), `$user` (the acting user),
 * `record` (id, createdAt, updatedAt, createdBy), `task` (id, name, dueAt, url), `instance` (id,
 * status, outcome) and `app` (key, name).
 */
export const TEMPLATE_BUILTINS: ReadonlySet<string> = new Set([
  '$today',
  '$now',
  '$user',
  'record',
  'task',
  'instance',
  'app',
]);

/** `@` variables Handlebars defines inside blocks that are safe to read. */
export const DATA_VARIABLES: ReadonlySet<string> = new Set(['index', 'key', 'first', 'last', 'root']);

/** Path segments that reach an object's prototype or its machinery. */
export const FORBIDDEN_PATH_SEGMENTS: ReadonlySet<string> = new Set([
  '__proto__',
  'constructor',
  'prototype',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toString',
  'toLocaleString',
  'valueOf',
]);

/** Hash argument names (`{{#if x includeZero=true}}`): plain identifiers only. */
export const HASH_KEY_PATTERN = /^[a-zA-Z][a-zA-Z0-9_]{0,31}$/;
