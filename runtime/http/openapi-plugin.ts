/**
 * The OpenAPI 3.1 document, generated from the routes' own schemas, and Swagger UI at `/docs`
 * (the JSON at `/docs/json`). Must be registered before the routes so it sees them all.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from './auth-plugin.js';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Flowcase API',
        version: '1',
        description:
          'Forms, flows and tasks over HTTP (a walk-through: docs/api.md in the Flowcase repository). Errors are application/problem+json. ' +
          `Send \`Authorization: Bearer <token>\` from login, or use the \`${SESSION_COOKIE}\` cookie and echo the login's csrfToken in \`${CSRF_HEADER}\` on unsafe methods.`,
      },
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer' },
          cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
    // Shared schemas keep their $id as their component name (`#/components/schemas/Problem`).
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Swagger UI sets its own CSP on its pages (no inline scripts either); like the app's, it must
    // not force https on plain-http installs.
    staticCSP: true,
    transformStaticCSP: (header) => header.replace(/upgrade-insecure-requests;?\s*/, ''),
  });
}
