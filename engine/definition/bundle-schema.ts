/**
 * The JSON Schema (2020-12) of a `flowcase/app@1` bundle: `types.ts` in schema form (the format's notes
 * are in README.md here). It checks shapes only; what a schema cannot express (unique keys, references, the
 * flow graph, rules, templates, patterns, durations) is checked by the `*-checks.ts` files and by the
 * kinds themselves.
 *
 * It is assembled from the registries: each node kind (`engine/flow/kinds`), field type
 * (`engine/form/fields`) and widget type (`engine/dashboard/widgets`) gives the schema fragment of
 * its own properties; what every node, field and widget has is listed here. A kind registered at
 * run time makes `bundleSchema()` assemble again.
 *
 * Every string has a `maxLength` so a 10 MB string fails cheaply, and every object is closed
 * (`additionalProperties: false`) so a misspelt option is reported rather than ignored. Field types
 * and node types are told apart by ajv's `discriminator` on `type`, so errors concern the right type.
 */
import { widgetTypeModules, widgetTypeNames } from '../dashboard/widgets/registry.js';
import { DATE_PRESETS } from '../dashboard/date-presets.js';
import { nodeKinds, nodeTypes } from '../flow/kinds/registry.js';
import { fieldTypeModules, fieldTypeNames } from '../form/fields/registry.js';
import { registryRevision } from './kind-registry.js';
import { keyList, LOCALIZED_SIZES, localized, object, ref, text, type Schema } from './schema-parts.js';
import type { FieldType, NodeType } from './types.js';
import { FORBIDDEN_KEYS, KEY_PATTERN } from './types.js';

/** Keywords that apply only to one JSON type let one schema serve "a string or an object". */
const localizedDef = (maxLength: number): Schema => ({
  type: ['string', 'object'],
  maxLength,
  minProperties: 1,
  properties: { en: text(maxLength), zh: text(maxLength) },
  additionalProperties: false,
});

/** The shipped field types, in registry order (`fieldTypeNames()` adds those registered later). */
export const FIELD_TYPES = fieldTypeNames() as readonly FieldType[];

/** The shipped node types, in registry order (`nodeTypes()` adds those registered later). */
export const NODE_TYPES = nodeTypes() as readonly NodeType[];

const FIELD_COMMON: Schema = {
  key: ref('key'),
  label: localized(200),
  required: { type: 'boolean' },
  readonly: { type: 'boolean' },
  default: ref('value'),
  visibleIf: ref('logic'),
  formula: ref('logic'),
  validations: {
    type: 'array',
    maxItems: 20,
    items: object({ rule: ref('logic'), message: localized(500) }, ['rule', 'message']),
  },
  help: localized(2000),
};

/** Every field type: the common properties and the type's own (`FieldTypeModule.definitionSchema`). */
function fieldSchema(): Schema {
  return {
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: fieldTypeModules().map((module) =>
      object(
        { type: { const: module.description.type }, ...FIELD_COMMON, ...module.definitionSchema.properties },
        ['key', 'type', 'label', ...(module.definitionSchema.required ?? [])],
      ),
    ),
  };
}

/** Every node kind: a name, and the kind's own properties (`NodeKind.definitionSchema`). */
function nodeSchema(): Schema {
  return {
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: nodeKinds().map((kind) =>
      object({ type: { const: kind.type }, name: localized(200), ...kind.definitionSchema.properties }, [
        'type',
        ...(kind.definitionSchema.required ?? []),
      ]),
    ),
  };
}

/**
 * Every widget: one closed object whose `type` is any widget type, with the options every widget
 * has and those each type adds; a type's required options apply to widgets of that type only.
 */
