/** `GET /api/v1/notifications` (the caller's in-app notifications) and marking one read. */
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../../route-options.js';
import { Notification } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

export default function notificationRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.get<{ Querystring: { unread?: boolean; limit?: number } }>(
    '/notifications',
    {
      schema: {
        tags: ['notifications'],
        summary: "The caller's in-app notifications, newest first",
        security: signedIn,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { unread: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 100 } },
        },
        response: { 200: { type: 'array', items: Notification }, ...problemResponses(400, 401) },
      },
    },
    async (request) => {
      const rows = await services.store.listNotifications(request.actor.id, {
        unreadOnly: request.query.unread === true,
        limit: request.query.limit ?? 50,
      });
      return rows.map(({ id, title, body, recordId, readAt, createdAt }) => ({
        id,
        title,
        body,
        recordId,
        readAt,
        createdAt,
      }));
    },
  );

  app.post<{ Params: { id: string } }>(
    '/notifications/:id/read',
    {
      schema: {
        tags: ['notifications'],
        summary: 'Mark one of your notifications read',
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
      await services.store.markNotificationRead(
        request.params.id,
        request.actor.id,
        services.clock.now().toISOString(),
      );
      return reply.code(204).send();
    },
  );

  return Promise.resolve();
}
