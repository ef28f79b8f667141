/**
 * `GET /api/v1/apps/:app/users`: the people of an app, customers included, for user fields
 * (assign a technician, link a customer's account) and for names in timelines. Staff and admins
 * only; customers never list other users. Only ids, usernames, display names and the app's roles
 * are shown. Transfers pick from `GET /tasks/:id/transfer-targets`, which leaves customers out.
 */
import type { FastifyInstance } from 'fastify';
import { FlowcaseError } from '../../../../engine/index.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam, Person } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

export default function userDirectoryRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.get<{ Params: { app: string }; Querystring: { role?: string; q?: string } }>(
    '/apps/:app/users',
    {
      schema: {
        tags: ['users'],
        summary: "People holding the app's roles (staff and admins)",
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { role: KeyParam, q: { type: 'string', maxLength: 100 } },
        },
        response: {
          200: {
            type: 'array',
            items: Person,
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const view = await services.apps.getApp(request.params.app, request.actor);
      const appRoles = new Set(view.roles.map((r) => r.key));
      const customerRoles = new Set(view.roles.filter((r) => r.customer).map((r) => r.key));
      const actorRoles = request.actor.roles.filter((r) => appRoles.has(r));
      const staff = request.actor.roles.includes('admin') || actorRoles.some((r) => !customerRoles.has(r));
      if (!staff) throw new FlowcaseError('FC_FORBIDDEN', "Only the app's staff may list its people.");
      const q = request.query.q?.toLowerCase();
      const users = await services.store.listUsers();
      return users
        .filter((u) => !u.disabled && u.roles.some((r) => appRoles.has(r)))
        .filter((u) => !request.query.role || u.roles.includes(request.query.role))
        .filter((u) => !q || u.username.toLowerCase().includes(q) || u.displayName.toLowerCase().includes(q))
        .map((u) => ({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          roles: u.roles.filter((r) => appRoles.has(r)),
        }));
    },
  );
  return Promise.resolve();
}
