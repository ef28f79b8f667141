/** Process analytics of a flow (staff only): per node and per flow figures over a date range. */
import type { FastifyInstance } from 'fastify';
import { closeReports, reportsFor } from '../../../reports/report-service.js';
import type { RouteOptions } from '../../route-options.js';
import { keyParam, problemResponses, signedIn } from '../../schemas.js';

const ms = { type: ['number', 'null'], description: 'milliseconds' } as const;

const nodeSchema = {
  type: 'object',
  required: [
    'node',
    'name',
    'completed',
    'avgMs',
    'p50Ms',
    'p90Ms',
    'withSla',
    'breached',
    'breachRate',
    'open',
    'overdue',
  ],
  properties: {
    node: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    completed: { type: 'integer', description: 'tasks completed in the range' },
    avgMs: ms,
    p50Ms: ms,
    p90Ms: ms,
    withSla: { type: 'integer', description: 'completed tasks that had a due time' },
    breached: { type: 'integer' },
    breachRate: { type: ['number', 'null'], description: 'breached / withSla' },
    open: { type: 'integer', description: 'open right now' },
    overdue: { type: 'integer', description: 'open and past due right now' },
  },
} as const;

export const flowAnalyticsSchema = {
  type: 'object',
  required: [
    'app',
    'flow',
    'name',
    'timeZone',
    'period',
    'started',
    'finished',
    'finishedBy',
    'cycleTime',
    'nodes',
    'outcomesByWeek',
  ],
  properties: {
    app: { type: 'string' },
    flow: { type: 'string' },
    name: { type: 'string' },
    timeZone: { type: 'string' },
    period: { type: ['object', 'null'], properties: { from: { type: 'string' }, to: { type: 'string' } } },
    started: { type: 'integer' },
    stillActive: { type: 'integer' },
    finished: { type: 'integer' },
    finishedBy: {
      type: 'object',
      properties: { done: { type: 'integer' }, cancelled: { type: 'integer' }, failed: { type: 'integer' } },
    },
    cycleTime: { type: 'object', properties: { avgMs: ms, p50Ms: ms, p90Ms: ms } },
    nodes: { type: 'array', items: nodeSchema },
    outcomesByWeek: {
      type: 'object',
      description: 'chart.js: labels are the Mondays of local weeks; one series per outcome',
      properties: {
        labels: { type: 'array', items: { type: 'string' } },
        series: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              key: { type: 'string' },
              label: { type: 'string' },
              data: { type: 'array', items: { type: 'number' } },
            },
          },
        },
      },
    },
  },
} as const;

export default function analyticsRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.addHook('onClose', () => closeReports(services));
  app.get<{ Params: { app: string; flow: string }; Querystring: { from?: string; to?: string } }>(
    '/apps/:app/flows/:flow/analytics',
    {
      schema: {
        tags: ['analytics'],
        summary:
          'Process analytics (staff): per node completed, time spent avg/p50/p90, SLA breach rate, open now; per flow started, finished, cycle time, outcomes by week',
        security: signedIn,
        params: { type: 'object', required: ['app', 'flow'], properties: { app: keyParam, flow: keyParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: {
              type: 'string',
              maxLength: 40,
              description: 'Local date YYYY-MM-DD (inclusive) or ISO instant; without from/to: all time',
            },
            to: { type: 'string', maxLength: 40 },
          },
        },
        response: { 200: flowAnalyticsSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      reportsFor(services).analytics(request.params.app, request.params.flow, request.query, request.actor),
  );
  return Promise.resolve();
}
