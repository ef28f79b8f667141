/**
 * `GET /api/v1/templates`: the shipped app templates, from `templates/index.json`, as the app
 * studio's gallery shows them (description, screenshot, what installing brings).
 * `GET /api/v1/templates/:key/screenshot`: the template's picture (PNG).
 */
import type { FastifyInstance } from 'fastify';
import { readFile } from 'node:fs/promises';
import { FlowcaseError } from '../../../../engine/index.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam, TemplateInfo } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

export default function templateRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.get(
    '/templates',
    {
      schema: {
        tags: ['apps'],
        summary: 'Shipped templates, installable with POST /api/v1/apps {template}',
        security: signedIn,
        response: { 200: { type: 'array', items: TemplateInfo }, ...problemResponses(401) },
      },
    },
    () => services.apps.listTemplates(),
  );

  app.get<{ Params: { key: string } }>(
    '/templates/:key/screenshot',
    {
      schema: {
        tags: ['apps'],
        summary: "A template's screenshot (PNG)",
        security: signedIn,
        params: { type: 'object', required: ['key'], properties: { key: KeyParam } },
        response: {
          200: { description: 'image/png', type: 'string', format: 'binary' },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request, reply) => {
      const file = await services.apps.templateScreenshot(request.params.key);
      if (!file)
        throw new FlowcaseError('FC_NOT_FOUND', `The template ${request.params.key} has no screenshot.`, {
          path: '/key',
        });
      reply.header('cache-control', 'private, max-age=3600');
      return reply.type('image/png').send(await readFile(file));
    },
  );
  return Promise.resolve();
}
