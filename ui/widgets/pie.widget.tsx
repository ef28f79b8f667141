/** `pie`: a chart.js pie chart, each group's share of the whole. */
import { ChartBody } from './chart-body.js';
import type { WidgetPart } from './widget-part.js';

export const pieWidget: WidgetPart = {
  Body: (props) => <ChartBody {...props} chart="pie" />,
};
