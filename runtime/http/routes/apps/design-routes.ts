/**
 * The designer's routes: save one form, flow or dashboard into the app's draft, read the draft,
 * publish it. Only admins and roles the app marks `design: true`; a draft that would not validate
 * as a whole is refused with every problem and nothing is stored.
 */
import type { FastifyInstance } from 'fastify';
import type { DraftPart } from '../../../apps/app-service.js';
import type { RouteOptions } from '../../route-options.js';
import { anyObjectSchema, keyParam, problemResponses, signedIn } from '../../schemas.js';

const BUNDLE_BODY_LIMIT = 4 * 1024 * 1024;

const PARTS: { part: DraftPart; path: string; param: string; what: string }[] = [
  { part: 'forms', path: '/apps/:app/forms/:form', param: 'form', what: 'form' },
  { part: 'flows', path: '/apps/:app/flows/:flow', param: 'flow', what: 'flow' },
  { part: 'dashboards', path: '/apps/:app/dashboards/:key', param: 'key', what: 'dashboard' },
];

export default function designRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  for (const { part, path, param, what } of PARTS) {
    app.put<{ Params: Record<string, string>; Body: Record<string, unknown> }>(
      path,
      {
        bodyLimit: BUNDLE_BODY_LIMIT,
        schema: {
          tags: ['design'],
          summary: `Save a ${what} definition into the draft (designers); 400 lists every problem of the resulting draft by JSON path`,
          security: signedIn,
          params: {
            type: 'object',
            required: ['app', param],
            properties: { app: keyParam, [param]: keyParam },
          },
          body: {
            ...anyObjectSchema,
            description: `A ${what} definition as in a flowcase/app@1 bundle; its key defaults to the one in the path`,
          },
          response: {
            200: { ...anyObjectSchema, description: `The saved ${what}` },
            ...problemResponses(400, 401, 403, 404),
          },
        },
      },
      (request) =>
        services.apps.saveDraftPart(
          request.params.app!,
          part,
          request.params[param]!,
          request.body,
          request.actor,
        ),
    );
  }

  app.get<{ Params: { app: string } }>(
    '/apps/:app/draft',
    {
      schema: {
        tags: ['design'],
        summary: 'The editable draft bundle (designers)',
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: keyParam } },
        response: { 200: anyObjectSchema, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => services.apps.getDraft(request.params.app, request.actor),
  );

  app.post<{ Params: { app: string } }>(
    '/apps/:app/publish',
    {
      schema: {
        tags: ['design'],
        summary: 'Publish the draft as a new immutable version (designers); running instances keep theirs',
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: keyParam } },
        response: {
          201: {
            type: 'object',
            required: ['app', 'version'],
            properties: { app: { type: 'string' }, version: { type: 'integer' } },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await services.apps.publish(request.params.app, request.actor)),
  );

  return Promise.resolve();
}
