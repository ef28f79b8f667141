/**
 * What the report routes answer: the server's own shapes (`runtime/reports/`), imported as types
 * only, so the page and the server can never drift apart. Nothing of the server is bundled.
 */
import type { JsonLogic, WidgetType } from '../../../../engine/definition/types.js';

export type { JsonLogic, WidgetType };
export type { Column, Row, Series, WidgetData } from '../../../reports/widget-shapes.js';
export type { FlowAnalytics, NodeFigures } from '../../../reports/flow-analytics.js';
export type { DashboardData } from '../../../reports/report-service.js';

export interface Period {
  from: string;
  to: string;
}
