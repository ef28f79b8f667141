/**
 * 催办: `POST /tasks/:id/urge` reminds an open task's assignees. The record's submitter, admins
 * and holders of a supervising role may, once an hour per task; a second urge within the hour is
 * 429 with `Retry-After` and the time it may be sent again.
 */
import type { FastifyInstance } from 'fastify';
import { UrgeTooSoon } from '../../../cases/task-urge.js';
import type { RouteOptions } from '../../route-options.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { RecordView } from '../../../../contract/index.js';

export default function taskUrgeRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.post<{ Params: { id: string }; Body: { comment?: string } | undefined }>(
    '/tasks/:id/urge',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Urge (催办) an open task: its assignees get a reminder in the app; at most once an hour per task',
        security: signedIn,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        // The body is optional: an urge without a comment may send none.
        body: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: { comment: { type: 'string', maxLength: 1000 } },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      try {
        return await services.cases.urgeTask(request.params.id, request.body?.comment, request.actor);
      } catch (e) {
        if (e instanceof UrgeTooSoon) reply.header('Retry-After', String(e.retryAfterSeconds));
        throw e;
      }
    },
  );
  return Promise.resolve();
}
