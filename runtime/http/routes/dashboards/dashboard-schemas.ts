/** JSON Schemas of dashboard data (the widget shape lives with the reports that build it). */
import { widgetDataSchema } from '../../../reports/widget-shapes.js';

/** `from`, `to`, `dateField` and `f.<field>` (repeatable or comma-separated). */
export const dashboardFilterProperties = {
  from: {
    type: 'string',
    maxLength: 40,
    description: 'Start: a local date YYYY-MM-DD (inclusive, server time zone) or an ISO-8601 instant',
  },
  to: {
    type: 'string',
    maxLength: 40,
    description: 'End: a local date YYYY-MM-DD (inclusive) or an ISO-8601 instant (exclusive)',
  },
  dateField: {
    type: 'string',
    maxLength: 64,
    description:
      'The date or datetime field the range applies to (default createdAt; forms without it use createdAt)',
  },
} as const;

export const fieldFilterPattern = {
  '^f\\.[a-z][a-z0-9_]{0,62}$': {
    type: 'array',
    maxItems: 50,
    items: { type: 'string', maxLength: 200 },
    description: 'f.<select/relation/user field>=value[,value]',
  },
} as const;

export const dashboardDataSchema = {
  type: 'object',
  required: ['app', 'key', 'name', 'timeZone', 'widgets'],
  properties: {
    app: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    timeZone: { type: 'string' },
    period: { type: 'object', properties: { from: { type: 'string' }, to: { type: 'string' } } },
    widgets: { type: 'array', items: widgetDataSchema },
  },
} as const;

export { widgetDataSchema };
