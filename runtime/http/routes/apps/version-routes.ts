/**
 * An app's published versions (admins and the app's designers): the list with open cases per
 * version, what changed between two versions, node by node and field by field, and the dry run of
 * moving open cases from one version to another.
 */
import type { FastifyInstance } from 'fastify';
import { VersionHistory } from '../../../apps/version-history.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam } from '../../../../contract/common.js';
import {
  MigrationAnswer,
  MigrationRequest,
  MigrationRun,
  RepublishRequest,
  VersionDiff,
  VersionList,
} from '../../../../contract/versions.js';
import { MigrationPlans } from '../../../apps/migration-plans.js';
import { MigrationApply } from '../../../apps/migration-apply.js';
import { listMigrationRuns } from '../../../apps/migration-runs.js';
import { rollback } from '../../../apps/version-rollback.js';
import { problemResponses, signedIn } from '../../schemas.js';

const VersionParam = { type: 'integer', minimum: 1, maximum: 2147483647 } as const;

export default function versionRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const history = new VersionHistory(services);
  const plans = new MigrationPlans(services);
  const applier = new MigrationApply(services);

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

  app.post<{ Params: { app: string; version: number }; Body: RepublishRequest | undefined }>(
    '/apps/:app/versions/:version/republish',
    {
      schema: {
        tags: ['design'],
        summary:
          'Roll back: publish an earlier version again as the newest (a new version number); new cases start on it; with migrate, the open cases of the version that was current move onto it as a migration would move them (mapping, acceptMeaningChanges), otherwise they keep theirs; the draft is untouched (designers)',
        security: signedIn,
        params: {
          type: 'object',
          required: ['app', 'version'],
          properties: { app: KeyParam, version: VersionParam },
        },
        body: { ...RepublishRequest, nullable: true },
        response: {
          201: {
            type: 'object',
            required: ['app', 'version', 'republished'],
            properties: {
              app: { type: 'string' },
              version: { type: 'integer', description: 'The new version' },
              republished: { type: 'integer', description: 'The version it copies' },
              migration: { ...MigrationAnswer, description: 'What moving the open cases did (with migrate)' },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await rollback(
            services,
            request.params.app,
            request.params.version,
            request.actor,
            request.body ?? {},
          ),
        ),
  );

  app.post<{ Params: { app: string }; Body: MigrationRequest }>(
    '/apps/:app/migrations',
    {
      schema: {
        tags: ['design'],
        summary:
          'Moving the open cases of version `from` onto version `to`. The plan groups them by flow and current nodes, each moving as is, needing a node mapping (node gone) or changing meaning (permissions, assignees, required fields, timers), with counts and sample cases; with dryRun false every instance the plan allows then moves, each in its own transaction (tasks kept or re-created, timers re-computed, a history entry), skipping those already moved; failures stay on `from` and are listed (designers)',
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        body: MigrationRequest,
        response: { 200: MigrationAnswer, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => {
      const { dryRun, ...body } = request.body;
      return dryRun
        ? plans.plan(request.params.app, body, request.actor)
        : applier.apply(request.params.app, body, request.actor);
    },
  );

  app.get<{ Params: { app: string } }>(
    '/apps/:app/migrations',
    {
      schema: {
        tags: ['design'],
        summary:
          'Past migrations and rollbacks of an app, newest first: who, when, from, to, how many moved, were skipped or failed (designers)',
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        response: { 200: { type: 'array', items: MigrationRun }, ...problemResponses(400, 401, 403, 404) },
      },
    },
    (request) => listMigrationRuns(services, request.params.app, request.actor),
  );
  return Promise.resolve();
}
