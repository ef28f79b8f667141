/**
 * The app studio (`/design` in the browser): apps with their status and versions for those who
 * may design them, and the administrators' changes: create a blank app, rename, archive or bring
 * back, choose which roles design an app, and each app's version history. Installing from a template is `POST /api/v1/apps
 * {template}`; saving and publishing the draft are the design routes.
 */
import type { FastifyInstance } from 'fastify';
import { AppStudio } from '../../../apps/app-studio.js';
import type { RouteOptions } from '../../route-options.js';
import { Type } from '@sinclair/typebox';
import type { LocalizedText } from '../../../../contract/index.js';
import { KeyParam, StudioApp, StudioVersion } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

const nameSchema = {
  anyOf: [
    { type: 'string', minLength: 1, maxLength: 200 },
    {
      type: 'object',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        zh: { type: 'string', minLength: 1, maxLength: 200 },
        en: { type: 'string', minLength: 1, maxLength: 200 },
      },
    },
  ],
} as const;

const appParams = { type: 'object', required: ['app'], properties: { app: KeyParam } } as const;

interface PatchBody {
  name?: LocalizedText;
  designRoles?: string[];
}

export default function studioRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const studio = new AppStudio({ store: services.store, clock: services.clock, apps: services.apps });

  app.get(
    '/studio/apps',
    {
      schema: {
        tags: ['studio'],
        summary: 'Apps the caller may design (admins: every app, archived ones too) with status and versions',
        security: signedIn,
        response: { 200: { type: 'array', items: StudioApp }, ...problemResponses(401) },
      },
    },
    (request) => studio.list(request.actor),
  );

  app.post<{ Body: { key: string; name: LocalizedText; description?: LocalizedText } }>(
    '/studio/apps',
    {
      schema: {
        tags: ['studio'],
        summary: 'Create a blank app (admins): no forms, flows or roles yet; 409 when the key is taken',
        security: signedIn,
        body: {
          type: 'object',
          required: ['key', 'name'],
          additionalProperties: false,
          properties: { key: KeyParam, name: nameSchema, description: nameSchema },
        },
        response: { 201: StudioApp, ...problemResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const { key, name, description } = request.body;
      await studio.createBlank(
        { key, name, ...(description === undefined ? {} : { description }) },
        request.actor,
      );
      return reply.code(201).send(await studio.get(key, request.actor));
    },
  );

  app.get<{ Params: { app: string } }>(
    '/studio/apps/:app',
    {
      schema: {
        tags: ['studio'],
        summary: 'One app as the studio lists it (designers)',
        security: signedIn,
        params: appParams,
        response: { 200: StudioApp, ...problemResponses(400, 401, 404) },
      },
    },
    (request) => studio.get(request.params.app, request.actor),
  );

  app.patch<{ Params: { app: string }; Body: PatchBody }>(
    '/studio/apps/:app',
    {
      schema: {
        tags: ['studio'],
        summary:
          'Rename an app or set which of its roles design it (admins): published as the next version, made to the draft too, in one transaction',
        security: signedIn,
        params: appParams,
        body: {
          type: 'object',
          additionalProperties: false,
          minProperties: 1,
          properties: {
            name: nameSchema,
            designRoles: {
              type: 'array',
              maxItems: 100,
              uniqueItems: true,
              items: { type: 'string', minLength: 1, maxLength: 63 },
            },
          },
        },
        response: { 200: StudioApp, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) => studio.update(request.params.app, request.body, request.actor),
  );

  for (const [action, archived] of [
    ['archive', true],
    ['unarchive', false],
  ] as const) {
    app.post<{ Params: { app: string } }>(
      `/studio/apps/:app/${action}`,
      {
        schema: {
          tags: ['studio'],
          summary: archived
            ? "Archive an app (admins): it leaves the end users' app list; records, cases and versions are kept"
            : 'Bring an archived app back (admins)',
          security: signedIn,
          params: appParams,
          response: { 200: StudioApp, ...problemResponses(400, 401, 403, 404) },
        },
      },
      (request) => studio.setArchived(request.params.app, archived, request.actor),
    );
  }

  app.get<{ Params: { app: string } }>(
    '/studio/apps/:app/versions',
    {
      schema: {
        tags: ['studio'],
        summary: 'Published versions of an app, newest first, with who published each (designers)',
        security: signedIn,
        params: appParams,
        response: {
          200: Type.Array(StudioVersion),
          ...problemResponses(400, 401, 404),
        },
      },
    },
    (request) => studio.versions(request.params.app, request.actor),
  );

  return Promise.resolve();
}
