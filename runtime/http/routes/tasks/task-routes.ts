/**
 * The inbox and task actions. The case service checks assignment (403), openness (409) and the
 * node's field permissions (422) inside the transaction that applies the step. A transfer's
 * receiver must be someone the step may go to (`transfer-targets.ts`), as the picker lists them;
 * so must a signer added by 加签. 撤回 takes the id of the completed task.
 */
import type { FastifyInstance } from 'fastify';
import { inboxPage } from '../../../cases/inbox-view.js';
import { listTransferTargets, transferTarget } from '../../../cases/transfer-targets.js';
import type { AddSignerRequest, TaskCompletion } from '../../../cases/types.js';
import type { RouteOptions } from '../../route-options.js';
import { Person, RecordView, Task } from '../../../../contract/index.js';
import { anyObjectSchema, problemResponses, signedIn } from '../../schemas.js';

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', maxLength: 100 } },
} as const;

export default function taskRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const transfers = { store: services.store, definitions: services.versions };

  app.get<{
    Querystring: { status?: 'open' | 'done' | 'cancelled'; limit?: number; cursor?: string; q?: string };
  }>(
    '/tasks',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "The current user's tasks (VIP first, then by SLA due time), each with its node's field permissions and the names its values stand for; q finds tasks by step or shown value (a customer's name)",
        security: signedIn,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            status: { type: 'string', enum: ['open', 'done', 'cancelled'] },
            limit: { type: 'integer', minimum: 1, maximum: 200 },
            cursor: { type: 'string', maxLength: 2000 },
            q: {
              type: 'string',
              maxLength: 1000,
              description:
                'Tasks whose step name or shown values (option labels, linked names) contain this text, ignoring case',
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: Task }, nextCursor: { type: 'string' } },
          },
          ...problemResponses(400, 401),
        },
      },
    },
    async (request) => {
      const { status = 'open', limit, cursor, q } = request.query;
      const deps = { store: services.store, cases: services.cases, definitions: transfers.definitions };
      return inboxPage(deps, request.actor, status, {
        ...(limit ? { limit } : {}),
        ...(cursor ? { cursor } : {}),
        ...(q ? { q } : {}),
      });
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
            commentForCustomer: { type: 'boolean' },
            returnTo: { type: 'string', maxLength: 63 },
            to: { type: 'string', maxLength: 100 },
          },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const body = request.body;
      // A transfer through /complete names its receiver the same way as /transfer, with the same limits.
      if (body.action === 'transfer' && body.to !== undefined) {
        return services.cases.completeTask(
          request.params.id,
          { ...body, to: await transferTarget(transfers, request.params.id, body.to, request.actor) },
          request.actor,
        );
      }
      return services.cases.completeTask(request.params.id, body, request.actor);
    },
  );

  app.post<{ Params: { id: string }; Body: { to: string; comment?: string } }>(
    '/tasks/:id/transfer',
    {
      schema: {
        tags: ['tasks'],
        summary:
          'Hand a task to a colleague: someone the step may go to (see GET /tasks/{id}/transfer-targets)',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          required: ['to'],
          additionalProperties: false,
          properties: {
            to: { type: 'string', minLength: 1, maxLength: 100 },
            comment: { type: 'string', maxLength: 5000 },
          },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      return services.cases.completeTask(
        request.params.id,
        {
          action: 'transfer',
          to: await transferTarget(transfers, request.params.id, request.body.to, request.actor),
          ...(request.body.comment ? { comment: request.body.comment } : {}),
        },
        request.actor,
      );
    },
  );

  app.get<{ Params: { id: string }; Querystring: { q?: string } }>(
    '/tasks/:id/transfer-targets',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "The people the task's assignee may transfer it to: holders of the roles its step names, of its current assignees' roles or of a supervising role; never customers nor the current assignee",
        security: signedIn,
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: { type: 'string', maxLength: 100, description: 'Part of a username or display name' },
          },
        },
        response: {
          200: {
            type: 'array',
            items: Person,
          },
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) => listTransferTargets(transfers, request.params.id, request.actor, request.query.q),
  );

  app.post<{ Params: { id: string }; Body: AddSignerRequest }>(
    '/tasks/:id/add-signer',
    {
      schema: {
        tags: ['tasks'],
        summary:
          '加签: add a colleague before you (they act first) or after you (they act once you complete), with a comment',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          required: ['user', 'position', 'comment'],
          additionalProperties: false,
          properties: {
            user: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'A user id or username (see GET /tasks/{id}/signer-targets)',
            },
            position: { type: 'string', enum: ['before', 'after'] },
            comment: { type: 'string', minLength: 1, maxLength: 5000 },
          },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => {
      const user = await transferTarget(
        transfers,
        request.params.id,
        request.body.user,
        request.actor,
        '/user',
      );
      return services.cases.addSigner(request.params.id, { ...request.body, user }, request.actor);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { q?: string } }>(
    '/tasks/:id/signer-targets',
    {
      schema: {
        tags: ['tasks'],
        summary:
          "The people the task's assignee may add as signers (加签): the same colleagues a transfer may go to",
        security: signedIn,
        params: idParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { q: { type: 'string', maxLength: 100 } },
        },
        response: {
          200: {
            type: 'array',
            items: Person,
          },
          ...problemResponses(400, 401, 403, 404, 409, 422),
        },
      },
    },
    async (request) =>
      listTransferTargets(transfers, request.params.id, request.actor, request.query.q, 'addSigner'),
  );

  app.post<{ Params: { id: string }; Body: { comment?: string } | undefined }>(
    '/tasks/:id/withdraw',
    {
      schema: {
        tags: ['tasks'],
        summary:
          '撤回: take back a step you completed while the next step is untouched (the id is the completed task)',
        security: signedIn,
        params: idParams,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: { comment: { type: 'string', maxLength: 5000 } },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      services.cases.withdrawTask(
        request.params.id,
        request.body?.comment?.trim() || undefined,
        request.actor,
      ),
  );
  return Promise.resolve();
}
