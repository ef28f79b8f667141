/** The report pages, loaded on demand (they bring chart.js) so the rest of the app stays small. */
export { AnalyticsPage } from './analytics-page.js';
export { DashboardPage } from './dashboard-page.js';
export { RecordsPage } from './records-page.js';
export { ReportsPage } from './reports-page.js';
