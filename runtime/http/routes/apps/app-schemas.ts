/** Response schemas of the app routes; definitions pass through as the bundle holds them. */
import { anyObjectSchema, localizedTextSchema } from '../../schemas.js';

const head = {
  key: { type: 'string' },
  name: localizedTextSchema,
  description: localizedTextSchema,
  version: { type: 'integer' },
  roles: { type: 'array', items: anyObjectSchema },
  canDesign: { type: 'boolean' },
} as const;

const named = { type: 'object', properties: { key: { type: 'string' }, name: localizedTextSchema } } as const;

export const appSummarySchema = {
  type: 'object',
  required: ['key', 'name', 'version', 'roles', 'forms', 'flows', 'dashboards'],
  properties: {
    ...head,
    forms: { type: 'array', items: named },
    flows: {
      type: 'array',
      items: { type: 'object', properties: { ...named.properties, form: { type: 'string' } } },
    },
    dashboards: { type: 'array', items: named },
  },
} as const;

export const appViewSchema = {
  type: 'object',
  required: ['key', 'name', 'version', 'roles', 'forms', 'flows', 'dashboards'],
  properties: {
    ...head,
    timeZone: {
      type: 'string',
      description: "The server's IANA time zone: report periods and date buckets are its local dates",
    },
    forms: { type: 'array', items: anyObjectSchema },
    flows: { type: 'array', items: anyObjectSchema },
    dashboards: { type: 'array', items: anyObjectSchema },
  },
} as const;

export const installedSchema = {
  ...appViewSchema,
  required: [...appViewSchema.required, 'sampleRecords'],
  properties: {
    ...appViewSchema.properties,
    sampleRecords: { type: 'integer', description: 'sampleData records inserted' },
  },
} as const;
