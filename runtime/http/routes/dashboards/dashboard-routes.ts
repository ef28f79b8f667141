/**
 * Dashboards: every widget of a dashboard computed at once, and one widget on its own (a data
 * table's next page or another sort). The dashboard filter (date range, `f.<field>`) comes from
 * the query string; only records the viewer may see are counted.
 */
import type { FastifyInstance } from 'fastify';
import { closeReports, reportsFor } from '../../../reports/report-service.js';
import { parseSort } from '../../record-query.js';
import type { RouteOptions } from '../../route-options.js';
import {
  DashboardData,
  KeyParam,
  WidgetData,
  WidgetPreview,
  WidgetPreviewRequest,
} from '../../../../contract/index.js';
import { problemResponses, signedIn } from '../../schemas.js';
import { dashboardFilterProperties, fieldFilterPattern } from './dashboard-schemas.js';

interface TableQuery {
  cursor?: string;
  sort?: string;
  limit?: number;
}

export default function dashboardRoutes(app: FastifyInstance, { services }: RouteOptions): Promise<void> {
  app.addHook('onClose', () => closeReports(services));

  app.get<{ Params: { app: string; key: string }; Querystring: Record<string, unknown> }>(
    '/apps/:app/dashboards/:key/data',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          "Every widget's data, shaped for chart.js (labels + series; tables and pivots: columns + rows)",
        security: signedIn,
        params: { type: 'object', required: ['app', 'key'], properties: { app: KeyParam, key: KeyParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: dashboardFilterProperties,
          patternProperties: fieldFilterPattern,
        },
        response: { 200: DashboardData, ...problemResponses(400, 401, 404) },
      },
    },
    (request) =>
      reportsFor(services).dashboard(request.params.app, request.params.key, request.query, request.actor),
  );

  app.get<{
    Params: { app: string; key: string; widget: string };
    Querystring: Record<string, unknown> & TableQuery;
  }>(
    '/apps/:app/dashboards/:key/widgets/:widget/data',
    {
      schema: {
        tags: ['dashboards'],
        summary: 'One widget; for a data table, a page (keyset cursor) in any sort',
        security: signedIn,
        params: {
          type: 'object',
          required: ['app', 'key', 'widget'],
          properties: { app: KeyParam, key: KeyParam, widget: KeyParam },
        },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            ...dashboardFilterProperties,
            cursor: { type: 'string', maxLength: 2000 },
            sort: { type: 'string', maxLength: 500, description: 'As the record list: field,-field' },
            limit: { type: 'integer', minimum: 1, maximum: 500 },
          },
          patternProperties: fieldFilterPattern,
        },
        response: { 200: WidgetData, ...problemResponses(400, 401, 404) },
      },
    },
    (request) => {
      const { cursor, sort, limit, ...filter } = request.query;
      const sortKeys = parseSort(sort);
      const page = {
        ...(cursor ? { cursor } : {}),
        ...(sortKeys ? { sort: sortKeys } : {}),
        ...(limit ? { limit } : {}),
      };
      return reportsFor(services).widget(
        request.params.app,
        request.params.key,
        request.params.widget,
        filter,
        page,
        request.actor,
      );
    },
  );
  app.post<{ Params: { app: string }; Querystring: Record<string, unknown>; Body: WidgetPreviewRequest }>(
    '/apps/:app/widgets/preview',
    {
      schema: {
        tags: ['dashboards'],
        summary:
          "An unsaved widget's data, for the app's designers: checked as a published widget is (problems at /widget/…), over the viewer's records, at most rowCap records per figure and within the time limit (capped says when cut)",
        security: signedIn,
        params: { type: 'object', required: ['app'], properties: { app: KeyParam } },
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: dashboardFilterProperties,
          patternProperties: fieldFilterPattern,
        },
        body: WidgetPreviewRequest,
        response: { 200: WidgetPreview, ...problemResponses(400, 401, 403, 404, 422) },
      },
    },
    (request) =>
      reportsFor(services).preview(request.params.app, request.body.widget, request.query, request.actor),
  );
  return Promise.resolve();
}
