/** Process analytics of a flow (staff only): per node and per flow figures over a date range. */
import type { FastifyInstance } from 'fastify';
import { closeReports, reportsFor } from '../../../reports/report-service.js';
import type { RouteOptions } from '../../route-options.js';
import { FlowAnalytics, KeyParam } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

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
        params: { type: 'object', required: ['app', 'flow'], properties: { app: KeyParam, flow: KeyParam } },
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
        response: { 200: FlowAnalytics, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) =>
      reportsFor(services).analytics(request.params.app, request.params.flow, request.query, request.actor),
  );
  return Promise.resolve();
}
