/**
 * External events into a running instance (a payment system confirming a payment), delivered
 * exactly once per `Idempotency-Key`, and cancellation by administrators.
 */
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../../route-options.js';
import { RecordView } from '../../../../contract/index.js';
import { anyObjectSchema, problemResponses, signedIn } from '../../schemas.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 100 } },
} as const;

export default function instanceRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.post<{
    Params: { id: string };
    Body: { name: string; payload?: Record<string, unknown> };
    Headers: { 'idempotency-key'?: string };
  }>(
    '/instances/:id/events',
    {
      schema: {
        tags: ['instances'],
        summary:
          'Deliver an external event; the same Idempotency-Key twice has one effect and the same response',
        security: signedIn,
        params: idParams,
        headers: {
          type: 'object',
          properties: { 'idempotency-key': { type: 'string', minLength: 1, maxLength: 200 } },
        },
        body: {
          type: 'object',
          required: ['name'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', pattern: '^[a-z][a-z0-9_.-]{0,99}$' },
            payload: anyObjectSchema,
          },
        },
        response: {
          200: {
            type: 'object',
            properties: {
              instanceId: { type: 'string' },
              status: { type: 'string' },
              activeNodes: { type: 'array', items: { type: 'string' } },
            },
          },
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const result = await services.cases.deliverEvent(
        request.params.id,
        request.body.name,
        request.body.payload ?? {},
        request.headers['idempotency-key'],
        request.actor,
      );
      return reply.code(result.status).send(result.body);
    },
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } }>(
    '/instances/:id/cancel',
    {
      schema: {
        tags: ['instances'],
        summary: 'Cancel a running case (administrators)',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { reason: { type: 'string', maxLength: 2000 } },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => services.cases.cancelInstance(request.params.id, request.body?.reason, request.actor),
  );
  return Promise.resolve();
}