function widgetSchema(): Schema {
  const modules = widgetTypeModules();
  const own = Object.assign({}, ...modules.map((m) => m.definitionSchema.properties)) as Schema;
  // A widget over records needs its form and figures; a process widget names a flow instead.
  const requiredOf = (m: (typeof modules)[number]) => [
    ...(m.reads === 'flow' ? [] : ['form', 'measures']),
    ...(m.definitionSchema.required ?? []),
  ];
  const conditions = modules
    .filter((m) => requiredOf(m).length > 0)
    .map((m) => ({
      if: { properties: { type: { const: m.description.type } } },
      then: { required: requiredOf(m) },
    }));
  return {
    ...object(
      {
        key: ref('key'),
        type: { enum: widgetTypeNames() },
        title: localized(200),
        form: ref('key'),
        filter: ref('logic'),
        dimensions: {
          type: 'array',
          maxItems: 5,
          items: object(
            { field: ref('key'), bucket: { enum: ['day', 'week', 'month', 'quarter', 'year'] } },
            ['field'],
          ),
        },
        measures: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: object(
            {
              op: { enum: ['count', 'sum', 'avg', 'min', 'max', 'distinct'] },
              field: ref('key'),
              label: localized(200),
              format: object({
                decimals: { type: 'integer', minimum: 0, maximum: 6 },
                thousands: { type: 'boolean' },
                unit: localized(200),
              }),
            },
            ['op'],
          ),
        },
        sort: object({ by: { enum: ['label', 'value'] }, dir: { enum: ['asc', 'desc'] } }, ['by']),
        limit: { type: 'integer', minimum: 1, maximum: 1000 },
        colors: {
          type: 'array',
          maxItems: 20,
          items: { type: 'string', pattern: '^#[0-9a-fA-F]{6}$' },
        },
        clickThrough: { type: 'boolean' },
        ...own,
      },
      ['key', 'type'],
    ),
    ...(conditions.length > 0 ? { allOf: conditions } : {}),
  };
}

/** A capped JSON value: strings, arrays and objects are bounded at every level. */
const cappedValue = (self: string, maxLength: number): Schema => ({
  maxLength,
  maxItems: 1000,
  maxProperties: 200,
  items: ref(self),
  additionalProperties: ref(self),
});

/**
 * Designer metadata (`layout`): free-form JSON the engine and runtime never read, so a canvas can
 * keep node positions and a form builder its sections. Bounded in depth (`LAYOUT_DEPTH` levels
 * below each entry, one `$defs` entry per level) and in size at every level; the whole section's
 * size is capped by `layout-checks.ts`.
 */
export const LAYOUT_DEPTH = 6;
const layoutLevels = (): Schema => {
  const levels: Schema = {
    layout0: { type: ['string', 'number', 'boolean', 'null'], maxLength: 2000 },
  };
  for (let level = 1; level <= LAYOUT_DEPTH; level++) {
    levels[`layout${level}`] = {
      type: ['string', 'number', 'boolean', 'null', 'array', 'object'],
      maxLength: 2000,
      maxItems: 500,
      maxProperties: 200,
      items: ref(`layout${level - 1}`),
      additionalProperties: ref(`layout${level - 1}`),
    };
  }
  return levels;
};
/** One entry per flow, form or dashboard key: an object of designer data. */
const layoutEntries: Schema = {
  type: 'object',
  maxProperties: 500,
  propertyNames: ref('key'),
  additionalProperties: {
    type: 'object',
    maxProperties: 200,
    additionalProperties: ref(`layout${LAYOUT_DEPTH}`),
  },
};

/** The schema of every key; `schema-validator.ts` recognizes its errors by identity. */
export const KEY_SCHEMA: Readonly<Schema> = {
  type: 'string',
  maxLength: 63,
  pattern: KEY_PATTERN.source,
  not: { enum: [...FORBIDDEN_KEYS] },
};

/** An assignee rule names exactly one of role, user, field or submitter. */
const assigneeShape: Schema = {
  minProperties: 1,
  maxProperties: 1,
  properties: {
    role: ref('key'),
    user: { type: 'string', minLength: 1, maxLength: 200 },
    field: ref('key'),
    submitter: { const: true },
  },
  additionalProperties: false,
};

export const BUNDLE_SCHEMA_ID = 'https://flowcase.dev/schemas/app@1.json';

/** A simulator persona: a user id and the roles they hold. */
const persona = (): Schema =>
  object(
    {
      user: { type: 'string', minLength: 1, maxLength: 200 },
      roles: { type: 'array', maxItems: 50, items: ref('key') },
    },
    ['user'],
  );

/** A record as JSON: field values under their keys. */
const recordData = (): Schema => ({
  type: 'object',
  maxProperties: 200,
  propertyNames: ref('key'),
  additionalProperties: ref('value'),
});

