/**
 * Export a form's records as CSV or XLSX (admins and app staff), with the record list's filter and
 * sort. The body is streamed as the pages arrive; problems found before the first byte (access,
 * a bad filter) are ordinary problem+json responses.
 */
import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { usesApp } from '../../../cases/access.js';
import { listViewFor, underListView } from '../../../cases/list-views.js';
import { searchFilter } from '../../../cases/record-search.js';
import { closeReports, reportsFor } from '../../../reports/report-service.js';
import { parseFilter, parseSort } from '../../record-query.js';
import type { RouteOptions } from '../../route-options.js';
import { KeyParam } from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';

const TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export default function exportRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.addHook('onClose', () => closeReports(services));
  const definitions = services.versions;
  app.get<{
    Params: { app: string; form: string };
    Querystring: {
      format?: 'csv' | 'xlsx';
      filter?: string;
      sort?: string;
      q?: string;
      lang?: 'en' | 'zh-CN';
      view?: string;
    };
  }>(
    '/apps/:app/forms/:form/export',
    {
      schema: {
        tags: ['records'],
        summary:
          'Export records (admins and app staff) as CSV (UTF-8 with BOM, formulas neutralized) or XLSX, streamed',
        security: signedIn,
        params: { type: 'object', required: ['app', 'form'], properties: { app: KeyParam, form: KeyParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            format: { type: 'string', enum: ['csv', 'xlsx'], default: 'csv' },
            filter: { type: 'string', maxLength: 10_000, description: 'JSON Logic, as the record list' },
            sort: { type: 'string', maxLength: 500, description: 'As the record list: field,-field' },
            q: { type: 'string', maxLength: 1000, description: 'Free-text search, as the record list' },
            view: {
              type: 'string',
              maxLength: 63,
              description:
                'A list view, as the record list: its filter and sort, and its columns in its order after the ID',
            },
            lang: {
              type: 'string',
              enum: ['en', 'zh-CN'],
              description:
                "Headers and labels in this language (a download link cannot send the web app's language header)",
            },
          },
        },
        response: {
          200: {
            description:
              'The export file (text/csv or application/vnd.openxmlformats-officedocument.spreadsheetml.sheet)',
            content: {
              [TYPES.csv]: { schema: { type: 'string' } },
              [TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
            },
          },
          ...problemResponses(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'csv';
      const sort = parseSort(request.query.sort);
      const lang = request.query.lang;
      const actor = lang
        ? { ...request.actor, language: lang === 'en' ? ('en' as const) : ('zh' as const) }
        : request.actor;
      const filter = parseFilter(request.query.filter);
      const found =
        request.query.q || request.query.view
          ? await definitions.latest(request.params.app).catch(() => undefined)
          : undefined;
      const search =
        found && usesApp(actor, found) && request.query.q
          ? await searchFilter(
              { store: services.store, cases: services.cases },
              found,
              request.params.form,
              request.query.q,
              actor,
            )
          : undefined;
      const listView =
        found && usesApp(actor, found) && request.query.view
          ? listViewFor(found.forms.get(request.params.form)?.def, request.query.view, actor)
          : undefined;
      const query = underListView(
        {
          filter: search === undefined ? filter : filter === undefined ? search : { and: [filter, search] },
          ...(sort ? { sort } : {}),
          ...(listView ? { columns: listView.columns } : {}),
        },
        listView,
      );
      const write = await reportsFor(services).prepareExport(
        request.params.app,
        request.params.form,
        format,
        query,
        actor,
      );
      const body = new PassThrough();
      write(body).catch((e: unknown) => {
        request.log.error({ err: e }, 'export failed');
        body.destroy(e instanceof Error ? e : new Error(String(e)));
      });
      const day = services.clock.now().toISOString().slice(0, 10);
      return reply
        .type(TYPES[format])
        .header(
          'Content-Disposition',
          `attachment; filename="${request.params.app}-${request.params.form}-${day}.${format}"`,
        )
        .header('Cache-Control', 'no-store')
        .send(body);
    },
  );
  return Promise.resolve();
}
