/** `bar`: a chart.js bar chart, bars per group (a second dimension: one series per value). */
import { ChartBody } from './chart-body.js';
import type { WidgetPart } from './widget-part.js';

export const barWidget: WidgetPart = {
  Body: (props) => <ChartBody {...props} chart="bar" />,
};