/** A saved simulator run (`ScenarioDef`): the moves are the simulator's, checked one kind at a time. */
const scenarioSchema = (): Schema =>
  object(
    {
      key: ref('key'),
      name: localized(200),
      flow: ref('key'),
      start: { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}T', maxLength: 40 },
      submitter: persona(),
      people: { type: 'array', maxItems: 100, items: persona() },
      record: recordData(),
      records: {
        type: 'object',
        maxProperties: 50,
        propertyNames: ref('key'),
        additionalProperties: { type: 'object', maxProperties: 200, additionalProperties: recordData() },
      },
      moves: {
        type: 'array',
        maxItems: 500,
        items: {
          oneOf: [
            object(
              {
                type: { const: 'act' },
                as: persona(),
                node: ref('key'),
                action: { enum: ['submit', 'approve', 'reject', 'return', 'transfer'] },
                data: recordData(),
                comment: { type: 'string', maxLength: 5000 },
                returnTo: ref('key'),
                to: { type: 'string', minLength: 1, maxLength: 200 },
              },
              ['type', 'as', 'node', 'action'],
            ),
            object({ type: { const: 'advance' }, by: ref('duration') }, ['type', 'by']),
            object(
              {
                type: { const: 'event' },
                name: { type: 'string', minLength: 1, maxLength: 200 },
                payload: recordData(),
              },
              ['type', 'name'],
            ),
            object(
              {
                type: { const: 'webhook' },
                node: ref('key'),
                ok: { type: 'boolean' },
                detail: { type: 'string', maxLength: 2000 },
              },
              ['type', 'node', 'ok'],
            ),
            object({ type: { const: 'cancel' }, reason: { type: 'string', maxLength: 2000 } }, ['type']),
          ],
        },
      },
      expect: object(
        {
          status: { enum: ['active', 'done', 'cancelled', 'failed'] },
          outcome: { type: 'string', maxLength: 200 },
          path: { type: 'array', maxItems: 10_000, items: ref('key') },
        },
        ['status', 'path'],
      ),
    },
    ['key', 'name', 'flow', 'start', 'submitter', 'record', 'moves', 'expect'],
  );

/** A list view's column or sort: a field key, or the record's creation time. */
const viewColumn: Schema = { type: 'string', pattern: '^([a-z][a-z0-9_]{0,62}|createdAt)$' };

/** A form's list view (`ListViewDef`): columns are field keys or record metadata (checked in list-view-checks.ts). */
const listViewSchema = (): Schema =>
  object(
    {
      key: ref('key'),
      name: localized(200),
      roles: { type: 'array', maxItems: 50, uniqueItems: true, items: ref('key') },
      columns: { type: 'array', minItems: 1, maxItems: 100, uniqueItems: true, items: viewColumn },
      filter: ref('logic'),
      sort: object({ field: viewColumn, dir: { enum: ['asc', 'desc'] } }, ['field', 'dir']),
    },
    ['key', 'name', 'columns'],
  );

