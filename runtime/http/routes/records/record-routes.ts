/**
 * Records: create (and start the form's flow), import many (no flow), list with
 * filter/sort/cursor, read one with its instance and history. Access and redaction are decided
 * by the case service, not here.
 */
import type { FastifyInstance } from 'fastify';
import { IMPORT_MAX_ROWS } from '../../../cases/record-import.js';
import { parseFilter, parseSort } from '../../record-query.js';
import type { RouteOptions } from '../../route-options.js';
import { keyParam, problemResponses, signedIn } from '../../schemas.js';
import { recordSchema, recordViewSchema, relatedListSchema } from './record-schemas.js';

/** Largest import request body (bytes). */
const IMPORT_BODY_LIMIT = 16 * 1024 * 1024;

interface FormParams {
  app: string;
  form: string;
}

interface ListQuery {
  filter?: string;
  sort?: string;
  limit?: number;
  cursor?: string;
}

export default function recordRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  const formParams = { type: 'object', required: ['app', 'form'], properties: { app: keyParam, form: keyParam } } as const;

  app.post<{ Params: FormParams; Body: { data: Record<string, unknown> } }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary: 'Create a record and start its flow',
        security: signedIn,
        params: formParams,
        body: { type: 'object', required: ['data'], additionalProperties: false, properties: { data: { type: 'object' } } },
        response: { 201: recordViewSchema, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const view = await services.cases.createRecord(request.params.app, request.params.form, request.body.data, request.actor);
      return reply.code(201).send(view);
    },
  );

  // A CSV import arrives as text; only this plugin's routes read text/csv bodies, and only the
  // import route's schema accepts one.
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: IMPORT_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.post<{ Params: FormParams; Body: { records: unknown[] } | string }>(
    '/apps/:app/forms/:form/records/import',
    {
      // 5,000 rows of a wide form are a few MB of JSON; the default limit is for single writes.
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['records'],
        summary: 'Import many records (staff): JSON rows or a CSV file, each row validated as a creation, all stored or none; no flow starts',
        security: signedIn,
        params: formParams,
        body: {
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['records'],
                additionalProperties: false,
                properties: { records: { type: 'array', minItems: 1, maxItems: IMPORT_MAX_ROWS, items: { type: 'object' } } },
              },
            },
            'text/csv': { schema: { type: 'string', minLength: 1 } },
          },
        },
        response: {
          201: { type: 'object', required: ['imported', 'ids'], properties: { imported: { type: 'integer' }, ids: { type: 'array', items: { type: 'string' } } } },
          ...problemResponses(400, 401, 403, 404, 413, 422),
        },
      },
    },
    async (request, reply) => {
      const { app: appKey, form } = request.params;
      const body = request.body;
      const result = typeof body === 'string' ? await services.cases.importCsv(appKey, form, body, request.actor) : await services.cases.importRecords(appKey, form, body.records, request.actor);
      return reply.code(201).send(result);
    },
  );

  app.get<{ Params: FormParams; Querystring: ListQuery }>(
    '/apps/:app/forms/:form/records',
    {
      schema: {
        tags: ['records'],
        summary: 'List the records you may see; filter is JSON Logic over fields',
        security: signedIn,
        params: formParams,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            filter: { type: 'string', maxLength: 10_000 },
            sort: { type: 'string', maxLength: 500 },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
            cursor: { type: 'string', maxLength: 2000 },
          },
        },
        response: {
          200: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: recordSchema }, nextCursor: { type: 'string' } } },
          ...problemResponses(400, 401, 404),
        },
      },
    },
    async (request) => {
      const { filter, sort, limit, cursor } = request.query;
      const sortKeys = parseSort(sort);
      return services.cases.listRecords(
        request.params.app,
        request.params.form,
        { filter: parseFilter(filter), ...(sortKeys ? { sort: sortKeys } : {}), ...(limit ? { limit } : {}), ...(cursor ? { cursor } : {}) },
        request.actor,
      );
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
        response: { 200: recordViewSchema, ...problemResponses(401, 404) },
      },
    },
    async (request) => services.cases.getRecord(request.params.id, request.actor),
  );
  app.get<{ Params: { id: string; key: string } }>(
    '/records/:id/related/:key',
    {
      schema: {
        tags: ['records'],
        summary: "A related list (关联查询) of the record's form: the matching records of another form that you may see, newest first",
        security: signedIn,
        params: { type: 'object', required: ['id', 'key'], properties: { id: { type: 'string', maxLength: 100 }, key: keyParam } },
        response: { 200: relatedListSchema, ...problemResponses(400, 401, 404) },
      },
    },
    async (request) => services.cases.relatedList(request.params.id, request.params.key, request.actor),
  );
  app.post<{ Params: { id: string }; Body: { node: string; data: Record<string, unknown>; comment?: string } }>(
    '/records/:id/backfill',
    {
      schema: {
        tags: ['records'],
        summary: "Backfill (补录) fields of a done step; only that step's participants, only its backfill fields",
        security: signedIn,
        params: { type: 'object', required: ['id'], properties: { id: { type: 'string', maxLength: 100 } } },
        body: {
          type: 'object',
          required: ['node', 'data'],
          additionalProperties: false,
          properties: { node: keyParam, data: { type: 'object' }, comment: { type: 'string', maxLength: 5000 } },
        },
        response: { 200: recordViewSchema, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
    },
    async (request) => services.cases.backfill(request.params.id, request.body.node, request.body.data, request.body.comment, request.actor),
  );
  return Promise.resolve();
}
