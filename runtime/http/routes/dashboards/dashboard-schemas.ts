/** The dashboard filter of the query string; the answers' shapes are the contract's (contract/reports.ts). */

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
