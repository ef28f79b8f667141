/**
 * Installed apps: install (`POST /api/v1/apps`, admins), list and read (apps the caller may use).
 * The designer's draft and publish routes live in `design-routes.ts`.
 */
import type { FastifyInstance } from 'fastify';
import type { InstallSource } from '../../../apps/app-service.js';
import type { RouteOptions } from '../../route-options.js';
import { AppSummary, AppView, InstalledApp, KeyParam } from '../../../../contract/index.js';
import { anyObjectSchema, problemResponses, signedIn } from '../../schemas.js';

/** Bundles are larger than ordinary JSON bodies; validateBundle bounds their depth and sizes. */
const BUNDLE_BODY_LIMIT = 4 * 1024 * 1024;

type InstallBody = ({ template: string } | { bundle: Record<string, unknown> }) & { sampleData?: boolean };

export default function appRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.post<{ Body: InstallBody }>(
    '/apps',
    {
      bodyLimit: BUNDLE_BODY_LIMIT,
      schema: {
        tags: ['apps'],
        summary:
          'Install an app from a shipped template or a bundle (admins); 400 lists every problem by JSON path within the bundle',
        security: signedIn,
        body: {
          type: 'object',
          additionalProperties: false,
          properties: {
            template: {
              type: 'string',
              minLength: 1,
              maxLength: 100,
              description: 'A key from GET /api/v1/templates',
            },
            bundle: {
              ...anyObjectSchema,
              description:
                'A flowcase/app@1 bundle. In its sampleData, "@<form>:<n>" stands for the id of the n-th sample record of <form> (forms are inserted in the order listed).',
            },
            sampleData: {
              type: 'boolean',
              default: true,
              description: "Insert the bundle's sampleData records",
            },
          },
          oneOf: [{ required: ['template'] }, { required: ['bundle'] }],
        },
        response: { 201: InstalledApp, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const source: InstallSource =
        'template' in body ? { template: body.template } : { bundle: body.bundle };
      const { app: view, sampleRecords } = await services.apps.install(source, request.actor, {
        sampleData: body.sampleData !== false,
      });
      return reply.code(201).send({ ...view, sampleRecords });
    },
  );

  app.get(
    '/apps',
    {
      schema: {
        tags: ['apps'],
        summary: 'Installed apps the caller may use, at their current version',
        security: signedIn,
        response: { 200: { type: 'array', items: AppSummary }, ...problemResponses(401) },
      },
    },
    (request) => services.apps.listApps(request.actor),
  );

  app.get<{ Params: { app: string } }>(
    '/apps/:app',
    {
      schema: {
        tags: ['apps'],
        summary: "An app's current version with its forms, flows and dashboards",
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        response: { 200: AppView, ...problemResponses(400, 401, 404) },
      },
    },
    // The zone its dates are local to, so a page can pick "the last 12 months" as the server counts them.
    async (request) => ({
      ...(await services.apps.getApp(request.params.app, request.actor)),
      timeZone: services.config.timeZone,
    }),
  );

  return Promise.resolve();
}
