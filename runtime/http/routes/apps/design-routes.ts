/**
 * The designer's routes: save one form, flow or dashboard (or the layout) into the app's draft,
 * read the draft, see what publishing would change, publish. Only admins and roles the app marks
 * `design: true`. A draft may be invalid while it is worked on: a save stores it and answers every
 * problem of the whole draft by JSON path; publishing refuses a draft with any problem (400).
 *
 * Every save names the draft revision it was made on in `If-Match` (428 without it); a save made
 * on an older revision than the stored one is a 409 carrying the current `revision`, and stores
 * nothing. Answers carry the new revision in the body and as the `ETag`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { DraftPart } from '../../../apps/app-service.js';
import { ifMatchRevision } from '../../../apps/drafts.js';
import type { RouteOptions } from '../../route-options.js';
import {
  DraftDiff,
  DraftView,
  KeyParam,
  RemovedDraftPart,
  SavedDraftLayout,
  SavedDraftPart,
  SavedDraftRoles,
} from '../../../../contract/index.js';
import { anyObjectSchema, problemResponses, signedIn } from '../../schemas.js';

const BUNDLE_BODY_LIMIT = 4 * 1024 * 1024;

const PARTS: { part: DraftPart; path: string; param: string; what: string }[] = [
  { part: 'forms', path: '/apps/:app/forms/:form', param: 'form', what: 'form' },
  { part: 'flows', path: '/apps/:app/flows/:flow', param: 'flow', what: 'flow' },
  { part: 'dashboards', path: '/apps/:app/dashboards/:key', param: 'key', what: 'dashboard' },
  { part: 'scenarios', path: '/apps/:app/scenarios/:key', param: 'key', what: 'scenario' },
];

const ifMatch = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      maxLength: 40,
      description: 'The draft revision the change was made on, e.g. "7" (GET …/draft answers it)',
    },
  },
} as const;

/** The path parameters of one draft part: the app and the part's key. */
function partParams(param: string) {
  return {
    type: 'object',
    required: ['app', param],
    properties: { app: KeyParam, [param]: KeyParam },
  } as const;
}

const appParams = { type: 'object', required: ['app'], properties: { app: KeyParam } } as const;

function withEtag<T extends { revision: number }>(reply: FastifyReply, answer: T): T {
  void reply.header('etag', `"${answer.revision}"`);
  return answer;
}

export default function designRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  for (const { part, path, param, what } of PARTS) {
    app.put<{
      Params: Record<string, string>;
      Body: Record<string, unknown>;
      Headers: { 'if-match'?: string };
    }>(
      path,
      {
        bodyLimit: BUNDLE_BODY_LIMIT,
        schema: {
          tags: ['design'],
          summary: `Save a ${what} definition into the draft (designers), valid or not: answers every problem of the draft by JSON path`,
          security: signedIn,
          params: partParams(param),
          headers: ifMatch,
          body: {
            ...anyObjectSchema,
            description: `A ${what} definition as in a flowcase/app@1 bundle; its key defaults to the one in the path`,
          },
          response: {
            200: SavedDraftPart,
            ...problemResponses(400, 401, 403, 404, 409, 428),
          },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await services.apps.saveDraftPart(
            request.params.app!,
            part,
            request.params[param]!,
            request.body,
            request.actor,
            ifMatchRevision(request.headers['if-match']),
          ),
        ),
    );
  }

  for (const { part, path, param, what } of PARTS)
    app.delete<{ Params: Record<string, string>; Headers: { 'if-match'?: string } }>(
      path,
      {
        schema: {
          tags: ['design'],
          summary: `Take a ${what} out of the draft (designers); what used it is answered as problems of the draft`,
          security: signedIn,
          params: partParams(param),
          headers: ifMatch,
          response: {
            200: RemovedDraftPart,
            ...problemResponses(400, 401, 403, 404, 409, 428),
          },
        },
      },
      async (request, reply) =>
        withEtag(
          reply,
          await services.apps.removeDraftPart(
            request.params.app!,
            part,
            request.params[param]!,
            request.actor,
            ifMatchRevision(request.headers['if-match']),
          ),
        ),
    );

  app.put<{ Params: { app: string }; Body: Record<string, unknown>; Headers: { 'if-match'?: string } }>(
    '/apps/:app/draft/layout',
    {
      bodyLimit: BUNDLE_BODY_LIMIT,
      schema: {
        tags: ['design'],
        summary:
          "Save the draft's designer layout (node positions per flow, form sections, dashboard grids); the engine ignores it",
        security: signedIn,
        params: appParams,
        headers: ifMatch,
        body: { ...anyObjectSchema, description: 'The `layout` section: { flows?, forms?, dashboards? }' },
        response: {
          200: SavedDraftLayout,
          ...problemResponses(400, 401, 403, 404, 409, 428),
        },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await services.apps.saveDraftLayout(
          request.params.app,
          request.body,
          request.actor,
          ifMatchRevision(request.headers['if-match']),
        ),
      ),
  );

  app.put<{ Params: { app: string }; Body: { roles: unknown[] }; Headers: { 'if-match'?: string } }>(
    '/apps/:app/draft/roles',
    {
      schema: {
        tags: ['design'],
        summary:
          "Replace the draft's roles (designers): the list as the bundle's `roles`, checked with the rest of the draft",
        security: signedIn,
        params: appParams,
        headers: ifMatch,
        body: {
          type: 'object',
          required: ['roles'],
          additionalProperties: false,
          properties: { roles: { type: 'array', maxItems: 200, items: anyObjectSchema } },
        },
        response: {
          200: SavedDraftRoles,
          ...problemResponses(400, 401, 403, 404, 409, 428),
        },
      },
    },
    async (request, reply) =>
      withEtag(
        reply,
        await services.apps.saveDraftRoles(
          request.params.app,
          request.body.roles,
          request.actor,
          ifMatchRevision(request.headers['if-match']),
        ),
      ),
  );

  app.get<{ Params: { app: string } }>(
    '/apps/:app/draft',
    {
      schema: {
        tags: ['design'],
        summary: 'The editable draft bundle with its revision and every problem (designers)',
        security: signedIn,
        params: appParams,
        response: {
          200: DraftView,
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      withEtag(reply, await services.apps.getDraft(request.params.app, request.actor)),
  );

  app.get<{ Params: { app: string } }>(
    '/apps/:app/draft/diff',
    {
      schema: {
        tags: ['design'],
        summary:
          'What publishing the draft would change against the current version: forms, fields (type changes flagged), nodes, transitions, dashboards, widgets, roles (designers)',
        security: signedIn,
        params: appParams,
        response: {
          200: DraftDiff,
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    (request) => services.apps.draftDiff(request.params.app, request.actor),
  );

  app.post<{ Params: { app: string }; Headers: { 'if-match'?: string } }>(
    '/apps/:app/publish',
    {
      schema: {
        tags: ['design'],
        summary:
          'Publish the draft as a new immutable version (designers); 400 with every problem while the draft has any; running instances keep theirs',
        security: signedIn,
        params: appParams,
        headers: {
          type: 'object',
          properties: {
            'if-match': {
              ...ifMatch.properties['if-match'],
              description: 'Optional: publish only the draft at this revision (else 409)',
            },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['app', 'version'],
            properties: { app: { type: 'string' }, version: { type: 'integer' } },
          },
          ...problemResponses(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await services.apps.publish(
            request.params.app,
            request.actor,
            ifMatchRevision(request.headers['if-match']),
          ),
        ),
  );

  return Promise.resolve();
}
