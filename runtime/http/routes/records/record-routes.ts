/**
 * Records: create (and start the form's flow), import many (no flow), list with
 * filter/sort/cursor, read one with its instance and history. Access and redaction are decided
 * by the case service, not here.
 */
import type { FastifyInstance } from 'fastify';
import { usesApp } from '../../../cases/access.js';
import { displayValues } from '../../../cases/display-values.js';
import { listViewFor, underListView } from '../../../cases/list-views.js';
import { IMPORT_MAX_ROWS } from '../../../cases/record-import.js';
import { SEARCH_MAX, searchFilter } from '../../../cases/record-search.js';
import { parseFilter, parseSort } from '../../record-query.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam, ListedRecord, RecordView, RelatedList } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

/** Largest import request body (bytes). */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

interface FormParams {
  app: string;
  form: string;
}

interface ListQuery {
  q?: string;
  filter?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
  view?: string;
}

export default function recordRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const formParams = {
    type: 'object',
    required: ['app', 'form'],
    properties: { app: KeyParam, form: KeyParam },
  } as const;
  const definitions = services.versions;
  const lookups = { store: services.store, cases: services.cases };

  app.post<{ Params: FormParams; Body: { data: Record<string, unknown> } }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Create a record and start its flow',
        security: signedIn,
        params: formParams,
        body: {
          type: 'object',
          required: ['data'],
          additionalProperties: false,
          properties: { data: { type: 'object' } },
        },
        response: { 201: RecordView, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const view = await services.cases.createRecord(
        request.params.app,
        request.params.form,
        request.body.data,
        request.actor,
      );
      return reply.code(201).send(view);
    },
  );

  // A CSV import arrives as text; only this plugin's routes read text/csv bodies, and only the
  // import route's schema accepts one.
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post<{ Params: FormParams; Body: { records: unknown[] } | string }>(
    '/apps/:app/forms/:form/records/import',
    {
      // 5,000 rows of a wide form are a few MB of JSON; the default limit is for single writes.
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['records'],
        summary:
          'Import many records (staff): JSON rows or a CSV file, each row validated as a creation, all stored or none; no flow starts',
        security: signedIn,
        params: formParams,
        body: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['records'],
                additionalProperties: false,
                properties: {
                  records: {
                    type: 'array',
                    minItems: 1,
                    maxItems: IMPORT_MAX_ROWS,
                    items: { type: 'object' },
                  },
                },
              },
            },
            'text/csv': { schema: { type: 'string', minLength: 1 } },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['imported', 'ids'],
            properties: { imported: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } },
          },
          ...problemResponses(400, 401, 403, 404, 413, 422),
        },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const body = request.body;
      const result =
        typeof body === 'string'
          ? await services.cases.importCsv(appKey, form, body, request.actor)
          : await services.cases.importRecords(appKey, form, body.records, request.actor);
      return reply.code(201).send(result);
    },
  );

  app.get<{ Params: FormParams; Querystring: ListQuery }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary:
          'List the records you may see; filter is JSON Logic over fields, q searches the fields you may read',
        security: signedIn,
        params: formParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            q: {
              type: 'string',
              maxLength: 1000,
              description: `Free text (first ${SEARCH_MAX} characters): records with a readable text field, option label, linked record's display value or person's name containing it, ignoring case`,
            },
            filter: { type: 'string', maxLength: 10_000 },
            sort: { type: 'string', maxLength: 500 },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string', maxLength: 2000 },
            view: {
              type: 'string',
              maxLength: 63,
              description:
                "A list view of the form: its filter ANDed with `filter`, its sort unless `sort` is given (403 when it is not for the caller's roles)",
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: {
              items: { type: 'array', items: ListedRecord },
              nextCursor: { type: 'string' },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request) => {
      const { q, filter, sort, limit, cursor, view } = request.query;
      const { app: appKey, form } = request.params;
      const sortKeys = parseSort(sort);
      const parsed = parseFilter(filter);
      // The search needs the app's definition; an unknown app, or one the caller does not use, is
      // the list's own 404, before anything is searched.
      const found = await definitions.latest(appKey).catch(() => undefined);
      const version = found && usesApp(request.actor, found) ? found : undefined;
      const search = version && q ? await searchFilter(lookups, version, form, q, request.actor) : undefined;
      const listView =
        version && view ? listViewFor(version.forms.get(form)?.def, view, request.actor) : undefined;
      const page = await services.cases.listRecords(
        appKey,
        form,
        underListView(
          {
            filter: search === undefined ? parsed : parsed === undefined ? search : { and: [parsed, search] },
            ...(sortKeys ? { sort: sortKeys } : {}),
            ...(limit ? { limit } : {}),
            ...(cursor ? { cursor } : {}),
          },
          listView,
        ),
        request.actor,
      );
      if (!version) return page;
      const display = await displayValues(lookups, version, page.items, request.actor);
      return { ...page, items: page.items.map((r, i) => ({ ...r, display: display[i]! })) };
    },
  );

  app.get<{ Params: { id: string } }>(
    '/records/:id',
    {
      schema: {
        tags: ['records'],
        summary: 'A record with its instance (status, active nodes, tasks) and history',
        security: signedIn,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        response: { 200: RecordView, ...problemResponses(401, 404) },
      },
    },
    async (request) => services.cases.getRecord(request.params.id, request.actor),
  );
  app.get<{ Params: { id: string; key: string } }>(
    '/records/:id/related/:key',
    {
      schema: {
        tags: ['records'],
        summary:
          "A related list (关联查询) of the record's form: the matching records of another form that you may see, newest first",
        security: signedIn,
        params: {
          type: 'object',
          required: ['id', 'key'],
          properties: { id: { type: 'string', maxLength: 100 }, key: KeyParam },
        },
        response: { 200: RelatedList, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => services.cases.relatedList(request.params.id, request.params.key, request.actor),
  );
  app.post<{
    Params: { id: string };
    Body: { node: string; data: Record<string, unknown>; comment?: string };
  }>(
    '/records/:id/backfill',
    {
      schema: {
        tags: ['records'],
        summary:
          "Backfill (补录) fields of a done step; only that step's participants, only its backfill fields",
        security: signedIn,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object',
          required: ['node', 'data'],
          additionalProperties: false,
          properties: {
            node: KeyParam,
            data: { type: 'object' },
            comment: { type: 'string', maxLength: 5000 },
          },
        },
        response: { 200: RecordView, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) =>
      services.cases.backfill(
        request.params.id,
        request.body.node,
        request.body.data,
        request.body.comment,
        request.actor,
      ),
  );
  return Promise.resolve();
}
