/**
 * The inbox and task actions. The case service checks assignment (403), openness (409) and the
 * node's field permissions (422) inside the transaction that applies the step.
 */
import type { FastifyInstance } from 'fastify';
import { FlowcaseError } from '../../../../engine/index.js';
import type { TaskCompletion } from '../../../cases/types.js';
import type { RouteOptions } from '../../route-options.js';
import { anyObjectSchema, problemResponses, signedIn } from '../../schemas.js';
import { recordViewSchema, taskSchema } from '../records/record-schemas.js';

const idParams = { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } } as const;

export default function taskRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  /** The id of the active user a task is transferred to (by id or username); 422 for anyone else. */
  async function receiver(to: string): Promise<string> {
    const user = (await services.store.getUser(to)) ?? (await services.store.getUserByUsername(to));
    if (!user || user.disabled) throw new FlowcaseError('FC_VALIDATION_FAILED', `No active user "${to}".`, { path: '/to' });
    return user.id;
  }

  app.get<{ Querystring: { status?: 'open' | 'done' | 'cancelled'; limit?: number; cursor?: string } }>(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary: "The current user's tasks (VIP first, then by SLA due time), each with its node's field permissions",
        security: signedIn,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            cursor: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: taskSchema }, nextCursor: { type: 'string' } } },
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { status = 'open', limit, cursor } = request.query;
      return services.cases.inbox(request.actor, status, { ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) });
    },
  );

  app.post<{ Params: { id: string }; Body: TaskCompletion }>(
    '/tasks/:id/complete',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Complete a task: submit, approve, reject, return to an earlier step, or transfer',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          required: ['action'],
          additionalProperties: false,
          properties: {
            action: { type: 'string', enum: ['submit', 'approve', 'reject', 'return', 'transfer'] },
            data: anyObjectSchema,
            comment: { type: 'string', maxLength: 5000 },
            returnTo: { type: 'string', maxLength: 63 },
            to: { type: 'string', maxLength: 100 },
          },
        },
        response: { 200: recordViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const body = request.body;
      // A transfer through /complete names its receiver the same way as /transfer: an active user.
      if (body.action === 'transfer' && body.to !== undefined) return services.cases.completeTask(request.params.id, { ...body, to: await receiver(body.to) }, request.actor);
      return services.cases.completeTask(request.params.id, body, request.actor);
    },
  );

  app.post<{ Params: { id: string }; Body: { to: string; comment?: string } }>(
    '/tasks/:id/transfer',
    {
      schema: {
        tags: ['tasks'],
        summary: 'Hand a task to another user',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: { to: { type: 'string', minLength: 1, maxLength: 100 }, comment: { type: 'string', maxLength: 5000 } },
        },
        response: { 200: recordViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      return services.cases.completeTask(
        request.params.id,
        { action: 'transfer', to: await receiver(request.body.to), ...(request.body.comment ? { comment: request.body.comment } : {}) },
        request.actor,
      );
    },
  );
  return Promise.resolve();
}
