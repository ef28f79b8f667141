/**
 * The JSON Schema (2020-12) of a `flowcase/app@1` bundle: `types.ts` in schema form (the format's notes
 * are in README.md here). It checks shapes only; what a schema cannot express (unique keys, references, the
 * flow graph, rules, templates, patterns, durations) is checked by the `*-checks.ts` files.
 *
 * Every string has a `maxLength` so a 10 MB string fails cheaply, and every object is closed
 * (`additionalProperties: false`) so a misspelt option is reported rather than ignored. Field types
 * and node types are told apart by ajv's `discriminator` on `type`, so errors concern the right type.
 */
import type { FieldType, NodeType } from './types.js';
import { FORBIDDEN_KEYS, KEY_PATTERN } from './types.js';

type Schema = Record<string, unknown>;

const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });
const text = (maxLength: number): Schema => ({ type: 'string', maxLength });
const keyList = (maxItems: number): Schema => ({ type: 'array', maxItems, items: ref('key') });

/** Keywords that apply only to one JSON type let one schema serve "a string or an object". */
const localizedDef = (maxLength: number): Schema => ({
  type: ['string', 'object'],
  maxLength,
  minProperties: 1,
  properties: { en: text(maxLength), zh: text(maxLength) },
  additionalProperties: false,
});

/** Localized texts are shared definitions so ajv compiles each once. */
const LOCALIZED_SIZES = [200, 500, 2000, 20_000] as const;
const localized = (maxLength: (typeof LOCALIZED_SIZES)[number]): Schema => ref(`text${maxLength}`);

/** A closed object: only the listed properties. */
function object(properties: Schema, required: string[] = []): Schema {
  return { type: 'object', required, properties, additionalProperties: false };
}

export const FIELD_TYPES = [
  'text',
  'textarea',
  'number',
  'integer',
  'money',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiselect',
  'phone',
  'email',
  'address',
  'files',
  'relation',
  'user',
  'rating',
  'autonumber',
  'table',
] as const satisfies readonly FieldType[];

export const NODE_TYPES = [
  'task',
  'branch',
  'parallel',
  'join',
  'notify',
  'webhook',
  'record',
  'wait',
  'event',
  'subflow',
  'end',
] as const satisfies readonly NodeType[];

const numberRange = {
  min: { type: 'number' },
  max: { type: 'number' },
  currency: { type: 'string', pattern: '^[A-Z]{3}$' },
};
const durationUnit = { enum: ['minutes', 'hours', 'days'] };
const count = (maximum: number): Schema => ({ type: 'integer', minimum: 0, maximum });

/** Options each field type adds to the common ones, with the options it cannot do without. */
const FIELD_OPTIONS: Record<FieldType, { properties: Schema; required?: string[] }> = {
  text: { properties: { minLength: count(100_000), maxLength: count(100_000), pattern: text(1000) } },
  textarea: { properties: {} },
  number: { properties: { ...numberRange, unit: durationUnit } },
  integer: { properties: { ...numberRange, unit: durationUnit } },
  money: { properties: numberRange },
  date: { properties: {} },
  datetime: { properties: {} },
  boolean: { properties: {} },
  select: { properties: { options: ref('options') }, required: ['options'] },
  multiselect: { properties: { options: ref('options') }, required: ['options'] },
  phone: { properties: {} },
  email: { properties: {} },
  address: { properties: {} },
  files: {
    properties: {
      accept: { type: 'array', maxItems: 50, items: text(100) },
      maxFiles: { type: 'integer', minimum: 1, maximum: 100 },
    },
  },
  relation: { properties: { form: ref('key'), display: ref('key') }, required: ['form'] },
  user: { properties: {} },
  rating: { properties: {} },
  autonumber: { properties: { pattern: text(100) }, required: ['pattern'] },
  table: {
    properties: {
      columns: { type: 'array', minItems: 1, maxItems: 100, items: ref('column') },
      minRows: count(1000),
      maxRows: count(1000),
    },
    required: ['columns'],
  },
};

const FIELD_COMMON: Schema = {
  key: ref('key'),
  label: localized(200),
  required: { type: 'boolean' },
  readonly: { type: 'boolean' },
  default: ref('value'),
  visibleIf: ref('logic'),
  formula: ref('logic'),
  help: localized(2000),
};

function fieldOf(types: readonly FieldType[]): Schema {
  return {
    type: 'object',
    required: ['type'],
    discriminator: { propertyName: 'type' },
    oneOf: types.map((t) =>
      object({ type: { const: t }, ...FIELD_COMMON, ...FIELD_OPTIONS[t].properties }, [
        'key',
        'type',
        'label',
        ...(FIELD_OPTIONS[t].required ?? []),
      ]),
    ),
  };
}

