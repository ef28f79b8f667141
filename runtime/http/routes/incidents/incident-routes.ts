/**
 * Incidents: webhook calls that failed after their last retry. Administrators list them and retry
 * one, which puts the call back in the outbox with a fresh attempt budget; a flow waiting at the
 * webhook node then continues when the call succeeds.
 */
import type { FastifyInstance } from 'fastify';
import { FlowcaseError } from '../../../../engine/index.js';
import { requireRole } from '../../auth-plugin.js';
import type { RouteOptions } from '../../route-options.js';
import { problemResponses, signedIn } from '../../schemas.js';

const incidentSchema = {
  type: 'object',
  required: ['id', 'instanceId', 'node', 'reason', 'createdAt'],
  properties: {
    id: { type: 'string' },
    instanceId: { type: 'string' },
    node: { type: 'string' },
    reason: { type: 'string' },
    createdAt: { type: 'string' },
    resolvedAt: { type: ['string', 'null'] },
    resolvedBy: { type: ['string', 'null'] },
  },
} as const;

export default function incidentRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const adminOnly = requireRole('admin');

  app.get<{ Querystring: { open?: boolean; instanceId?: string } }>(
    '/incidents',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['incidents'],
        summary: 'Failed webhook calls (administrators)',
        security: signedIn,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { open: { type: 'boolean' }, instanceId: { type: 'string', maxLength: 100 } },
        },
        response: { 200: { type: 'array', items: incidentSchema }, ...problemResponses(400, 401, 403) },
      },
    },
    async (request) =>
      services.store.listIncidents({
        ...(request.query.open !== undefined ? { open: request.query.open } : {}),
        ...(request.query.instanceId ? { instanceId: request.query.instanceId } : {}),
      }),
  );

  app.post<{ Params: { id: string } }>(
    '/incidents/:id/retry',
    {
      preHandler: adminOnly,
      schema: {
        tags: ['incidents'],
        summary: 'Retry the failed call behind an incident (administrators)',
        security: signedIn,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 200 } } },
        response: { 200: incidentSchema, ...problemResponses(401, 403, 404, 409) },
      },
    },
    async (request) => {
      const incident = (await services.store.listIncidents({})).find((i) => i.id === request.params.id);
      if (!incident)
        throw new FlowcaseError('FC_NOT_FOUND', `No incident ${request.params.id}.`, { path: '/id' });
      if (incident.resolvedAt)
        throw new FlowcaseError('FC_CONFLICT', 'This incident is already resolved.', { path: '/id' });
      const outboxId = incident.id.split(':')[0] ?? '';
      if (!(await services.store.retryOutbox(outboxId)))
        throw new FlowcaseError('FC_CONFLICT', 'The call behind this incident is not waiting for a retry.', {
          path: '/id',
        });
      await services.store.resolveIncident(incident.id, request.actor.id);
      return { ...incident, resolvedAt: services.clock.now().toISOString(), resolvedBy: request.actor.id };
    },
  );
  return Promise.resolve();
}
