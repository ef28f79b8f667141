/** `GET /api/v1/templates`: the shipped app templates, from `templates/index.json`. */
import type { FastifyInstance } from 'fastify';
import type { RouteOptions } from '../../route-options.js';
import { localizedTextSchema, problemResponses, signedIn } from '../../schemas.js';

const templateSchema = {
  type: 'object',
  required: ['key', 'name'],
  properties: { key: { type: 'string' }, name: localizedTextSchema, description: localizedTextSchema },
} as const;

export default function templateRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.get(
    '/templates',
    {
      schema: {
        tags: ['apps'],
        summary: 'Shipped templates, installable with POST /api/v1/apps {template}',
        security: signedIn,
        response: { 200: { type: 'array', items: templateSchema }, ...problemResponses(401) },
      },
    },
    () => services.apps.listTemplates(),
  );
  return Promise.resolve();
}