const target = ref('key');
const NODE_OPTIONS: Record<NodeType, { properties: Schema; required?: string[]; extra?: Schema }> = {
  task: {
    properties: {
      assignee: ref('assignees'),
      mode: { enum: ['any', 'all'] },
      fields: object({ visible: keyList(500), editable: keyList(500), required: keyList(500) }),
      backfill: keyList(500),
      related: keyList(20),
      actions: {
        type: 'array',
        maxItems: 7,
        uniqueItems: true,
        items: { enum: ['submit', 'approve', 'reject', 'return', 'transfer', 'addSigner', 'withdraw'] },
      },
      sla: object(
        {
          due: ref('duration'),
          remind: ref('duration'),
          escalateTo: { type: 'array', maxItems: 50, items: ref('assignee') },
          cc: { type: 'array', maxItems: 50, items: ref('assignee') },
        },
        ['due'],
      ),
      next: target,
      onApprove: target,
      onReject: target,
      returnTo: keyList(100),
      reasonField: ref('key'),
      actionLabels: object(
        Object.fromEntries(
          ['submit', 'approve', 'reject', 'return', 'transfer', 'addSigner', 'withdraw'].map((a) => [
            a,
            localized(200),
          ]),
        ),
      ),
      cc: { type: 'array', maxItems: 50, items: ref('assignee') },
    },
    required: ['assignee'],
  },
  branch: {
    properties: {
      cases: {
        type: 'array',
        minItems: 1,
        maxItems: 50,
        items: object({ when: ref('logic'), next: target }, ['when', 'next']),
      },
      default: target,
    },
    required: ['cases'],
  },
  parallel: {
    properties: { branches: { type: 'array', minItems: 2, maxItems: 20, items: target } },
    required: ['branches'],
  },
  join: { properties: { next: target }, required: ['next'] },
  notify: {
    properties: {
      to: { type: 'array', minItems: 1, maxItems: 50, items: ref('assignee') },
      channel: { enum: ['inapp', 'email', 'sms', 'webhook'] },
      template: localized(20_000),
      subject: localized(500),
      cc: { type: 'array', maxItems: 50, items: ref('assignee') },
      next: target,
    },
    required: ['to', 'channel', 'template', 'next'],
  },
  webhook: {
    properties: {
      url: { type: 'string', maxLength: 2000, pattern: '^https?://[^\\s]+$' },
      body: text(20_000),
      next: target,
      onError: target,
    },
    required: ['url', 'next'],
  },
  record: {
    properties: {
      action: { enum: ['update', 'create'] },
      form: ref('key'),
      target: ref('logic'),
      set: {
        type: 'object',
        maxProperties: 200,
        propertyNames: ref('key'),
        additionalProperties: ref('logic'),
      },
      next: target,
    },
    // An update without `target` changes the instance's own record (its form must be the flow's).
    required: ['action', 'form', 'set', 'next'],
  },
  wait: { properties: { duration: ref('duration'), until: ref('key'), next: target }, required: ['next'] },
  event: {
    properties: {
      name: { type: 'string', maxLength: 100, pattern: '^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$' },
      title: localized(200),
      next: target,
      timeout: ref('duration'),
      onTimeout: target,
      fields: keyList(200),
      fallback: object(
        {
          name: localized(200),
          assignee: ref('assignees'),
          fields: object({ visible: keyList(500), editable: keyList(500), required: keyList(500) }),
          after: ref('duration'),
        },
        ['assignee'],
      ),
    },
    required: ['name', 'next'],
  },
  // `record` or `target`, exactly one: checked with the other subflow checks (subflow-checks.ts).
  subflow: {
    properties: {
      flow: ref('key'),
      record: object(
        {
          set: {
            type: 'object',
            maxProperties: 200,
            propertyNames: ref('key'),
            additionalProperties: ref('logic'),
          },
        },
        ['set'],
      ),
      target: ref('logic'),
      recordAs: ref('key'),
      outcomes: {
        type: 'object',
        maxProperties: 50,
        propertyNames: { type: 'string', minLength: 1, maxLength: 100 },
        additionalProperties: target,
      },
      next: target,
      onError: target,
    },
    required: ['flow', 'next'],
  },
  end: { properties: { outcome: text(100) } },
};

const node: Schema = {
  type: 'object',
  required: ['type'],
  discriminator: { propertyName: 'type' },
  oneOf: NODE_TYPES.map((t) => {
    const options = NODE_OPTIONS[t];
    return {
      ...object({ type: { const: t }, name: localized(200), ...options.properties }, [
        'type',
        ...(options.required ?? []),
      ]),
      ...options.extra,
    };
  }),
};

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

/** The JSON Schema of a `flowcase/app@1` bundle. */
export const BUNDLE_SCHEMA: Readonly<Schema> = {
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
    field: fieldOf(FIELD_TYPES),
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
      },
      ['key', 'name', 'fields'],
    ),
    node,
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
    widget: object(
      {
        key: ref('key'),
        type: { enum: ['kpi', 'bar', 'line', 'pie', 'table', 'pivot'] },
        title: localized(200),
        form: ref('key'),
        filter: ref('logic'),
        dimensions: {
          type: 'array',
          maxItems: 5,
          items: object({ field: ref('key'), bucket: { enum: ['day', 'week', 'month'] } }, ['field']),
        },
        measures: {
          type: 'array',
          minItems: 1,
          maxItems: 20,
          items: object(
            { op: { enum: ['count', 'sum', 'avg', 'min', 'max'] }, field: ref('key'), label: localized(200) },
            ['op'],
          ),
        },
      },
      ['key', 'type', 'form', 'measures'],
    ),
    dashboard: object(
      {
        key: ref('key'),
        name: localized(200),
        widgets: { type: 'array', maxItems: 50, items: ref('widget') },
      },
      ['key', 'name', 'widgets'],
    ),
  },
};
