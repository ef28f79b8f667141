/** What the report routes answer: the contract's shapes (contract/reports.ts), as the server declares them. */
export type {
  Column,
  DashboardData,
  FlowAnalytics,
  JsonLogic,
  NodeFigures,
  Period,
  Row,
  Series,
  WidgetData,
  WidgetType,
} from '../../../../contract/index.js';
