/**
 * An app's published versions (admins and the app's designers): the list with open cases per
 * version, and what changed between two versions, node by node and field by field.
 */
import type { FastifyInstance } from 'fastify';
import { VersionHistory } from '../../../apps/version-history.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam } from '../../../../contract/common.js';
import { VersionDiff, VersionList } from '../../../../contract/versions.js';
import { problemResponses, signedIn } from '../../schemas.js';

const VersionParam = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

export default function versionRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const history = new VersionHistory(services);

  app.get<{ Params: { app: string } }>(
    '/apps/:app/versions',
    {
      schema: {
        tags: ['design'],
        summary:
          'Published versions of an app, newest first: who published each and when, and how many cases are still open on it (designers)',
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        response: { 200: VersionList, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => history.list(request.params.app, request.actor),
  );

  app.get<{ Params: { app: string; a: number; b: number } }>(
    '/apps/:app/versions/:a/diff/:b',
    {
      schema: {
        tags: ['design'],
        summary:
          'What changed from version a to version b: forms, fields (type changes flagged), nodes (permission changes spelt out), transitions, dashboards, widgets, roles (designers)',
        security: signedIn,
        params: {
          type: 'object',
          required: ['app', 'a', 'b'],
          properties: { app: KeyParam, a: VersionParam, b: VersionParam },
        },
        response: { 200: VersionDiff, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => history.diff(request.params.app, request.params.a, request.params.b, request.actor),
  );
  return Promise.resolve();
}