/** Assembles the JSON Schema of a `flowcase/app@1` bundle from the registries as they stand. */
const assemble = (): Schema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: BUNDLE_SCHEMA_ID,
  title: 'Flowcase app bundle (flowcase/app@1)',
  ...object(
    {
      format: { const: 'flowcase/app@1' },
      key: ref('key'),
      name: localized(200),
      version: { type: ['string', 'integer'], maxLength: 50, minimum: 0 },
      description: localized(2000),
      roles: { type: 'array', maxItems: 100, items: ref('role') },
      forms: { type: 'array', maxItems: 200, items: ref('form') },
      flows: { type: 'array', maxItems: 200, items: ref('flow') },
      dashboards: { type: 'array', maxItems: 100, items: ref('dashboard') },
      sampleData: {
        type: 'object',
        maxProperties: 200,
        propertyNames: ref('key'),
        additionalProperties: {
          type: 'array',
          maxItems: 1000,
          items: { type: 'object', maxProperties: 200, additionalProperties: ref('value') },
        },
      },
      layout: object({ flows: layoutEntries, forms: layoutEntries, dashboards: layoutEntries }),
      scenarios: { type: 'array', maxItems: 100, items: scenarioSchema() },
    },
    ['format', 'key', 'name', 'version', 'roles', 'forms', 'flows', 'dashboards'],
  ),
  $defs: {
    key: KEY_SCHEMA,
    duration: { type: 'string', maxLength: 40 },
    logic: cappedValue('logic', 10_000),
    value: cappedValue('value', 10_000),
    ...layoutLevels(),
    options: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: object({ value: { type: 'string', minLength: 1, maxLength: 200 }, label: localized(200) }, [
        'value',
        'label',
      ]),
    },
    assignee: { type: 'object', ...assigneeShape },
    // One rule or a list of rules: array keywords apply to the list, object keywords to one rule.
    assignees: {
      type: ['object', 'array'],
      ...assigneeShape,
      minItems: 1,
      maxItems: 50,
      items: ref('assignee'),
    },
    role: object(
      {
        key: ref('key'),
        name: localized(200),
        design: { type: 'boolean' },
        customer: { type: 'boolean' },
        supervise: { type: 'boolean' },
      },
      ['key', 'name'],
    ),
    ...Object.fromEntries(LOCALIZED_SIZES.map((size) => [`text${size}`, localizedDef(size)])),
    field: fieldSchema(),
    // A column is any field but a table; sharing `field` keeps the compiled schema small.
    column: { $ref: '#/$defs/field', properties: { type: { not: { const: 'table' } } } },
    form: object(
      {
        key: ref('key'),
        name: localized(200),
        fields: { type: 'array', minItems: 1, maxItems: 500, items: ref('field') },
        submitRoles: keyList(100),
        ownerField: ref('key'),
        readRoles: keyList(100),
        startsFrom: object({ app: ref('key'), form: ref('key'), record: ref('key'), title: ref('key') }, [
          'app',
          'form',
          'record',
        ]),
        access: {
          type: 'array',
          maxItems: 20,
          items: object({ roles: keyList(100), create: keyList(500), read: keyList(500) }, ['create']),
        },
        relatedLists: {
          type: 'array',
          maxItems: 20,
          items: object(
            {
              key: ref('key'),
              label: localized(200),
              form: ref('key'),
              match: {
                type: 'array',
                minItems: 1,
                maxItems: 5,
                items: object({ field: ref('key'), value: ref('logic') }, ['field', 'value']),
              },
              show: keyList(20),
              limit: { type: 'integer', minimum: 1, maximum: 50 },
            },
            ['key', 'label', 'form', 'match'],
          ),
        },
        priority: ref('logic'),
        language: { enum: ['en', 'zh'] },
        views: { type: 'array', maxItems: 50, items: listViewSchema() },
      },
      ['key', 'name', 'fields'],
    ),
    node: nodeSchema(),
    flow: object(
      {
        key: ref('key'),
        name: localized(200),
        form: ref('key'),
        trigger: object({ on: { enum: ['record.created', 'manual'] } }, ['on']),
        start: ref('key'),
        nodes: {
          type: 'object',
          minProperties: 1,
          maxProperties: 500,
          propertyNames: ref('key'),
          additionalProperties: ref('node'),
        },
      },
      ['key', 'name', 'form', 'trigger', 'start', 'nodes'],
    ),
    widget: widgetSchema(),
    dashboard: object(
      {
        key: ref('key'),
        name: localized(200),
        roles: { type: 'array', maxItems: 50, uniqueItems: true, items: ref('key') },
        filters: object({
          date: object({
            field: { type: 'string', pattern: '^([a-z][a-z0-9_]{0,62}|createdAt)$' },
            default: { enum: [...DATE_PRESETS] },
          }),
          fields: { type: 'array', maxItems: 10, uniqueItems: true, items: ref('key') },
        }),
        widgets: { type: 'array', maxItems: 50, items: ref('widget') },
      },
      ['key', 'name', 'widgets'],
    ),
  },
});

let assembled: { revision: number; schema: Readonly<Schema> } | undefined;

/** The JSON Schema of a `flowcase/app@1` bundle, with every kind registered so far. */
export function bundleSchema(): Readonly<Schema> {
  if (assembled?.revision !== registryRevision())
    assembled = { revision: registryRevision(), schema: assemble() };
  return assembled.schema;
}

/** The JSON Schema of a `flowcase/app@1` bundle with the shipped kinds. */
export const BUNDLE_SCHEMA: Readonly<Schema> = bundleSchema();
