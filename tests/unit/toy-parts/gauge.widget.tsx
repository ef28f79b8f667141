/**
 * A toy widget type's UI part for tests/unit/ui-widget-registry.test.ts, written as an extension
 * would write one: the first figure as a gauge (a <meter> from 0 to 100). One file; one
 * `registerWidgetPart` line makes every dashboard draw it.
 */
import type { WidgetPart } from '../../../ui/widgets/widget-part.js';

export const gaugeWidget: WidgetPart = {
  Body: ({ widget, format }) => (
    <meter className="gauge" min={0} max={100} value={widget.total ?? 0}>
      {format(0, widget.total)}
    </meter>
  ),
};
