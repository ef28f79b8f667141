/** `line`: a chart.js line chart, a line over the groups, usually days, weeks or months. */
import { ChartBody } from './chart-body.js';
import type { WidgetPart } from './widget-part.js';

export const lineWidget: WidgetPart = {
  Body: (props) => <ChartBody {...props} chart="line" />,
};
