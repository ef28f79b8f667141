/**
 * Building blocks of the bundle's JSON Schema, shared by `bundle-schema.ts` and the schema
 * fragments that node kinds, field types and widget types own. References point into the bundle
 * schema's `$defs` (`key`, `logic`, `duration`, `assignee`, `options`, `text200`...), so a
 * fragment is only meaningful inside the assembled schema.
 */

export type Schema = Record<string, unknown>;

/** What a kind adds to the object that holds it: its own properties, and those it cannot do without. */
export interface SchemaFragment {
  properties: Schema;
  required?: readonly string[];
}

export const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
export const text = (maxLength: number): Schema => ({ type: 'string', maxLength });
export const keyList = (maxItems: number): Schema => ({ type: 'array', maxItems, items: ref('key') });
export const count = (maximum: number): Schema => ({ type: 'integer', minimum: 0, maximum });

/** Localized texts are shared definitions (`text200`...) so ajv compiles each once. */
export const LOCALIZED_SIZES = [200, 500, 2000, 20_000] as const;
export const localized = (maxLength: (typeof LOCALIZED_SIZES)[number]): Schema => ref(`text${maxLength}`);

/** A closed object: only the listed properties. */
export function object(properties: Schema, required: readonly string[] = []): Schema {
  return { type: 'object', required: [...required], properties, additionalProperties: false };
}

/** A transition: the key of a node of the same flow. */
export const target: Schema = ref('key');

/** A task's or fallback's field permissions. */
export const fieldPermissions = (): Schema =>
  object({ visible: keyList(500), editable: keyList(500), required: keyList(500) });

/** A list of 抄送 / escalation / recipient rules. */
export const assigneeList = (minItems = 0): Schema => ({
  type: 'array',
  ...(minItems > 0 ? { minItems } : {}),
  maxItems: 50,
  items: ref('assignee'),
});

/** Field keys mapped to rules (a record node's `set`). */
export const ruleMap = (): Schema => ({
  type: 'object',
  maxProperties: 200,
  propertyNames: ref('key'),
  additionalProperties: ref('logic'),
});
