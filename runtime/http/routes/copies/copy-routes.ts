/**
 * 抄送我的: the copies addressed to the caller (or a role of theirs), newest first with the
 * inbox's cursor paging, and marking one read. A copy's case opens read-only through
 * `GET /records/:id` with the copy's fields (see `runtime/cases/copies.ts`).
 */
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../../route-options.js';
import { Copy } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

export default function copyRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.get<{ Querystring: { status?: 'unread' | 'all'; limit?: number; cursor?: string } }>(
    '/copies',
    {
      schema: {
        tags: ['copies'],
        summary: 'Cases copied to the caller (抄送我的), newest first',
        security: signedIn,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['unread', 'all'] },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            cursor: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: Copy }, nextCursor: { type: 'string' } },
          },
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { status = 'all', limit, cursor } = request.query;
      return services.cases.listCopies(request.actor, status, {
        ...(limit ? { limit } : {}),
        ...(cursor ? { cursor } : {}),
      });
    },
  );

  app.post<{ Params: { id: string } }>(
    '/copies/:id/read',
    {
      schema: {
        tags: ['copies'],
        summary: 'Mark a copy read (for the caller; a role’s copy stays unread for its other holders)',
        security: signedIn,
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: {
          204: { type: 'null', description: 'Marked read' },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      await services.cases.markCopyRead(request.params.id, request.actor);
      return reply.code(204).send();
    },
  );

  return Promise.resolve();
}
